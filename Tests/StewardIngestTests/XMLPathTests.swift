import StewardModel
import Testing

@testable import StewardIngest

@Suite("XML paths")
struct XMLPathTests {
    let namespaces = ["d": "urn:data", "m": "urn:meta"]

    @Test("record paths: anchored or at any depth, prefixes resolved to URIs, * steps")
    func recordPaths() throws {
        let anchored = try XMLPathParser.recordPath("/Export/d:Contacts/*", namespaces: namespaces).get()
        #expect(anchored.anchored)
        #expect(
            anchored.steps.map(\.namespace) == [.any, .uri("urn:data"), .any]
                && anchored.steps.map(\.localName) == [
                    "Export", "Contacts", nil,
                ])
        #expect(anchored.description == "/Export/d:Contacts/*")
        let anywhere = try XMLPathParser.recordPath("//m:entry", namespaces: namespaces).get()
        #expect(!anywhere.anchored && anywhere.steps.map(\.namespace) == [.uri("urn:meta")])
        let defaulted = try XMLPathParser.recordPath("/feed/entry", namespaces: ["": "urn:atom"]).get()
        #expect(defaulted.steps.map(\.namespace) == [.uri("urn:atom"), .uri("urn:atom")])
    }

    @Test("field paths: elements, a final attribute (unprefixed = no namespace), prefixed attributes")
    func fieldPaths() throws {
        let nested = try XMLPathParser.fieldPath("Account/@name", namespaces: namespaces).get()
        #expect(nested.steps.map(\.localName) == ["Account"])
        #expect(nested.attribute == XMLNameTest(localName: "name", namespace: .none, written: "@name"))
        let prefixed = try XMLPathParser.fieldPath("@m:etag", namespaces: namespaces).get()
        #expect(prefixed.steps.isEmpty && prefixed.attribute?.namespace == .uri("urn:meta"))
        #expect(try XMLPathParser.fieldPath("Phones/Phone", namespaces: [:]).get().steps.count == 2)
    }

    @Test(
        "unsupported syntax is a problem naming the step",
        arguments: [
            ("Name[1]", "'Name[1]' is not supported: use element names, '*' and a final '@attribute'"),
            ("../Name", "'..' is not supported: use element names, '*' and a final '@attribute'"),
            ("text()", "'text()' is not supported: use element names, '*' and a final '@attribute'"),
            ("a//b", "has an empty step (// is only allowed at the start of a record path)"),
            ("/Name", "is relative to the record element; write it without a leading /"),
            ("x:Name", "namespace prefix 'x' is not declared in namespaces (declared: d, m)"),
            ("a:b:c", "'a:b:c' is not a name (write name or prefix:name)"),
            ("1st", "'1st' is not an XML name"),
        ])
    func unsupported(path: String, problem: String) {
        switch XMLPathParser.fieldPath(path, namespaces: namespaces) {
        case .success: Issue.record("\(path) parsed")
        case .failure(let error): #expect(error.message == problem)
        }
    }

    @Test("field names: canonical, pipeline aliases, source_id, else extra")
    func targets() {
        #expect(XMLFieldTarget(fieldName: "given_name") == .single(.givenName))
        #expect(XMLFieldTarget(fieldName: "first_name") == .single(.givenName))
        #expect(XMLFieldTarget(fieldName: "email") == .email)
        #expect(XMLFieldTarget(fieldName: "phones") == .phone)
        #expect(XMLFieldTarget(fieldName: "company") == .single(.organization))
        #expect(XMLFieldTarget(fieldName: "source_id") == .sourceID)
        #expect(XMLFieldTarget(fieldName: "lead_source") == .extra("lead_source"))
    }

    @Test(
        "auto-mapping of names with their parent: the alias table, Dynamics names, nested Name and Id kept apart",
        arguments: [
            ("FirstName", nil, "given_name"), ("EMailAddress1", nil, "email"), ("Telephone1", nil, "phone/work"),
            ("MobilePhone", nil, "phone/mobile"), ("Address1_Country", nil, "country"),
            ("ModifiedOn", nil, "updated_at"),
            ("Name", "Account", "organization"), ("First", "Name", "given_name"), ("Phone", "Phones", "phone"),
            ("Name", "Owner", "extra owner_name"), ("Id", "ParentCustomerId", "extra parent_customer_id_id"),
            ("type", "Account", "extra account_type"), ("LeadSource", nil, "extra lead_source"),
            ("Id", nil, "source_id"), ("Street", "MailingAddress", "street"),
        ] as [(String, String?, String)])
    func autoNames(name: String, parent: String?, expected: String) {
        let described: String
        switch XMLFieldRoles.element(name, parent: parent) {
        case .sourceID: described = "source_id"
        case .single(let field): described = field.rawValue
        case .email(let kind): described = "email" + (kind.map { "/" + $0 } ?? "")
        case .phone(let kind): described = "phone" + (kind.map { "/" + $0 } ?? "")
        case .extra(let extra): described = "extra " + extra
        }
        #expect(described == expected)
    }
}
