import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Ingests `testdata/<relative>` as vCard with the file name as display path.
func ingestVCardFixture(_ relative: String, options: VCardOptions = VCardOptions()) throws -> IngestResult {
    let name = (relative as NSString).lastPathComponent
    return VCardIngester(options: options).ingest(
        bytes: Array(try Fixtures.data(relative)), displayPath: name, source: "test")
}

/// Ingests vCard text given inline.
func ingestVCard(_ text: String, options: VCardOptions = VCardOptions()) -> IngestResult {
    VCardIngester(options: options).ingest(bytes: Array(text.utf8), displayPath: "t.vcf", source: "test")
}

@Suite("vCard bad input")
struct VCardBadInputTests {
    /// A `# name: N` comment line of an expected-rejects file, if present.
    static func limit(_ name: String, in text: String) -> Int? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# \(name):") }) else { return nil }
        let number = line.dropFirst("# \(name):".count).prefix(while: { $0 != "(" })
        return Int(number.trimmingCharacters(in: .whitespaces))
    }

    @Test(
        "each bad file yields exactly its expected rejects, located at the card's BEGIN, and the cards around it",
        arguments: [
            "vcard_missing_end", "vcard_truncated", "vcard_garbage_line", "vcard_begin_not_vcard",
            "vcard_duplicate_uid", "vcard_huge_field", "vcard_oversized_card", "vcard_empty_card", "vcard_nul_byte",
            "vcard_text_outside_cards",
        ])
    func badFiles(name: String) throws {
        let expectedText = String(decoding: try Fixtures.data("bad/\(name).expected-rejects.tsv"), as: UTF8.self)
        var options = VCardOptions()
        if let limit = VCardBadInputTests.limit("max_field_bytes", in: expectedText) { options.maxFieldBytes = limit }
        if let limit = VCardBadInputTests.limit("max_card_bytes", in: expectedText) { options.maxCardBytes = limit }
        let result = try ingestVCardFixture("bad/\(name).vcf", options: options)
        let expected = try Fixtures.referenceTable("bad/\(name).expected-rejects.tsv").map {
            "\($0["line"] ?? "")\t\($0["code"] ?? "")\t\($0["reason"] ?? "")"
        }
        #expect(rejectLines(result) == expected)
        #expect(result.rejects.allSatisfy { $0.location.file == "\(name).vcf" && $0.source == "test" })
        // Every file has Ann Lee before the defect and Cy Young after it (the duplicate-UID file: its first two).
        let names = result.records.map { $0.fields[.fullName] ?? "" }
        #expect(names.prefix(2) == ["Ann Lee", "Cy Young"], "\(names)")
        #expect(result.records.count == 2)
    }

    @Test("rejects keep the card's raw text from its BEGIN line, control characters escaped")
    func rawText() throws {
        let missingEnd = try ingestVCardFixture("bad/vcard_missing_end.vcf")
        #expect(
            missingEnd.rejects.map(\.rawText) == [
                "BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Bob Missing-End\\r\\nEMAIL:bob@example.com\\r\\n"
            ])
        let garbage = try ingestVCardFixture("bad/vcard_garbage_line.vcf")
        #expect(
            garbage.rejects.map(\.rawText) == [
                "BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Eve Garbage\\r\\nCall back next week"
            ])
        let nul = try ingestVCardFixture("bad/vcard_nul_byte.vcf")
        #expect(
            nul.rejects.map(\.rawText) == ["BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Hal\\u{0}Nul\\r\\nEND:VCARD\\r\\n"])
        // A 24 KB photo does not end up in the reject: Reject keeps 200 characters.
        let oversized = try ingestVCardFixture(
            "bad/vcard_oversized_card.vcf", options: VCardOptions(maxCardBytes: 16_384))
        let raw = try #require(oversized.rejects.first?.rawText)
        #expect(
            raw.hasPrefix("BEGIN:VCARD\\r\\nVERSION:3.0\\r\\nFN:Gus Oversized\\r\\nPHOTO;ENCODING=b;TYPE=JPEG:QUJD"))
        #expect(raw.hasSuffix("…") && raw.count < 220)
    }

    @Test("the garbage line's card is skipped through its own END:VCARD, not the next card's")
    func garbageSkipsToOwnEnd() throws {
        let result = try ingestVCardFixture("bad/vcard_garbage_line.vcf")
        #expect(result.records.map(\.location.line) == [1, 12])
        #expect(result.records.allSatisfy { $0.fields.emails.map(\.value) != ["eve@example.com"] })
    }

    @Test("text outside cards is ignored with one warning per file")
    func textOutsideCards() throws {
        let result = try ingestVCardFixture("bad/vcard_text_outside_cards.vcf")
        #expect(
            result.warnings == [
                "vcard_text_outside_cards.vcf:1: 2 lines outside BEGIN:VCARD … END:VCARD ignored (the first at this line)"
            ])
        #expect(result.records.map(\.location.line) == [3, 10])
    }

    @Test("read counts records and rejects")
    func readCount() throws {
        let bytes = Array(try Fixtures.data("bad/vcard_missing_end.vcf"))
        var seen = 0
        let (rejects, warnings, read) = bytes.withUnsafeBufferPointer {
            VCardIngester().read(bytes: $0, displayPath: "m.vcf", source: "s") { _ in seen += 1 }
        }
        #expect(seen == 2 && rejects.count == 1 && read == 3 && warnings.isEmpty)
    }

    @Test("a missing file, a folder and UTF-32 are whole-file failures")
    func wholeFile() throws {
        #expect(throws: StewardError.self) { try VCardIngester().ingest(path: "/nonexistent/x.vcf", source: "s") }
        do {
            _ = try VCardIngester().ingest(path: "/nonexistent/x.vcf", source: "s")
        } catch let error as StewardError {
            #expect(error.code == .fileNotFound)
        }
        do {
            _ = try VCardIngester().ingest(path: Fixtures.url("bad").path, source: "s")
            Issue.record("a folder must throw")
        } catch let error as StewardError {
            #expect(error.code == .fileUnreadable)
        }
        let utf32: [UInt8] = [0xFF, 0xFE, 0, 0] + Array("B\0\0\0".utf8)
        let result = VCardIngester().ingest(bytes: utf32, displayPath: "u.vcf", source: "s")
        #expect(result.records.isEmpty && result.rejects.count == 1)
        #expect(result.rejects.first?.location.line == nil)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("steward-vcard-utf32.vcf")
        try Data(utf32).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try VCardIngester().ingest(path: url.path, source: "s")
            Issue.record("UTF-32 must throw")
        } catch let error as StewardError {
            #expect(error.code == .unsupportedEncoding)
        }
    }
}
