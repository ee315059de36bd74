import StewardIngest
import StewardModel
import StewardNormalize
import StewardTestSupport
import Testing

@testable import StewardPipeline

@Suite("Inspect job")
struct InspectJobTests {
    @Test("format comes from the extension, or --format; an unknown one is a usage error naming the file")
    func format() throws {
        #expect(try InspectJob.format(of: "a/b.CSV", explicit: nil) == .csv)
        #expect(try InspectJob.format(of: "export.tsv", explicit: nil) == .csv)
        #expect(try InspectJob.format(of: "export.txt", explicit: .csv) == .csv)
        let error = try #require(throws: StewardError.self) { try InspectJob.format(of: "cards.docx", explicit: nil) }
        #expect(error.code == .fileNotFound)
        #expect(error.description.contains("cards.docx"))
        let directory = try #require(throws: StewardError.self) {
            try InspectJob.format(of: Fixtures.url("sources/csv").path, explicit: .csv)
        }
        #expect(
            directory.description.hasSuffix(
                "sources/csv: is a directory; give the files in it (e.g. "
                    + Fixtures.url("sources/csv").path + "/*.csv), or a folder of .eml files"))
    }

    @Test(
        "without --format the format comes from the first bytes",
        arguments: [
            ("BEGIN:VCARD\r\nVERSION:3.0\r\n", "vcard"), ("\u{FEFF}begin:vcard\n", "vcard"),
            ("<?xml version=\"1.0\"?><Export/>", "xml"), ("  <feed xmlns=\"urn:x\">", "xml"),
            ("From alice@example.com Thu Oct  1 10:00:00 2026\n", "email"),
            ("Return-Path: <a@example.com>\r\nReceived: from x\r\n", "email"),
            ("Message-ID: <1@x>\nFrom: A <a@x>\n", "email"), ("From,To,Subject\nx,y,z\n", "csv"),
            ("First Name,Last Name\nAnn,Lee\n", "csv"),
        ])
    func detection(head: String, expected: String) {
        #expect(Ingesters.detectFormat(head: Array(head.utf8)).rawValue == expected)
    }

    @Test("every record read is accepted or rejected; sources are file names")
    func accounting() throws {
        let paths = ["salesforce_contacts.csv", "google_contacts.csv"].map { Fixtures.url("sources/csv/\($0)").path }
        let output = try InspectJob.run(
            paths: paths, format: nil, csv: CSVOptions(), normalize: NormalizeOptions(defaultRegion: "US"))
        #expect(output.perFile.map(\.read) == [10, 7])
        #expect(output.perFile.map(\.rejected) == [2, 1])
        #expect(output.records.count + output.rejects.count == 17)
        #expect(Set(output.records.map(\.record.source)) == ["salesforce_contacts.csv", "google_contacts.csv"])
        let bob = try #require(output.records.first { $0.record.sourceID == "0035g00000AbCdE05" })
        #expect(bob.normalized.emails.first?.key == "bobsmith@gmail.com")
        #expect(bob.normalized.name?.givenCanonical == "robert")
    }

    @Test("--format overrides detection: a CSV file read as vCard has no cards, and a warning says so")
    func explicitFormatWins() throws {
        let path = Fixtures.url("sources/csv/google_contacts.csv").path
        let output = try InspectJob.run(
            paths: [path], format: .vcard, csv: CSVOptions(), normalize: NormalizeOptions())
        #expect(output.records.isEmpty && output.rejects.isEmpty)
        #expect(output.warnings.count == 1 && output.warnings[0].contains("outside BEGIN:VCARD"))
        let raw = try #require(throws: StewardError.self) {
            try InspectJob.raw(
                paths: [Fixtures.url("sources/vcard/android_v21.vcf").path], format: nil, csv: CSVOptions())
        }
        #expect(
            raw.code == .badUsage
                && raw.description.hasSuffix("--raw shows the rows of CSV files; this is a vcard file"))
    }

    @Test("all four formats in one inspect run, detected by extension")
    func allFormats() throws {
        let paths = [
            "sources/csv/salesforce_contacts.csv", "sources/vcard/tradeshow_cards_v40.vcf",
            "sources/xml/salesforce_export.xml", "sources/email/support_inbox.mbox",
        ].map { Fixtures.url($0).path }
        let output = try InspectJob.run(
            paths: paths, format: nil, csv: CSVOptions(), normalize: NormalizeOptions(defaultRegion: "US"))
        let sources = Set(output.records.map(\.record.source))
        #expect(
            sources == [
                "salesforce_contacts.csv", "tradeshow_cards_v40.vcf", "salesforce_export.xml", "support_inbox.mbox",
            ])
        let robert = output.records.filter { $0.normalized.emails.contains { $0.key == "robert.smith@acme.example" } }
        #expect(Set(robert.map(\.record.source)).count == 4)
    }

    @Test("a missing file stops the job with a file-not-found error")
    func missing() throws {
        let error = try #require(throws: StewardError.self) {
            try InspectJob.run(
                paths: ["/nonexistent/x.csv"], format: nil, csv: CSVOptions(), normalize: NormalizeOptions())
        }
        #expect(error.code == .fileNotFound)
    }
}
