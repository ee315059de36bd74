import ArgumentParser
import Dispatch
import Foundation
import StewardGenerate
import StewardModel
import StewardPipeline
import StewardReport

/// `steward bench`: generates (or reuses) a synthetic input, runs the full job several times as a child process
/// and reports per-stage medians, wall time, peak RSS, throughput and accuracy against the truth.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark the full job: per-stage time, wall time, peak memory, throughput and accuracy.",
        discussion: """
            Generates the input with 'steward generate' (default mix) into bench-data/<records>-<seed>/ under the \
            current folder, or reuses it when a stamp there says it was written for the same options; --input \
            uses a folder of your own instead (pipeline.yaml and truth.csv, e.g. from 'steward generate'). Then \
            runs 'steward run DIR/pipeline.yaml -o <temporary folder> --quiet' RUNS times as a child process of \
            this executable, timing each run's wall clock and reading its peak resident set size (wait4), reads \
            each run's summary.json for the stage timings and counts, and scores the last run's crosswalk \
            against truth.csv (pairwise precision, recall, F1). Prints per stage the median seconds, the wall time \
            (median, min, max), the peak RSS (max over runs), throughput (records/s over the median wall, \
            candidate pairs/s over the median compare stage) and the accuracy; --json prints the same as one \
            JSON object. Progress goes to stderr. A run that exits 1 (warnings) counts; a run that fails makes \
            the bench fail (exit 3, with the end of the run's stderr).
            """
    )

    static let defaultRecords = 1_000_000
    static let defaultSeed: UInt64 = 7
    /// Lines of a failed child's stderr shown.
    static let stderrTail = 20

    @Option(help: "Records to generate (default 1000000).")
    var records: Int?

    @Option(help: "Seed of the generated input (default 7).")
    var seed: UInt64?

    @Option(help: "How many times to run the job.")
    var runs = 3

    @Option(
        help: """
            Threads for the job. Passed as 'run --threads T' once 'steward run' has that option; until then as \
            the environment variable STEWARD_THREADS (reserved for the throughput work; no stage reads it yet).
            """)
    var threads: Int?

    @Option(help: "Use this folder (pipeline.yaml, truth.csv) instead of generating one.")
    var input: String?

    @Flag(help: "Keep every run's outputs (their folder is named on stderr).")
    var keep = false

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if input != nil && (records != nil || seed != nil) {
            throw ValidationError("--input uses a folder as it is; leave out --records and --seed")
        }
        if input == nil {
            do {
                try GenerateOptions(records: records ?? Self.defaultRecords, seed: seed ?? Self.defaultSeed).validate()
            } catch let error as StewardError {
                throw ValidationError(error.message)
            }
        }
    }

    func run() throws {
        let folder = try input.map(Self.checkInput) ?? prepareGenerated()
        let pipeline = folder + "/pipeline.yaml"
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent(
            "steward-bench-\(ProcessInfo.processInfo.processIdentifier)"
        ).path
        try? fm.removeItem(atPath: scratch)
        do {
            try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw StewardError(
                .internalFailure, "cannot create the bench's temporary folder \(scratch): \(error.localizedDescription)"
            )
        }
        defer {
            if keep {
                Console.error("bench: run outputs kept in \(scratch)")
            } else {
                try? fm.removeItem(atPath: scratch)
            }
        }

        var arguments: [String] = []
        var environment = ProcessInfo.processInfo.environment
        if let threads {
            if Self.runHasThreadsOption {
                arguments += ["--threads", String(threads)]
            } else {
                environment["STEWARD_THREADS"] = String(threads)
                Console.error(
                    "bench: 'steward run' has no --threads option yet; passing STEWARD_THREADS=\(threads) "
                        + "(reserved for the throughput work; no stage reads it yet)")
            }
        }

        var measured: [BenchRun] = []
        var lastOutput = ""
        for index in 1...runs {
            let output = scratch + "/run-\(index)"
            let stderrPath = scratch + "/run-\(index).stderr"
            Console.error("bench: run \(index) of \(runs): steward run \(pipeline) -o \(output) --quiet")
            let outcome = try ChildProcess.run(
                executable: ChildProcess.currentExecutable,
                arguments: ["run", pipeline, "-o", output, "--quiet"] + arguments, environment: environment,
                stdoutPath: scratch + "/run-\(index).stdout", stderrPath: stderrPath)
            guard let status = outcome.exitStatus, status <= ExitStatus.finishedWithRejects.rawValue else {
                let how =
                    outcome.exitStatus.map { "exited with status \($0)" }
                    ?? "was killed by signal \(outcome.signal ?? 0)"
                Console.error("bench: run \(index) \(how); the end of its stderr:")
                for line in Self.tail(of: stderrPath, lines: Self.stderrTail) { Console.error("  \(line)") }
                throw CommandStatus(status: .failure)
            }
            let summary = try Self.readSummary(output + "/summary.json")
            // summary.json is written inside the write stage, so it cannot hold that stage's own time: stages it
            // lacks are taken from the run's console summary on stderr (milliseconds).
            var stages = summary.timings.map { ($0.stage, $0.seconds) }
            let console = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
            for (stage, seconds) in BenchReport.consoleTimings(console) where !stages.contains(where: { $0.0 == stage })
            {
                stages.append((stage, seconds))
            }
            let run = BenchRun(
                wallSeconds: outcome.wallSeconds, peakRSSBytes: outcome.peakRSSBytes, exitStatus: status,
                stages: stages, records: summary.counts.recordsRead,
                candidatePairs: summary.counts.candidatePairs, compared: summary.counts.compared)
            measured.append(run)
            lastOutput = output
            Console.error(
                "bench: run \(index) of \(runs): "
                    + String(
                        format: "wall %.3f s, peak RSS %.1f MiB, exit %d", run.wallSeconds,
                        Double(run.peakRSSBytes) / 1_048_576, status))
        }

        Console.error("bench: scoring the last run's crosswalk against \(folder)/truth.csv")
        let evaluation = try EvaluateJob.run(
            truth: folder + "/truth.csv", crosswalk: lastOutput + "/crosswalk.csv", samples: 0)
        let report = BenchReport(
            input: folder, seed: input == nil ? seed ?? Self.defaultSeed : nil, threads: threads,
            cores: ProcessInfo.processInfo.activeProcessorCount, runs: measured, evaluation: evaluation)
        if json {
            print(try report.json())
        } else {
            print(report.text(), terminator: "")
        }
    }

    /// `steward run` accepts `--threads` (this executable's own `run`, so its help is the child's).
    static var runHasThreadsOption: Bool { Run.helpMessage().contains("--threads") }

    /// The generated input folder: reused when its stamp matches the options, else (re)generated.
    func prepareGenerated() throws -> String {
        let options = GenerateOptions(records: records ?? Self.defaultRecords, seed: seed ?? Self.defaultSeed)
        let folder = "bench-data/\(options.records)-\(options.seed)"
        let stampPath = folder + "/" + BenchStamp.fileName
        let stamp = BenchStamp.text(options)
        let fm = FileManager.default
        if fm.fileExists(atPath: folder + "/truth.csv"), fm.fileExists(atPath: folder + "/pipeline.yaml"),
            let existing = try? String(contentsOfFile: stampPath, encoding: .utf8), existing == stamp
        {
            Console.error("bench: reusing the generated input in \(folder) (stamp matches)")
            return folder
        }
        Console.error("bench: generating \(options.records) records (seed \(options.seed)) into \(folder)")
        try fm.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
        var lastReport = DispatchTime.now().uptimeNanoseconds
        let summary = try GenerateJob.run(options, directory: folder) { done, total in
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastReport >= 2_000_000_000 else { return }
            lastReport = now
            Console.error("bench: generate: \(done) of \(total) records")
        }
        do {
            try Data(stamp.utf8).write(to: URL(fileURLWithPath: stampPath), options: .atomic)
        } catch {
            throw StewardError(
                .fileUnreadable, "cannot write the stamp: \(error.localizedDescription)",
                location: SourceLocation(file: stampPath))
        }
        Console.error(String(format: "bench: generated %d records in %.1f s", summary.records, summary.seconds))
        return folder
    }

    /// A folder given with `--input`: it must hold `pipeline.yaml` and `truth.csv`.
    static func checkInput(_ path: String) throws -> String {
        let folder = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StewardError(
                .fileNotFound,
                "--input must be a folder holding pipeline.yaml and truth.csv (e.g. from "
                    + "'steward generate')", location: SourceLocation(file: folder))
        }
        for file in ["pipeline.yaml", "truth.csv"]
        where !FileManager.default.fileExists(atPath: folder + "/" + file) {
            throw StewardError(
                .fileNotFound,
                "the --input folder has no \(file); bench needs pipeline.yaml and truth.csv "
                    + "(e.g. from 'steward generate')", location: SourceLocation(file: folder + "/" + file))
        }
        return folder
    }

    static func readSummary(_ path: String) throws -> RunSummary {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(
                positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
            return try decoder.decode(RunSummary.self, from: data)
        } catch {
            throw StewardError(
                .internalFailure, "cannot read the run's summary: \(error)", location: SourceLocation(file: path))
        }
    }

    /// The last `lines` lines of a text file (empty when it cannot be read).
    static func tail(of path: String, lines: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let all = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Array(all.suffix(lines))
    }
}

