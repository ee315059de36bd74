import Foundation
import StewardModel
import Testing

@testable import StewardStore

/// SIGKILL while a child process writes runs in a loop: the store stays consistent, keeps the last committed run
/// whole, the lock is free, and the next run completes.
@Suite struct CrashSafetyTests {
    /// The test-only harness beside the test bundle (same products folder).
    static var harness: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let beside = exe.deletingLastPathComponent().appendingPathComponent("steward-store-harness")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("steward-store-harness")
    }

    /// Runs the harness's crash loop and kills it `delay` seconds after it printed `afterLines` lines
    /// (`ready`, then `committing` and `committed RUN GEN` per run). Returns every line the child printed.
    static func killChild(store: String, records: Int, afterLines: Int, delay: Double) throws -> [String] {
        let process = Process()
        process.executableURL = harness
        process.arguments = ["crash-loop", store, String(records)]
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let reader = output.fileHandleForReading
        var lines: [String] = []
        var buffer = Data()
        func readLine() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[..<newline], as: UTF8.self)
                    buffer.removeSubrange(...newline)
                    return line
                }
                let chunk = reader.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
        while lines.count < afterLines, let line = readLine() { lines.append(line) }
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Lines the child printed before it died: it printed them only after their commit returned.
        while let line = readLine() { lines.append(line) }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(
            process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
            "the harness ended by itself (status \(process.terminationStatus)): \(stderr)")
        return lines
    }

    /// Kill points, by the child's lines `ready`, `committing`, `committed 1 1`, `committing`, …: before the first
    /// run, inside the first commit, between runs, inside the second commit (early, later) and after a few runs.
    /// Each commit rewrites every record and golden record, so it lasts long enough to be hit inside.
    @Test(arguments: [(1, 0.0), (2, 0.01), (3, 0.0), (4, 0.0), (4, 0.03), (4, 0.08), (7, 0.2)])
    func killedRunLeavesTheStoreConsistent(afterLines: Int, delay: Double) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("master.sqlite").path
        let records = 3000
        let lines = try Self.killChild(store: path, records: records, afterLines: afterLines, delay: delay)
        #expect(lines.first == "ready")
        let committed = lines.filter { $0.hasPrefix("committed ") }.compactMap { Int64($0.split(separator: " ")[1]) }

        // The lock died with the child; the file is sound.
        let store = try MasterStore.open(path: path)
        #expect(try store.integrityProblems().isEmpty)
        let runs = try store.runs()
        // Every run the child reported is there; at most one more (committed, killed before it printed).
        let lastReported = committed.last ?? 0
        #expect(runs.count == lastReported || runs.count == lastReported + 1)
        let prior = try store.loadPriorState()
        if let last = runs.last {
            // The last run is whole: every record and golden record carries its content, none an older one.
            #expect(prior.records.count == records)
            #expect(prior.goldens.count == records * 2 / 3)
            let generations = Set(
                try store.liveRecords().map { $0.record.fields[.title] ?? "" })
            #expect(generations == ["Account Manager (gen \(last.id))"])
            #expect(prior.goldens.values.allSatisfy { $0.memberCount >= 1 })
        } else {
            #expect(prior.records.isEmpty && prior.goldens.isEmpty)
        }
        try store.close()

        // The next run completes normally.
        let next = try Self.killChild(store: path, records: records, afterLines: 3, delay: 0)
        #expect(next.contains("committed \(runs.count + 1) \(runs.count + 1)"))
        let reopened = try MasterStore.open(path: path, mode: .readOnly)
        #expect(try reopened.integrityProblems().isEmpty)
        #expect(try reopened.runs().count >= runs.count + 1)
    }
}
