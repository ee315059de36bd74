import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardConfig

/// Source keys that belong to one format: `fields`, `record`, `namespaces` (XML); `headers`, `signatures` (email).
@Suite("Pipeline validator: per-format source keys")
struct PipelineSourceFormatKeysTests {
    static func validate(_ sources: String) -> ValidationResult {
        let yaml = "version: 1\nname: formats\nsources:\n" + sources
        return PipelineValidator.validate(yaml: yaml, file: "p.yaml", baseDirectory: Fixtures.url("sources/csv").path)
    }

    static func messages(_ result: ValidationResult) -> [String] {
        result.diagnostics.map { "\($0.severity) \($0.keyPath): \($0.message)" }
    }

    @Test func xmlSourceResolvesRecordNamespacesAndFieldPaths() throws {
        let result = Self.validate(
            """
              - name: dynamics
                format: xml
                path: google_contacts.csv
                record: /feed/entry/content/m:properties
                namespaces: { m: "http://schemas.microsoft.com/ado/2007/08/dataservices/metadata", d: "urn:d" }
                fields: { source_id: "d:contactid", email: "d:emailaddress1", account_no: "d:Account/@number" }
            """)
        #expect(Self.messages(result) == [])
        let source = try #require(result.spec?.sources.first)
        #expect(source.record == "/feed/entry/content/m:properties")
        #expect(source.namespaces["d"] == "urn:d")
        #expect(
            source.columns.map { "\($0.field)=\($0.header)" }.sorted() == [
                "account_no=d:Account/@number", "emails=d:emailaddress1", "source_id=d:contactid",
            ])
    }

    @Test func emailSourceResolvesHeadersAndSignatures() throws {
        let result = Self.validate(
            """
              - { name: inbox, format: email, path: google_contacts.csv, headers: [from, Reply-To], signatures: true }
            """)
        #expect(Self.messages(result) == [])
        let source = try #require(result.spec?.sources.first)
        #expect(source.headers == ["From", "Reply-To"])
        #expect(source.signatures)
    }

    @Test(arguments: [
        (
            "  - { name: a, format: csv, path: google_contacts.csv, record: /A/B }\n",
            "error sources[0].record: only xml sources have 'record'"
        ),
        (
            "  - { name: a, format: xml, path: google_contacts.csv, columns: { email: Email } }\n",
            "error sources[0].columns: XML sources map 'fields' (field: path such as Account/@name)"
        ),
        (
            "  - { name: a, format: csv, path: google_contacts.csv, fields: { email: Email } }\n",
            "error sources[0].fields: CSV sources map 'columns' (field: \"Header\")"
        ),
        (
            "  - { name: a, format: xml, path: google_contacts.csv, record: Export/Contact }\n",
            "error sources[0].record: expected an absolute element path such as /Export/Contacts/Contact"
        ),
        (
            "  - { name: a, format: xml, path: google_contacts.csv, record: /x:Export/x:Contact }\n",
            "error sources[0]: namespace prefix 'x' is not declared under namespaces"
        ),
        (
            "  - { name: a, format: email, path: google_contacts.csv, headers: [Reply-Too] }\n",
            "error sources[0].headers[0]: 'Reply-Too' carries no addresses Steward reads; did you mean 'Reply-To'? "
                + "(one of From, Sender, Reply-To, To, Cc, Bcc, Delivered-To, Return-Path)"
        ),
        (
            "  - { name: a, format: email, path: google_contacts.csv, signatures: maybe }\n",
            "error sources[0].signatures: expected true or false"
        ),
    ])
    func misplacedOrBadKeys(yaml: String, expected: String) {
        let messages = Self.messages(Self.validate(yaml))
        #expect(messages.contains(expected), "\(messages)")
    }
}