/// The stamp a generated bench input carries, so a later bench knows it was written for the same options.
enum BenchStamp {
    static let fileName = ".bench-stamp"

    static func text(_ options: GenerateOptions) -> String {
        let formats = options.formats.map(\.rawValue).joined(separator: ",")
        return "steward bench input: steward \(StewardVersion.current), records \(options.records), seed "
            + "\(options.seed), dup-rate \(options.dupRate), formats \(formats)\n"
    }
}

/// One measured run of the job.
struct BenchRun: Sendable {
    var wallSeconds: Double
    var peakRSSBytes: Int
    var exitStatus: Int32
    /// Stage timings from summary.json, in stage order.
    var stages: [(String, Double)]
    var records: Int
    var candidatePairs: Int
    var compared: Int
}

/// The figures `steward bench` prints, from the runs and the evaluation of the last one.
struct BenchReport: Sendable, Encodable {
    struct Spread: Sendable, Encodable {
        var median: Double
        var min: Double
        var max: Double
    }

    var input: String
    /// The generator's seed; nil for `--input`.
    var seed: UInt64?
    var threads: Int?
    var cores: Int
    var runs: Int
    /// Records read by the job (the last run's count; every run reads the same input).
    var records: Int
    var candidatePairs: Int
    var compared: Int
    /// Stage names in the order the job runs them.
    var stageOrder: [String]
    /// Median seconds per stage.
    var stages: [String: Double]
    var wallSeconds: Spread
    var runWallSeconds: [Double]
    /// Max over the runs.
    var peakRSSMiB: Double
    var runPeakRSSMiB: [Double]
    var recordsPerSecond: Double
    var candidatePairsPerSecond: Double
    var precision: Double
    var recall: Double
    var f1: Double
    var stewardVersion: String

