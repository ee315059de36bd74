import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Runs the vCard ingester over `../shared/corpus/vcard` (real exporters' files and other parsers' test inputs).
/// Skips when the corpus is absent, as in a user's clone.
@Suite("vCard corpus", .enabled(if: Fixtures.corpusURL("vcard") != nil, "../shared/corpus/vcard is absent"))
struct VCardCorpusTests {
    func ingest(_ name: String) throws -> IngestResult {
        let url = try #require(Fixtures.corpusURL("vcard/\(name)"))
        return try VCardIngester().ingest(path: url.path, source: "corpus")
    }

    @Test("every corpus file ingests; rejects carry a line; ids are unique; no base64 leaks into a record")
    func everyFile() throws {
        let folder = try #require(Fixtures.corpusURL("vcard"))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 40)
        var records = 0
        for name in names {
            let result = try ingest(name)
            records += result.records.count
            #expect(result.rejects.allSatisfy { $0.location.line != nil }, "\(name)")
            #expect(Set(result.records.map(\.sourceID)).count == result.records.count, "\(name): unique ids")
            for record in result.records {
                let values = record.fields.setFields.map(\.value) + record.fields.extras.map(\.value)
                #expect(!values.contains { $0.hasPrefix("/9j/") || $0.hasPrefix("iVBOR") }, "\(name)")
            }
        }
        #expect(records >= 50)
    }

    @Test(
        "broken files: located rejects, the good cards kept",
        arguments: [
            ("authored_truncated.vcf", ["7\tmalformed"], 1),
            ("eds_vcard_8.vcf", ["1\tmalformed"], 0),  // no END:VCARD
            ("eds_vcard_9.vcf", ["1\tmalformed"], 0),  // a line "E"
            ("eds_vcard_7.vcf", [], 0),  // no BEGIN:VCARD: text outside cards, one warning
            ("sabre_issue64.vcf", ["1\tempty_record"], 0),  // only a photo
        ])
    func broken(name: String, rejects: [String], records: Int) throws {
        let result = try ingest(name)
        #expect(result.rejects.map { "\($0.location.line ?? 0)\t\($0.reason.code)" } == rejects)
        #expect(result.records.count == records)
    }

