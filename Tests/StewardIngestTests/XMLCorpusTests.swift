import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Runs the ingester over `../shared/corpus/xml` (CRM-style exports and hostile files). Skips when the corpus is
/// absent, as in a user's clone. Every file is read with auto-detection (no options), as `steward dedup` would.
@Suite("XML corpus", .enabled(if: Fixtures.corpusURL("xml") != nil, "../shared/corpus/xml is absent"))
struct XMLCorpusTests {
    func ingest(_ name: String, _ options: XMLOptions = XMLOptions()) throws -> IngestResult {
        let url = try #require(Fixtures.corpusURL("xml/\(name)"))
        return try XMLIngester(options: options).ingest(path: url.path, source: "corpus")
    }

    @Test("Salesforce bulk-query shape: default namespace, xsi:nil, nested Account/Name, CDATA, &#252; in a domain")
    func salesforceLike() throws {
        let result = try ingest("crm_salesforce_like.xml")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(result.records.map(\.sourceID) == ["0035g00000ABCdEAAX", "0035g00000ABCdFAAX"])
        let sean = result.records[0].fields
        #expect(sean[.givenName] == "Seán")
        #expect(sean[.familyName] == "O'Brien")
        #expect(sean[.title] == "Head of R&D")
        #expect(sean[.organization] == "Acme & Sons, Inc.")
        #expect(sean[.country] == "IE")
        #expect(sean.emails == [ContactPoint("Sean.OBrien@Example.COM")])
        #expect(sean.phones == [ContactPoint("+353 1 234 5678"), ContactPoint("087 123 4567", kind: "mobile")])
        #expect(sean.extra("description") == "Met at <Expo> & said \"call me\" \u{2014} prefers email.")
        let mueller = result.records[1].fields
        #expect(mueller[.givenName] == nil)  // xsi:nil
        #expect(mueller[.familyName] == "Müller")
        #expect(mueller.emails == [ContactPoint("j.mueller@bücher.example")])
        #expect(mueller[.organization] == "Bücher GmbH")
        #expect(mueller[.title] == nil)
        // With explicit paths in the file's default namespace.
        let sforce = "http://www.force.com/2009/06/asyncapi/dataload"
        let explicit = try ingest(
            "crm_salesforce_like.xml",
            XMLOptions(
                recordPath: "/s:queryResult/s:records",
                fields: [
                    .init(field: "source_id", path: "s:Id"), .init(field: "organization", path: "s:Account/s:Name"),
                    .init(field: "email", path: "s:Email"),
                ], namespaces: ["s": sforce]))
        #expect(explicit.records.map { $0.fields[.organization] } == ["Acme & Sons, Inc.", "Bücher GmbH"])
    }