    enum CodingKeys: String, CodingKey {
        case input, seed, threads, cores, runs, records, compared, stages, precision, recall, f1
        case candidatePairs = "candidate_pairs"
        case stageOrder = "stage_order"
        case wallSeconds = "wall_seconds"
        case runWallSeconds = "run_wall_seconds"
        case peakRSSMiB = "peak_rss_mib"
        case runPeakRSSMiB = "run_peak_rss_mib"
        case recordsPerSecond = "records_per_second"
        case candidatePairsPerSecond = "candidate_pairs_per_second"
        case stewardVersion = "steward_version"
    }

    init(input: String, seed: UInt64?, threads: Int?, cores: Int, runs: [BenchRun], evaluation: Evaluation) {
        self.input = input
        self.seed = seed
        self.threads = threads
        self.cores = cores
        self.runs = runs.count
        let last = runs.last
        records = last?.records ?? 0
        candidatePairs = last?.candidatePairs ?? 0
        compared = last?.compared ?? 0
        var order: [String] = []
        var values: [String: [Double]] = [:]
        for run in runs {
            for (stage, seconds) in run.stages {
                if values[stage] == nil { order.append(stage) }
                values[stage, default: []].append(seconds)
            }
        }
        stageOrder = order
        stages = values.mapValues(BenchReport.median)
        runWallSeconds = runs.map(\.wallSeconds)
        wallSeconds = Spread(
            median: BenchReport.median(runWallSeconds), min: runWallSeconds.min() ?? 0, max: runWallSeconds.max() ?? 0)
        runPeakRSSMiB = runs.map { Double($0.peakRSSBytes) / 1_048_576 }
        peakRSSMiB = runPeakRSSMiB.max() ?? 0
        recordsPerSecond = wallSeconds.median > 0 ? Double(records) / wallSeconds.median : 0
        let compare = stages["compare"] ?? 0
        candidatePairsPerSecond = compare > 0 ? Double(candidatePairs) / compare : 0
        precision = evaluation.precision
        recall = evaluation.recall
        f1 = evaluation.f1
        stewardVersion = StewardVersion.current
    }

