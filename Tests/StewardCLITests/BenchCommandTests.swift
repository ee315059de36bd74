import Foundation
import StewardTestSupport
import Testing

@testable import steward

/// `steward bench`: the built binary end to end (generate, child runs, summary, evaluation), and its pure figures.
@Suite("steward bench")
struct BenchCommandTests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the built `steward` in `directory` (bench writes its cache under the current folder).
    func steward(_ arguments: [String], in directory: URL) throws -> Outcome {
        let process = Process()
        process.executableURL = StewardProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("stdout.txt")
        let err = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Outcome(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("bench --records 2000 --runs 2 --json: every stage, two runs, wall, RSS and F1; the input is reused")
    func endToEnd() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["bench", "--records", "2000", "--runs", "2", "--json"]

        let first = try steward(arguments, in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("bench: generating 2000 records (seed 7) into bench-data/2000-7"))
        #expect(first.stderr.contains("bench: run 2 of 2"))
        let cache = directory.appendingPathComponent("bench-data/2000-7")
        let stamp = try String(contentsOf: cache.appendingPathComponent(".bench-stamp"), encoding: .utf8)
        #expect(stamp.contains("records 2000, seed 7"))
        for file in ["truth.csv", "pipeline.yaml", "crm.csv"] {
            #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent(file).path), "\(file)")
        }

        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one JSON object: \(first.stdout)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any], "\(first.stdout)")
        #expect(object["runs"] as? Int == 2)
        #expect(object["records"] as? Int == 2000)
        #expect(object["seed"] as? Int == 7)
        let stages = try #require(object["stages"] as? [String: Double])
        let expected = ["ingest", "normalize", "table", "compare", "cluster", "merge", "write"]
        #expect(object["stage_order"] as? [String] == expected)
        for stage in expected {
            let seconds = try #require(stages[stage], "missing stage \(stage) in \(stages)")
            #expect(seconds >= 0)
        }
        let wall = try #require(object["wall_seconds"] as? [String: Double])
        let median = try #require(wall["median"]), low = try #require(wall["min"]), high = try #require(wall["max"])
        #expect(low > 0 && low <= median && median <= high)
        #expect((object["run_wall_seconds"] as? [Double])?.count == 2)
        let rss = try #require(object["peak_rss_mib"] as? Double)
        #expect(rss > 1 && rss < 4096, "peak RSS \(rss) MiB")
        #expect((object["run_peak_rss_mib"] as? [Double])?.max() == rss)
        #expect((object["records_per_second"] as? Double ?? 0) > 0)
        #expect((object["candidate_pairs"] as? Int ?? 0) > 0)
        #expect((object["candidate_pairs_per_second"] as? Double ?? 0) > 0)
        let f1 = try #require(object["f1"] as? Double)
        #expect(f1 > 0.5 && f1 <= 1, "F1 \(f1)")
        for key in ["precision", "recall"] {
            let value = try #require(object[key] as? Double)
            #expect(value > 0.5 && value <= 1, "\(key) \(value)")
        }
        // The run outputs went to a temporary folder, not into the cache, and were removed.
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("out").path))

        let second = try steward(["bench", "--records", "2000", "--runs", "1"], in: directory)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("bench: reusing the generated input in bench-data/2000-7 (stamp matches)"))
        #expect(!second.stderr.contains("bench: generating"))
        // The table names every stage and the figures.
        for word in expected + ["wall", "peak RSS", "throughput", "F1"] {
            #expect(second.stdout.contains(word), "\(word) in \(second.stdout)")
        }
    }

    @Test("a stale stamp makes bench generate again")
    func staleStamp() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = directory.appendingPathComponent("bench-data/300-3")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data("source,source_id,entity_id\n".utf8).write(to: cache.appendingPathComponent("truth.csv"))
        try Data("written by something else\n".utf8).write(to: cache.appendingPathComponent(".bench-stamp"))
        let outcome = try steward(["bench", "--records", "300", "--seed", "3", "--runs", "1", "--json"], in: directory)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("bench: generating 300 records (seed 3)"))
        let stamp = try String(contentsOf: cache.appendingPathComponent(".bench-stamp"), encoding: .utf8)
        #expect(stamp.contains("records 300, seed 3"))
    }

    @Test("an --input folder without pipeline.yaml is refused (exit 2), naming the file")
    func badInput() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let outcome = try steward(["bench", "--input", input.path], in: directory)
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("pipeline.yaml"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("the --input folder has no pipeline.yaml"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("bench: run"))

        let missing = try steward(["bench", "--input", directory.appendingPathComponent("nope").path], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("must be a folder"), "\(missing.stderr)")
    }

    @Test("a run that fails (a broken pipeline.yaml: the child exits 2) fails the bench: exit 3, the child's stderr")
    func failingRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        try Data("name: broken\nsources:\n  - name: crm\n    path: missing.csv\n".utf8)
            .write(to: input.appendingPathComponent("pipeline.yaml"))
        try Data("source,source_id,entity_id\n".utf8).write(to: input.appendingPathComponent("truth.csv"))
        let outcome = try steward(["bench", "--input", input.path, "--runs", "2"], in: directory)
        #expect(outcome.status == 3, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(
            outcome.stderr.contains("bench: run 1 exited with status 2; the end of its stderr:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("  steward: "), "the child's own lines, indented: \(outcome.stderr)")
        #expect(!outcome.stderr.contains("bench: run 2 of 2"))
    }

    @Test("--input with --records, and --runs 0, are usage errors (exit 2)")
    func usage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let both = try steward(["bench", "--input", directory.path, "--records", "10"], in: directory)
        #expect(both.status == 2)
        #expect(both.stderr.contains("leave out --records and --seed"), "\(both.stderr)")
        let none = try steward(["bench", "--runs", "0"], in: directory)
        #expect(none.status == 2)
        #expect(none.stderr.contains("--runs must be at least 1"), "\(none.stderr)")
    }

    @Test("median: the middle value, the mean of the two middle ones for an even count, 0 for none")
    func median() {
        #expect(BenchReport.median([3, 1, 2]) == 2)
        #expect(BenchReport.median([4, 1, 3, 2]) == 2.5)
        #expect(BenchReport.median([7]) == 7)
        #expect(BenchReport.median([]) == 0)
    }

    @Test("the write stage's time is read from the run's console summary (summary.json is written inside it)")
    func consoleTimings() {
        let console = """
            warning: 2 cluster(s) flagged for review (see audit.jsonl)
            timings (s)       ingest  normalize  table  compare  cluster  merge  write  total
                               0.012      0.104  0.001    0.010    0.001  0.006  0.020  0.153
            output            out/  golden.csv crosswalk.csv summary.json
            """
        let timings = BenchReport.consoleTimings(console)
        #expect(timings.map(\.0) == ["ingest", "normalize", "table", "compare", "cluster", "merge", "write"])
        #expect(timings.last?.1 == 0.020)
        #expect(BenchReport.consoleTimings("no summary here\n").isEmpty)
        #expect(BenchReport.consoleTimings("timings (s)  ingest  total\n  0.1\n").isEmpty)
    }

    @Test("thousands are grouped")
    func grouped() {
        #expect(BenchReport.grouped(0) == "0")
        #expect(BenchReport.grouped(999) == "999")
        #expect(BenchReport.grouped(1000) == "1,000")
        #expect(BenchReport.grouped(1_234_567) == "1,234,567")
        #expect(BenchReport.grouped(-12_345) == "-12,345")
    }
}
