import StewardModel
import Testing

@testable import StewardIngest

/// Signature phones and titles, and the person-like test for display names.
@Suite("Email header signatures and names")
struct EmailHeaderSignatureTests {
    static func phones(_ line: String) -> [String] {
        var copy = line
        return copy.withUTF8 { EmailSignature.phones(in: $0) }.map { "\($0.value) (\($0.kind ?? "-"))" }
    }

    @Test(
        "phone lines",
        arguments: [
            ("Tel: +1 415 555 0100", ["+1 415 555 0100 (work)"]),
            ("Phone (work): (415) 555-0100 ext. 12", ["(415) 555-0100 ext. 12 (work)"]),
            ("Mobile: +1 415 555 0199", ["+1 415 555 0199 (mobile)"]),
            ("Mob. 0171 2345678", ["0171 2345678 (mobile)"]),
            ("M: +44 7700 900123 | T: +44 20 7946 0321", ["+44 7700 900123 (mobile)", "+44 20 7946 0321 (work)"]),
            ("Fax +49 30 1234568", ["+49 30 1234568 (fax)"]),
            ("F: 030/1234568", ["030/1234568 (fax)"]),
            ("Tél : +33 1 42 68 53 00", ["+33 1 42 68 53 00 (work)"]),
            ("Telefon: 089 / 12 34 56 7", ["089 / 12 34 56 7 (work)"]),
            ("Handy 0171-2345678", ["0171-2345678 (mobile)"]),
            ("Cell: 212.555.0142 x7", ["212.555.0142 x7 (mobile)"]),
            ("+1 (212) 555-0175", ["+1 (212) 555-0175 (work)"]),
            ("Acme, Inc. · +1 415 555 0100 · acme.example", ["+1 415 555 0100 (work)"]),
            // Not phones: too few digits, no label and no "+", a single letter without its colon, a date.
            ("Tel: 555-01", []),
            ("Order 2026-0912-4471", []),
            ("Invoice date 2026-10-02", []),
            ("T 415 555 0100", []),
            ("Best regards", []),
        ])
    func phoneLines(line: String, expected: [String]) {
        #expect(Self.phones(line) == expected)
    }

    static func signature(_ body: String, name: String?, address: String) -> EmailSignature {
        EmailSignature.extract(from: Array(body.utf8), senderName: name, address: address, mbox: true)
    }

    @Test("the title is the short line after the sender's name line")
    func titles() {
        let robert = Self.signature(
            "Hi,\n\nsee below.\n\nBest regards,\nRobert Smith\nVP Sales\nAcme, Inc.\nTel: +1 415 555 0100\n",
            name: "Bob Smith", address: "robert.smith@acme.example")
        #expect(robert.title == "VP Sales")
        #expect(robert.phones == [ContactPoint("+1 415 555 0100", kind: "work")])
        // First name alone, then the full name: both are name lines.
        let bob = Self.signature(
            "Thanks,\nBob\n\n-- \nRobert Smith\nVP Sales\n", name: "Bob Smith", address: "robert.smith@acme.example")
        #expect(bob.title == "VP Sales")
        // The line after the name is a phone or an address: no title.
        let phoneOnly = Self.signature(
            "-- \nAnn Lee\n+1 555 010 0100\n", name: "Ann Lee", address: "ann.lee@example.com")
        #expect(phoneOnly.title == nil)
        #expect(phoneOnly.phones == [ContactPoint("+1 555 010 0100", kind: "work")])
        let web = Self.signature("-- \nAnn Lee\nwww.example.com\n", name: "Ann Lee", address: "ann.lee@example.com")
        #expect(web.title == nil)
        // No name line at all: no title.
        #expect(Self.signature("Regards\nThe team\n", name: nil, address: "x@example.com").title == nil)
    }

    @Test("quoted replies, Outlook headers and forwarded text are not the sender's signature")
    func replies() {
        let body = """
            Fine with me.

            Dana Whitfield
            Support Specialist

            -----Original Message-----
            From: Robert Smith
            Sent: Monday
            Robert Smith
            VP Sales
            Tel: +1 415 555 0100
            """
        let dana = Self.signature(body, name: "Dana Whitfield", address: "dana.whitfield@company.example")
        #expect(dana.title == "Support Specialist")
        #expect(dana.phones.isEmpty)
        let quoted = Self.signature(
            "Ok.\n\nOn Mon, Robert Smith wrote:\n> Tel: +1 415 555 0100\n", name: "Dana", address: "dana@x.example")
        #expect(quoted.isEmpty)
        let outlook = Self.signature(
            "Ok.\nAnn\n\nFrom: Robert Smith\nSent: Monday\nTel: +1 415 555 0100\n", name: "Ann Lee",
            address: "ann@x.example")
        #expect(outlook.phones.isEmpty)
        let underscores = Self.signature(
            "Ok.\n________________________________\nTel: +1 415 555 0100\n", name: nil, address: "ann@x.example")
        #expect(underscores.phones.isEmpty)
        // mboxrd ">From" quoting is undone, so the line is text, not a quote.
        let fromLine = Self.signature(">From now on call +1 415 555 0100\n", name: nil, address: "a@x.example")
        #expect(fromLine.phones.count == 1)
    }

