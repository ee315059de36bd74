import Foundation
import StewardModel

/// What one CSV column feeds.
public enum ColumnRole: Sendable, Hashable {
    /// The record's own id (`SourceRecord.sourceID`).
    case sourceID
    /// A single-valued canonical field (never `.emails`/`.phones`).
    case field(CanonicalField)
    /// An email column; `kind` from the header (`work`, `home`, …); `group` pairs it with a Google
    /// `E-mail N - Type` column whose cell gives the kind per row.
    case email(kind: String?, group: Int?)
    /// A phone column, as for ``email(kind:group:)``.
    case phone(kind: String?, group: Int?)
    /// Google `E-mail N - Type`: the kind of the emails in group N for this row.
    case emailKind(group: Int)
    /// Google `Phone N - Type`.
    case phoneKind(group: Int)
    /// Part of a postal address (`street`, `city`, `region`, `postalCode`, `country`). Group 0 is the primary
    /// address (Outlook "Business …", Salesforce "Mailing …", Google "Address 1 - …", plain "City"); per row the
    /// first group with any value fills the canonical fields, the others become extra fields.
    case address(CanonicalField, group: Int)
    /// Kept as an extra field under this name.
    case extra(String)
}

/// Maps CSV headers to canonical fields by the names common exporters use.
///
/// Headers are compared by their ``key(_:)``: case, diacritics, spaces and punctuation ignored (`E-mail 1 - Value`
/// → `email1value`, `first_name`/`firstName`/`First Name` → `firstname`, `Prénom` → `prenom`). Lookup order:
/// the alias table ``aliases``; then numbered patterns (Google `E-mail N - Value/Type`, `Phone N - …`,
/// `Address N - …`, `Organization N - …`, `Website N - Value`, Outlook `E-mail N Address`); then the key with
/// trailing digits removed (`email2`, `Telefon 2`); else an extra field named by ``snakeCase(_:)``.
///
/// Context rules: `Title` is the honorific prefix (as in Outlook) when another column is the job title, or when no
/// other column is the prefix and the header looks like Outlook's (`Middle Name`, `Suffix`, `E-mail Address`,
/// `Business Phone`); else it is the job title (as in Salesforce, which has `Salutation` for the prefix). `Name` is the family name when `Vorname` is present and no other column is. A header
/// repeated (same key) maps the later column to an extra field `<name>_2`, `<name>_3`…; a blank header to
/// `column_N` (1-based).
public struct HeaderMapping: Sendable, Hashable {
    public let headers: [String]
    public private(set) var roles: [ColumnRole]

    /// Index of the source id column, if any.
    public var sourceIDColumn: Int? { roles.firstIndex(of: .sourceID) }

    /// Maps `headers`; `overrides` (header text → field name) win over auto-mapping for the headers they name.
    /// A field name is a canonical field (`given_name`, `emails`, `phones`, `city`, …), `source_id`, or any other
    /// snake_case name, which becomes an extra field. Headers are matched exactly, then by ``key(_:)``.
    /// - Complexity: O(total header length); runs once per file.
    public init(headers: [String], overrides: [String: String]) {
        self.init(headers: headers)
        guard !overrides.isEmpty else { return }
        var byKey: [String: String] = [:]
        for (header, field) in overrides { byKey[HeaderMapping.key(header)] = field }
        var roles = self.roles
        for (i, header) in headers.enumerated() {
            guard let field = overrides[header] ?? byKey[HeaderMapping.key(header)] else { continue }
            roles[i] = HeaderMapping.role(forField: field)
        }
        self.roles = roles
    }

    /// The role of a column explicitly mapped to `field`.
    static func role(forField field: String) -> ColumnRole {
        if field == "source_id" { return .sourceID }
        guard let canonical = CanonicalField(rawValue: field) else { return .extra(field) }
        switch canonical {
        case .emails: return .email(kind: nil, group: nil)
        case .phones: return .phone(kind: nil, group: nil)
        case .street, .city, .region, .postalCode, .country: return .address(canonical, group: 0)
        default: return .field(canonical)
        }
    }

