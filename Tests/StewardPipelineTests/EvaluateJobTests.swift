import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardPipeline

@Suite("Evaluate job")
struct EvaluateJobTests {
    /// Worked by hand: entities {a, b} and {c, d}; clusters {a, b, c} and {d}.
    @Test func handWorkedExample() {
        let result = EvaluateJob.evaluate(
            entity: ["a": "1", "b": "1", "c": "2", "d": "2"], golden: ["a": "X", "b": "X", "c": "X", "d": "Y"])
        #expect(result.truePairs == 2 && result.predictedPairs == 3 && result.truePositives == 1)
        #expect(abs(result.precision - 1.0 / 3) < 1e-12 && abs(result.recall - 0.5) < 1e-12)
        #expect(abs(result.f1 - 0.4) < 1e-12)
        #expect(abs(result.bCubedPrecision - (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4) < 1e-12)
        #expect(abs(result.bCubedRecall - 0.75) < 1e-12)
        #expect(result.exactEntities == 0)
        #expect(result.falseMerges == 2 && result.missedMerges == 1)
        #expect(result.falseMergeSamples == [Evaluation.Pair(a: "a", b: "c")])
        #expect(result.missedMergeSamples == [Evaluation.Pair(a: "c", b: "d")])
    }

    @Test func perfectAndSingletonCrosswalks() {
        let entity = ["a": "1", "b": "1", "c": "2"]
        let perfect = EvaluateJob.evaluate(entity: entity, golden: ["a": "G1", "b": "G1", "c": "G2"])
        #expect(perfect.precision == 1 && perfect.recall == 1 && perfect.f1 == 1 && perfect.exactEntities == 1)
        // Records missing from the crosswalk are singletons: nothing predicted, precision 1 by convention.
        let empty = EvaluateJob.evaluate(entity: entity, golden: [:])
        #expect(empty.counts.missingFromCrosswalk == 3 && empty.predictedPairs == 0)
        #expect(empty.precision == 1 && empty.recall == 0 && empty.f1 == 0)
    }

    /// On a real run: the labelled contacts through the built-in settings, read back from the files.
    @Test func readsTruthAndCrosswalkFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("steward-eval-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let truth = directory.appendingPathComponent("truth.csv")
        let crosswalk = directory.appendingPathComponent("crosswalk.csv")
        try Data("source,source_id,entity_id\ncrm,1,E1\ncrm,2,E1\nweb,1,E2\nweb,9,E3\n".utf8).write(to: truth)
        // Sources written as file names match; an unknown row is ignored and counted; web:9 is missing.
        try Data("source,source_id,golden_id\r\ncrm.csv,1,G\r\ncrm.csv,2,G\r\nweb,1,H\r\nweb,7,Z\r\n".utf8)
            .write(to: crosswalk)
        let result = try EvaluateJob.run(truth: truth.path, crosswalk: crosswalk.path)
        #expect(result.counts.records == 4 && result.counts.unknownInCrosswalk == 1)
        #expect(result.counts.missingFromCrosswalk == 1)
        #expect(result.f1 == 1)
        let bad = try #require(throws: StewardError.self) {
            try EvaluateJob.run(truth: crosswalk.path, crosswalk: crosswalk.path)
        }
        #expect(bad.description.contains("no 'entity_id' column"))
    }
}
