import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Exact decoded values of the samples in `testdata/sources/vcard/` and of each awkward case inline.
@Suite("vCard ingester")
struct VCardIngesterTests {
    func kinds(_ points: [ContactPoint]) -> [String?] { points.map(\.kind) }

    // MARK: testdata/sources/vcard

    @Test("Outlook 2.1 in Windows-1252: folded quoted-printable with soft line breaks, CHARSET, bare QUOTED-PRINTABLE")
    func outlookQuotedPrintableWindows1252() throws {
        let result = try ingestVCardFixture("sources/vcard/outlook_v21_qp_cp1252.vcf")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map(\.location.line) == [1, 44, 55])
        let jurgen = result.records[0].fields
        #expect(jurgen[.title] == "Geschäftsführer und Leiter Vertrieb Süd, Budget in € („Großkunden“)")
        #expect(
            jurgen.extra("note")
                == "Kontakt über die Messe „IT-Tage“ in Köln.\r\nRückruf erwünscht (Frau Weiß, Sekretariat).")
        #expect(jurgen[.fullName] == "Dr. Jürgen Müller")
        #expect(jurgen[.familyName] == "Müller" && jurgen[.givenName] == "Jürgen" && jurgen[.namePrefix] == "Dr.")
        #expect(jurgen[.organization] == "Müller GmbH & Co. KG" && jurgen[.department] == "Geschäftsführung")
        #expect(jurgen.extra("role") == "Geschäftsleitung")
        #expect(jurgen[.street] == "Hauptstraße 1" && jurgen[.city] == "Berlin" && jurgen[.postalCode] == "10115")
        #expect(jurgen[.country] == "Deutschland" && jurgen[.region] == nil)
        #expect(jurgen.phones.map(\.value) == ["+49 30 1234567", "0171 2345678", "+49 30 1234568"])
        #expect(kinds(jurgen.phones) == ["work", "mobile", "fax"])
        #expect(jurgen.emails.map(\.value) == ["j.mueller@mueller-gmbh.example", "juergen.mueller@mail.example"])
        #expect(jurgen[.website] == "http://www.mueller-gmbh.example")
        #expect(jurgen[.updatedAt] == "20261002T080000Z")
        // The photo and the Outlook design XML are skipped; LABEL is not used.
        #expect(jurgen.extras.map(\.name) == ["role", "note"])
        #expect(result.records[0].sourceID == "outlook_v21_qp_cp1252.vcf:1")

        let anna = result.records[1].fields
        #expect(anna[.familyName] == "Weiß" && anna[.fullName] == "Anna Weiß" && anna[.namePrefix] == "Frau")
        // `ORG:` without CHARSET in Windows-1252 bytes: decoded by the fallback, with one warning.
        #expect(anna[.organization] == "Weiß & Söhne OHG")
        #expect(
            result.warnings == [
                "outlook_v21_qp_cp1252.vcf:44: values that are not valid UTF-8 and name no CHARSET were decoded as "
                    + "Windows-1252 (first in the card starting at this line)"
            ])
        let francois = result.records[2].fields
        #expect(francois[.fullName] == "François Dupont" && francois[.givenName] == "François")
        #expect(francois[.organization] == "Société Générale Example S.A." && francois[.department] == "Achats")
    }

    @Test("Apple Contacts 3.0: grouped EMAIL/TEL with X-ABLabel, N with all five parts, ORG units, PHOTO skipped")
    func appleGrouped() throws {
        let result = try ingestVCardFixture("sources/vcard/apple_contacts_v30.vcf")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(result.records.map(\.location.line) == [1, 75, 117])
        #expect(
            result.records.map(\.sourceID) == [
                "6B29A774-D124-4822-B8D0-2780EC117F60", "A1B2C3D4-0000-4E2F-9C1B-5D6E7F809AB1",
                "0E7602CC-443E-4B82-B4B1-90F62F99A199",
            ])
        let robert = result.records[0].fields
        #expect(robert[.familyName] == "Smith" && robert[.givenName] == "Robert" && robert[.middleName] == "James")
        #expect(robert[.namePrefix] == "Mr." && robert[.nameSuffix] == nil && robert[.fullName] == "Robert J. Smith")
        #expect(robert[.organization] == "Acme, Inc." && robert[.department] == "Sales" && robert[.title] == "VP Sales")
        #expect(robert.emails.map(\.value) == ["robert.smith@acme.example", "bob.smith@home.example"])
        #expect(kinds(robert.emails) == ["work", "home"])
        #expect(robert.phones.map(\.value) == ["+1 415 555 0100", "+1 415 555 0199", "+1 415 555 0188"])
        // `Assistant (Maria)` is a custom label: other.
        #expect(kinds(robert.phones) == ["work", "mobile", "other"])
        // The work address (TYPE=WORK;type=pref), not the home one; extended address before the street.
        #expect(robert[.street] == "Suite 300, 100 Market St" && robert[.city] == "San Francisco")
        #expect(robert[.region] == "CA" && robert[.postalCode] == "94105" && robert[.country] == "United States")
        #expect(robert[.website] == "https://www.acme.example/team/rsmith")
        #expect(robert.extra("note") == "Met at Dreamforce 2026\nPrefers email, not phone; assistant books meetings")
        #expect(robert.extra("birthday") == "1975-04-12" && robert.extra("nickname") == "Bob")
        #expect(robert[.updatedAt] == "2026-10-01T08:00:00Z")
        // Nothing of the 2.4 KB photo (folded over 44 lines) or of X-ABUID/X-ABADR ends up in the record.
        #expect(robert.extras.map(\.name) == ["nickname", "birthday", "note"])

        let sarah = result.records[1].fields
        #expect(sarah[.fullName] == "Dr. Sarah Chen, PhD" && sarah[.nameSuffix] == "PhD")
        // The preferred phone (label "Palo Alto office": work) first; `_$!<Mobile>!$_` and `_$!<Other>!$_` labels.
        #expect(sarah.phones.map(\.value) == ["+1 650 555 0110", "+1 650 555 0147"])
        #expect(kinds(sarah.phones) == ["work", "mobile"])
        #expect(kinds(sarah.emails) == ["other", "home"])
        #expect(sarah[.street] == "1 Main St\nApt 2" && sarah[.city] == "Palo Alto")

        #expect(result.records[2].fields.phones == [ContactPoint("+1 212 555 0142 ext. 7", kind: "work")])
    }

    @Test("Google Contacts 3.0: 75-octet folding, escapes, custom labels, no UID")
    func google() throws {
        let result = try ingestVCardFixture("sources/vcard/google_contacts_v30.vcf")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(
            result.records.map(\.sourceID) == [
                "google_contacts_v30.vcf:1", "google_contacts_v30.vcf:19", "google_contacts_v30.vcf:31",
            ])
        let bob = result.records[0].fields
        #expect(
            bob.extra("note")
                == "Met at the Expo booth\nFollow up in Q1 about the enterprise tier, budget owner is Maria "
                + "(assistant); prefers email")
        #expect(bob.emails.map(\.value) == ["Robert.Smith@ACME.example", "bob.smith@home.example"])
        #expect(bob[.street] == "100 Market St, Suite 300" && bob[.website] == "http://www.acme.example")
        let katie = result.records[1].fields
        #expect(
            katie.emails == [
                ContactPoint("koneil@globex.example", kind: "work"),
                ContactPoint("katie.oneil@mail.example", kind: "other"),
            ])
        let priya = result.records[2].fields
        #expect(kinds(priya.phones) == ["work", "other", "other"])
        #expect(priya[.street] == "14 Marine Drive\nFlat 9B" && priya.extra("birthday") == "1984-02-29")
    }

    @Test("Android 2.1: UTF-8 quoted-printable with soft line breaks, bare TEL;CELL;PREF, indented base64 photo")
    func android() throws {
        let result = try ingestVCardFixture("sources/vcard/android_v21.vcf")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(result.records.map { $0.fields[.fullName] } == ["Katherine O'Neil", "Mehmet Ali Öztürk", "Ann Lee"])
        let katherine = result.records[0].fields
        // TEL;WORK;PREF comes first.
        #expect(
            katherine.phones == [
                ContactPoint("+1 212 555 0100", kind: "work"), ContactPoint("+1-212-555-0142", kind: "mobile"),
            ])
        let mehmet = result.records[1].fields
        #expect(mehmet[.familyName] == "Öztürk" && mehmet[.middleName] == "Ali")
        #expect(mehmet[.organization] == "Öztürk Tekstil A.Ş.")
        #expect(mehmet.extra("note") == "Tedarikçi, İstanbul fuarında tanıştık.\nKatalog gönderilecek – Eylül sonu.")
        #expect(result.records[2].location.line == 39)
    }

    @Test("Scanner app 4.0: TYPE=\"work,voice\";PREF=1, tab folding, urn:uuid UID, ROLE as title, REV")
    func tradeshow() throws {
        let result = try ingestVCardFixture("sources/vcard/tradeshow_cards_v40.vcf")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(
            result.records.map(\.sourceID) == [
                "4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c01", "4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c02",
                "4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c03", "4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c04",
            ])
        let robert = result.records[0].fields
        #expect(
            robert.phones == [
                ContactPoint("tel:+1-415-555-0100", kind: "work"), ContactPoint("tel:+1-415-555-0199", kind: "mobile"),
            ])
        #expect(robert[.street] == "Suite 300, 100 Market St" && robert[.city] == "San Francisco")
        #expect(robert[.postalCode] == "94105" && robert[.country] == "USA")
        #expect(robert.extra("note") == "Scanned at SaaS Expo 2026, booth 14. Wants a demo of the enterprise tier.")
        #expect(robert[.updatedAt] == "20261104T101233Z")
        let hansPeter = result.records[1].fields
        #expect(hansPeter[.title] == "Leiter Einkauf" && hansPeter.extra("role") == "Entscheider")
        #expect(hansPeter[.organization] == "Schmidt AG" && hansPeter[.department] == "Einkauf")
        #expect(hansPeter.emails.map(\.value) == ["hp.schmidt@schmidt-ag.example", "hp.schmidt@mail.example"])
        #expect(hansPeter[.city] == "München")
        let lucia = result.records[2].fields
        #expect(lucia[.title] == "Head of Partnerships" && lucia.extra("role") == nil)
        #expect(lucia[.familyName] == "Fernández García" && lucia[.namePrefix] == "Sra.")
        #expect(result.records[3].fields.phones.map(\.value) == ["tel:+1-212-555-0142;ext=7"])
    }

    // MARK: awkward cases, inline

    @Test("escapes: \\\\ \\, \\; \\: \\\" \\n \\N; other backslash pairs kept")
    func escapes() {
        let result = ingestVCard(
            #"""
            BEGIN:VCARD
            VERSION:3.0
            FN:Smith\, Robert
            NOTE:a\\b\,c\;d\ne\Nf\:g\"h\qi C:\temp
            ORG:Acme\; Sons\, Ltd.;R\;D
            END:VCARD
            """#)
        let fields = result.records[0].fields
        #expect(fields[.fullName] == "Smith, Robert")
        #expect(fields.extra("note") == "a\\b,c;d\ne\nf:g\"h\\qi C:\\temp")
        #expect(fields[.organization] == "Acme; Sons, Ltd." && fields[.department] == "R;D")
    }

    @Test("N: all five parts; several comma-separated values joined by a space; an escaped comma stays")
    func nameParts() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            VERSION:4.0
            N:Perreault,Dubois;Simon;Jean\\,Luc,Marie;Dr.,Prof.;ing. jr,M.Sc.
            END:VCARD
            """)
        let fields = result.records[0].fields
        #expect(fields[.familyName] == "Perreault Dubois" && fields[.givenName] == "Simon")
        #expect(fields[.middleName] == "Jean,Luc Marie" && fields[.namePrefix] == "Dr. Prof.")
        #expect(fields[.nameSuffix] == "ing. jr M.Sc." && fields[.fullName] == nil)
    }

    @Test(
        "TYPE forms give one kind",
        arguments: [
            ("TEL;TYPE=work,voice:1", "work"), ("TEL;TYPE=work;TYPE=voice:1", "work"), ("TEL;WORK;VOICE:1", "work"),
            ("TEL;TYPE=\"cell,voice\":1", "mobile"), ("TEL;type=HOME;type=FAX:1", "fax"), ("TEL;CELL;WORK:1", "mobile"),
            ("TEL;TYPE=VOICE;MSG,WORK:1", "work"), ("TEL;TYPE=pager:1", "other"), ("TEL;TYPE=x-custom:1", "other"),
            ("EMAIL;TYPE=INTERNET;TYPE=HOME:a@b.example", "home"), ("EMAIL;INTERNET;WORK:a@b.example", "work"),
            ("EMAIL;TYPE=school:a@b.example", "other"),
        ])
    func typeForms(line: String, kind: String) {
        let result = ingestVCard("BEGIN:VCARD\nVERSION:3.0\nFN:X\n\(line)\nEND:VCARD\n")
        let fields = result.records[0].fields
        #expect((fields.phones + fields.emails).map(\.kind) == [kind])
    }

    @Test("no kind when TYPE says nothing about it (voice, internet, pref)")
    func noKind() {
        let result = ingestVCard(
            "BEGIN:VCARD\nFN:X\nTEL;TYPE=voice:1\nTEL;PREF:2\nEMAIL;TYPE=INTERNET:a@b.example\nTEL:3\nEND:VCARD\n")
        let fields = result.records[0].fields
        #expect(fields.phones.map(\.value) == ["2", "1", "3"])
        #expect(fields.phones.map(\.kind) == [nil, nil, nil] && fields.emails.map(\.kind) == [nil])
    }

    @Test("4.0 PREF=n orders values; ties keep file order")
    func prefRanks() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            FN:X
            EMAIL:d@x.example
            EMAIL;PREF=2:b@x.example
            EMAIL;TYPE=work;PREF=1:a@x.example
            EMAIL;PREF=2:c@x.example
            END:VCARD
            """)
        #expect(
            result.records[0].fields.emails.map(\.value) == [
                "a@x.example", "b@x.example", "c@x.example", "d@x.example",
            ])
    }

    @Test("UID as source id (urn:uuid: removed); without UID the location; REV as updated_at as written")
    func uidAndRev() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            UID:urn:uuid:F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6
            FN:A
            REV:2026-11-04T10:12:33Z
            END:VCARD
            BEGIN:VCARD
            FN:B
            UID:
            REV;VALUE=timestamp:19951031T222710Z
            END:VCARD
            """)
        #expect(result.records.map(\.sourceID) == ["F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6", "t.vcf:6"])
        #expect(result.records.map { $0.fields[.updatedAt] } == ["2026-11-04T10:12:33Z", "19951031T222710Z"])
    }

    @Test("ROLE is the title when there is no TITLE, an extra field beside one")
    func role() {
        let result = ingestVCard(
            "BEGIN:VCARD\nFN:A\nROLE:Buyer\nEND:VCARD\nBEGIN:VCARD\nFN:B\nROLE:Buyer\nTITLE:CFO\nEND:VCARD\n")
        #expect(result.records.map { $0.fields[.title] } == ["Buyer", "CFO"])
        #expect(result.records.map { $0.fields.extra("role") } == [nil, "Buyer"])
    }

    @Test("ADR: the first work or preferred address; the post-office box when there is no street")
    func address() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            FN:A
            ADR;TYPE=home:;;1 Home Rd;Hometown;;11111;US
            ADR;TYPE=postal,work:;;2 Work Ave;Worktown;WA;22222;US
            ADR;TYPE=work:;;3 Other Work St;Elsewhere;;33333;US
            END:VCARD
            BEGIN:VCARD
            FN:B
            ADR:P.O. Box 101;;;Any Town;CA;91921-1234
            END:VCARD
            BEGIN:VCARD
            FN:C
            ADR;HOME:;;1 Home Rd;Hometown;;11111;US
            ADR;HOME;PREF:;Apt 4;9 Pref St;Preftown;;99999;US
            END:VCARD
            """)
        let a = result.records[0].fields
        #expect(a[.street] == "2 Work Ave" && a[.city] == "Worktown" && a[.region] == "WA" && a[.postalCode] == "22222")
        #expect(a.extras.isEmpty)
        let b = result.records[1].fields
        #expect(b[.street] == "P.O. Box 101" && b[.city] == "Any Town" && b[.postalCode] == "91921-1234")
        #expect(b[.country] == nil)
        #expect(result.records[2].fields[.street] == "Apt 4, 9 Pref St")
    }

    @Test("CHARSET=ISO-8859-1, raw and quoted-printable; CHARSET=UTF-8 with invalid bytes is replaced, with a warning")
    func charsets() {
        var bytes = Array("BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=ISO-8859-1:Ren".utf8) + [0xE9, 0x65]
        bytes += Array("\nORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Soci=E9t=E9 =80\nEND:VCARD\n".utf8)
        bytes += Array("BEGIN:VCARD\nFN;CHARSET=UTF-8:Bad ".utf8) + [0xC3, 0x28] + Array("\nEND:VCARD\n".utf8)
        bytes += Array("BEGIN:VCARD\nFN;CHARSET=x-unknown:Zo\u{EB}\nEND:VCARD\n".utf8)
        let result = VCardIngester().ingest(bytes: bytes, displayPath: "c.vcf", source: "s")
        // ISO-8859-1 0x80 is a C1 control, not the euro sign.
        #expect(result.records.map { $0.fields[.fullName] } == ["Renée", "Bad \u{FFFD}(", "Zoë"])
        #expect(result.records[0].fields[.organization] == "Société \u{80}")
        #expect(
            result.warnings == [
                "c.vcf:6: values marked CHARSET=UTF-8 hold invalid UTF-8; replaced with U+FFFD (first in the card "
                    + "starting at this line)",
                "c.vcf:10: unknown CHARSET 'x-unknown'; such values were decoded as UTF-8, or Windows-1252 where not "
                    + "valid UTF-8",
            ])
    }

    @Test("line ends: CRLF, LF, CR CR LF (iPhone) and lone CR give the same records")
    func lineEnds() throws {
        let lf = "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n  Lee\nNOTE:one\n two\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n"
        let expected = ingestVCard(lf)
        #expect(expected.records.map { $0.fields[.fullName] } == ["Ann Lee", "Bo"])
        #expect(expected.records[0].fields.extra("note") == "onetwo")
        for eol in ["\r\n", "\r\r\n", "\r"] {
            let result = ingestVCard(lf.replacingOccurrences(of: "\n", with: eol))
            #expect(result.records == expected.records, "\(Array(eol.utf8))")
            #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        }
    }

    @Test("a folded property head (parameters continued on a tab-indented line)")
    func foldedHead() {
        let result = ingestVCard(
            "BEGIN:vCard\nVERSION:3.0\nFN:A\nTEL;TYPE=VOICE,M\n\tSG,WORK:+1-919-676-9515\nEMAIL;TYPE=INTERNET\n ,PREF:"
                + "f@lotus.example\nEND:vCard\n")
        #expect(result.records[0].fields.phones == [ContactPoint("+1-919-676-9515", kind: "work")])
        #expect(result.records[0].fields.emails.map(\.value) == ["f@lotus.example"])
    }

    @Test("a quoted-printable soft line break never swallows END:VCARD; a blank line ends the value")
    func softBreakBoundaries() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            VERSION:2.1
            NOTE;ENCODING=QUOTED-PRINTABLE:dangling=
            END:VCARD
            BEGIN:VCARD
            VERSION:2.1
            ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=
            ;=
            ;=
            M=C3=BCnsterplatz 21;=
            Ulm;=

            FN:Next
            END:VCARD
            """)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map { $0.fields.extra("note") } == ["dangling", nil])
        #expect(result.records[1].fields[.street] == "Münsterplatz 21" && result.records[1].fields[.city] == "Ulm")
        #expect(result.records[1].fields[.fullName] == "Next")
    }

    @Test("binary values are skipped: 2.1 base64 without indentation ending at a blank line, ENCODING=b, LOGO, KEY")
    func binarySkipped() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            VERSION:2.1
            FN:Pat
            PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQE
            CAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsKDAkKCgr/

            KEY;X509;ENCODING=BASE64:
                MIIDITCCAoqgAwIBAgIQT52W2WawmStUwpV8tBV9TTANBgkqhkiG9w0BAQUFADBMMQswCQYD

            EMAIL:pat@example.com
            NOTE;ENCODING=b:SGVsbG8=
            LOGO;VALUE=uri:https://example.com/logo.png
            END:VCARD
            """)
        #expect(result.rejects.isEmpty)
        let fields = result.records[0].fields
        #expect(fields[.fullName] == "Pat" && fields.emails.map(\.value) == ["pat@example.com"])
        #expect(fields.extras.isEmpty)
    }

    @Test("a 2.1 AGENT card is skipped; the outer card continues")
    func agent() {
        let result = ingestVCard(
            """
            BEGIN:VCARD
            VERSION:2.1
            FN:Boss
            AGENT:
            BEGIN:VCARD
            VERSION:2.1
            FN:Assistant
            END:VCARD
            EMAIL:boss@example.com
            END:VCARD
            """)
        #expect(result.rejects.isEmpty)
        #expect(result.records.map { $0.fields[.fullName] } == ["Boss"])
        #expect(result.records[0].fields.emails.map(\.value) == ["boss@example.com"])
    }

    @Test("UTF-8 and UTF-16 byte-order marks; UTF-16 without one")
    func fileEncodings() {
        let text = "BEGIN:VCARD\r\nFN:Zoë Müller\r\nEND:VCARD\r\n"
        let expected = ["Zoë Müller"]
        let bom8 = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        #expect(
            VCardIngester().ingest(bytes: bom8, displayPath: "a", source: "s").records.map { $0.fields[.fullName] }
                == expected)
        let le = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [[0xFF, 0xFE] + le, [0xFE, 0xFF] + be, le, be] {
            let result = VCardIngester().ingest(bytes: bytes, displayPath: "a", source: "s")
            #expect(result.records.map { $0.fields[.fullName] } == expected)
            #expect(result.warnings.count == 1 && result.warnings[0].hasPrefix("a: decoded as UTF-16"))
        }
    }

    // MARK: streaming

    @Test(
        "chunked input: every split point gives the records, rejects and warnings of the whole file",
        arguments: [
            ("sources/vcard/outlook_v21_qp_cp1252.vcf", 3, 1 << 24), ("sources/vcard/android_v21.vcf", 5, 1 << 24),
            ("bad/vcard_missing_end.vcf", 1, 1 << 24), ("bad/vcard_truncated.vcf", 1, 1 << 24),
            ("bad/vcard_garbage_line.vcf", 1, 1 << 24), ("bad/vcard_text_outside_cards.vcf", 1, 1 << 24),
            ("bad/vcard_oversized_card.vcf", 61, 16_384),
        ])
    func chunkBoundaries(name: String, step: Int, maxCardBytes: Int) throws {
        let bytes = Array(try Fixtures.data(name))
        let options = VCardOptions(maxCardBytes: maxCardBytes)
        let whole = VCardIngester(options: options).ingest(bytes: bytes, displayPath: "f", source: "s")
        for split in stride(from: 1, to: bytes.count, by: step) {
            var reader = VCardReader(options: options, displayPath: "f", source: "s")
            var records: [SourceRecord] = []
            bytes.withUnsafeBufferPointer { all in
                let first = reader.process(UnsafeBufferPointer(rebasing: all[..<split]), final: false) {
                    records.append($0)
                }
                #expect(first <= split)
                _ = reader.process(UnsafeBufferPointer(rebasing: all[first...]), final: true) { records.append($0) }
            }
            #expect(records == whole.records, "split at \(split)")
            #expect(reader.rejects == whole.rejects, "split at \(split)")
            #expect(reader.warnings == whole.warnings, "split at \(split)")
        }
    }

    @Test("chunked input with lone-CR line ends: the line end is decided once enough input is there")
    func chunkBoundariesCR() {
        let bytes = Array("BEGIN:VCARD\rFN:Ann\r  Lee\rEND:VCARD\rBEGIN:VCARD\rFN:Bo\rEND:VCARD\r".utf8)
        let whole = VCardIngester().ingest(bytes: bytes, displayPath: "f", source: "s")
        #expect(whole.records.map { $0.fields[.fullName] } == ["Ann Lee", "Bo"])
        for split in 1..<bytes.count {
            var reader = VCardReader(options: VCardOptions(), displayPath: "f", source: "s")
            var records: [SourceRecord] = []
            bytes.withUnsafeBufferPointer { all in
                let first = reader.process(UnsafeBufferPointer(rebasing: all[..<split]), final: false) {
                    records.append($0)
                }
                #expect(first == 0)  // no LF and less than 64 KiB: undecided
                _ = reader.process(UnsafeBufferPointer(rebasing: all[first...]), final: true) { records.append($0) }
            }
            #expect(records == whole.records, "split at \(split)")
        }
    }

    @Test("read(path:) streams a file of several chunks with the results of ingest(bytes:)")
    func streamingFile() throws {
        let card = Array(try Fixtures.data("sources/vcard/apple_contacts_v30.vcf"))
        var bytes: [UInt8] = []
        var copies = 0
        while bytes.count < 9 << 20 {
            // Give each copy its own UIDs so they are not duplicates.
            let text = String(decoding: card, as: UTF8.self).replacingOccurrences(of: "UID:", with: "UID:\(copies)-")
            bytes += Array(text.utf8)
            copies += 1
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("steward-vcard-stream.vcf")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var count = 0
        var last: SourceRecord?
        let (rejects, warnings, read) = try VCardIngester().read(path: url.path, source: "s") {
            count += 1
            last = $0
        }
        #expect(rejects.isEmpty && warnings.isEmpty)
        #expect(count == copies * 3 && read == count)
        let lines = card.filter { $0 == VCardByte.lf }.count
        #expect(last?.location.line == (copies - 1) * lines + 117)
        #expect(last?.sourceID == "\(copies - 1)-urn:uuid:0E7602CC-443E-4B82-B4B1-90F62F99A199")
    }
}
