import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Ingests `testdata/<relative>` with the file name as display path.
func ingestFixture(_ relative: String, options: CSVOptions = CSVOptions()) throws -> IngestResult {
    let name = (relative as NSString).lastPathComponent
    return CSVIngester(options: options).ingest(
        bytes: Array(try Fixtures.data(relative)), displayPath: name, source: "test")
}

/// `line<TAB>code<TAB>reason` for each reject.
func rejectLines(_ result: IngestResult) -> [String] {
    result.rejects.map { "\($0.location.line.map(String.init) ?? "-")\t\($0.reason.code)\t\($0.reason)" }
}

@Suite("CSV ingester")
struct CSVIngesterTests {
    // MARK: bad/: one defect per file, expected rejects beside it

    @Test(
        "each bad file yields exactly its expected rejects and every other row",
        arguments: [
            ("ragged_row", 2), ("unterminated_quote", 2), ("text_after_closing_quote", 1), ("nul_byte", 1),
            ("duplicate_source_id", 2), ("huge_field", 2),
        ])
    func badFiles(name: String, goodRecords: Int) throws {
        let expectedText = String(decoding: try Fixtures.data("bad/\(name).expected-rejects.tsv"), as: UTF8.self)
        var options = CSVOptions()
        if let limitLine = expectedText.split(separator: "\n").first(where: { $0.hasPrefix("# max_field_bytes:") }) {
            let number = limitLine.dropFirst("# max_field_bytes:".count).prefix(while: { $0 != "(" })
            options.maxFieldBytes = try #require(Int(number.trimmingCharacters(in: .whitespaces)))
        }
        let result = try ingestFixture("bad/\(name).csv", options: options)
        let expected = try Fixtures.referenceTable("bad/\(name).expected-rejects.tsv").map {
            "\($0["line"] ?? "")\t\($0["code"] ?? "")\t\($0["reason"] ?? "")"
        }
        #expect(rejectLines(result) == expected)
        #expect(result.records.count == goodRecords)
        #expect(result.rejects.allSatisfy { $0.location.file == "\(name).csv" && $0.source == "test" })
    }

