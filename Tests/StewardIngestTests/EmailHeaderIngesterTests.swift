import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// `EmailHeaderIngester` on the samples in `testdata/sources/email/` and `testdata/bad/email_*`.
@Suite("Email header ingester")
struct EmailHeaderIngesterTests {
    static func ingest(_ relative: String, signatures: Bool = false) throws -> IngestResult {
        EmailHeaderIngester(options: EmailHeaderOptions(signatures: signatures)).ingest(
            bytes: Array(try Fixtures.data(relative)), displayPath: (relative as NSString).lastPathComponent,
            source: "mail")
    }

    static func record(_ result: IngestResult, _ id: String) throws -> SourceRecord {
        try #require(result.records.first { $0.sourceID == id }, "no record \(id)")
    }

    /// `name=value` for every field, in a stable order, for whole-record comparisons.
    static func describe(_ record: SourceRecord) -> [String] {
        var out = record.fields.setFields.map { "\($0.field.rawValue)=\($0.value)" }
        out += record.fields.emails.map { "email=\($0.value) (\($0.kind ?? "-"))" }
        out += record.fields.phones.map { "phone=\($0.value) (\($0.kind ?? "-"))" }
        out += record.fields.extras.map { "\($0.name)=\($0.value)" }
        return out
    }

    // MARK: support_inbox.mbox

