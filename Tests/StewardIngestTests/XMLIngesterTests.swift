import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

/// Exact values from the two shipped CRM samples (explicit field paths and auto-mapping) and from small inline
/// documents for each feature: namespaces, attributes, repeated children, CDATA, entities, encodings, ids.
@Suite("XML ingest")
struct XMLIngesterTests {
    static let salesforcePath = Fixtures.url("sources/xml/salesforce_export.xml").path
    static let dynamicsPath = Fixtures.url("sources/xml/dynamics_export.xml").path

    func ingest(_ xml: String, _ options: XMLOptions = XMLOptions(), name: String = "inline.xml") -> IngestResult {
        XMLIngester(options: options).ingest(bytes: Array(xml.utf8), displayPath: name, source: "test")
    }

    // MARK: - Salesforce-style sample

    @Test("Salesforce sample, field paths: attributes, nested address, every Phone with its type, entities, CDATA")
    func salesforceExplicit() throws {
        let result = try XMLIngester(options: XMLSampleOptions.salesforce).ingest(
            path: Self.salesforcePath, source: "salesforce_xml")
        #expect(result.rejects.isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.records.count == 10)
        let robert = result.records[0]
        #expect(robert.sourceID == "0035g00000XmLaA01")
        #expect(robert.location.description == "\(Self.salesforcePath)#1")
        #expect(robert.fields[.namePrefix] == "Mr.")
        #expect(robert.fields[.givenName] == "Robert")
        #expect(robert.fields[.familyName] == "Smith")
        #expect(robert.fields[.organization] == "Acme, Inc.")
        #expect(robert.fields.emails == [ContactPoint("robert.smith@acme.example")])
        #expect(
            robert.fields.phones == [
                ContactPoint("(415) 555-0100", kind: "work"), ContactPoint("415.555.0199", kind: "mobile"),
            ])
        #expect(robert.fields[.street] == "100 Market St, Suite 300")
        #expect(robert.fields[.postalCode] == "94105")
        #expect(robert.fields[.updatedAt] == "2026-10-02T09:15:00Z")
        #expect(robert.fields.extra("lead_source") == "Trade Show")
        #expect(robert.fields.extra("notes") == #"Met at the "SaaS Expo" booth <B12> & wants a demo in Q1"#)

