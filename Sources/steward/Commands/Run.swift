import ArgumentParser
import StewardConfig
import StewardModel
import StewardPipeline
import StewardReport

/// `steward run PIPELINE.yaml`: the main job.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: all sources → golden records, crosswalk, audit, review queue and summary.",
        discussion: """
            Validates the pipeline file first (errors: exit 2, nothing read). Outputs are written into the \
            pipeline's output folder atomically: a failed run leaves the previous outputs untouched. With \
            --dry-run, only counts candidate pairs per blocking pass (like 'steward plan'). Progress goes to \
            stderr (a bar on a terminal, a line every 10 s otherwise), then a one-screen summary. Exit status: 0 \
            ok, 1 finished with rejects or warnings, 2 bad pipeline file or input, 3 failure.
            """
    )

    @Argument(help: "The pipeline file (see pipelines/).")
    var pipeline: String

    @Flag(help: "Block only: count candidate pairs per pass and show the largest blocks; write nothing.")
    var dryRun = false

    @Option(
        name: [.short, .customLong("output")], help: "Write the outputs here instead of the pipeline's output.dir.")
    var output: String?

    @Option(help: "Score with the weights of this model file ('steward train'); replaces matching.model.")
    var model: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        var spec = try PipelineLoader.load(pipeline)
        if let model { spec.modelFile = model }
        try RunCommand.execute(spec, dryRun: dryRun, output: output, quiet: quiet)
    }
}

/// Shared by `run`, `dedup` and `plan`.
enum RunCommand {
    static let shownRejects = 10

    static func execute(_ spec: PipelineSpec, dryRun: Bool, output: String?, quiet: Bool) throws {
        let outcome = try RunJob.run(
            spec,
            options: RunOptions(dryRun: dryRun, outputDirectory: output, stewardVersion: StewardVersion.current),
            progress: .automatic(quiet: quiet))
        for reject in outcome.rejects.prefix(shownRejects) {
            Console.error("\(reject.location): rejected: \(reject.reason)")
        }
        if outcome.rejects.count > shownRejects {
            Console.error("… and \(outcome.rejects.count - shownRejects) more rejected record(s) (see rejects.csv)")
        }
        if dryRun {
            if let file = spec.modelFile { print("weights: trained, from \(file)") }
            print(PlanText.render(outcome.plan, model: outcome.model), terminator: "")
            for warning in outcome.summary.warnings { Console.error("warning: \(warning)") }
        } else {
            Console.error(RunSummaryFormatter.text(outcome.summary))
        }
        if outcome.status != .ok { throw CommandStatus(status: outcome.status) }
    }
}

/// Loads and validates a pipeline file; diagnostics on stderr, errors → exit 2.
enum PipelineLoader {
    static func load(_ path: String) throws -> PipelineSpec {
        let result = PipelineValidator.validate(file: path)
        for diagnostic in result.diagnostics { Console.error(diagnostic.description) }
        guard result.errors.isEmpty, let spec = result.spec else {
            Console.error("steward: \(result.errors.count) error(s) in \(path); nothing was run")
            throw CommandStatus(status: .usage)
        }
        return spec
    }
}