    /// - Complexity: O(total header length); runs once per file.
    public init(headers: [String]) {
        self.headers = headers
        let keys = headers.map(HeaderMapping.key)
        var roles: [ColumnRole] = []
        var seen: [String: Int] = [:]
        for (i, header) in headers.enumerated() {
            let key = keys[i]
            if key.isEmpty {
                roles.append(.extra("column_\(i + 1)"))
                continue
            }
            let occurrence = (seen[key] ?? 0) + 1
            seen[key] = occurrence
            if occurrence > 1 {
                roles.append(.extra("\(HeaderMapping.snakeCase(header))_\(occurrence)"))
                continue
            }
            roles.append(HeaderMapping.role(forKey: key) ?? .extra(HeaderMapping.snakeCase(header)))
        }
        // Context rule: Outlook's `Title` is the honorific, Salesforce's the job title.
        if let titleIndex = keys.firstIndex(of: "title"), roles[titleIndex] == .field(.title) {
            let otherJobTitle = roles.indices.contains { $0 != titleIndex && roles[$0] == .field(.title) }
            let otherPrefix = roles.contains(.field(.namePrefix))
            let outlookMarkers: Set<String> = ["middlename", "suffix", "emailaddress", "businessphone"]
            if otherJobTitle || (!otherPrefix && keys.contains(where: outlookMarkers.contains)) {
                roles[titleIndex] = .field(.namePrefix)
            }
        }
        // Context rule: German `Name` beside `Vorname` is the family name.
        if keys.contains("vorname"), !roles.contains(.field(.familyName)),
            let nameIndex = keys.firstIndex(of: "name"), roles[nameIndex] == .field(.fullName)
        {
            roles[nameIndex] = .field(.familyName)
        }
        self.roles = roles
    }

