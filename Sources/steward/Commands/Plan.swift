import ArgumentParser
import Foundation
import StewardModel

/// `steward plan PIPELINE.yaml`: the cost of the blocking rules before any comparison.
struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the blocking passes cost (candidate pairs per pass, largest blocks) and the match model.",
        discussion: """
            Reads and normalizes the sources, builds the blocks, and counts the pairs each pass adds; nothing is \
            compared or written. The same as 'steward run --dry-run'.
            """
    )

    @Argument(help: "The pipeline file (see pipelines/).")
    var pipeline: String

    @Option(help: "Show the weights of this model file ('steward train'); replaces matching.model.")
    var model: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        var spec = try PipelineLoader.load(pipeline)
        if let model { spec.modelFile = model }
        try RunCommand.execute(spec, dryRun: true, output: nil, quiet: quiet)
    }
}

/// The plan as text: passes with their costs, then the comparisons with each level's m, u and weight.
enum PlanText {
    static func render(_ plan: BlockingPlan, model: MatchModel) -> String {
        var out = "blocking (max block size \(plan.maxBlockSize)):\n"
        let width = max(plan.passes.map(\.name.count).max() ?? 4, 4)
        out +=
            "  " + "pass".padding(toLength: width, withPad: " ", startingAt: 0)
            + "  records  blocks     pairs  new pairs  largest blocks\n"
        for pass in plan.passes {
            let largest = pass.largest.prefix(3).map { "\($0.key) (\($0.size))" }.joined(separator: ", ")
            out += "  " + pass.name.padding(toLength: width, withPad: " ", startingAt: 0)
            out += pad(pass.keyedRecords, 9) + pad(pass.blocks, 8) + pad(pass.pairs, 10) + pad(pass.newPairs, 11)
            out += "  " + largest + "\n"
            for block in pass.skipped.prefix(5) {
                out += "    skipped: block '\(block.key)' of \(block.size) records (over the cap)\n"
            }
        }
        out += "  candidate pairs: \(plan.candidatePairs)\n"
        out += "comparisons (prior \(model.prior), weight \(String(format: "%.2f", model.priorWeight))):\n"
        for comparison in model.comparisons {
            let adjusted = comparison.termFrequency ? "  (exact level adjusted for term frequency, ±4 bits)" : ""
            out += "  \(comparison.name)\(adjusted)\n"
            for level in comparison.levels {
                out += "    " + level.label.padding(toLength: 34, withPad: " ", startingAt: 0)
                out += String(format: "m %.4f  u %.6f  weight %+.2f\n", level.m, level.u, level.weight)
            }
        }
        for rule in model.rules {
            let conditions = rule.conditions.map { "\($0.field) \($0.minimum.map { "≥ \($0)" } ?? "different")" }
            out += "rule \(rule.name): \(conditions.joined(separator: " and ")) → \(rule.decision.rawValue)\n"
        }
        out += String(
            format: "thresholds: merge ≥ %.2f, review ≥ %.2f\n", model.mergeThreshold, model.reviewThreshold)
        return out
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(width - text.count, 1)) + text
    }
}
