import StewardModel
import Testing

@testable import StewardIngest

@Suite("CSV header mapping")
struct HeaderMappingTests {
    @Test(
        "keys ignore case, diacritics, spaces and punctuation",
        arguments: [
            ("E-mail 1 - Value", "email1value"), ("first_name", "firstname"), ("firstName", "firstname"),
            ("First Name", "firstname"), ("Prénom", "prenom"), ("Mailing Zip/Postal Code", "mailingzippostalcode"),
            ("Straße", "strasse"), ("  ", ""),
        ])
    func keys(header: String, key: String) {
        #expect(HeaderMapping.key(header) == key)
    }

    @Test(
        "snake_case names for extra fields",
        arguments: [
            ("E-mail Display Name", "e_mail_display_name"), ("lastContactedAt", "last_contacted_at"),
            ("Lead Source", "lead_source"), ("  Notes  ", "notes"), ("Geändert am!", "geändert_am"), ("--", "column"),
        ])
    func snake(header: String, name: String) {
        #expect(HeaderMapping.snakeCase(header) == name)
    }

    @Test(
        "exporters' headers map to canonical roles",
        arguments: [
            // Google
            ("Name", ColumnRole.field(.fullName)), ("Given Name", .field(.givenName)),
            ("Additional Name", .field(.middleName)), ("Family Name", .field(.familyName)),
            ("E-mail 1 - Value", .email(kind: nil, group: 1)), ("E-mail 2 - Type", .emailKind(group: 2)),
            ("Phone 3 - Value", .phone(kind: nil, group: 3)), ("Phone 1 - Type", .phoneKind(group: 1)),
            ("Organization 1 - Name", .field(.organization)), ("Organization 1 - Title", .field(.title)),
            ("Address 1 - City", .address(.city, group: 0)),
            ("Address 2 - Postal Code", .address(.postalCode, group: 1)),
            // Outlook
            ("Middle Name", .field(.middleName)), ("Suffix", .field(.nameSuffix)), ("Company", .field(.organization)),
            ("Business Phone", .phone(kind: "work", group: nil)),
            ("Business Phone 2", .phone(kind: "work", group: nil)),
            ("Mobile Phone", .phone(kind: "mobile", group: nil)), ("Home Phone", .phone(kind: "home", group: nil)),
            ("Business Fax", .phone(kind: "fax", group: nil)), ("E-mail Address", .email(kind: nil, group: nil)),
            ("E-mail 2 Address", .email(kind: nil, group: 2)), ("E-mail Display Name", .extra("e_mail_display_name")),
            ("Business Street", .address(.street, group: 0)), ("Home City", .address(.city, group: 1)),
            // Salesforce
            ("Contact ID", .sourceID), ("Account Name", .field(.organization)),
            ("Mailing State/Province", .address(.region, group: 0)),
            ("Mailing Zip/Postal Code", .address(.postalCode, group: 0)),
            ("Mailing Country", .address(.country, group: 0)),
            ("Last Modified Date", .field(.updatedAt)), ("Salutation", .field(.namePrefix)),
            // HubSpot
            ("Record ID", .sourceID), ("Email", .email(kind: nil, group: nil)),
            ("Phone Number", .phone(kind: nil, group: nil)), ("Company Name", .field(.organization)),
            // snake_case / camelCase
            ("first_name", .field(.givenName)), ("lastName", .field(.familyName)),
            ("email2", .email(kind: nil, group: nil)),
            ("updated_at", .field(.updatedAt)), ("lastModified", .field(.updatedAt)), ("source_id", .sourceID),
            ("id", .sourceID), ("full_name", .field(.fullName)),
            // German, French
            ("Vorname", .field(.givenName)), ("Nachname", .field(.familyName)),
            ("E-Mail", .email(kind: nil, group: nil)),
            ("Telefon", .phone(kind: nil, group: nil)), ("Mobil", .phone(kind: "mobile", group: nil)),
            ("Firma", .field(.organization)), ("Straße", .address(.street, group: 0)),
            ("PLZ", .address(.postalCode, group: 0)),
            ("Prénom", .field(.givenName)), ("Nom", .field(.familyName)), ("Société", .field(.organization)),
            ("Lead Source", .extra("lead_source")),
        ])
    func roles(header: String, role: ColumnRole) {
        #expect(HeaderMapping(headers: [header]).roles == [role])
    }

