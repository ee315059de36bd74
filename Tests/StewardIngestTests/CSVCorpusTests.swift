import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Runs the ingester over `../shared/corpus/csv` (real exporters' files and other parsers' test inputs). Skips when
/// the corpus is absent, as in a user's clone.
@Suite("CSV corpus", .enabled(if: Fixtures.corpusURL("csv") != nil, "../shared/corpus/csv is absent"))
struct CSVCorpusTests {
    func ingest(_ name: String) throws -> IngestResult {
        let url = try #require(Fixtures.corpusURL("csv/\(name)"))
        return try CSVIngester().ingest(path: url.path, source: "corpus")
    }

    @Test("every corpus file ingests without throwing; rejects carry a line; records and rejects are disjoint lines")
    func everyFile() throws {
        let folder = try #require(Fixtures.corpusURL("csv"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 30)
        for name in names {
            let result = try ingest(name)
            #expect(result.rejects.allSatisfy { $0.location.line != nil }, "\(name)")
            let recordLines = Set(result.records.compactMap(\.location.line))
            #expect(recordLines.isDisjoint(with: result.rejects.compactMap(\.location.line)), "\(name)")
            #expect(Set(result.records.map(\.sourceID)).count == result.records.count, "\(name): unique ids")
        }
    }

    @Test(
        "hostile and broken files: located rejects, good rows before and after kept",
        arguments: [
            ("authored_nul_byte.csv", ["2\tinvalid_bytes"], 1),
            ("authored_unterminated_quote.csv", ["3\tunterminated_quote"], 2),
            ("authored_huge_field.csv", [], 2),  // 200 KB: under the default 1 MiB limit
            (
                "authored_ragged_rows.csv",
                ["3\twrong_column_count", "4\twrong_column_count", "7\ttext_after_closing_quote"], 2
            ),
        ])
    func broken(name: String, rejects: [String], records: Int) throws {
        let result = try ingest(name)
        #expect(result.rejects.map { "\($0.location.line ?? 0)\t\($0.reason.code)" } == rejects)
        #expect(result.records.count == records)
    }

    @Test("the 200 KB field is rejected under a 100 KB limit, the next row kept")
    func hugeFieldLimit() throws {
        let url = try #require(Fixtures.corpusURL("csv/authored_huge_field.csv"))
        let result = try CSVIngester(options: CSVOptions(maxFieldBytes: 100_000)).ingest(path: url.path, source: "c")
        #expect(result.rejects.map(\.reason) == [.fieldTooLong(column: 3, limit: 100_000)])
        #expect(result.records.map(\.fields[.fullName]) == ["Small"])
    }

    @Test("exporter-style files map to canonical fields")
    func exporters() throws {
        let google = try ingest("authored_google_export.csv")
        #expect(google.records[0].fields.emails.map(\.value) == ["ann@example.com", "ann.lee@work.example"])
        #expect(google.records[0].fields.phones.map(\.kind) == ["mobile", "mobile"])
        let outlook = try ingest("authored_outlook_export.csv")
        #expect(outlook.records[0].fields[.namePrefix] == "Mr." && outlook.records[0].fields[.title] == "VP, Sales")
        #expect(outlook.records[0].fields.emails.map(\.value) == ["jqp@acme.example", "JQP@Home.Example"])
        let excel = try ingest("authored_excel_semicolon_bom_crlf.csv")
        #expect(excel.records.map(\.fields[.familyName]) == ["Müller", "Schmidt; Dr.", "Größe"])
        #expect(excel.records[0].fields[.street] == "Hauptstraße 1\r\n10115 Berlin")
        let sep = try ingest("authored_excel_sep_hint.csv")
        #expect(sep.records.map(\.fields[.fullName]) == ["Ann Lee", "Lee, Ann"])
        let utf16 = try ingest("authored_excel_unicode_text_utf16le.txt")
        #expect(utf16.records.map(\.fields[.fullName]) == ["山田 太郎", "Tab\tInside"])
        let cp1252 = try ingest("authored_windows1252.csv")
        #expect(cp1252.records.map(\.fields[.organization]) == ["Café – Bar", "Naïve Ltd"])
        #expect(cp1252.warnings.count == 1)
    }

    @Test("csv-spectrum files parse to the expected values")
    func spectrum() throws {
        #expect(try ingest("spectrum_comma_in_quotes.csv").records[0].fields[.city] == "Anytown, WW")
        #expect(try ingest("spectrum_escaped_quotes.csv").records[0].fields.extra("b") == "ha \"ha\" ha")
        #expect(try ingest("spectrum_newlines.csv").records.map(\.location.line) == [2, 3, 5])
        #expect(try ingest("spectrum_newlines_crlf.csv").records.map(\.location.line) == [2, 3, 5])
        #expect(try ingest("spectrum_quotes_and_newlines.csv").records[0].fields.extra("b") == "ha \n\"ha\" \nha")
        #expect(try ingest("spectrum_utf8.csv").records[1].fields.extra("c") == "ʤ")
        #expect(
            try ingest("spectrum_json.csv").records[0].fields.extra("val")
                == "{\"type\": \"Point\", \"coordinates\": [102.0, 0.5]}")
    }
}