    static func plainText(_ body: String, contentType: String?, encoding: String? = nil) -> String? {
        let bytes = Array(body.utf8)
        return bytes.withUnsafeBufferPointer {
            EmailBody.plainText(
                $0, contentType: contentType.map(EmailBody.ContentType.init), transferEncoding: encoding)
        }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("bodies: nested multipart, base64 and quoted-printable text parts, attachments and HTML skipped")
    func bodies() {
        let nested = """
            preamble
            --outer
            Content-Type: text/plain; charset=utf-8; name="notes.txt"
            Content-Disposition: attachment; filename="notes.txt"

            Tel: +1 000 000 0000
            --outer
            Content-Type: multipart/alternative;
             boundary="inner"

            --inner
            Content-Type: text/html

            <p>html</p>
            --inner
            Content-Type: text/plain; charset="ISO-8859-1"
            Content-Transfer-Encoding: base64

            SvxyZ2VuIE38bGxlcgpHZXNjaORmdHNm/GhyZXI=
            --inner--
            --outer--
            epilogue
            """
        #expect(
            Self.plainText(nested, contentType: #"multipart/mixed; boundary="outer""#)
                == "Jürgen Müller\nGeschäftsführer")
        // "--outerX" is not the "--outer" boundary.
        #expect(
            Self.plainText(
                "--outerX\n\nno\n--outer\n\nyes\n--outer--\n", contentType: "multipart/mixed; boundary=outer")
                == "yes\n")
        #expect(
            Self.plainText(
                "a=3Db=\r\nc =C3=BC\r\n", contentType: "text/plain; charset=utf-8", encoding: "Quoted-Printable")
                == "a=bc ü\r\n")
        #expect(Self.plainText("<p>x</p>", contentType: "text/html") == nil)
        #expect(Self.plainText("plain", contentType: nil) == "plain")
        #expect(Self.plainText("caf\u{E9}", contentType: "text/plain; charset=utf-8") == "café")
    }

    @Test(
        "display names that name a person",
        arguments: [
            ("Robert Smith", "robert.smith@acme.example", true),
            ("Smith, Robert", "robert.smith@acme.example", true),
            ("Doe, John (Sales)", "john.doe@example.com", true),
            ("Jürgen Müller", "j.mueller@mueller-gmbh.example", true),
            ("山田太郎", "yamada@example.jp", true),
            ("Bob", "robert.smith@acme.example", true),
            ("robert smith", "robert.smith@acme.example", true),
            // Not persons.
            ("", "a@x.example", false),
            ("robert.smith", "robert.smith@acme.example", false),
            ("Robert.Smith@acme.example", "robert.smith@acme.example", false),
            ("Mikel@Lindsaar", "raasdnil@gmail.com", false),
            ("Sales Team", "sales@company.example", false),
            ("Support", "support@company.example", false),
            ("Acme Support", "support@company.example", false),
            ("noreply", "noreply@company.example", false),
            ("No-Reply", "no-reply@company.example", false),
            ("Customer Service", "service@company.example", false),
            ("info", "info@company.example", false),
            ("Sales desk", "sales@example.com", false),
            ("Support, Tier 2", "support@example.com", false),
            ("Mail Delivery Subsystem", "MAILER-DAEMON@example.com", false),
            ("Company Notifications", "noreply@company.example", false),
            ("Free-Quilting.com", "enews@free-quilting.com", false),
            ("12345", "a@x.example", false),
            // A person's name on a role mailbox names the agent, not the mailbox.
            ("Dana Whitfield", "support@company.example", false),
            ("Dana Whitfield", "customer.service@company.example", false),
            ("Dana Whitfield", "no-reply2@company.example", false),
            ("Dana Whitfield", "dana.support@company.example", true),
            ("Minh Do", "do@example.vn", true),
            ("---", "a@x.example", false),
        ])
    func personLike(name: String, address: String, expected: Bool) {
        #expect(EmailDisplayName.isPersonLike(EmailDisplayName.cleaned(name), address: address) == expected)
    }

    @Test("display names are tidied: spaces collapsed, one pair of wrapping quotes removed")
    func cleaned() {
        #expect(EmailDisplayName.cleaned("  Robert \t  Smith ") == "Robert Smith")
        #expect(EmailDisplayName.cleaned("'Robert Smith'") == "Robert Smith")
        #expect(EmailDisplayName.cleaned("“Smart Quotes”") == "Smart Quotes")
        #expect(EmailDisplayName.cleaned("Jürgen\u{00A0}Müller") == "Jürgen Müller")
        #expect(EmailDisplayName.cleaned("O'Neil, Katherine") == "O'Neil, Katherine")
        #expect(EmailDisplayName.cleaned("\"") == "\"")
    }
}
