/// The canonical field vocabulary every ingester maps its input onto.
///
/// The raw values are the public names used in pipeline files, `steward inspect` output and reports.
/// `emails` and `phones` hold lists; every other field holds one value. Columns that map to none of these
/// are kept as named extra fields (see ``ExtraField``).
public enum CanonicalField: String, CaseIterable, Sendable, Codable, Hashable {
    case fullName = "full_name"
    case givenName = "given_name"
    case middleName = "middle_name"
    case familyName = "family_name"
    case namePrefix = "name_prefix"
    case nameSuffix = "name_suffix"
    case organization
    case title
    case department
    case emails
    case phones
    case street
    case city
    case region
    case postalCode = "postal_code"
    case country
    case website
    case updatedAt = "updated_at"

    /// Whether the field holds a list of values (emails, phones) rather than one value.
    public var isList: Bool { self == .emails || self == .phones }
}