    /// The comparison key of a header: case- and diacritic-folded, letters and digits only.
    public static func key(_ header: String) -> String {
        let folded = header.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars
        where scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
            out.append(scalar)
        }
        return String(out)
    }

    /// The extra-field name of a header: lower case, words joined by `_` (`E-mail Display Name` →
    /// `e_mail_display_name`, `lastContactedAt` → `last_contacted_at`).
    public static func snakeCase(_ header: String) -> String {
        var out = ""
        var pendingUnderscore = false
        var previousWasLower = false
        for scalar in header.unicodeScalars {
            let isAlnum = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            guard isAlnum else {
                pendingUnderscore = !out.isEmpty
                previousWasLower = false
                continue
            }
            if scalar.properties.isUppercase && previousWasLower { pendingUnderscore = true }
            if pendingUnderscore {
                out += "_"
                pendingUnderscore = false
            }
            out += String(scalar).lowercased()
            previousWasLower = scalar.properties.isLowercase || ("0"..."9").contains(scalar)
        }
        return out.isEmpty ? "column" : out
    }

    /// The role of a header key (see ``key(_:)``), or `nil` when nothing matches.
    static func role(forKey key: String) -> ColumnRole? {
        if let role = table[key] { return role }
        if let role = numberedRole(key) { return role }
        // `email2`, `phone 3`, `Telefon 2`: drop trailing digits.
        var stripped = Substring(key)
        while let last = stripped.last, last.isASCII, last.isNumber { stripped = stripped.dropLast() }
        if stripped.count < key.count, !stripped.isEmpty, let role = table[String(stripped)] {
            switch role {
            case .sourceID: return nil
            default: return role
            }
        }
        return nil
    }

    /// Google (`E-mail 1 - Value`) and Outlook (`E-mail 2 Address`) numbered headers.
    static func numberedRole(_ key: String) -> ColumnRole? {
        for prefix in ["email", "phone", "address", "organization", "website"] where key.hasPrefix(prefix) {
            let rest = key.dropFirst(prefix.count)
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let n = Int(digits) else { continue }
            let suffix = String(rest.dropFirst(digits.count))
            switch (prefix, suffix) {
            case ("email", "value"), ("email", "address"): return .email(kind: nil, group: n)
            case ("email", "type"): return .emailKind(group: n)
            case ("phone", "value"): return .phone(kind: nil, group: n)
            case ("phone", "type"): return .phoneKind(group: n)
            case ("address", "street"): return .address(.street, group: n - 1)
            case ("address", "city"): return .address(.city, group: n - 1)
            case ("address", "region"): return .address(.region, group: n - 1)
            case ("address", "postalcode"): return .address(.postalCode, group: n - 1)
            case ("address", "country"): return .address(.country, group: n - 1)
            case ("organization", "name"): return .field(.organization)
            case ("organization", "title"): return .field(.title)
            case ("organization", "department"): return .field(.department)
            case ("website", "value"): return .field(.website)
            default: return nil
            }
        }
        return nil
    }

    /// The alias table keyed by ``key(_:)``.
    static let table: [String: ColumnRole] = {
        var table: [String: ColumnRole] = [:]
        for (header, role) in aliases { table[key(header)] = role }
        return table
    }()

    /// Header aliases, one per line: the header as exporters write it → its role. Documented in the README.
    public static let aliases: [(header: String, role: ColumnRole)] = [
        // Source id
        ("id", .sourceID),
        ("source_id", .sourceID),
        ("Contact ID", .sourceID),  // Salesforce
        ("Record ID", .sourceID),  // HubSpot
        ("hs_object_id", .sourceID),  // HubSpot API
        ("uid", .sourceID),
        ("external_id", .sourceID),
        ("contact_id", .sourceID),
        ("customer_id", .sourceID),
        ("Kontakt-ID", .sourceID),
        // Names
        ("Name", .field(.fullName)),  // Google; "Name" beside "Vorname" is the family name
        ("full_name", .field(.fullName)),
        ("Full Name", .field(.fullName)),
        ("display_name", .field(.fullName)),
        ("Contact Name", .field(.fullName)),
        ("Given Name", .field(.givenName)),  // Google
        ("First Name", .field(.givenName)),  // Outlook, Salesforce, HubSpot
        ("first_name", .field(.givenName)),
        ("firstname", .field(.givenName)),
        ("forename", .field(.givenName)),
        ("first", .field(.givenName)),
        ("Vorname", .field(.givenName)),
        ("Prénom", .field(.givenName)),
        ("Additional Name", .field(.middleName)),  // Google
        ("Middle Name", .field(.middleName)),  // Outlook
        ("middle_name", .field(.middleName)),
        ("Family Name", .field(.familyName)),  // Google
        ("Last Name", .field(.familyName)),  // Outlook, Salesforce, HubSpot
        ("last_name", .field(.familyName)),
        ("surname", .field(.familyName)),
        ("last", .field(.familyName)),
        ("Nachname", .field(.familyName)),
        ("Familienname", .field(.familyName)),
        ("Nom", .field(.familyName)),
        ("Nom de famille", .field(.familyName)),
        ("Name Prefix", .field(.namePrefix)),  // Google
        ("Salutation", .field(.namePrefix)),  // Salesforce
        ("prefix", .field(.namePrefix)),
        ("honorific", .field(.namePrefix)),
        ("Anrede", .field(.namePrefix)),
        ("Civilité", .field(.namePrefix)),
        ("Name Suffix", .field(.nameSuffix)),  // Google
        ("Suffix", .field(.nameSuffix)),  // Outlook
        ("Namenszusatz", .field(.nameSuffix)),
        // Organization
        ("Company", .field(.organization)),  // Outlook
        ("Company Name", .field(.organization)),  // HubSpot
        ("Account Name", .field(.organization)),  // Salesforce
        ("Organization", .field(.organization)),
        ("Organisation", .field(.organization)),
        ("org", .field(.organization)),
        ("employer", .field(.organization)),
        ("Firma", .field(.organization)),
        ("Unternehmen", .field(.organization)),
        ("Société", .field(.organization)),
        ("Entreprise", .field(.organization)),
        ("Title", .field(.title)),  // Salesforce; Outlook's "Title" is the honorific (context rule)
        ("Job Title", .field(.title)),  // Outlook, HubSpot
        ("job_title", .field(.title)),
        ("Position", .field(.title)),
        ("Role", .field(.title)),
        ("Funktion", .field(.title)),
        ("Berufsbezeichnung", .field(.title)),
        ("Poste", .field(.title)),
        ("Fonction", .field(.title)),
        ("Department", .field(.department)),
        ("Abteilung", .field(.department)),
        ("Service", .field(.department)),
        // Emails
        ("Email", .email(kind: nil, group: nil)),  // Salesforce, HubSpot
        ("E-mail", .email(kind: nil, group: nil)),
        ("mail", .email(kind: nil, group: nil)),
        ("Email Address", .email(kind: nil, group: nil)),
        ("E-mail Address", .email(kind: nil, group: nil)),  // Outlook
        ("Work Email", .email(kind: "work", group: nil)),
        ("Business Email", .email(kind: "work", group: nil)),
        ("Personal Email", .email(kind: "home", group: nil)),
        ("Home Email", .email(kind: "home", group: nil)),
        ("Other Email", .email(kind: "other", group: nil)),
        ("Secondary Email", .email(kind: "other", group: nil)),
        ("Alternate Email", .email(kind: "other", group: nil)),
        ("Courriel", .email(kind: nil, group: nil)),
        ("Adresse e-mail", .email(kind: nil, group: nil)),
        // Phones
        ("Phone", .phone(kind: nil, group: nil)),  // Salesforce
        ("Phone Number", .phone(kind: nil, group: nil)),  // HubSpot
        ("telephone", .phone(kind: nil, group: nil)),
        ("tel", .phone(kind: nil, group: nil)),
        ("Primary Phone", .phone(kind: nil, group: nil)),  // Outlook
        ("Business Phone", .phone(kind: "work", group: nil)),  // Outlook
        ("Work Phone", .phone(kind: "work", group: nil)),
        ("Company Main Phone", .phone(kind: "work", group: nil)),  // Outlook
        ("Office Phone", .phone(kind: "work", group: nil)),
        ("Mobile Phone", .phone(kind: "mobile", group: nil)),  // Outlook
        ("Mobile Phone Number", .phone(kind: "mobile", group: nil)),  // HubSpot
        ("Mobile", .phone(kind: "mobile", group: nil)),  // Salesforce
        ("Cell", .phone(kind: "mobile", group: nil)),
        ("Cell Phone", .phone(kind: "mobile", group: nil)),
        ("Home Phone", .phone(kind: "home", group: nil)),  // Outlook, Salesforce
        ("Other Phone", .phone(kind: "other", group: nil)),  // Outlook, Salesforce
        ("Assistant's Phone", .phone(kind: "other", group: nil)),  // Outlook
        ("Pager", .phone(kind: "other", group: nil)),  // Outlook
        ("Fax", .phone(kind: "fax", group: nil)),  // Salesforce
        ("Business Fax", .phone(kind: "fax", group: nil)),  // Outlook
        ("Home Fax", .phone(kind: "fax", group: nil)),  // Outlook
        ("Other Fax", .phone(kind: "fax", group: nil)),  // Outlook
        ("Telefon", .phone(kind: nil, group: nil)),
        ("Telefonnummer", .phone(kind: nil, group: nil)),
        ("Telefon geschäftlich", .phone(kind: "work", group: nil)),
        ("Telefon privat", .phone(kind: "home", group: nil)),
        ("Mobil", .phone(kind: "mobile", group: nil)),
        ("Mobiltelefon", .phone(kind: "mobile", group: nil)),
        ("Handy", .phone(kind: "mobile", group: nil)),
        ("Telefax", .phone(kind: "fax", group: nil)),
        ("Téléphone", .phone(kind: nil, group: nil)),
        ("Téléphone professionnel", .phone(kind: "work", group: nil)),
        ("Téléphone domicile", .phone(kind: "home", group: nil)),
        ("Portable", .phone(kind: "mobile", group: nil)),
        ("Téléphone portable", .phone(kind: "mobile", group: nil)),
        ("Télécopie", .phone(kind: "fax", group: nil)),
        // Address (group 0 = primary)
        ("Street", .address(.street, group: 0)),
        ("Address", .address(.street, group: 0)),
        ("Street Address", .address(.street, group: 0)),
        ("Business Street", .address(.street, group: 0)),  // Outlook
        ("Mailing Street", .address(.street, group: 0)),  // Salesforce
        ("Straße", .address(.street, group: 0)),
        ("Adresse", .address(.street, group: 0)),
        ("Rue", .address(.street, group: 0)),
        ("City", .address(.city, group: 0)),
        ("Business City", .address(.city, group: 0)),
        ("Mailing City", .address(.city, group: 0)),
        ("Town", .address(.city, group: 0)),
        ("Ort", .address(.city, group: 0)),
        ("Stadt", .address(.city, group: 0)),
        ("Ville", .address(.city, group: 0)),
        ("State", .address(.region, group: 0)),
        ("Region", .address(.region, group: 0)),
        ("Province", .address(.region, group: 0)),
        ("State/Province", .address(.region, group: 0)),
        ("State/Region", .address(.region, group: 0)),  // HubSpot
        ("Business State", .address(.region, group: 0)),
        ("Mailing State/Province", .address(.region, group: 0)),
        ("Bundesland", .address(.region, group: 0)),
        ("Zip", .address(.postalCode, group: 0)),
        ("Zip Code", .address(.postalCode, group: 0)),
        ("Postal Code", .address(.postalCode, group: 0)),
        ("Postcode", .address(.postalCode, group: 0)),
        ("Postal/Zip Code", .address(.postalCode, group: 0)),
        ("Business Postal Code", .address(.postalCode, group: 0)),
        ("Mailing Zip/Postal Code", .address(.postalCode, group: 0)),
        ("PLZ", .address(.postalCode, group: 0)),
        ("Postleitzahl", .address(.postalCode, group: 0)),
        ("Code postal", .address(.postalCode, group: 0)),
        ("Country", .address(.country, group: 0)),
        ("Country/Region", .address(.country, group: 0)),
        ("Business Country/Region", .address(.country, group: 0)),  // Outlook
        ("Business Country", .address(.country, group: 0)),
        ("Mailing Country", .address(.country, group: 0)),
        ("Land", .address(.country, group: 0)),
        ("Pays", .address(.country, group: 0)),
        ("Home Street", .address(.street, group: 1)),  // Outlook
        ("Home City", .address(.city, group: 1)),
        ("Home State", .address(.region, group: 1)),
        ("Home Postal Code", .address(.postalCode, group: 1)),
        ("Home Country/Region", .address(.country, group: 1)),
        ("Other Street", .address(.street, group: 2)),  // Outlook, Salesforce
        ("Other City", .address(.city, group: 2)),
        ("Other State", .address(.region, group: 2)),
        ("Other State/Province", .address(.region, group: 2)),
        ("Other Postal Code", .address(.postalCode, group: 2)),
        ("Other Zip/Postal Code", .address(.postalCode, group: 2)),
        ("Other Country/Region", .address(.country, group: 2)),
        ("Other Country", .address(.country, group: 2)),
        // Web
        ("Website", .field(.website)),
        ("Web Page", .field(.website)),  // Outlook
        ("Web Site", .field(.website)),
        ("URL", .field(.website)),
        ("Webseite", .field(.website)),
        ("Site web", .field(.website)),
        // Last change
        ("updated_at", .field(.updatedAt)),
        ("last_modified", .field(.updatedAt)),
        ("Last Modified Date", .field(.updatedAt)),  // Salesforce, HubSpot
        ("Last Modified", .field(.updatedAt)),
        ("modified", .field(.updatedAt)),
        ("modified_at", .field(.updatedAt)),
        ("Modified Date", .field(.updatedAt)),
        ("Date Modified", .field(.updatedAt)),
        ("Last Updated", .field(.updatedAt)),
        ("Geändert am", .field(.updatedAt)),
        ("Änderungsdatum", .field(.updatedAt)),
        ("Zuletzt geändert", .field(.updatedAt)),
        ("Date de modification", .field(.updatedAt)),
        ("Modifié le", .field(.updatedAt)),
    ]
}
