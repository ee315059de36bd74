import Foundation
import Testing

@testable import StewardModel

@Suite("RecordFields")
struct RecordFieldsTests {
    @Test("values are trimmed; empty and all-space values are absent")
    func trimming() {
        var fields = RecordFields()
        fields.set(.givenName, "  Ann\t")
        fields.set(.familyName, "   ")
        fields.set(.city, "\u{FEFF}Berlin\r\n")
        fields.addEmail("  ")
        #expect(fields[.givenName] == "Ann")
        #expect(fields[.familyName] == nil)
        #expect(fields[.city] == "Berlin")
        #expect(fields.emails.isEmpty)
        #expect(fields.setFields.map(\.field) == [.givenName, .city])
    }

    @Test("a second value for a single field is kept as an extra, never lost")
    func secondValue() {
        var fields = RecordFields()
        fields.set(.organization, "Acme")
        fields.set(.organization, "Acme")
        fields.set(.organization, "Acme Europe")
        fields.set(.organization, "Acme Asia")
        #expect(fields[.organization] == "Acme")
        #expect(
            fields.extras == [
                ExtraField(name: "organization", value: "Acme Europe"),
                ExtraField(name: "organization_2", value: "Acme Asia"),
            ])
    }

    @Test("emails and phones keep order and kind, drop exact repeats")
    func lists() {
        var fields = RecordFields()
        fields.addEmail("a@x.example", kind: "work")
        fields.addEmail("b@x.example")
        fields.addEmail(" a@x.example ", kind: "home")
        fields.addPhone("+1 415 555 0100", kind: "mobile")
        #expect(fields.emails == [ContactPoint("a@x.example", kind: "work"), ContactPoint("b@x.example")])
        #expect(fields.phones == [ContactPoint("+1 415 555 0100", kind: "mobile")])
    }

    @Test("JSON shape: canonical keys, lists of strings, kinds, extra; decodes back to the same value")
    func json() throws {
        var fields = RecordFields()
        fields.set(.givenName, "Jürgen")
        fields.addEmail("j@x.example", kind: "work")
        fields.addEmail("j@y.example")
        fields.addPhone("030 1234567")
        fields.addExtra("lead_source", "Web")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(fields), as: UTF8.self)
        #expect(
            text == #"{"emails":["j@x.example","j@y.example"],"extra":{"lead_source":"Web"},"given_name":"Jürgen","#
                + #""kinds":{"emails":["work",null]},"phones":["030 1234567"]}"#)
        let decoded = try JSONDecoder().decode(RecordFields.self, from: Data(text.utf8))
        #expect(decoded == fields)
    }
}

@Suite("SourceLocation and Reject")
struct LocationAndRejectTests {
    @Test(
        "description and parse round-trip",
        arguments: [
            (StewardModel.SourceLocation(file: "in/a.csv", line: 12), "in/a.csv:12"),
            (StewardModel.SourceLocation(file: "cards.vcf", ordinal: 3), "cards.vcf#3"),
            (StewardModel.SourceLocation(file: "C:x.csv"), "C:x.csv"),
        ])
    func location(location: StewardModel.SourceLocation, text: String) {
        #expect(location.description == text)
        #expect(SourceLocation.parse(text) == location)
    }

    @Test("raw text is truncated and control characters escaped")
    func sanitized() {
        let reject = Reject(
            source: "s", location: SourceLocation(file: "f", line: 1), reason: .emptyRecord,
            rawText: "a\tb\r\nc\u{0}" + String(repeating: "x", count: 300))
        #expect(reject.rawText.hasPrefix("a\\tb\\r\\nc\\u{0}xxx"))
        #expect(reject.rawText.hasSuffix("…"))
        #expect(reject.rawText.count == Reject.maxRawTextLength + "\\t\\r\\n\\u{0}".count - 4 + 1)
    }

    @Test("reason codes are stable and exit statuses follow the error code")
    func codes() {
        #expect(RejectReason.wrongColumnCount(expected: 3, found: 2).code == "wrong_column_count")
        #expect(
            RejectReason.duplicateSourceID("7", firstSeen: "a.csv:2").description
                == "duplicate source id '7' (first seen at a.csv:2)")
        #expect(StewardError(.fileNotFound, "x").code.exitStatus == .usage)
        #expect(StewardError(.internalFailure, "x").code.exitStatus == .failure)
        #expect(
            StewardError(.fileNotFound, "no such file", location: SourceLocation(file: "a.csv")).description
                == "a.csv: no such file")
    }
}
