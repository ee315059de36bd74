import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Runs the ingester over `../shared/corpus/email` (other parsers' test messages and authored awkward cases).
/// Skips when the corpus is absent, as in a user's clone.
@Suite("Email header corpus", .enabled(if: Fixtures.corpusURL("email") != nil, "../shared/corpus/email is absent"))
struct EmailHeaderCorpusTests {
    static func ingest(_ name: String, signatures: Bool = false) throws -> IngestResult {
        let url = try #require(Fixtures.corpusURL("email/\(name)"))
        return try EmailHeaderIngester(options: EmailHeaderOptions(signatures: signatures))
            .ingest(path: url.path, source: "corpus")
    }

    /// `address | full_name | kind | line` per record.
    static func rows(_ result: IngestResult) -> [String] {
        result.records.map {
            "\($0.fields.emails.first?.value ?? "-") | \($0.fields[.fullName] ?? "-") | "
                + "\($0.fields.emails.first?.kind ?? "-") | \($0.location.line ?? 0)"
        }
    }

    @Test("every corpus file ingests without throwing, with and without signatures; rejects carry a line")
    func everyFile() throws {
        let folder = try #require(Fixtures.corpusURL("email"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 40)
        for name in names {
            for signatures in [false, true] {
                let result = try Self.ingest(name, signatures: signatures)
                #expect(result.rejects.allSatisfy { $0.location.line != nil }, "\(name)")
                #expect(Set(result.records.map(\.sourceID)).count == result.records.count, "\(name)")
                #expect(result.records.allSatisfy { $0.sourceID == $0.sourceID.lowercased() }, "\(name)")
            }
        }
        // The whole folder at once (only its .eml files): one record per address across the files.
        let all = try EmailHeaderIngester().ingest(path: folder.path, source: "corpus")
        #expect(all.records.count > 90)
        #expect(Set(all.records.map(\.sourceID)).count == all.records.count)
    }

    @Test("groups, commas in quotes, escaped quotes, comment names and role names")
    func groupsAndCommas() throws {
        let result = try Self.ingest("authored_groups_and_commas.eml")
        #expect(
            Self.rows(result) == [
                "john.doe@example.com | Doe, John (Sales) | from | 2",
                "list-bounces@lists.example.org | - | sender | 3",
                "support@example.com | - | reply-to | 4",
                "sales@example.com | - | reply-to | 4",
                "pat.oneil@example.net | O'Neil, Pat | cc | 6",
                "kim@example.net | - | cc | 6",
                #"lee@example.net | Lee"The Boss" Wong | cc | 7"#,
            ])
        #expect(result.records.allSatisfy { $0.fields[.updatedAt] == "2003-07-01T08:52:37Z" })
        #expect(result.records.allSatisfy { $0.fields.extra("message_id") == "<groups-1@example.com>" })
    }

    @Test("raw Windows-1252 bytes in From and To")
    func rawCP1252() throws {
        let result = try Self.ingest("authored_raw_cp1252_headers.eml")
        #expect(result.records.map { $0.fields[.fullName] } == ["Renée O’Connor", "Smart Quotes"])
        #expect(result.warnings.count == 1)
    }

    @Test("RFC 2047 in ISO-8859-1/-15, UTF-8, Windows-1252 and ISO-2022-JP; adjacent words; folded headers")
    func rfc2047Mixed() throws {
        let result = try Self.ingest("authored_rfc2047_mixed.eml")
        #expect(
            Self.rows(result) == [
                "andre.mueller@example.de | André Müller | from | 1",
                "ivan@example.ru | Иван Петров | to | 2",
                "cafe@example.fr | Café – Bar | to | 3",
                "f.dupont@example.fr | François Dupont | to | 4",
                "jose@example.es | José €uro | cc | 5",
                "nihongo@example.jp | 日本語 | cc | 6",
                "yamada@example.jp | 山田太郎 | reply-to | 8",
            ])
        #expect(result.records.allSatisfy { $0.fields[.updatedAt] == "2006-01-02T22:04:05Z" })
    }

    @Test("mbox with >From, an encoded name, an empty group and a message without Date")
    func threeMessages() throws {
        let result = try Self.ingest("authored_three_messages.mbox")
        #expect(
            Self.rows(result) == [
                "alice@example.com | Alice Example | from | 2",
                "bob@example.com | Bob “Bobby” Tables | from | 3",
                "carol@example.com | Carol, C. | to | 11",
                "MAILER-DAEMON@mx.example.com | - | from | 19",
            ])
        #expect(result.records.map { $0.fields.extra("messages") } == ["3", "2", "1", "1"])
        #expect(
            result.records.map { $0.fields[.updatedAt] } == [
                "2015-01-01T23:00:00Z", "2015-01-01T23:00:00Z", "2015-01-01T23:00:00Z", nil,
            ])
        #expect(result.records[1].fields.extra("header") == "to")
    }

    @Test("RFC 6532 UTF-8, IDN domains, source routes and RFC 5322 A.5 comments")
    func utf8IDNObsolete() throws {
        let result = try Self.ingest("authored_utf8_idn_obsolete.eml")
        // "Jürgen" and "Pete" equal their local parts: not names.
        #expect(
            Self.rows(result) == [
                "jürgen@bücher.example | - | from | 1",
                "user@example.com | - | to | 2",
                "jqp@example.com | John Q. Public | to | 3",
                "pete@silly.test | - | to | 4",
                "почта@пример.рф | - | cc | 5",
                "MixedCase@EXAMPLE.Com | - | cc | 6",
            ])
        #expect(result.records.map(\.sourceID).last == "mixedcase@example.com")
        #expect(result.records[0].fields[.updatedAt] == "1997-11-21T09:55:06Z")
    }

    @Test("RFC 2822 appendix examples: groups, comments everywhere, folded dates, obsolete addresses")
    func rfc2822Examples() throws {
        #expect(
            Self.rows(try Self.ingest("mail_rfc2822_example03.eml")) == [
                "john.q.public@example.com | Joe Q. Public | from | 1",
                "mary@x.test | Mary Smith | to | 2",
                "jdoe@example.org | - | to | 2",
                "one@y.test | Who? | to | 2",
                "boss@nil.test | - | cc | 3",
                #"sysservices@example.net | Giant; "Big" Box | cc | 3"#,
            ])
        let example10 = try Self.ingest("mail_rfc2822_example10.eml")
        #expect(
            Self.rows(example10) == [
                "pete@silly.test | - | from | 1",
                "c@public.example | Chris Jones | to | 3",
                "joe@example.org | - | to | 4",
                "jdoe@one.test | John | to | 5",
            ])
        #expect(example10.records[0].fields[.updatedAt] == "1969-02-14T03:02:00Z")
        #expect(
            Self.rows(try Self.ingest("mail_rfc2822_example11.eml")) == [
                "john.q.public@example.com | Joe Q. Public | from | 1",
                "mary@example.net | Mary Smith | to | 2",
                "jdoe@test.example | - | to | 2",
            ])
        // A leading "From " line makes it a one-message mbox; the empty continuation line is folding white space.
        #expect(
            Self.rows(try Self.ingest("mail_rfc2822_example14.eml")) == [
                "atsushi@example.com | Atsushi Yoshida | from | 3",
                "rudeboyjet@gmail.com | - | reply-to | 4",
            ])
    }

    @Test("broken messages in the wild: located rejects, or records despite broken dates and headers")
    func brokenMessages() throws {
        // No blank line between header and body.
        let msg35 = try Self.ingest("cpython_msg_35.eml")
        #expect(msg35.records.isEmpty)
        #expect(msg35.rejects.map { "\($0.location.line ?? 0)\t\($0.reason.code)" } == ["4\tmalformed"])
        // RFC 2822 A.6.3 prints a white-space-only line as "__": literally, it is not a header field.
        let example13 = try Self.ingest("mail_rfc2822_example13.eml")
        #expect(example13.rejects.map { "\($0.location.line ?? 0)\t\($0.rawText)" } == ["3\t__"])
        // Broken Date headers leave updated_at out; the addresses still come through.
        let badDate = try Self.ingest("mail_bad_date_header2.eml")
        #expect(badDate.records.map(\.sourceID) == ["enews@free-quilting.com", "someone@live.com"])
        #expect(badDate.records.allSatisfy { $0.fields[.updatedAt] == nil })
        #expect(try Self.ingest("mail_raw_email_bad_time.eml").records.allSatisfy { $0.fields[.updatedAt] == nil })
        // A garbled header name ("quite Delivered-To:") is tolerated.
        #expect(try Self.ingest("mail_raw_email_incorrect_header.eml").records.count == 2)
        // Addresses without commas, an "@" in a display name, an empty element, an empty address.
        #expect(
            try Self.ingest("mail_raw_email_multiple_from.eml").records.map(\.sourceID) == [
                "tim@powerupdev.com", "concierge@powerupdev.com",
            ])
        #expect(
            Self.rows(try Self.ingest("mail_raw_email_with_at_display_name.eml")).map {
                $0.components(separatedBy: " | ").prefix(2).joined(separator: " | ")
            } == [
                "test@lindsaar.net | Mikel Lindsaar", "jack@lindsar.com | -", "smith@gmail.com | -",
                "raasdnil@gmail.com | -", "tom@gmail.com | -",
            ])
        #expect(
            try Self.ingest("mail_weird_to_header.eml").records.map(\.sourceID) == [
                "anonymous@i.tp.host", "user-example@aol.com", "e-s-a-s-2200@app.ar.com",
            ])
        #expect(try Self.ingest("mail_encoding_madness.eml").records.count == 2)
        // Windows-1251 encoded name; role names ("Mail Delivery Subsystem", "Grants-Notification") dropped.
        #expect(try Self.ingest("mail_raw_email_bad_time.eml").records[0].fields[.fullName] == "Атиковa")
        #expect(try Self.ingest("mail_report_422.eml").records.allSatisfy { $0.fields[.fullName] == nil })
        #expect(try Self.ingest("mail_bad_date_header.eml").records.allSatisfy { $0.fields[.fullName] == nil })
    }

    @Test("a signature in a quoted-printable ISO-8859-1 body")
    func signatureInTheWild() throws {
        let result = try Self.ingest("mail_header_fields_with_empty_values.eml", signatures: true)
        let jorn = try #require(result.records.first)
        #expect(jorn.fields[.fullName] == "Jørn Støylen")
        // "924 38 051 -- jorn@…": no label and no "+", so not read as a phone.
        #expect(jorn.fields.phones.isEmpty)
    }
}