    @Test("Dynamics OData shape: m:properties under Atom content, d2: prefix redeclared, CDATA, padded email")
    func dynamicsLike() throws {
        let result = try ingest("crm_dynamics_like_odata.xml")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(
            result.records.map(\.sourceID) == [
                "6f1f2a0e-0000-0000-0000-000000000001", "6f1f2a0e-0000-0000-0000-000000000002",
            ])
        let renee = result.records[0].fields
        #expect(renee[.givenName] == "Renée" && renee[.familyName] == "François")
        #expect(renee[.title] == "Directrice générale")
        #expect(renee.emails == [ContactPoint("renee.francois@socgen.example")])
        #expect(
            renee.phones == [
                ContactPoint("+33 1 42 14 20 00", kind: "work"), ContactPoint("06 12 34 56 78", kind: "mobile"),
            ])
        #expect(renee[.updatedAt] == "2021-03-04T05:06:07Z")
        let john = result.records[1].fields
        #expect(john.emails == [ContactPoint("JOHN.SMITH@EXAMPLE.COM"), ContactPoint("john@smith.example")])
        #expect(john[.title] == "VP, Sales & Marketing")
        #expect(john.phones == [ContactPoint("(425) 555-0100 ext. 12", kind: "work")])
        // The same with the pipeline-style field paths of the shipped Dynamics sample.
        let explicit = try ingest("crm_dynamics_like_odata.xml", XMLSampleOptions.dynamics)
        #expect(explicit.records.map { $0.fields[.fullName] } == ["Renée François", "John Smith"])
        #expect(explicit.records[1].fields.extra("etag") == #"W/"1234568""#)
    }

    @Test("attributes only, declared ISO-8859-1")
    func latin1Attributes() throws {
        let result = try ingest("crm_attributes_latin1.xml")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        let jose = result.records[0]
        #expect(jose.sourceID == "c1")
        #expect(jose.fields[.givenName] == "José" && jose.fields[.familyName] == "Peña")
        #expect(jose.fields.emails == [ContactPoint("JOSE@Example.ES")])
        #expect(jose.fields.phones == [ContactPoint("+34 91 123 45 67")])
        #expect(jose.fields[.country] == "ES")
        let bjork = result.records[1]
        #expect(bjork.fields[.givenName] == "Björk" && bjork.fields[.familyName] == "Guðmundsdóttir")
        #expect(bjork.fields.extra("alias") == "Bjork & Co")
    }

    @Test("UTF-16 with BOM, one record (no repetition: the deepest element with the most fields)")
    func utf16() throws {
        let result = try ingest("crm_utf16_bom.xml")
        #expect(result.rejects.isEmpty && result.warnings.isEmpty)
        #expect(result.records.map(\.sourceID) == ["u1"])
        #expect(result.records[0].fields[.givenName] == "Иван" && result.records[0].fields[.familyName] == "Петров")
        #expect(result.records[0].fields.phones == [ContactPoint("+7 495 123-45-67")])
    }

    @Test(
        "hostile files: refused or stopped with a located reason, earlier records kept, nothing expanded or loaded",
        arguments: [
            ("hostile_billion_laughs.xml", [String](), "refused: the DOCTYPE declares entities (lol, lol1"),
            ("hostile_quadratic_blowup.xml", [], "refused: the DOCTYPE declares entities (a)"),
            ("hostile_xxe_file.xml", [], "refused: the DOCTYPE declares entities (xxe; external: xxe → SYSTEM"),
            ("hostile_xxe_network.xml", [], "refused: the DOCTYPE declares entities (%remote, ping;"),
            ("hostile_deep_nesting.xml", [], "elements nested deeper than 256 levels"),
            ("hostile_truncated.xml", ["t1"], "malformed XML at line 4, column"),
            ("hostile_invalid_utf8.xml", ["i1"], "malformed XML at line 4, column"),
            ("hostile_undeclared_entity_and_bad_char.xml", [], "refused at line 3, column"),
        ])
    func hostile(name: String, kept: [String], reason: String) throws {
        let result = try ingest(name, XMLOptions(recordPath: "//contact"))
        #expect(result.records.map(\.sourceID) == kept)
        #expect(result.rejects.count == 1)
        let reject = try #require(result.rejects.first)
        #expect(reject.reason.description.hasPrefix(reason), "\(reject.reason)")
        #expect(reject.location.line != nil)
        // No expanded or loaded text anywhere (the raw text is the file's own line, at most 200 characters).
        let text = result.records.flatMap { $0.fields.setFields.map(\.value) } + ["\(reject.reason)"]
        #expect(!(text + [reject.rawText]).joined().contains("root:"))
        #expect(!(text + [reject.rawText]).joined().contains("lollollol"))
        #expect(!text.joined().contains("AAAAAAAAAAAAAAAAAAAA"))
        #expect(reject.rawText.count <= Reject.maxRawTextLength + 1)
    }

    @Test("invalid UTF-8: the record before is kept, the loss counted from the start tags")
    func invalidUTF8Loss() throws {
        let result = try ingest("hostile_invalid_utf8.xml")
        #expect(result.records.map(\.sourceID) == ["i1"])
        #expect(
            result.rejects.first?.reason.description.hasSuffix(
                "1 complete record before it was read, about 2 records were lost (3 <contact> start tags in the file)"
            ) == true)
    }

    @Test("external DTD: never loaded, a warning says so, the record is read")
    func externalDTD() throws {
        let result = try ingest("hostile_external_dtd.xml")
        #expect(result.records.map(\.sourceID) == ["x3"])
        #expect(result.rejects.isEmpty)
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.contains(#"external DTD "file:///etc/hostname"; it was not loaded"#) == true)
    }
}
