import ArgumentParser
import Foundation
import StewardConfig
import StewardMatch
import StewardModel
import StewardPipeline

/// `steward train PIPELINE.yaml`: learn the pipeline's Fellegi-Sunter weights from its own records.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Learn m, u and the prior of a pipeline's comparisons from its records (Fellegi-Sunter EM).",
        discussion: """
            Reads and normalizes the sources as 'steward run' does, estimates u from random record pairs and m \
            by expectation-maximisation over each blocking pass's pairs (comparisons of a pass's key fields are \
            estimated by the other passes), and the prior from the candidate pairs. Prints the learned weights \
            per comparison and level beside the weights before training, and writes the model file: -o, else the \
            pipeline's matching.model, else PIPELINE.model.json beside the pipeline file. Use it with \
            'matching: { model: FILE }' in the pipeline, or 'steward run PIPELINE --model FILE'. The same data, \
            pipeline and seed give the same file. Exit status: 0 ok, 1 trained with warnings (levels kept or \
            clamped, passes left out, rejected rows; listed on stderr), 2 bad pipeline file or input, 3 failure.
            """
    )

    @Argument(help: "The pipeline file (see pipelines/).")
    var pipeline: String

    @Option(name: [.short, .customLong("output")], help: "Write the model here (default: see above).")
    var output: String?

    @Option(help: "Seed of the random pairs and of the sampling of large blocking passes.")
    var seed: UInt64 = TrainingOptions.defaultSeed

    @Option(help: "Random record pairs compared to estimate u (all pairs when there are fewer).")
    var pairs: Int = TrainingOptions.defaultRandomPairs

    @Option(help: "Pairs of one blocking pass compared for EM at most (larger passes are sampled).")
    var passPairs: Int = TrainingOptions.defaultMaxPairsPerPass

    @Option(help: "EM iterations per blocking pass at most.")
    var iterations: Int = 100

    @Flag(help: "Print the table only; write no model file.")
    var dryRun = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if pairs < 1 { throw ValidationError("--pairs must be at least 1") }
        if passPairs < 1 { throw ValidationError("--pass-pairs must be at least 1") }
        if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        let spec = try PipelineLoader.load(pipeline)
        let file = dryRun ? nil : (output ?? TrainJob.defaultModelFile(spec))
        let options = TrainingOptions(
            seed: seed, randomPairs: pairs, maxPairsPerPass: passPairs, maxIterations: iterations)
        let outcome = try TrainJob.run(spec, options: options, output: file, progress: .automatic(quiet: quiet))
        for reject in outcome.rejects.prefix(RunCommand.shownRejects) {
            Console.error("\(reject.location): rejected: \(reject.reason)")
        }
        if outcome.rejects.count > RunCommand.shownRejects {
            Console.error("… and \(outcome.rejects.count - RunCommand.shownRejects) more rejected record(s)")
        }
        print(TrainText.render(outcome.training), terminator: "")
        for warning in outcome.warnings { Console.error("warning: \(warning)") }
        if let file {
            let seconds = outcome.timings.map { "\($0.stage) \(String(format: "%.2f", $0.seconds))" }
            Console.error(
                "model written to \(file) (s: \(seconds.joined(separator: ", "))); use it with 'matching: { model: "
                    + "\(Self.reference(model: file, pipeline: pipeline)) }' or 'steward run \(pipeline) --model \(file)'"
            )
        }
        if outcome.status != .ok { throw CommandStatus(status: outcome.status) }
    }

    /// How the pipeline file names the model: its file name when the two share a folder (`matching.model` is
    /// relative to the pipeline file), else its absolute path.
    static func reference(model: String, pipeline: String) -> String {
        let modelURL = URL(fileURLWithPath: model).standardizedFileURL
        let folder = URL(fileURLWithPath: pipeline).standardizedFileURL.deletingLastPathComponent()
        return modelURL.deletingLastPathComponent().path == folder.path ? modelURL.lastPathComponent : modelURL.path
    }
}

/// The learned weights as a table for people: per comparison and level m, u, the weight before and after, and
/// where m and u came from; then the prior and the blocking passes' EM runs.
enum TrainText {
    static func render(_ result: TrainingResult) -> String {
        let trained = result.trained
        let before = result.initial
        var out =
            "trained on \(trained.records) records: u from \(trained.randomPairs) random pairs, m by EM over "
            + "\(trained.blockedPairs) blocked pairs, seed \(trained.seed)\n"
        out += String(
            format: "prior λ %.6g (before %.6g), weight %+.2f (before %+.2f); expected matching pairs %.1f\n",
            trained.prior, before.prior, result.model.priorWeight, before.priorWeight, trained.expectedMatches)
        out += "\n"
        out +=
            "  " + "level".padding(toLength: 32, withPad: " ", startingAt: 0)
            + "        m          u   weight   before  m, u from\n"
        for (c, comparison) in trained.comparisons.enumerated() {
            out += "\(comparison.name)\n"
            for (l, level) in comparison.levels.enumerated() {
                let old = before.comparisons[c].levels[l]
                out += "  " + level.label.padding(toLength: 32, withPad: " ", startingAt: 0)
                out += String(
                    format: " %8.6f %10.3g %+8.2f %+8.2f  ", level.m, level.u, level.weight, old.weight)
                out += "\(level.mSource.rawValue), \(level.uSource.rawValue)\n"
            }
        }
        out += "\nblocking passes (EM per pass; a pass leaves out the comparisons of its own keys):\n"
        for pass in trained.passes {
            out += "  \(pass.name): \(pass.pairs) pairs"
            if pass.sampled < 1 { out += String(format: " (sampled %.3g)", pass.sampled) }
            if pass.iterations > 0 {
                out += String(format: ", λ %.4f, %.1f matches", pass.lambda, pass.expectedMatches)
                out += ", \(pass.iterations) iterations" + (pass.converged ? "" : " (not converged)")
            }
            out += pass.used ? "" : ", not used"
            out += "\n"
            if !pass.estimated.isEmpty { out += "    estimated: \(pass.estimated.joined(separator: ", "))\n" }
        }
        out += "\nm, u from: trained = estimated from the data; kept = the pipeline's value (no pairs at that level); "
        out += "clamped = moved so agreement counts for a match and disagreement against; bound = no random pair "
        out += "at that level, u = 3/N\n"
        return out
    }
}
