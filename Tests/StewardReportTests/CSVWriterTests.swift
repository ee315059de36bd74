import Foundation
import StewardModel
import Testing

@testable import StewardReport

@Suite("Formula-safe CSV writer")
struct CSVWriterTests {
    @Test(
        "quotes and neutralizes formulas",
        arguments: [
            (["plain", "a,b"], "plain,\"a,b\"\r\n"),
            (["say \"hi\"", "line1\nline2"], "\"say \"\"hi\"\"\",\"line1\nline2\"\r\n"),
            (["=HYPERLINK(\"http://x\")", "+1 415"], "\"'=HYPERLINK(\"\"http://x\"\")\",'+1 415\r\n"),
            (["-2+3", "@SUM(A1)", "\tx"], "'-2+3,'@SUM(A1),'\tx\r\n"),
            (["", "Müller"], ",Müller\r\n"),
        ])
    func row(fields: [String], expected: String) {
        var writer = CSVWriter()
        writer.writeRow(fields)
        #expect(writer.text == expected)
    }

    @Test("rejects.csv names file, line, reason and escapes raw text")
    func rejects() {
        let reject = Reject(
            source: "crm", location: SourceLocation(file: "in/a.csv", line: 7),
            reason: .wrongColumnCount(expected: 4, found: 2), rawText: "=cmd|x\n,")
        let text = String(decoding: RejectsCSV.render([reject]), as: UTF8.self)
        #expect(
            text == "source,file,line,record,reason_code,reason,raw\r\n"
                + "crm,in/a.csv,7,,wrong_column_count,\"wrong column count: expected 4, found 2\",\"'=cmd|x\\n,\"\r\n")
    }

    @Test("atomic write replaces content and leaves no temp file")
    func atomic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("steward-atomic-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.csv").path
        try AtomicFile.write(Array("old".utf8), to: path)
        try AtomicFile.write(Array("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
        #expect(throws: StewardError.self) { try AtomicFile.write([1], to: dir.path + "/missing/x.csv") }
    }
}