        let katherine = result.records[1]
        #expect(katherine.fields[.familyName] == "O'Neil")  // &apos;
        let juergen = result.records[2]
        #expect(juergen.fields[.givenName] == "Jürgen")  // &#252;
        #expect(juergen.fields[.familyName] == "Müller")  // &#xFC;
        #expect(juergen.fields[.organization] == "Müller GmbH & Co. KG")  // &amp; in an attribute
        #expect(
            juergen.fields.emails == [
                ContactPoint("j.mueller@mueller-gmbh.example"), ContactPoint("juergen.mueller@gmx.de", kind: "home"),
            ])
        #expect(juergen.fields.phones.map(\.kind) == ["work", "mobile", "fax"])
        #expect(juergen.fields[.region] == nil)
        let francois = result.records[3]
        #expect(francois.fields[.givenName] == "François")
        #expect(francois.fields.extra("notes") == "Préfère le français \u{2013} call after 2\u{A0}pm CET")
        // A contact without an id attribute: its location is its id.
        let tom = result.records[8]
        #expect(tom.fields[.givenName] == "Tom")
        #expect(tom.sourceID == "\(Self.salesforcePath)#9")
        #expect(tom.fields.phones == [ContactPoint("+44 20 7946 0958")])
    }

    @Test("Salesforce sample, auto-mapped: the record element is detected and names map through the alias table")
    func salesforceAuto() throws {
        let auto = try XMLIngester().ingest(path: Self.salesforcePath, source: "s")
        let explicit = try XMLIngester(options: XMLSampleOptions.salesforce).ingest(
            path: Self.salesforcePath, source: "s")
        #expect(auto.rejects.isEmpty && auto.warnings.isEmpty)
        #expect(auto.records.map(\.sourceID) == explicit.records.map(\.sourceID))
        for (a, e) in zip(auto.records, explicit.records) {
            #expect(a.fields.setFields.map(\.value) == e.fields.setFields.map(\.value), "\(a.sourceID)")
            #expect(a.fields.emails == e.fields.emails && a.fields.phones == e.fields.phones, "\(a.sourceID)")
        }
        // `Account/@id` → account_id (not the contact's id); `Description` keeps its own name.
        #expect(auto.records[0].fields.extra("account_id") == "0015g00000AcMe001")
        #expect(auto.records[0].fields.extra("description")?.hasPrefix("Met at the") == true)
        let detected = try XMLIngester().detectedRecordPath(path: Self.salesforcePath)
        #expect(detected?.record == "/Export/Contacts/Contact")
        #expect(detected?.namespaces == [:])
    }

    // MARK: - Dynamics-style sample (namespaces)

    @Test("Dynamics sample, field paths: matched by namespace URI (d: and d2: alike), m:null absent, kinds by name")
    func dynamicsExplicit() throws {
        let result = try XMLIngester(options: XMLSampleOptions.dynamics).ingest(
            path: Self.dynamicsPath, source: "dynamics_xml")
        #expect(result.rejects.isEmpty)
        #expect(result.warnings.isEmpty)
        #expect(result.records.count == 9)
        let katie = result.records[0]
        #expect(katie.sourceID == "6f1f2a0e-5c1d-4e2a-9b3c-000000000001")
        #expect(katie.fields[.givenName] == "Katie")
        #expect(katie.fields[.familyName] == "O'Neil")
        #expect(katie.fields[.fullName] == "Katie O'Neil")
        #expect(katie.fields[.organization] == "Globex Corp")
        #expect(katie.fields.emails == [ContactPoint("koneil@globex.example")])  // EMailAddress2 m:null
        #expect(katie.fields.phones == [ContactPoint("+1 212 555 0142 ext. 7", kind: "work")])
        #expect(katie.fields[.street] == "500 5th Ave")
        #expect(katie.fields[.region] == "NY")
        #expect(katie.fields[.updatedAt] == "2026-09-20T10:00:00Z")
        #expect(katie.fields.extra("etag") == #"W/"2190001""#)
        let robert = result.records[1]
        #expect(
            robert.fields.emails == [ContactPoint("Robert.Smith@ACME.example"), ContactPoint("bob.smith@gmail.com")])
        #expect(
            robert.fields.phones == [
                ContactPoint("+1 (415) 555-0100", kind: "work"), ContactPoint("+1 415 555 0199", kind: "mobile"),
            ])
        #expect(robert.fields.extra("notes") == #"Prefers "Bob"; met at <SaaS Expo> & again in Q3"#)
        #expect(result.records[2].fields[.givenName] == "Jürgen")  // &#xFC;
        #expect(result.records[3].fields.extra("notes") == "Parle anglais & allemand")
        let annLee = result.records[5]
        #expect(annLee.fields[.organization] == nil && annLee.fields[.title] == nil)
        // Entry 8 declares the data namespace again as d2: same URI, same fields.
        let sofia = result.records[7]
        #expect(sofia.fields[.givenName] == "Sofia")
        #expect(sofia.fields[.organization] == "Rossi & Figli S.p.A.")
        #expect(sofia.fields.emails.count == 2 && sofia.fields.phones.count == 2)
    }

    @Test("Dynamics sample, auto-mapped: Atom metadata skipped, m:properties read, OData names known")
    func dynamicsAuto() throws {
        let auto = try XMLIngester().ingest(path: Self.dynamicsPath, source: "d")
        let explicit = try XMLIngester(options: XMLSampleOptions.dynamics).ingest(path: Self.dynamicsPath, source: "d")
        #expect(auto.rejects.isEmpty && auto.warnings.isEmpty)
        #expect(auto.records.map(\.sourceID) == explicit.records.map(\.sourceID))
        for (a, e) in zip(auto.records, explicit.records) {
            #expect(a.fields.setFields.map(\.value) == e.fields.setFields.map(\.value), "\(a.sourceID)")
            #expect(a.fields.emails == e.fields.emails && a.fields.phones == e.fields.phones, "\(a.sourceID)")
        }
        // The Atom `author/name`, `title` and `id` of an entry are not the contact's.
        #expect(auto.records[0].fields[.title] == "Marketing Director")
        #expect(auto.records[0].fields.extra("parent_customer_id_id") == "0a0a0a0a-0000-4000-8000-000000000001")
        let detected = try XMLIngester().detectedRecordPath(path: Self.dynamicsPath)
        #expect(detected?.record == "/ns:feed/ns:entry")
        #expect(detected?.namespaces == ["ns": XMLSampleOptions.atom])
    }

    @Test("bytes and path give the same result; read(path:) streams the same records")
    func bytesPathAndStream() throws {
        let ingester = XMLIngester(options: XMLSampleOptions.salesforce)
        let fromPath = try ingester.ingest(path: Self.salesforcePath, source: "s")
        let fromBytes = ingester.ingest(
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.salesforcePath))),
            displayPath: Self.salesforcePath, source: "s")
        #expect(fromBytes.records == fromPath.records)
        var streamed: [SourceRecord] = []
        let outcome = try ingester.read(path: Self.salesforcePath, source: "s") { streamed.append($0) }
        #expect(streamed == fromPath.records)
        #expect(outcome.read == 10 && outcome.rejects.isEmpty)
    }

    // MARK: - Features on inline documents

    @Test("namespaces: matched by URI, not by the prefix written; a default namespace declared as \"\"")
    func namespaces() {
        let xml = """
            <x:Export xmlns:x="urn:crm" xmlns:y="urn:other">
              <x:Contact><x:Email>a@example.com</x:Email><y:Email>not-mine@example.com</y:Email></x:Contact>
              <z:Contact xmlns:z="urn:crm"><z:Email>b@example.com</z:Email></z:Contact>
              <y:Contact><y:Email>other@example.com</y:Email></y:Contact>
            </x:Export>
            """
        let options = XMLOptions(
            recordPath: "/c:Export/c:Contact", fields: [.init(field: "email", path: "c:Email")],
            namespaces: ["c": "urn:crm"])
        #expect(
            ingest(xml, options).records.map { $0.fields.emails.map(\.value) } == [
                ["a@example.com"], ["b@example.com"],
            ])
        // "" declares the default namespace for unprefixed steps.
        let byDefault = XMLOptions(
            recordPath: "/Export/Contact", fields: [.init(field: "emails", path: "Email")], namespaces: ["": "urn:crm"])
        #expect(ingest(xml, byDefault).records.count == 2)
        // Without namespaces, an unprefixed step matches the local name in any namespace.
        let any = XMLOptions(recordPath: "/Export/Contact", fields: [.init(field: "emails", path: "Email")])
        #expect(
            ingest(xml, any).records.map { $0.fields.emails.map(\.value) } == [
                ["a@example.com", "not-mine@example.com"], ["b@example.com"], ["other@example.com"],
            ])
    }

    @Test("attributes on the record and below, repeated children into lists, kinds from type or name")
    func attributesAndRepeats() {
        let xml = """
            <Export><Contacts>
              <Contact id="7" status="active">
                <Name first="Ann" last="Lee"/>
                <Account name="Acme &amp; Co"/>
                <Phones><Phone type="Work">1</Phone><Phone type="cell">2</Phone><Phone>3</Phone></Phones>
                <Email>a@x.example</Email><Email>b@x.example</Email>
                <MobilePhone>4</MobilePhone>
              </Contact>
            </Contacts></Export>
            """
        let options = XMLOptions(
            recordPath: "/Export/Contacts/Contact",
            fields: [
                .init(field: "source_id", path: "@id"), .init(field: "first_name", path: "Name/@first"),
                .init(field: "last_name", path: "Name/@last"), .init(field: "company", path: "Account/@name"),
                .init(field: "phones", path: "Phones/Phone"), .init(field: "phone", path: "MobilePhone"),
                .init(field: "emails", path: "Email"), .init(field: "status", path: "@status"),
            ])
        let record = ingest(xml, options).records[0]
        #expect(record.sourceID == "7")
        #expect(record.fields[.givenName] == "Ann" && record.fields[.familyName] == "Lee")
        #expect(record.fields[.organization] == "Acme & Co")
        #expect(
            record.fields.phones == [
                ContactPoint("1", kind: "work"), ContactPoint("2", kind: "mobile"), ContactPoint("3"),
                ContactPoint("4", kind: "mobile"),
            ])
        #expect(record.fields.emails.map(\.value) == ["a@x.example", "b@x.example"])
        #expect(record.fields.extra("status") == "active")
    }

    @Test("text: CDATA, character references, predefined entities, comments, descendants joined by a space")
    func textValues() {
        let xml = """
            <R><C>
              <Notes>a<!-- note -->b<![CDATA[ <c> & "d" ]]>&lt;&gt;&amp;&quot;&apos; &#x1F600;&#233;</Notes>
              <Name><First>Ann</First> <Last>Lee</Last></Name>
              <Title>  Head
                 of IT  </Title>
            </C></R>
            """
        let options = XMLOptions(
            recordPath: "/R/C",
            fields: [
                .init(field: "notes", path: "Notes"), .init(field: "full_name", path: "Name"),
                .init(field: "title", path: "Title"),
            ])
        let record = ingest(xml, options).records[0]
        #expect(record.fields.extra("notes") == #"ab <c> & "d" <>&"' 😀é"#)
        #expect(record.fields[.fullName] == "Ann Lee")
        #expect(record.fields[.title] == "Head\n     of IT")
    }

    @Test(
        "encodings libxml2 decodes: UTF-16 LE/BE with BOM, ISO-8859-1, Windows-1252, UTF-8 with BOM",
        arguments: ["UTF-16LE", "UTF-16BE", "ISO-8859-1", "windows-1252", "UTF-8-BOM"])
    func encodings(_ encoding: String) throws {
        let name = encoding == "windows-1252" ? "Zoë €uro" : "Zoë Ærøskøbing"
        let declared = encoding.hasPrefix("UTF-16") ? "UTF-16" : encoding == "UTF-8-BOM" ? "UTF-8" : encoding
        let xml = "<?xml version=\"1.0\" encoding=\"\(declared)\"?>\n<R><C><Name>\(name)</Name></C></R>\n"
        let bytes: [UInt8]
        switch encoding {
        case "UTF-16LE": bytes = [0xFF, 0xFE] + Array(try #require(xml.data(using: .utf16LittleEndian)))
        case "UTF-16BE": bytes = [0xFE, 0xFF] + Array(try #require(xml.data(using: .utf16BigEndian)))
        case "ISO-8859-1": bytes = Array(try #require(xml.data(using: .isoLatin1)))
        case "windows-1252": bytes = Array(try #require(xml.data(using: .windowsCP1252)))
        default: bytes = [0xEF, 0xBB, 0xBF] + Array(xml.utf8)
        }
        #expect(bytes.contains(0x80) == (encoding == "windows-1252"))
        let result = XMLIngester(options: XMLOptions(recordPath: "/R/C"))
            .ingest(bytes: bytes, displayPath: "enc.xml", source: "s")
        #expect(result.rejects.isEmpty)
        #expect(result.records.map { $0.fields[.fullName] } == [name])
    }

    @Test("ids: a missing id is the location, a repeated id is rejected naming the first, an empty record rejected")
    func ids() throws {
        let xml = """
            <R>
              <C id="a"><Name>One</Name></C>
              <C><Name>Two</Name></C>
              <C id="a"><Name>Three</Name></C>
              <C id="b"/>
              <C/>
              <C id=" c "><Name>Six</Name></C>
            </R>
            """
        let result = ingest(xml, XMLOptions(recordPath: "/R/C"), name: "ids.xml")
        #expect(result.records.map(\.sourceID) == ["a", "ids.xml#2", "c"])
        #expect(result.records.map(\.location.description) == ["ids.xml#1", "ids.xml#2", "ids.xml#6"])
        #expect(
            result.rejects.map { "\($0.location) \($0.reason.code)" } == [
                "ids.xml#3 duplicate_source_id", "ids.xml#4 empty_record", "ids.xml#5 empty_record",
            ])
        #expect(result.rejects[0].reason == .duplicateSourceID("a", firstSeen: "ids.xml#1"))
        #expect(result.rejects[0].rawText == "id=a | full_name=Three")
        #expect(result.recordsRead == 6)
        // Streaming keeps nothing, so it does not check repeated ids (the caller that keeps the records does).
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xml-ids-\(getpid()).xml").path
        FileManager.default.createFile(atPath: path, contents: Data(xml.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var streamed: [String] = []
        let outcome = try XMLIngester(options: XMLOptions(recordPath: "/R/C")).read(path: path, source: "s") {
            streamed.append($0.sourceID)
        }
        #expect(streamed == ["a", "\(path)#2", "a", "c"])
        #expect(outcome.rejects.map(\.reason.code) == ["empty_record", "empty_record"])
        #expect(outcome.read == 6)
    }

    @Test("a value over maxFieldBytes rejects its record; the next record still flows")
    func fieldTooLong() {
        let long = String(repeating: "x", count: 200)
        let xml = "<R><C id=\"1\"><Notes>\(long)</Notes></C><C id=\"2\"><Notes>short</Notes></C></R>"
        let result = ingest(xml, XMLOptions(recordPath: "/R/C", maxFieldBytes: 100))
        #expect(result.records.map(\.sourceID) == ["2"])
        #expect(result.rejects.map(\.reason) == [.malformed("the value of Notes is longer than 100 bytes")])
        #expect(result.rejects.map(\.location.description) == ["inline.xml#1"])
    }

    @Test("record paths: // at any depth, * steps; records nested in a record are part of it")
    func recordPaths() {
        let xml = """
            <A><B><Contact><Name>1</Name></Contact></B>
            <C><D><Contact><Name>2</Name><Contact><Name>3</Name></Contact></Contact></D></C></A>
            """
        func names(_ path: String) -> [String?] {
            let fields = [
                XMLOptions.FieldPath(field: "full_name", path: "Name"), .init(field: "n", path: "Contact/Name"),
            ]
            return ingest(xml, XMLOptions(recordPath: path, fields: fields)).records.map {
                [$0.fields[.fullName], $0.fields.extra("n")].compactMap { $0 }.joined(separator: "+")
            }
        }
        #expect(names("//Contact") == ["1", "2+3"])
        #expect(names("/A/*/Contact") == ["1"])
        #expect(names("//D/Contact") == ["2+3"])
        #expect(names("/Contact").isEmpty)
    }

    @Test("a second value for a single field is kept, not dropped; a repeated extra is numbered")
    func repeatedSingleValues() {
        let xml = "<R><C><Title>CEO</Title><Title>Founder</Title><Tag>a</Tag><Tag>b</Tag></C></R>"
        let record = ingest(xml, XMLOptions(recordPath: "/R/C")).records[0]
        #expect(record.fields[.title] == "CEO")
        #expect(
            record.fields.extras == [
                ExtraField(name: "title", value: "Founder"), ExtraField(name: "tag", value: "a"),
                ExtraField(name: "tag_2", value: "b"),
            ])
    }

    @Test("no record element found: a warning, no records; unmatched explicit path: no records, no error")
    func noRecords() {
        let flat = ingest("<Config><Setting>1</Setting><Setting>2</Setting></Config>")
        #expect(flat.records.isEmpty && flat.rejects.isEmpty)
        #expect(flat.warnings.count == 1)
        #expect(flat.warnings.first?.contains("no record element found") == true)
        #expect(ingest("<R><C>1</C></R>", XMLOptions(recordPath: "/R/X")).records.isEmpty)
    }

    @Test("bad options: problems listed for validate; ingest(path:) throws bad usage; bytes give a reject")
    func badOptions() throws {
        let options = XMLOptions(
            recordPath: "Export/x:Contact", fields: [.init(field: "email", path: "@a/b"), .init(field: "", path: "")])
        #expect(
            XMLIngester.problems(in: options) == [
                "record 'Export/x:Contact': must start with / (from the document element) or // (at any depth)",
                "field email '@a/b': an attribute ('@a') can only be the last step",
                "field  '': is empty",
                "a field path '' has no field name",
            ])
        let prefixed = XMLOptions(recordPath: "/x:Contact", namespaces: ["d": "urn:d"])
        #expect(
            XMLIngester.problems(in: prefixed) == [
                "record '/x:Contact': namespace prefix 'x' is not declared in namespaces (declared: d)"
            ])
        #expect(XMLIngester.problems(in: XMLSampleOptions.dynamics).isEmpty)
        #expect(throws: StewardError.self) {
            try XMLIngester(options: prefixed).ingest(path: Self.salesforcePath, source: "s")
        }
        #expect(ingest("<R/>", prefixed).rejects.map(\.reason.code) == ["malformed"])
    }

    @Test("empty input and input that is not XML: one reject saying so")
    func notXML() {
        for text in ["", "<?xml version=\"1.0\"?>\n", "id,name\n1,Ann\n"] {
            let result = ingest(text)
            #expect(result.records.isEmpty)
            #expect(result.rejects.count == 1)
            #expect(result.rejects.first?.reason.description.hasPrefix("not XML, or empty: no element found") == true)
        }
    }

    @Test("ingesters on several threads at once give the same results as one at a time")
    func concurrent() throws {
        let inputs = [
            (Self.salesforcePath, XMLSampleOptions.salesforce), (Self.dynamicsPath, XMLSampleOptions.dynamics),
            (Fixtures.url("bad/xml_truncated.xml").path, XMLOptions(recordPath: "/Export/Contacts/Contact")),
            (Fixtures.url("bad/xml_xxe_file.xml").path, XMLOptions()),
        ]
        @Sendable func describe(_ result: IngestResult) -> String {
            "\(result.records.map(\.sourceID)) \(result.rejects.map(\.reason.description)) \(result.warnings)"
        }
        let expected = try inputs.map { describe(try XMLIngester(options: $0.1).ingest(path: $0.0, source: "s")) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int: String] = [:]
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 16) { i in
            let (path, options) = inputs[i % inputs.count]
            let text = (try? XMLIngester(options: options).ingest(path: path, source: "s")).map(describe) ?? "threw"
            results.lock.withLock { results.values[i] = text }
        }
        for i in 0..<16 { #expect(results.values[i] == expected[i % inputs.count]) }
    }

    @Test("whole-file failures throw: missing file, directory")
    func fileErrors() {
        #expect {
            try XMLIngester().ingest(path: "/nonexistent/export.xml", source: "s")
        } throws: { ($0 as? StewardError)?.code == .fileNotFound }
        #expect {
            try XMLIngester().ingest(path: Fixtures.url("sources/xml").path, source: "s")
        } throws: { ($0 as? StewardError)?.code == .fileUnreadable }
    }
}
