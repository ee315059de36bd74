import Foundation
import Testing

@testable import StewardIngest
@testable import StewardModel

/// Exact values the ingester stores: padding trimmed like `RecordFields` trims (ASCII and Unicode white space, C0
/// controls, DEL, U+FEFF), blank versus empty rows, multi-value parts, canonical order, duplicate ids.
@Suite("CSV ingester values")
struct CSVIngestValuesTests {
    func ingest(_ text: String) -> IngestResult {
        CSVIngester().ingest(bytes: Array(text.utf8), displayPath: "v.csv", source: "s")
    }

    @Test(
        "cell padding is trimmed exactly as RecordFields trims it",
        arguments: [
            ("  Ann\t", "Ann"),
            ("\u{A0}Ann\u{A0}", "Ann"),
            ("\u{3000}Zoë\u{2003}", "Zoë"),
            ("\u{FEFF}Ann\u{7F}", "Ann"),
            ("\u{1}Ann\u{85}", "Ann"),
            ("Zoë", "Zoë"),
            ("Jürgen Müller-Lüdenscheidt", "Jürgen Müller-Lüdenscheidt"),
            (" a\u{A0}b ", "a\u{A0}b"),
            ("\"  quoted, padded  \"", "quoted, padded"),
            ("\"say \"\"hi\"\" \"", "say \"hi\""),
        ])
    func padding(cell: String, value: String) throws {
        let result = ingest("id,first_name,email\n1,\(cell),a@x.example\n")
        let record = try #require(result.records.first)
        #expect(record.fields[.givenName] == value)
    }

    @Test("a row of spaces and tabs is skipped; a row whose cells trim to nothing otherwise is an empty record")
    func blankVersusEmpty() {
        let result = ingest("name,email\n \t, \n\u{7F},\u{A0}\n,\n\"\",\"\"\nAnn,\n")
        #expect(result.records.map(\.fields[.fullName]) == ["Ann"])
        #expect(result.records.map(\.location.line) == [6])
        #expect(rejectLines(result) == ["3\tempty_record\trecord has no values"])
    }

    @Test("a ragged row of blank cells is skipped, a ragged row with a value is rejected")
    func raggedBlank() {
        let result = ingest("name,email,phone\n , \nAnn,a@x.example\nBo,b@x.example,1\n")
        #expect(rejectLines(result) == ["3\twrong_column_count\twrong column count: expected 3, found 2"])
        #expect(result.records.map(\.sourceID) == ["v.csv:4"])
    }

    @Test("' ::: ' parts are trimmed, empty parts dropped, repeats kept once; a repeated single value is an extra")
    func multiValueParts() throws {
        let text =
            "Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name\n"
            + "\" Ann ::: Ann ::: Annie \", ::: a@x.example :::  ::: a@x.example , 1 ::: 2 ,\" ::: Acme\"\n"
        let record = try #require(ingest(text).records.first)
        #expect(record.fields[.fullName] == "Ann")
        #expect(record.fields.emails == [ContactPoint("a@x.example")])
        #expect(record.fields.phones == [ContactPoint("1"), ContactPoint("2")])
        #expect(record.fields[.organization] == "Acme")
        #expect(record.fields.extras == [ExtraField(name: "full_name", value: "Annie")])
    }

    @Test("columns in any order give the fields in canonical order")
    func canonicalOrder() throws {
        let text =
            "updated_at,City,Email,Last Name,Company,First Name,Country,Zip,Notes\n"
            + "2026-01-02,Leeds,a@x.example,Lee,Acme,Ann,UK, LS1 ,n\n"
        let record = try #require(ingest(text).records.first)
        #expect(
            record.fields.setFields.map { "\($0.field.rawValue)=\($0.value)" } == [
                "given_name=Ann", "family_name=Lee", "organization=Acme", "city=Leeds", "postal_code=LS1",
                "country=UK", "updated_at=2026-01-02",
            ])
        #expect(record.fields.extras == [ExtraField(name: "notes", value: "n")])
        for field in CanonicalField.allCases where !field.isList {
            #expect(record.fields[field] == record.fields.setFields.first { $0.field == field }?.value)
        }
    }

    @Test("ids are trimmed of ASCII spaces only; an explicit id equal to an earlier location is a duplicate")
    func sourceIDs() {
        let result = ingest("id,name\n,Ann\n v.csv:2 ,Bo\n\u{A0}7,Cy\n\u{A0}7,Di\n")
        #expect(result.records.map(\.sourceID) == ["v.csv:2", "\u{A0}7"])
        #expect(
            rejectLines(result) == [
                "3\tduplicate_source_id\tduplicate source id 'v.csv:2' (first seen at v.csv:2)",
                "5\tduplicate_source_id\tduplicate source id '\u{A0}7' (first seen at v.csv:4)",
            ])
    }

    @Test("many rows: every record kept in order, duplicates found across the whole file")
    func manyRows() {
        var text = "id,name,email\n"
        for i in 1...5000 { text += "\(i % 4000),Name \(i),n\(i)@x.example\n" }
        let result = ingest(text)
        #expect(result.records.count == 4000)
        #expect(result.records.first?.fields[.fullName] == "Name 1")
        #expect(result.records.last?.fields[.fullName] == "Name 4000")
        #expect(result.rejects.count == 1000)
        #expect(
            result.rejects.first.map { "\($0.location.line ?? 0) \($0.reason)" }
                == "4002 duplicate source id '1' (first seen at v.csv:2)")
    }

    @Test("the row estimate is exact when the sample reaches the end and bounded otherwise")
    func rowEstimate() {
        func estimate(_ text: String) -> Int {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { buffer in
                var parser = CSVParser(
                    buffer: buffer, start: 0, startLine: 1, delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 20)
                var row = CSVRow()
                _ = parser.next(into: &row)
                return CSVIngester.estimatedRowCount(after: parser)
            }
        }
        #expect(estimate("a,b\n1,2\n3,4\n") == 2)
        #expect(estimate("a,b\n") == 0)
        let long = "a,b\n" + String(repeating: "1,2\n", count: 10_000)
        // 256 sampled rows of 4 bytes predict 10 000 rows; +2 % and 16 of slack; at most one row per 8 bytes left.
        #expect(estimate(long) == 5_000)
        let wide = "a,b\n" + String(repeating: "123456789,123456789\n", count: 1_000)
        #expect(estimate(wide) == 1_036)
    }
}

