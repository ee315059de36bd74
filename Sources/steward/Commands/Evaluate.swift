import ArgumentParser
import Foundation
import StewardPipeline

/// `steward evaluate --truth truth.csv CROSSWALK.csv`: accuracy of a run against ground truth.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure a crosswalk against ground truth: pairwise precision, recall, F1 and cluster measures.",
        discussion: """
            truth.csv: columns source_id, entity_id and optionally source (then records are matched on source and \
            source_id; a crosswalk source written as a file name, crm.csv, matches crm). Records of the truth \
            missing from the crosswalk count as singletons; crosswalk rows naming no truth record are ignored \
            and counted.
            """
    )

    @Option(help: "Ground truth CSV (source_id, entity_id[, source]).")
    var truth: String

    @Argument(help: "The crosswalk.csv of a run (source, source_id, golden_id).")
    var crosswalk: String

    @Flag(help: "Print the measures as one JSON object.")
    var json = false

    @Option(help: "How many false and missed merges to list.")
    var samples = 10

    func run() throws {
        let result = try EvaluateJob.run(truth: truth, crosswalk: crosswalk, samples: samples)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
            return
        }
        func pct(_ value: Double) -> String { String(format: "%.4f", value) }
        let counts = result.counts
        print(
            "records \(counts.records) (\(counts.missingFromCrosswalk) missing from the crosswalk, as singletons; "
                + "\(counts.unknownInCrosswalk) crosswalk rows unknown to the truth)")
        print("entities \(counts.entities), clusters \(counts.clusters)")
        print("pairwise   precision \(pct(result.precision))  recall \(pct(result.recall))  F1 \(pct(result.f1))")
        print(
            "           true pairs \(result.truePairs), predicted \(result.predictedPairs), "
                + "correct \(result.truePositives)")
        print("B-cubed    precision \(pct(result.bCubedPrecision))  recall \(pct(result.bCubedRecall))")
        print("entities reconstructed exactly: \(pct(result.exactEntities))")
        print("false merges (pairs): \(result.falseMerges)")
        for pair in result.falseMergeSamples {
            print("  \(pair.a)  ≠  \(pair.b)  (same golden id, different entities)")
            if let evidence = pair.evidence { print("      \(evidence)") }
        }
        print("missed merges (pairs): \(result.missedMerges)")
        for pair in result.missedMergeSamples {
            print("  \(pair.a)  =  \(pair.b)  (one entity, different golden ids)")
            if let evidence = pair.evidence { print("      \(evidence)") }
        }
    }
}
