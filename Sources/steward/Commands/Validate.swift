import ArgumentParser
import StewardConfig
import StewardModel

/// `steward validate PIPELINE.yaml`: lint and resolve a pipeline file, nothing else.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a pipeline file: every problem with file:line:col, key path and a suggested fix.",
        discussion: """
            Runs only the lint and resolve phases (YAML, keys, types, registries, field names, input files \
            and globs); nothing is read or written. Exit status: 0 clean, 1 warnings only, 2 errors.
            """
    )

    @Argument(help: "The pipeline file (see pipelines/).")
    var pipeline: String

    func run() throws {
        let result = PipelineValidator.validate(file: pipeline)
        for diagnostic in result.diagnostics { Console.error(diagnostic.description) }
        if !result.errors.isEmpty {
            Console.error(
                "steward: \(result.errors.count) error(s), \(result.warnings.count) warning(s) in \(pipeline)")
            throw CommandStatus(status: .usage)
        }
        if let spec = result.spec {
            let files = spec.sources.reduce(0) { $0 + $1.files.count }
            print(
                "\(pipeline): ok: pipeline '\(spec.name)', \(spec.sources.count) source(s), \(files) file(s), "
                    + "\(spec.blocking.count) blocking pass(es), \(spec.comparisons.count) comparison(s)")
        }
        if !result.warnings.isEmpty { throw CommandStatus(status: .finishedWithRejects) }
    }
}