    @Test("Title is the honorific in Outlook exports and the job title in Salesforce exports")
    func title() {
        let outlook = HeaderMapping(headers: ["Title", "First Name", "Last Name", "Job Title"])
        #expect(outlook.roles[0] == .field(.namePrefix) && outlook.roles[3] == .field(.title))
        let outlookNoJobTitle = HeaderMapping(headers: ["Title", "First Name", "Middle Name", "Last Name"])
        #expect(outlookNoJobTitle.roles[0] == .field(.namePrefix))
        let salesforce = HeaderMapping(headers: ["Salutation", "First Name", "Middle Name", "Last Name", "Title"])
        #expect(salesforce.roles[4] == .field(.title))
        #expect(HeaderMapping(headers: ["name", "title"]).roles[1] == .field(.title))
    }

    @Test("German Name beside Vorname is the family name; beside Given Name it stays the full name")
    func germanName() {
        #expect(HeaderMapping(headers: ["Name", "Vorname"]).roles[0] == .field(.familyName))
        #expect(HeaderMapping(headers: ["Name", "Given Name", "Family Name"]).roles[0] == .field(.fullName))
    }

    @Test("duplicate headers: the later one is an extra with a suffix; blank headers are column_N")
    func duplicatesAndBlanks() {
        let mapping = HeaderMapping(headers: ["email", "Email", "", "name", "name", "E-mail"])
        #expect(
            mapping.roles == [
                .email(kind: nil, group: nil), .extra("email_2"), .extra("column_3"), .field(.fullName),
                .extra("name_2"),
                .extra("e_mail_3"),
            ])
        #expect(mapping.sourceIDColumn == nil)
        #expect(HeaderMapping(headers: ["x", "Record ID"]).sourceIDColumn == 1)
    }

    @Test("every alias in the table maps its own header to its role (no alias shadowed by another)")
    func aliasesAreReachable() {
        var shadowed: [String] = []
        for (header, role) in HeaderMapping.aliases where HeaderMapping.table[HeaderMapping.key(header)] != role {
            shadowed.append(header)
        }
        #expect(shadowed.isEmpty, "shadowed aliases: \(shadowed)")
    }
}

@Suite("Explicit column mapping")
struct ExplicitColumnMappingTests {
    @Test("overrides win over auto-mapping, declare extra fields, and a missing column is a warning")
    func overrides() throws {
        let csv = "Member,Name,Birthdate,Telefon,Kontakt\r\n7,Ann Lee,1990-02-01,030 1234567,ann@x.example\r\n"
        let ingester = CSVIngester(
            options: CSVOptions(columns: [
                "Member": "source_id", "Birthdate": "date_of_birth", "Kontakt": "emails", "name": "family_name",
                "Fax": "phones",
            ]))
        let result = ingester.ingest(bytes: Array(csv.utf8), displayPath: "m.csv", source: "members")
        let record = try #require(result.records.first)
        #expect(record.sourceID == "7")
        #expect(record.fields[.familyName] == "Ann Lee")
        #expect(record.fields[.fullName] == nil)
        #expect(record.fields.extra("date_of_birth") == "1990-02-01")
        #expect(record.fields.emails.map(\.value) == ["ann@x.example"])
        #expect(record.fields.phones.map(\.value) == ["030 1234567"])
        #expect(result.warnings == ["m.csv:1: no column 'Fax' (mapped to phones) in the header"])
    }
}