    @Test("rejects keep the row's raw text, control characters escaped")
    func rawText() throws {
        #expect(try ingestFixture("bad/nul_byte.csv").rejects.map(\.rawText) == ["Ann\\u{0}Lee,ann@example.com"])
        #expect(try ingestFixture("bad/unterminated_quote.csv").rejects.map(\.rawText) == ["\"Bob,bob@example.com"])
        #expect(
            try ingestFixture("bad/unterminated_quote.csv").records.map(\.fields[.fullName]) == ["Ann", "Cy"])
    }

    // MARK: testdata/csv edge cases

    @Test("quoted newlines and doubled quotes; records keep the line they start on")
    func quotedNewlines() throws {
        let result = try ingestFixture("csv/quoted_newlines.csv")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.sourceID) == ["1", "2", "3", "4"])
        #expect(
            result.records.map(\.location.description) == [
                "quoted_newlines.csv:2", "quoted_newlines.csv:4", "quoted_newlines.csv:6", "quoted_newlines.csv:7",
            ])
        #expect(result.records.map(\.fields[.fullName]) == ["Smith, Bob", "O'Neil \"Katie\"", "Plain", "Last"])
        #expect(
            result.records.map { $0.fields.extra("notes") } == ["line one\nline two", "crlf\r\ninside", nil, "end"])
    }

    @Test("CRLF, LF and lone CR line ends mixed in one file, no final line break")
    func mixedLineEndings() throws {
        let result = try ingestFixture("csv/mixed_line_endings.csv")
        #expect(result.records.map(\.location.line) == [2, 3, 4, 6])
        #expect(
            result.records.map { $0.fields.emails.map(\.value) } == [
                ["ann@example.com"], ["bob@example.com"], ["cy@\rexample.com"], ["dee@example.com"],
            ])
    }

    @Test(
        "encodings: UTF-8 BOM, UTF-16LE/BE with BOM, Windows-1252 with a warning",
        arguments: [
            ("csv/utf8_bom.csv", "Müller", [String]()),
            ("csv/utf16le_bom.txt", "Brandt", []),
            ("csv/utf16be_bom.txt", "Brandt", []),
        ])
    func encodings(file: String, family: String, warnings: [String]) throws {
        let result = try ingestFixture(file)
        #expect(result.warnings == warnings)
        #expect(result.records.first?.fields[.familyName] == family)
        #expect(result.rejects.isEmpty)
    }

    @Test("UTF-16 Excel 'Unicode Text' export: tabs, astral characters")
    func utf16Values() throws {
        let result = try ingestFixture("csv/utf16le_bom.txt")
        #expect(result.records.map(\.fields[.givenName]) == ["Zoë", "𝔘nicode"])
        #expect(result.records.map { $0.fields.emails.map(\.value) } == [["zoe@example.de"], ["u@example.com"]])
    }

    @Test("Windows-1252 fallback decodes smart quotes, euro and dashes and warns once")
    func windows1252() throws {
        let result = try ingestFixture("csv/windows1252.csv")
        #expect(
            result.warnings == [
                "windows1252.csv: decoded as Windows-1252: not valid UTF-8 (first invalid byte at line 2, byte 4)"
            ])
        #expect(result.records.map(\.fields[.fullName]) == ["Renée O’Connor", "François Dupont"])
        #expect(result.records.map { $0.fields.extra("note") } == ["€5 “quoted”", "½ off"])
        #expect(result.records.map(\.fields[.organization]) == ["Café – Bar", "Société Générale"])
    }

    @Test(
        "delimiter auto-detection among , ; TAB | and the sep= line",
        arguments: [
            ("csv/delimiter_comma.csv", ["Ann Lee", "Bob Smith"]),
            ("csv/delimiter_semicolon.csv", ["Müller", "Schmidt"]),
            ("csv/delimiter_tab.tsv", ["Ann Lee", "Bob Smith"]),
            ("csv/delimiter_pipe.csv", ["Ann Lee", "Bob Smith"]),
            ("csv/sep_line_semicolon.csv", ["Lee, Ann", "Bob Smith"]),
        ])
    func delimiters(file: String, names: [String]) throws {
        let result = try ingestFixture(file)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map { $0.fields[.fullName] ?? $0.fields[.familyName] ?? "" } == names)
    }

    @Test("detected delimiters keep the other candidates inside values")
    func delimiterValues() throws {
        #expect(
            try ingestFixture("csv/delimiter_comma.csv").records[0].fields.phones.map(\.value) == ["555-0100; ext 7"])
        #expect(
            try ingestFixture("csv/delimiter_semicolon.csv").records.map { $0.fields.extra("umsatz") } == [
                "1.234,56", "0,5",
            ])
        #expect(try ingestFixture("csv/delimiter_tab.tsv").records.map { $0.fields.extra("note") } == ["a, b; c", "|"])
        #expect(try ingestFixture("csv/sep_line_semicolon.csv").records.map(\.location.line) == [3, 4])
    }

    @Test("an explicit delimiter overrides detection")
    func delimiterOverride() throws {
        let result = try ingestFixture("csv/delimiter_semicolon.csv", options: CSVOptions(delimiter: UInt8(ascii: ",")))
        // Parsed with ',' the header is one column; "Müller;Jürgen;\"1.234,56\"" has 2 fields → reject, "0,5" too.
        #expect(
            rejectLines(result) == [
                "2\twrong_column_count\twrong column count: expected 1, found 2",
                "3\twrong_column_count\twrong column count: expected 1, found 2",
            ])
    }

    @Test("blank lines and all-empty rows are skipped, not rejected")
    func blankRows() throws {
        let result = try ingestFixture("csv/blank_and_empty_rows.csv")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.sourceID) == ["1", "2"])
        #expect(result.records.map(\.location.line) == [3, 6])
    }

    @Test("duplicate and blank headers are kept as extras")
    func duplicateHeaders() throws {
        let record = try #require(try ingestFixture("csv/duplicate_and_blank_headers.csv").records.first)
        #expect(record.fields.emails.map(\.value) == ["a@example.com"])
        #expect(record.fields[.fullName] == "First")
        #expect(
            record.fields.extras == [
                ExtraField(name: "email_2", value: "b@example.com"), ExtraField(name: "column_3", value: "?"),
                ExtraField(name: "name_2", value: "Second"),
            ])
        #expect(record.sourceID == "duplicate_and_blank_headers.csv:2")
    }

    @Test("Google ' ::: ' multi-values are split; kinds come from the Type columns (Work Fax → fax)")
    func googleMultiValue() throws {
        let record = try #require(try ingestFixture("csv/google_multi_value.csv").records.first)
        #expect(
            record.fields.emails == [
                ContactPoint("ann@work.example", kind: "work"), ContactPoint("ann.lee@work.example", kind: "work"),
                ContactPoint("ann@home.example", kind: "home"),
            ])
        #expect(
            record.fields.phones == [
                ContactPoint("+1 555-010-0100", kind: "mobile"), ContactPoint("555.010.0101", kind: "mobile"),
                ContactPoint("+1 555 010 0199", kind: "fax"),
            ])
        #expect(record.fields[.fullName] == "Ann Lee")
        #expect(record.fields[.givenName] == "Ann" && record.fields[.familyName] == "Lee")
        #expect(record.fields[.organization] == "Acme Inc." && record.fields[.title] == "VP Sales")
        #expect(record.fields[.city] == "Springfield" && record.fields[.country] == "US")
        #expect(record.fields.extra("group_membership") == "* myContacts ::: Friends")
    }

    @Test(
        "Google type cells",
        arguments: [
            ("* Work", "work" as String?), ("Home", "home"), ("Mobile", "mobile"), ("Work Fax", "fax"),
            ("Other", "other"), ("Main", "main"), ("  ", nil), ("*", nil),
        ])
    func googleKinds(cell: String, kind: String?) {
        #expect(RowMapper.kind(fromTypeCell: cell) == kind)
    }

    // MARK: testdata/sources/csv samples

    @Test("Salesforce sample: Contact ID as source id, ragged line 9, repeated id on line 11")
    func salesforce() throws {
        let result = try ingestFixture("sources/csv/salesforce_contacts.csv")
        #expect(
            rejectLines(result) == [
                "9\twrong_column_count\twrong column count: expected 16, found 15",
                "11\tduplicate_source_id\tduplicate source id '0035g00000AbCdE03' (first seen at salesforce_contacts.csv:4)",
            ])
        #expect(result.records.count == 8)
        let bob = result.records[0]
        #expect(bob.sourceID == "0035g00000AbCdE01")
        #expect(
            bob.fields.setFields.map { "\($0.field.rawValue)=\($0.value)" } == [
                "given_name=Robert", "family_name=Smith", "name_prefix=Mr.", "organization=Acme, Inc.",
                "title=VP Sales",
                "street=100 Market St, Suite 300", "city=San Francisco", "region=CA", "postal_code=94105",
                "country=United States", "updated_at=2026-10-02T09:15:00Z",
            ])
        #expect(bob.fields.emails == [ContactPoint("robert.smith@acme.example")])
        #expect(bob.fields.phones == [ContactPoint("(415) 555-0100"), ContactPoint("415.555.0199", kind: "mobile")])
        #expect(bob.fields.extras == [ExtraField(name: "lead_source", value: "Trade Show")])
        // Not normalized here: invalid values pass through for the normalizers to flag.
        #expect(result.records[6].fields.emails.map(\.value) == ["not-an-email"])
        #expect(result.records[6].fields.phones.map(\.value) == ["n/a"])
    }

    @Test("Google sample: multi-values, kinds, prefix and suffix, ragged line 8")
    func google() throws {
        let result = try ingestFixture("sources/csv/google_contacts.csv")
        #expect(rejectLines(result) == ["8\twrong_column_count\twrong column count: expected 19, found 9"])
        #expect(result.records.count == 6)
        let juergen = result.records[2]
        #expect(juergen.sourceID == "google_contacts.csv:4")
        #expect(juergen.fields[.namePrefix] == "Dr.")
        #expect(
            juergen.fields.emails == [
                ContactPoint("j.mueller@mueller-gmbh.example", kind: "work"),
                ContactPoint("juergen.mueller@gmx.de", kind: "work"),
            ])
        #expect(juergen.fields.phones.map(\.value) == ["+49 30 1234567", "+49 171 2345678"])
        #expect(result.records[4].fields[.nameSuffix] == "Jr.")
        #expect(result.records[0].fields.emails.map(\.kind) == ["work", "home"])
    }

    @Test("Outlook sample: Title is the honorific, display name is an extra, quoted newline in Notes, line 7 rejected")
    func outlook() throws {
        let result = try ingestFixture("sources/csv/outlook_contacts.csv")
        #expect(rejectLines(result) == ["7\ttext_after_closing_quote\ttext after closing quote in column 19"])
        #expect(result.records.map(\.location.line) == [2, 4, 5, 6])
        let robert = result.records[0]
        #expect(robert.fields[.namePrefix] == "Mr." && robert.fields[.title] == "VP, Sales")
        #expect(robert.fields[.middleName] == "J." && robert.fields[.department] == "Sales")
        #expect(
            robert.fields.phones == [
                ContactPoint("+1 (415) 555-0100", kind: "work"), ContactPoint("+1 (415) 555-0109", kind: "fax"),
                ContactPoint("(415) 555-0199", kind: "mobile"),
            ])
        #expect(robert.fields.emails == [ContactPoint("robert.smith@acme.example")])
        #expect(robert.fields.extra("e_mail_display_name") == "Robert Smith (robert.smith@acme.example)")
        #expect(robert.fields.extra("notes") == "Met at \"SaaS Expo\" 2026\r\nWants a demo in Q1")
        #expect(result.records[2].fields.emails.map(\.value) == ["tomas.garcia@uni.example", "tgarcia@gmail.com"])
        #expect(result.records[2].fields[.nameSuffix] == "PhD")
    }

    @Test("German marketing sample: sep=;, Windows-1252, German headers, ragged line 8")
    func marketing() throws {
        let result = try ingestFixture("sources/csv/marketing_de_semicolon_cp1252.csv")
        #expect(
            result.warnings == [
                "marketing_de_semicolon_cp1252.csv: decoded as Windows-1252: not valid UTF-8 (first invalid byte at line 2, byte 65)"
            ])
        #expect(rejectLines(result) == ["8\twrong_column_count\twrong column count: expected 13, found 4"])
        let mueller = result.records[0]
        #expect(mueller.location.line == 3)
        #expect(
            mueller.fields.setFields.map { "\($0.field.rawValue)=\($0.value)" } == [
                "given_name=Jürgen", "family_name=Müller", "name_prefix=Herr Dr.", "organization=Müller GmbH & Co. KG",
                "title=Geschäftsführer", "street=Hauptstraße 1", "city=Berlin", "postal_code=10115", "country=DE",
                "updated_at=02.10.2026",
            ])
        #expect(
            mueller.fields.phones == [
                ContactPoint("+49 (0)30 123 45 67"), ContactPoint("0171/2345678", kind: "mobile"),
            ])
        #expect(result.records[2].fields[.familyName] == "Weiß; Dr.")
    }

    // MARK: API surface

    @Test("full_name and given/family columns are all mapped; an id-only row is an empty record")
    func fullNameAndParts() {
        let text = "id,full_name,first_name,last_name\n7,Ann Lee,Ann,Lee\n8,,,\n"
        let result = CSVIngester().ingest(bytes: Array(text.utf8), displayPath: "a.csv", source: "s")
        #expect(result.records.count == 1)
        #expect(result.records[0].fields[.fullName] == "Ann Lee")
        #expect(result.records[0].fields[.givenName] == "Ann" && result.records[0].fields[.familyName] == "Lee")
        #expect(rejectLines(result) == ["3\tempty_record\trecord has no values"])
    }

    @Test("Address groups: the first group with a value fills the canonical fields, others become extras")
    func addressGroups() {
        let text = "Business City,Home City,Home Street\n,Leeds,1 Home Rd\nYork,Leeds,\n"
        let result = CSVIngester().ingest(bytes: Array(text.utf8), displayPath: "a.csv", source: "s")
        #expect(result.records.map(\.fields[.city]) == ["Leeds", "York"])
        #expect(result.records.map(\.fields[.street]) == ["1 Home Rd", nil])
        #expect(result.records[1].fields.extras == [ExtraField(name: "home_city", value: "Leeds")])
    }

    @Test("raw rows: header included, lines kept, structural problems as rejects, ragged rows kept")
    func rawRows() throws {
        let raw = CSVIngester().rawRows(
            bytes: Array(try Fixtures.data("bad/unterminated_quote.csv")), displayPath: "u.csv", source: "s")
        #expect(raw.rows.map(\.line) == [1, 2, 4])
        #expect(raw.rows.map(\.cells) == [["name", "email"], ["Ann", "ann@example.com"], ["Cy", "cy@example.com"]])
        #expect(raw.rejects.map(\.location.description) == ["u.csv:3"])
        #expect(raw.rejects.map(\.reason) == [.unterminatedQuote])
        let ragged = try CSVIngester().rawRows(path: Fixtures.url("bad/ragged_row.csv").path, source: "s")
        #expect(ragged.rows.map(\.cells.count) == [3, 3, 2, 4, 3])
        #expect(ragged.rejects.isEmpty && ragged.warnings.isEmpty)
    }

    @Test("ingest(path:) reads the file and reports whole-file failures as StewardError")
    func paths() throws {
        let path = Fixtures.url("bad/ragged_row.csv").path
        let result = try CSVIngester().ingest(path: path, source: "s")
        #expect(result.records.count == 2 && result.rejects.count == 2)
        #expect(result.rejects[0].location == SourceLocation(file: path, line: 3))
        for (missing, code) in [
            (Fixtures.url("csv/no_such_file.csv").path, StewardError.Code.fileNotFound),
            (Fixtures.url("csv").path, .fileUnreadable),
        ] {
            do {
                _ = try CSVIngester().ingest(path: missing, source: "s")
                Issue.record("expected \(code)")
            } catch let error as StewardError {
                #expect(error.code == code)
                #expect(error.location == SourceLocation(file: missing))
            }
        }
    }

    @Test("unsupported encodings: the path API throws, the bytes API returns one whole-file reject")
    func unsupportedEncoding() throws {
        let utf32: [UInt8] = [0xFF, 0xFE, 0, 0, 0x61, 0, 0, 0]
        let result = CSVIngester().ingest(bytes: utf32, displayPath: "x.csv", source: "s")
        #expect(result.records.isEmpty)
        #expect(result.rejects.map(\.location) == [SourceLocation(file: "x.csv")])
        #expect(result.rejects.map(\.reason.code) == ["malformed"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("steward-csv-utf32-\(UUID()).csv")
        try Data(utf32).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: StewardError.self) { try CSVIngester().ingest(path: url.path, source: "s") }
    }

    @Test("an empty file yields no records and a warning")
    func emptyFile() {
        let result = CSVIngester().ingest(bytes: [], displayPath: "e.csv", source: "s")
        #expect(result.records.isEmpty && result.rejects.isEmpty)
        #expect(result.warnings == ["e.csv: no header row (the file is empty)"])
    }

    @Test("a field over the default 1 MiB limit is rejected; memory stays proportional to the input")
    func defaultLimit() {
        var bytes = Array("name,notes\nA,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 1)
        bytes += Array("\nB,ok\n".utf8)
        let result = CSVIngester().ingest(bytes: bytes, displayPath: "h.csv", source: "s")
        #expect(rejectLines(result) == ["2\tfield_too_long\tfield in column 2 longer than 1048576 bytes"])
        #expect(result.records.map(\.fields[.fullName]) == ["B"])
        #expect(result.rejects[0].rawText.count == Reject.maxRawTextLength + 1)
    }
}