    @Test("the support mailbox: one record per address, in first-seen order, nothing rejected")
    func supportInboxShape() throws {
        let result = try Self.ingest("sources/email/support_inbox.mbox")
        #expect(result.rejects.isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(
            result.records.map(\.sourceID) == [
                "robert.smith@acme.example", "support@company.example", "dana.whitfield@company.example",
                "koneil@globex.example", "j.mueller@mueller-gmbh.example", "service@company.example",
                "francois.dupont@sg.example", "noreply@company.example", "sam.lee@hooli.example",
                "priya.raman@initech.example",
            ])
        #expect(result.records.allSatisfy { $0.source == "mail" && $0.location.file == "support_inbox.mbox" })
    }

    @Test("repeated senders: most frequent person-like name, newest date and Message-ID, message count")
    func supportInboxDedup() throws {
        let result = try Self.ingest("sources/email/support_inbox.mbox")
        // Robert Smith writes three times ("Robert Smith" twice, "Bob Smith" once from Robert.Smith@ACME.example)
        // and is addressed once; the newest message is of 2 Oct.
        let robert = try Self.record(result, "robert.smith@acme.example")
        #expect(
            Self.describe(robert) == [
                "full_name=Robert Smith", "updated_at=2026-10-02T09:15:00Z",
                "email=robert.smith@acme.example (from)",
                "message_id=<20261002091500.9981@mail.acme.example>", "header=from", "messages=4",
            ])
        #expect(robert.location.description == "support_inbox.mbox:2")
        // Three spellings once each: the newest wins, "Last, First" kept as written; the address is first seen in
        // lower case and later in capitals.
        let katherine = try Self.record(result, "koneil@globex.example")
        #expect(katherine.fields[.fullName] == "O'Neil, Katherine")
        #expect(katherine.fields.emails == [ContactPoint("koneil@globex.example", kind: "from")])
        #expect(katherine.fields[.updatedAt] == "2026-10-02T08:01:12Z")
        #expect(katherine.fields.extra("messages") == "3")
        // An undated message counts but never becomes the newest.
        let juergen = try Self.record(result, "j.mueller@mueller-gmbh.example")
        #expect(juergen.fields[.fullName] == "Jürgen Müller")
        #expect(juergen.fields[.updatedAt] == "2026-10-02T11:11:11Z")
        #expect(juergen.fields.extra("message_id") == "<sg-fd-2026-10-02@sg.example>")
        #expect(juergen.fields.extra("messages") == "3")
    }

    @Test("kinds prefer from > reply-to > sender > to > cc; `header` says where the address was first seen")
    func supportInboxKinds() throws {
        let result = try Self.ingest("sources/email/support_inbox.mbox")
        // Priya is first copied in a group (Cc), then writes (From, Reply-To "Raman, Priya").
        let priya = try Self.record(result, "priya.raman@initech.example")
        #expect(priya.fields.emails == [ContactPoint("priya.raman@initech.example", kind: "from")])
        #expect(priya.fields.extra("header") == "cc")
        #expect(priya.location.description == "support_inbox.mbox:116")
        #expect(priya.fields[.fullName] == "Priya Raman")
        // Sam Lee's name comes from the comment in "sam.lee@hooli.example (Sam Lee)" and from group members.
        let sam = try Self.record(result, "sam.lee@hooli.example")
        #expect(sam.fields[.fullName] == "Sam Lee")
        #expect(sam.fields.emails.map(\.kind) == ["from"])
        // A folded To: the address on the continuation line is located on that line.
        let dana = try Self.record(result, "dana.whitfield@company.example")
        #expect(dana.fields.emails.map(\.kind) == ["from"])
        #expect(dana.fields.extra("messages") == "4")
    }

    @Test("role addresses and role display names: the address stays, the name does not")
    func supportInboxRoles() throws {
        let result = try Self.ingest("sources/email/support_inbox.mbox")
        for id in ["support@company.example", "service@company.example", "noreply@company.example"] {
            let role = try Self.record(result, id)
            #expect(role.fields[.fullName] == nil, "\(id)")
        }
        #expect(try Self.record(result, "support@company.example").fields.extra("messages") == "9")
        #expect(try Self.record(result, "noreply@company.example").fields.emails.map(\.kind) == ["from"])
    }

    @Test("signatures: phones with kinds and the title from the sender's newest signed message")
    func supportInboxSignatures() throws {
        let result = try Self.ingest("sources/email/support_inbox.mbox", signatures: true)
        let robert = try Self.record(result, "robert.smith@acme.example")
        // The 2 Oct message has the new mobile number; the 28 Sep one had only the office line.
        #expect(robert.fields[.title] == "VP Sales")
        #expect(
            robert.fields.phones == [
                ContactPoint("+1 415 555 0100", kind: "work"), ContactPoint("+1 415 555 0188", kind: "mobile"),
            ])
        // Katie O'Neil's newest message holds her signature after a ">From" line that mbox quoting protected.
        let katherine = try Self.record(result, "koneil@globex.example")
        #expect(katherine.fields[.title] == "Director of Marketing")
        #expect(katherine.fields.phones == [ContactPoint("(212) 555-0142", kind: "mobile")])
        // Quoted-printable ISO-8859-1 body, "-- " delimiter, "Tel." and "Fax" labels; the later undated "Danke!"
        // message does not replace it.
        let juergen = try Self.record(result, "j.mueller@mueller-gmbh.example")
        #expect(juergen.fields[.title] == "Geschäftsführer")
        #expect(
            juergen.fields.phones == [
                ContactPoint("+49 30 1234567", kind: "work"), ContactPoint("+49 30 1234568", kind: "fax"),
            ])
        // multipart/alternative: the text/plain part, QP-encoded "--=20" delimiter, two phones on one line.
        let priya = try Self.record(result, "priya.raman@initech.example")
        #expect(priya.fields[.title] == "Head of Procurement")
        #expect(
            priya.fields.phones == [
                ContactPoint("+44 7700 900123", kind: "mobile"), ContactPoint("+44 20 7946 0321", kind: "work"),
            ])
        // "Tél :" label.
        let francois = try Self.record(result, "francois.dupont@sg.example")
        #expect(francois.fields[.title] == "Responsable Achats")
        #expect(francois.fields.phones == [ContactPoint("+33 1 42 68 53 00", kind: "work")])
        // Dana's newest message signs with name and title only; her older phone is not merged in. Robert's
        // signature quoted in Dana's first reply stays Robert's business.
        let dana = try Self.record(result, "dana.whitfield@company.example")
        #expect(dana.fields[.title] == "Customer Support Specialist")
        #expect(dana.fields.phones.isEmpty)
        // Without signatures no phones or titles appear.
        let plain = try Self.ingest("sources/email/support_inbox.mbox")
        #expect(plain.records.allSatisfy { $0.fields.phones.isEmpty && $0.fields[.title] == nil })
    }

    // MARK: eml/

    @Test("a folder of .eml files: sorted, recursive, one record per address across the files")
    func emlFolder() throws {
        let folder = Fixtures.url("sources/email/eml").path
        let result = try EmailHeaderIngester().ingest(path: folder, source: "eml")
        #expect(result.rejects.isEmpty)
        #expect(Set(result.records.map(\.location.file)).count == 4)
        #expect(result.records.first?.location.description == "\(folder)/01_encoded_words.eml:1")
        #expect(
            result.warnings == ["\(folder)/04_raw_cp1252.eml:1: header bytes are not UTF-8; decoded as Windows-1252"])
        // tom.baker@umbrella.example appears in 02 and 03.
        #expect(try Self.record(result, "tom.baker@umbrella.example").fields.extra("messages") == "2")
    }

    @Test("encoded words: B with a comma, Q with =2C, a character split across words, Latin-2/9, cp1252")
    func encodedWordsFile() throws {
        let result = try Self.ingest("sources/email/eml/01_encoded_words.eml")
        let names = result.records.map { "\($0.sourceID) | \($0.fields[.fullName] ?? "-") | \($0.location.line ?? 0)" }
        #expect(
            names == [
                "francois.dupont@sg.example | Dupont, François | 1",
                "j.mueller@mueller-gmbh.example | Müller, Jürgen | 2",
                "juergen.mueller@gmx.example | Jürgen Müller | 4",
                "zofia.lodzka@example.pl | Zofia Łódzka | 5",
                "renee.obrien@example.ie | Renée O’Brien | 6",
                "tomaz.sustar@example.si | Tomaž Šuštar | 7",
            ])
        #expect(result.records.allSatisfy { $0.fields[.updatedAt] == "2026-10-02T11:11:11Z" })
        #expect(result.records.allSatisfy { $0.fields.extra("message_id") == "<eml-01@sg.example>" })
    }

    @Test("group syntax: members kept with their header, empty groups ignored, role names dropped")
    func groupsFile() throws {
        let result = try Self.ingest("sources/email/eml/02_groups.eml")
        let rows = result.records.map {
            "\($0.sourceID) | \($0.fields[.fullName] ?? "-") | \($0.fields.emails.first?.kind ?? "-")"
        }
        #expect(
            rows == [
                "liz.taylor@umbrella.example | Elizabeth Taylor | from",
                "tom.baker@umbrella.example | Baker, Tom | cc",
                "ann.lee@umbrella.example | - | cc",
                "sales@company.example | - | cc",
            ])
        #expect(result.records.map(\.location.line) == [1, 3, 3, 4])
    }

    @Test("comments and obsolete forms: names from comments, missing >, source routes, junk, missing commas")
    func commentsFile() throws {
        let result = try Self.ingest("sources/email/eml/03_comments_obsolete.eml")
        let rows = result.records.map {
            "\($0.sourceID) | \($0.fields[.fullName] ?? "-") | \($0.fields.emails.first?.kind ?? "-") | "
                + "\($0.location.line ?? 0)"
        }
        #expect(
            rows == [
                // From (comment name) and Sender (display name with a comment) agree; "hp.schmidt" is the local part.
                "hp.schmidt@schmidt-ag.example | Hans-Peter Schmidt | from | 1",
                "anna.weiss@weiss-soehne.example | Anna Weiss | to | 3",
                // "tom@home" holds an "@": not a name.
                "tom.baker@umbrella.example | - | to | 3",
                "priya.raman@initech.example | - | to | 4",
                "sam.lee@hooli.example | - | to | 5",
                // "(Info)" names a role.
                "info@schmidt-ag.example | - | cc | 6",
            ])
        // Comments inside the Message-ID are dropped; a date without seconds and with a comment parses.
        #expect(result.records[0].fields.extra("message_id") == "<eml-03@schmidt-ag.example>")
        #expect(result.records[0].fields[.updatedAt] == "2026-09-30T14:45:00Z")
        #expect(result.records[0].fields.extra("messages") == "1")
    }

    @Test("raw Windows-1252 header bytes are decoded, typographic quotes around a name removed, with a warning")
    func rawCP1252File() throws {
        let result = try Self.ingest("sources/email/eml/04_raw_cp1252.eml")
        #expect(result.records.map { $0.fields[.fullName] } == ["Zoë Brandt", "Bob Smith"])
        #expect(result.records.map { $0.fields[.updatedAt] } == ["2026-09-29T08:00:00Z", "2026-09-29T08:00:00Z"])
        #expect(result.warnings == ["04_raw_cp1252.eml:1: header bytes are not UTF-8; decoded as Windows-1252"])
    }

    // MARK: mbox splitting

    @Test("mbox: separators only after a blank line and with a time; >From unquoted; CRLF; no final newline")
    func mboxSplitting() {
        let text =
            "From alice@example.com Thu Jan  1 00:00:00 2015\r\n"
            + "From: Alice <alice@example.com>\r\nDate: Thu, 01 Jan 2015 00:00:00 +0000\r\n\r\n"
            + "From time to time I write.\r\n\r\n>From the desk of Alice\r\n"
            + "From bob@example.com not after a blank line 10:00\r\n\r\n"
            + "From bob@example.com Fri Jan  2 00:00:00 2015\r\n"
            + "From: Bob <bob@example.com>\r\nTo: alice@example.com\r\nDate: Fri, 02 Jan 2015 00:00:00 +0100\r\n\r\n"
            + "body"
        let result = EmailHeaderIngester().ingest(bytes: Array(text.utf8), displayPath: "m.mbox", source: "m")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.sourceID) == ["alice@example.com", "bob@example.com"])
        #expect(result.records.map(\.location.line) == [2, 11])
        #expect(result.records[0].fields.extra("messages") == "2")
        #expect(result.records[0].fields[.updatedAt] == "2015-01-01T23:00:00Z")
    }

    @Test("a message without any header field, and an empty input, give nothing and no reject")
    func emptyInputs() {
        #expect(EmailHeaderIngester().ingest(bytes: [], displayPath: "e.eml", source: "e").recordsRead == 0)
        let blank = EmailHeaderIngester().ingest(bytes: Array("\r\n\r\n".utf8), displayPath: "e.eml", source: "e")
        #expect(blank.recordsRead == 0)
        let bom = EmailHeaderIngester().ingest(
            bytes: [0xEF, 0xBB, 0xBF] + Array("From: a@b.example\r\n".utf8), displayPath: "b.eml", source: "e")
        #expect(bom.records.map(\.sourceID) == ["a@b.example"])
    }

    @Test("configured headers: only those are read; kinds follow their names")
    func configuredHeaders() {
        let text = "From: A <a@x.example>\r\nTo: b@x.example\r\nBcc: Carol Jones <c@x.example>\r\n\r\n"
        let result = EmailHeaderIngester(options: EmailHeaderOptions(headers: ["Bcc", "From"])).ingest(
            bytes: Array(text.utf8), displayPath: "h.eml", source: "h")
        #expect(result.records.map(\.sourceID) == ["a@x.example", "c@x.example"])
        #expect(result.records.map { $0.fields.emails.first?.kind } == ["from", "bcc"])
    }

    // MARK: Bad input

    @Test(
        "each bad file yields exactly its expected rejects, and the messages around it still flow",
        arguments: [("email_missing_blank_line", 3), ("email_binary_header", 2)])
    func badFiles(name: String, records: Int) throws {
        let result = try Self.ingest("bad/\(name).mbox")
        let expected = try Fixtures.referenceTable("bad/\(name).expected-rejects.tsv").map {
            "\($0["line"] ?? "")\t\($0["code"] ?? "")\t\($0["reason"] ?? "")"
        }
        #expect(result.rejects.map { "\($0.location.line ?? 0)\t\($0.reason.code)\t\($0.reason)" } == expected)
        #expect(result.rejects.allSatisfy { $0.location.file == "\(name).mbox" && $0.source == "mail" })
        #expect(result.records.count == records)
        #expect(result.records.contains { $0.sourceID == "sam.lee@hooli.example" })
    }

    @Test("a header line over 1 MiB rejects its message; the next message still flows")
    func overlongHeaderLine() {
        var text = "From a@x.example Thu Oct  1 09:00:00 2026\nFrom: A <a@x.example>\nX-Junk: "
        text += String(repeating: "x", count: (1 << 20) + 10) + "\n\nbody\n\n"
        text += "From b@x.example Thu Oct  1 10:00:00 2026\nFrom: B <b@x.example>\n\nbody\n"
        let result = EmailHeaderIngester().ingest(bytes: Array(text.utf8), displayPath: "l.mbox", source: "l")
        #expect(result.rejects.map(\.location.description) == ["l.mbox:3"])
        #expect(result.rejects.map(\.reason) == [.malformed("header line longer than 1048576 bytes")])
        #expect(result.rejects[0].rawText.count <= Reject.maxRawTextLength + 1)
        #expect(result.records.map(\.sourceID) == ["b@x.example"])
    }

    @Test("a message over maxMessageBytes: its header counts, the rest is skipped with a warning")
    func longMessage() {
        var text = "From a@x.example Thu Oct  1 09:00:00 2026\nFrom: A <a@x.example>\n\n"
        text += String(repeating: "body line\nFrom: not@header.example\n", count: 500) + "\n"
        text += "From b@x.example Thu Oct  1 10:00:00 2026\nFrom: B <b@x.example>\n\nbody\n"
        let options = EmailHeaderOptions(maxMessageBytes: 1_000)
        let result = EmailHeaderIngester(options: options).ingest(
            bytes: Array(text.utf8), displayPath: "big.mbox", source: "b")
        #expect(result.records.map(\.sourceID) == ["a@x.example", "b@x.example"])
        #expect(result.records[1].location.line == 1_006)
        #expect(result.warnings == ["big.mbox:2: message longer than 1000 bytes; the rest of it was skipped"])
    }

    @Test("missing path throws file_not_found")
    func missingFile() {
        #expect(throws: StewardError.self) {
            try EmailHeaderIngester().ingest(path: "/nonexistent/inbox.mbox", source: "x")
        }
    }

    // MARK: Reading files in chunks

    @Test("reading a file in chunks gives what reading its bytes gives, across chunk boundaries and long lines")
    func chunkedReading() throws {
        // Given: an mbox of about 3.5 MiB (more than three read chunks), with a 1.5 MiB body line and one message
        // over the size limit.
        var text = ""
        var k = 0
        while text.utf8.count < 3_500_000 {
            k += 1
            let day = 1 + k % 28
            text += "From user\(k % 97)@x.example Thu Oct \(day) 09:00:00 2026\n"
            text += "From: User \(k % 97) <user\(k % 97)@x.example>\nTo: desk@x.example,\n  "
            text += "Other \(k % 13) <other\(k % 13)@y.example>\nDate: \(day) Oct 2026 09:\(k % 60):00 +0000\n"
            text += "Message-ID: <\(k)@x.example>\n\n"
            if k == 40 { text += String(repeating: "y", count: 1_500_000) + "\n" }
            if k == 700 { text += String(repeating: "z\n", count: 300_000) }
            text += "Hello,\n\nFrom time to time.\n\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("steward-email-\(getpid()).mbox").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let options = EmailHeaderOptions(maxMessageBytes: 2_000_000)
        // When
        let fromFile = try EmailHeaderIngester(options: options).ingest(path: path, source: "c")
        let fromBytes = EmailHeaderIngester(options: options).ingest(
            bytes: Array(text.utf8), displayPath: path, source: "c")
        // Then
        #expect(fromFile.records.count == 97 + 13 + 1)
        #expect(fromFile.records == fromBytes.records)
        #expect(fromFile.rejects == fromBytes.rejects)
        #expect(fromFile.warnings == fromBytes.warnings)
        #expect(fromFile.warnings.isEmpty)
        #expect(fromFile.records.map { Int($0.fields.extra("messages") ?? "") ?? 0 }.reduce(0, +) > k)
    }
}