    /// The median; the mean of the two middle values for an even count; 0 for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The stage timings of a run's console summary (`steward run` prints it on stderr, even with `--quiet`): the
    /// line `timings (s)  ingest … write  total` and the line of seconds under it; `total` left out.
    static func consoleTimings(_ console: String) -> [(String, Double)] {
        let lines = console.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.lastIndex(where: { $0.hasPrefix("timings (s)") }), index + 1 < lines.count else {
            return []
        }
        let names = lines[index].dropFirst("timings (s)".count).split(separator: " ")
        let values = lines[index + 1].split(separator: " ").compactMap { Double($0) }
        guard names.count == values.count else { return [] }
        return zip(names, values).filter { $0.0 != "total" }.map { (String($0.0), $0.1) }
    }

    /// `1234567` → `1,234,567`, as the run summary writes numbers.
    static func grouped(_ value: Int) -> String { RunSummaryFormatter.grouped(value) }

    /// One JSON object, keys sorted.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The table: per stage the median seconds and share of the stages' sum, then wall, memory, throughput and
    /// accuracy.
    func text() -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
        }
        func left(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        var header = "steward bench · \(Self.grouped(records)) records (\(input)"
        if let seed { header += ", seed \(seed)" }
        header += ") · \(runs) run\(runs == 1 ? "" : "s") · \(cores) cores"
        if let threads { header += " · --threads \(threads)" }
        header += " · steward \(stewardVersion)"
        var lines = [header, "", pad("stage", 14) + left("median s", 10) + left("share", 9)]
        let total = stageOrder.reduce(0) { $0 + (stages[$1] ?? 0) }
        for stage in stageOrder {
            let seconds = stages[stage] ?? 0
            let share = total > 0 ? seconds / total * 100 : 0
            lines.append(
                pad(stage, 14) + left(String(format: "%.3f", seconds), 10) + left(String(format: "%.1f%%", share), 9))
        }
        lines.append(pad("stages, sum", 14) + left(String(format: "%.3f", total), 10))
        lines.append("")
        lines.append(
            pad("wall", 14)
                + String(
                    format: "%.3f s median (min %.3f, max %.3f)", wallSeconds.median, wallSeconds.min, wallSeconds.max))
        lines.append(pad("peak RSS", 14) + String(format: "%.1f MiB (max over runs)", peakRSSMiB))
        lines.append(
            pad("throughput", 14) + "\(Self.grouped(Int(recordsPerSecond.rounded()))) records/s (median wall) · "
                + "\(Self.grouped(Int(candidatePairsPerSecond.rounded()))) candidate pairs/s (median compare; "
                + "\(Self.grouped(candidatePairs)) pairs)")
        lines.append(
            pad("accuracy", 14)
                + String(format: "precision %.4f · recall %.4f · F1 %.4f", precision, recall, f1)
                + " (pairwise, last run vs truth.csv)")
        return lines.joined(separator: "\n") + "\n"
    }
}
