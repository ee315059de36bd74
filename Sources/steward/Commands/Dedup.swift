import ArgumentParser
import Foundation
import StewardConfig
import StewardIngest
import StewardModel
import StewardPipeline

/// `steward dedup FILE… -o DIR`: zero-config deduplication.
struct Dedup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deduplicate files without a pipeline file: formats and columns detected, built-in rules.",
        discussion: """
            Each file is one source named after the file; formats come from the extensions, columns from the \
            header auto-mapping. Blocking, comparisons, thresholds and survivorship are the built-in contact \
            defaults (see 'steward plan'); every source has the same trust. Outputs as for 'steward run'.
            """
    )

    @Argument(help: "Input files.")
    var files: [String]

    @Option(name: [.short, .customLong("output")], help: "Output folder (written atomically).")
    var output: String

    @Option(help: "Default region (ISO 3166 code, e.g. US, DE) for phone numbers without a country code.")
    var region: String?

    @Flag(help: "Block only: count candidate pairs per pass; write nothing.")
    var dryRun = false

    @Option(help: "Score with the weights of this model file ('steward train' on a pipeline of built-in settings).")
    var model: String?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file") }
        _ = try RegionOption.resolve(region)
    }

    func run() throws {
        var sources: [SourceSpec] = []
        var names: Set<String> = []
        for file in files {
            guard FileManager.default.fileExists(atPath: file) else {
                throw StewardError(.fileNotFound, "no such file", location: SourceLocation(file: file))
            }
            let format = try InspectJob.format(of: file, explicit: nil)
            var name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            var n = 2
            while names.contains(name) {
                name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent + "_\(n)"
                n += 1
            }
            names.insert(name)
            sources.append(SourceSpec(name: name, format: format, files: [file]))
        }
        var spec = PipelineSpec(
            name: "dedup", file: "(command line)", defaultRegion: try RegionOption.resolve(region), sources: sources,
            outputDirectory: output)
        spec.modelFile = model
        try RunCommand.execute(spec, dryRun: dryRun, output: output, quiet: quiet)
    }
}