@Suite("RecordFields storage")
struct RecordFieldsStorageTests {
    @Test("field ordinals follow the declaration order")
    func ordinals() {
        #expect(CanonicalField.allCases.map(\.ordinal) == Array(0..<CanonicalField.allCases.count))
        #expect(CanonicalField.byOrdinal == CanonicalField.allCases)
    }

    @Test("set in any order, replace and remove: lookups, canonical order, equality and hashing agree")
    func setReplaceRemove() {
        var a = RecordFields()
        a.set(.updatedAt, "2026")
        a.set(.city, "Leeds")
        a.set(.fullName, "Ann Lee")
        a.set(.organization, "Acme")
        var b = RecordFields()
        b.set(.fullName, "Ann Lee")
        b.set(.organization, "Acme")
        b.set(.city, "Leeds")
        b.set(.updatedAt, "2026")
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(a.setFields.map(\.field) == [.fullName, .organization, .city, .updatedAt])
        a.replace(.organization, " Acme Europe ")
        a.replace(.givenName, "Ann")
        a.replace(.city, nil)
        a.replace(.country, "  ")
        #expect(
            a.setFields.map { "\($0.field.rawValue)=\($0.value)" } == [
                "full_name=Ann Lee", "given_name=Ann", "organization=Acme Europe", "updated_at=2026",
            ])
        #expect(a[.city] == nil && a[.country] == nil && a[.organization] == "Acme Europe")
        #expect(a != b)
        for field in [CanonicalField.fullName, .givenName, .organization, .updatedAt] { a.replace(field, nil) }
        #expect(a.isEmpty && a == RecordFields())
    }

    @Test("every single field can hold a value at once")
    func allFields() {
        var fields = RecordFields()
        let singles = CanonicalField.allCases.filter { !$0.isList }
        for field in singles.reversed() { fields.set(field, " \(field.rawValue) ") }
        #expect(fields.setFields.map(\.field) == singles)
        #expect(singles.allSatisfy { fields[$0] == $0.rawValue })
        #expect(fields[.emails] == nil && fields[.phones] == nil)
    }
    @Test(
        "the UTF-8 entry points store exactly what the String ones store",
        arguments: [
            " Ann ", "\u{A0}Zoë\u{3000}", "\u{FEFF}", "\t", "a\u{301}", "\u{85}x\u{7F}", "𝔘nicode", "",
        ])
    func utf8EntryPoints(value: String) {
        var viaString = RecordFields()
        viaString.set(.city, value)
        viaString.set(.city, value + "2")
        viaString.addEmail(value, kind: "work")
        viaString.addPhone(value)
        viaString.addExtra("note", value)
        var viaBytes = RecordFields()
        Array(value.utf8).withUnsafeBufferPointer { bytes in
            viaBytes.set(.city, utf8: bytes)
            Array((value + "2").utf8).withUnsafeBufferPointer { viaBytes.set(.city, utf8: $0) }
            viaBytes.addEmail(utf8: bytes, kind: "work")
            viaBytes.addPhone(utf8: bytes)
            viaBytes.addExtra("note", utf8: bytes)
        }
        #expect(viaBytes == viaString)
        #expect(viaBytes[.city] == viaString[.city])
        #expect(viaBytes.emails == viaString.emails && viaBytes.phones == viaString.phones)
        #expect(viaBytes.extras == viaString.extras)
    }

    @Test("values compare as Strings do: canonically equivalent spellings are the same value")
    func canonicalEquivalence() {
        var fields = RecordFields()
        fields.set(.city, "Caf\u{E9}")
        fields.set(.city, "Cafe\u{301}")
        fields.addEmail("K@x.example")
        fields.addEmail("\u{212A}@x.example")
        fields.addEmail("k@x.example")
        fields.addExtra("n\u{E9}", "1")
        fields.addExtra("ne\u{301}", "2")
        #expect(fields[.city] == "Caf\u{E9}")
        #expect(fields.emails.map(\.value) == ["K@x.example", "k@x.example"])
        #expect(fields.extras.map(\.name) == ["n\u{E9}", "ne\u{301}_2"])
        #expect(fields.extra("ne\u{301}") == "1")
        var other = RecordFields()
        other.set(.city, "Cafe\u{301}")
        other.addEmail("\u{212A}@x.example")
        other.addEmail("k@x.example")
        other.addExtra("ne\u{301}", "1")
        other.addExtra("n\u{E9}_2", "2")
        #expect(other == fields && other.hashValue == fields.hashValue)
    }
}
