import StewardModel

/// What one XML value (an element's text or an attribute) does in a record.
enum XMLFieldAction: Sendable, Hashable {
    case sourceID
    case single(CanonicalField)
    case email(kind: String?)
    case phone(kind: String?)
    case extra(String)

    init(_ target: XMLFieldTarget) {
        switch target {
        case .sourceID: self = .sourceID
        case .single(let field): self = .single(field)
        case .email: self = .email(kind: nil)
        case .phone: self = .phone(kind: nil)
        case .extra(let name): self = .extra(name)
        }
    }

    /// The bit of this action's field in a role set (detection scores records by the fields their names map to).
    var roleBit: UInt32 {
        switch self {
        case .sourceID: return 1 << 31
        case .single(let field): return 1 << UInt32(field.ordinal)
        case .email: return 1 << UInt32(CanonicalField.emails.ordinal)
        case .phone: return 1 << UInt32(CanonicalField.phones.ordinal)
        case .extra: return 0
        }
    }

    var isContact: Bool {
        switch self {
        case .email, .phone: return true
        default: return false
        }
    }
}

/// Maps XML element and attribute names to fields when the pipeline names no field paths, through the CSV header
/// alias table (``HeaderMapping``): names are compared by ``HeaderMapping/key(_:)`` (case, accents and
/// punctuation ignored, so `FirstName`, `first_name` and `First Name` are one name) and become extra fields in
/// snake_case (`LeadSource` → `lead_source`).
///
/// Context: a leaf below an intermediate element is looked up with its parent's name first (`Account/Name` →
/// `Account Name` → `organization`; `Account/@name` the same), then alone (`Name/First` → `first`,
/// `Phones/Phone` → `phone`), except that a nested `Name` or id under an unknown parent is not taken as the
/// contact's (`Owner/Name` → extra `owner_name`, `ParentCustomerId/Id` → `parent_customer_id_id`). Its extra-field name carries the parent (`account_type`).
/// Direct children and attributes of the record element are looked up alone.
enum XMLFieldRoles {
    /// Names of Microsoft Dynamics (OData) exports that the CSV alias table does not know.
    static let supplement: [String: XMLFieldAction] = {
        var table: [String: XMLFieldAction] = [:]
        let entries: [(String, XMLFieldAction)] = [
            ("ModifiedOn", .single(.updatedAt)),
            ("Telephone1", .phone(kind: "work")),  // "Business Phone" in the Dynamics form
            ("Telephone2", .phone(kind: "home")),
            ("Telephone3", .phone(kind: "other")),
            ("Address1_Line1", .single(.street)),
            ("Address1_StateOrProvince", .single(.region)),
            ("WebSiteUrl", .single(.website)),
            ("ParentCustomerIdName", .single(.organization)),
        ]
        for (name, action) in entries { table[HeaderMapping.key(name)] = action }
        return table
    }()

    /// The action of a leaf element.
    /// - Parameters:
    ///   - name: the element's local name.
    ///   - parent: its parent's local name, `nil` when the parent is the record element or a transparent wrapper.
    static func element(_ name: String, parent: String?) -> XMLFieldAction {
        let key = HeaderMapping.key(name)
        guard let parent else { return action(forKey: key) ?? .extra(HeaderMapping.snakeCase(name)) }
        let qualifiedExtra = HeaderMapping.snakeCase(parent) + "_" + HeaderMapping.snakeCase(name)
        if let action = action(forKey: HeaderMapping.key(parent) + key) { return action }
        guard let action = action(forKey: key) else { return .extra(qualifiedExtra) }
        switch action {
        case .single(.fullName) where key == "name", .sourceID: return .extra(qualifiedExtra)
        default: return action
        }
    }

    /// The action of an attribute (not namespaced) of the record element (`element` `nil`) or of an element in it.
    static func attribute(_ name: String, element: String?) -> XMLFieldAction {
        guard let element else {
            return action(forKey: HeaderMapping.key(name)) ?? .extra(HeaderMapping.snakeCase(name))
        }
        return action(forKey: HeaderMapping.key(element) + HeaderMapping.key(name))
            ?? .extra(HeaderMapping.snakeCase(element) + "_" + HeaderMapping.snakeCase(name))
    }

    /// The kind the alias table gives an element name (`MobilePhone` → `mobile`), for explicit email/phone paths.
    static func kind(ofName name: String) -> String? {
        switch action(forKey: HeaderMapping.key(name)) {
        case .email(let kind), .phone(let kind): return kind
        default: return nil
        }
    }

    /// Attribute names that give the kind of an email or phone element (`<Phone type="mobile">`).
    static func isKindAttribute(_ name: String) -> Bool {
        name == "type" || name == "kind" || name == "label"
    }

    static func action(forKey key: String) -> XMLFieldAction? {
        guard !key.isEmpty else { return nil }
        if let action = supplement[key] { return action }
        guard let role = HeaderMapping.role(forKey: key) else { return nil }
        switch role {
        case .sourceID: return .sourceID
        case .field(let field): return .single(field)
        case .email(let kind, _): return .email(kind: kind)
        case .phone(let kind, _): return .phone(kind: kind)
        case .address(let field, let group): return group == 0 ? .single(field) : nil
        case .emailKind, .phoneKind, .extra: return nil
        }
    }
}
