import Foundation
import StewardModel
import Testing

@testable import StewardReport

/// Writing the output folder: all files at once, previous output replaced whole, nothing changed on failure.
@Suite("Run report writer")
struct RunReportWriterTests {
    /// A fresh folder for one test, removed afterwards; `out` inside it is the output folder.
    final class Sandbox {
        let root: String
        var out: String { root + "/out" }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("steward-report-\(UUID())").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        deinit {
            _ = chmod(root, 0o755)
            try? FileManager.default.removeItem(atPath: root)
        }

        func entries(_ folder: String? = nil) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder ?? root).sorted()
        }

        func read(_ name: String) throws -> String { try String(contentsOfFile: out + "/" + name, encoding: .utf8) }

        func write(_ text: String, _ name: String) throws {
            try text.write(toFile: out + "/" + name, atomically: false, encoding: .utf8)
        }
    }

    struct InjectedFault: Error {}

    @Test("writes every file, and a second write replaces the first completely")
    func writeAndReplace() throws {
        let sandbox = try Sandbox()
        let first = RunOutputFixture.output()
        try RunReportWriter.write(first, to: sandbox.out)
        #expect(try sandbox.entries(sandbox.out) == RunReportWriter.fileNames.sorted())
        #expect(try sandbox.read("golden.csv") == String(decoding: GoldenCSV.render(first), as: UTF8.self))
        #expect(try sandbox.read("summary.json") == String(decoding: try first.summary.json(), as: UTF8.self))
        try sandbox.write("<html>old</html>", "report.html")  // a file a later version writes

        // When: a second run with one record fewer and no reject.
        var second = first
        second.records.removeLast()
        second.normalized.removeLast()
        second.match.pairs.remove(at: 1)
        second.clusters.clusters[0].flags = []
        second.clusters.clusters.removeLast()
        second.clusters.clusterOf.removeLast()
        second.clusters.review = [1]
        second.merge.golden.removeLast()
        second.merge.goldenOf.removeLast()
        second.rejects = []
        try RunReportWriter.write(second, to: sandbox.out + "/")

        // Then: exactly the second run's files, nothing of the first, no temporary or old folder beside it.
        #expect(try sandbox.entries(sandbox.out) == RunReportWriter.fileNames.sorted())
        #expect(try sandbox.entries() == ["out"])
        #expect(
            try sandbox.read("crosswalk.csv")
                == "source,source_id,golden_id\r\ncrm,c1,G-1\r\ncards,v1,G-1\r\ncrm,c2,G-2\r\ncards,v2,G-3\r\n")
        #expect(try sandbox.read("rejects.csv") == "source,file,line,record,reason_code,reason,raw\r\n")
        #expect(try !sandbox.read("golden.csv").contains("G-4"))
        #expect(try sandbox.read("audit.jsonl").contains("\"flags\":[]"))
    }

    @Test("creates missing parent folders")
    func createsParents() throws {
        let sandbox = try Sandbox()
        try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.root + "/a/b/out")
        #expect(try sandbox.entries(sandbox.root + "/a/b/out").count == RunReportWriter.fileNames.count)
    }

    @Test(
        "a failure leaves the previous output intact and removes the temporary folder",
        arguments: [AtomicDirectory.Step.filesWritten, .movedAside])
    func failureKeepsPrevious(step: AtomicDirectory.Step) throws {
        let sandbox = try Sandbox()
        let output = RunOutputFixture.output()
        try RunReportWriter.write(output, to: sandbox.out)
        let before = try RunReportWriter.fileNames.map { try sandbox.read($0) }

        var second = output
        second.rejects = []
        let error = try #require(throws: StewardError.self) {
            try AtomicDirectory.replace(
                sandbox.out, with: try RunReportWriter.files(second), replaceable: RunReportWriter.replaceable,
                fault: { if $0 == step { throw InjectedFault() } })
        }
        #expect(error.underlying is InjectedFault)
        #expect(error.description == "\(sandbox.out): cannot write the output folder: cannot write the output")
        #expect(try sandbox.entries() == ["out"])
        #expect(try RunReportWriter.fileNames.map { try sandbox.read($0) } == before)
    }

    @Test("a failure with no previous output leaves nothing behind")
    func failureWithoutPrevious() throws {
        let sandbox = try Sandbox()
        #expect(throws: StewardError.self) {
            try AtomicDirectory.replace(
                sandbox.out, with: try RunReportWriter.files(RunOutputFixture.output()),
                replaceable: RunReportWriter.replaceable, fault: { _ in throw InjectedFault() })
        }
        #expect(try sandbox.entries().isEmpty)
    }

    @Test("a folder holding other files is never replaced")
    func foreignFiles() throws {
        let sandbox = try Sandbox()
        try FileManager.default.createDirectory(atPath: sandbox.out, withIntermediateDirectories: true)
        try sandbox.write("keep me", "notes.txt")
        let error = try #require(throws: StewardError.self) {
            try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.out)
        }
        #expect(error.message.contains("notes.txt"))
        #expect(error.location?.file == sandbox.out)
        #expect(try sandbox.entries() == ["out"])
        #expect(try sandbox.entries(sandbox.out) == ["notes.txt"])
    }

    @Test("a file where the folder should be, or a file as parent, is an error naming the path")
    func notAFolder() throws {
        let sandbox = try Sandbox()
        try "x".write(toFile: sandbox.out, atomically: false, encoding: .utf8)
        let error = try #require(throws: StewardError.self) {
            try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.out)
        }
        #expect(error.message.contains("not a folder"))
        #expect(throws: StewardError.self) {
            try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.out + "/x")
        }
        #expect(try sandbox.entries() == ["out"])
        #expect(try String(contentsOfFile: sandbox.out, encoding: .utf8) == "x")
    }

    @Test("inconsistent stage outputs write nothing")
    func inconsistent() throws {
        let sandbox = try Sandbox()
        var output = RunOutputFixture.output()
        output.merge.goldenOf.removeLast()
        let error = try #require(throws: StewardError.self) { try RunReportWriter.write(output, to: sandbox.out) }
        #expect(error.code == .internalFailure)
        #expect(try sandbox.entries().isEmpty)
    }

    @Test(
        "an unwritable parent folder fails cleanly (skipped as root, who may write anywhere)",
        .enabled(if: getuid() != 0))
    func readOnlyParent() throws {
        let sandbox = try Sandbox()
        try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.out)
        let before = try sandbox.read("golden.csv")
        #expect(chmod(sandbox.root, 0o555) == 0)
        #expect(throws: StewardError.self) {
            var second = RunOutputFixture.output()
            second.merge.golden[0].goldenID = "G-new"
            try RunReportWriter.write(second, to: sandbox.out)
        }
        #expect(chmod(sandbox.root, 0o755) == 0)
        #expect(try sandbox.entries() == ["out"])
        #expect(try sandbox.read("golden.csv") == before)
    }

    @Test("a symbolic link to the output folder is followed")
    func symlink() throws {
        let sandbox = try Sandbox()
        try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.out)
        try FileManager.default.createSymbolicLink(atPath: sandbox.root + "/link", withDestinationPath: "out")
        try RunReportWriter.write(RunOutputFixture.output(), to: sandbox.root + "/link")
        #expect(try sandbox.entries() == ["link", "out"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.root + "/link") == "out")
        #expect(try sandbox.entries(sandbox.out).count == RunReportWriter.fileNames.count)
    }
}