    @Test("Outlook 2.1 in ISO-8859-1 with a folded quoted-printable TITLE")
    func outlookLatin1() throws {
        let result = try ingest("authored_outlook_v21_latin1_qp.vcf")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        let renee = result.records[0].fields
        #expect(renee[.familyName] == "François" && renee[.givenName] == "Renée" && renee[.namePrefix] == "Mme")
        #expect(renee[.fullName] == "Mme Renée François")
        #expect(renee[.organization] == "Société Générale" && renee[.department] == "Trésorerie")
        #expect(renee[.title] == "Directrice générale adjointe chargée des marchés")
        #expect(
            renee.phones == [
                ContactPoint("06 12 34 56 78", kind: "mobile"), ContactPoint("+33 1 42 14 20 00", kind: "work"),
                ContactPoint("01.42.14.20.01", kind: "fax"),
            ])
        #expect(renee.emails.map(\.value) == ["renee.francois@socgen.example", "RENEE@Example.FR"])
    }

    @Test("Apple 3.0 with groups, X-ABLabel, escapes and a photo")
    func appleGrouped() throws {
        let result = try ingest("authored_apple_grouped_v30.vcf")
        let sean = result.records[0].fields
        #expect(sean[.familyName] == "O’Brien" && sean[.givenName] == "Seán" && sean[.middleName] == "Patrick Michael")
        #expect(sean[.namePrefix] == "Dr." && sean[.nameSuffix] == "PhD")
        #expect(sean[.fullName] == "Dr. Seán Patrick Michael O’Brien, PhD")
        #expect(
            sean[.organization] == "Acme, Inc." && sean[.department] == "R&D" && sean[.title] == "Head of R&D; EMEA")
        #expect(
            sean.emails == [
                ContactPoint("Sean.OBrien@Example.COM", kind: "other"), ContactPoint("sean@acme.example", kind: "work"),
            ])
        #expect(sean.phones.map(\.kind) == ["work", "mobile", "home"])
        #expect(sean[.street] == "1 Main St\nApt 2" && sean[.city] == "Dublin" && sean[.postalCode] == "D02 X285")
        #expect(sean.extra("note") == "Line one\nLine two, with comma; and semicolon\\backslash")
        #expect(result.records[1].fields.emails.map(\.value) == ["juergen.mueller@bücher.example"])
    }

    @Test("4.0 with LF line ends and a tab-folded email")
    func v40TabFold() throws {
        let result = try ingest("authored_v40_lf_tabfold.vcf")
        let taro = result.records[0].fields
        #expect(taro[.fullName] == "山田 太郎" && taro[.organization] == "株式会社サンプル")
        #expect(taro.emails.map(\.value) == ["taro.yamada@example.jp", "t.yamada+newsletter@example.jp"])
        #expect(taro.phones.map(\.kind) == ["work", "mobile"])
    }

    @Test("ez-vcard's John Doe as exported by Android, Gmail, iPhone, Mac, Outlook, Evolution, Lotus Notes")
    func johnDoe() throws {
        let iphone = try ingest("ezvcard_John_Doe_IPHONE.vcf").records[0].fields  // CR CR LF line ends
        #expect(iphone[.fullName] == "Mr. John Richter James Doe Sr." && iphone[.middleName] == "Richter James")
        #expect(iphone[.organization] == "IBM" && iphone[.department] == "Accounting")
        #expect(
            iphone.phones.map(\.value) == [
                "905-555-1234", "905-666-1234", "905-777-1234", "905-888-1234", "905-999-1234", "905-111-1234",
                "905-222-1234",
            ])
        #expect(iphone.phones.map(\.kind) == ["mobile", "home", "work", "fax", "fax", "other", "other"])
        #expect(iphone[.street] == "Silicon Alley 5," && iphone[.website] == "http://www.ibm.com")

        let gmail = try ingest("ezvcard_John_Doe_GMAIL.vcf").records[0].fields
        #expect(gmail[.middleName] == "Richter, James" && gmail[.fullName] == "Mr. John Richter, James Doe Sr.")
        #expect(
            gmail[.street]
                == "Crescent moon drive\n555-asd\nNice Area, Albaney, New York 12345\nUnited States of America")
        #expect(
            gmail.extra("note")?.hasPrefix(
                "THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS \"AS IS\" AND") == true)
        #expect(gmail.extra("note")?.hasSuffix("POSSIBILITY OF SUCH DAMAGE.\nFavotire Color: Blue") == true)

        let outlook = try ingest("ezvcard_John_Doe_MS_OUTLOOK.vcf").records[0].fields
        #expect(outlook[.title] == "Money Counter" && outlook.extra("role") == "Counting Money")
        #expect(outlook[.street] == "Cresent moon drive" && outlook[.city] == "Albaney")  // ADR;WORK;PREF
        #expect(outlook.emails.map(\.value) == ["john.doe@ibm.cm"] && outlook[.updatedAt] == "20120305T131933Z")

        let evolution = try ingest("ezvcard_John_Doe_EVOLUTION.vcf")
        #expect(evolution.records[0].sourceID == "477343c8e6bf375a9bac1f96a5000837")
        #expect(evolution.records[0].fields[.street] == "15 Crescent moon drive")
        #expect(evolution.records[0].fields[.country] == "United States of America")

        let android = try ingest("ezvcard_John_Doe_ANDROID.vcf")
        #expect(android.records.count == 6 && android.rejects.isEmpty)
        #expect(android.records[2].fields[.fullName] == "Ñ Ñ Ñ Ñ Ñ")
        #expect(android.records[4].fields[.organization] == "ÑÑÑÑÑÑÑÑÑÑÑÑ")

        let outlook2003 = try ingest("ezvcard_outlook-2003.vcf").records[0].fields
        #expect(outlook2003.extra("note") == "This is the note field!!\r\nSecond line\r\n\r\nThird line is empty")
        #expect(outlook2003[.street] == "TheOffice, 123 Main St" && outlook2003[.organization] == "Company, The")
        #expect(outlook2003.emails.map(\.value) == ["jdoe@hotmail.com"])  // after a KEY with blank lines
    }

    @Test("RFC examples: 2426 (two cards, folded ADR) and 6350 (URI phones, multi-valued N suffix)")
    func rfcExamples() throws {
        let rfc2426 = try ingest("ezvcard_rfc2426-example.vcf")
        #expect(rfc2426.records.map { $0.fields[.fullName] } == ["Frank Dawson", "Tim Howes"])
        #expect(rfc2426.records[1].fields[.region] == "CA" && rfc2426.records[1].fields[.postalCode] == "94043")
        let rfc6350 = try ingest("ezvcard_rfc6350-example.vcf").records[0].fields
        #expect(rfc6350[.nameSuffix] == "ing. jr M.Sc." && rfc6350[.street] == "Suite D2-630, 2875 Laurier")
        #expect(rfc6350.phones.map(\.value) == ["tel:+1-418-656-9254;ext=102", "tel:+1-418-262-6501"])
        #expect(rfc6350.phones.map(\.kind) == ["work", "mobile"])
    }
}
