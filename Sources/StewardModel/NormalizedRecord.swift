/// A person's name split into parts and folded into match keys.
///
/// Display parts (`given`, `family`, …) are cleaned originals: Unicode NFC, spaces collapsed, honorifics and
/// suffixes moved to `prefix`/`suffix`, "Last, First" order resolved. Keys are case- and diacritic-folded ASCII
/// where possible (`Müller` → `muller`), for comparison and blocking only.
public struct NormalizedName: Sendable, Hashable, Codable {
    public var prefix: String?
    public var given: String?
    public var middle: String?
    public var family: String?
    public var suffix: String?
    /// Folded given name (`jürgen` → `jurgen`).
    public var givenKey: String?
    /// Canonical form of the given name through the nickname table (`bob` → `robert`); `nil` when not a nickname.
    public var givenCanonical: String?
    public var middleKey: String?
    /// Folded family name (`Müller` → `muller`).
    public var familyKey: String?
    /// German transliteration variant of the family key when it differs (`Müller` → `mueller`).
    public var familyKeyAlt: String?
    /// Initials of given and middle names, lower case (`John Q.` → `jq`).
    public var initials: String?
    /// Phonetic key of the family name (Double Metaphone primary code).
    public var familyPhonetic: String?
    /// The whole-name match key: folded given, middle and family names in that order, single spaces.
    public var key: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case prefix, given, middle, family, suffix
        case givenKey = "given_key"
        case givenCanonical = "given_canonical"
        case middleKey = "middle_key"
        case familyKey = "family_key"
        case familyKeyAlt = "family_key_alt"
        case initials
        case familyPhonetic = "family_phonetic"
        case key
    }
}

/// A syntactically valid email address in canonical form, with its match key and flags.
public struct NormalizedEmail: Sendable, Hashable, Codable {
    /// Trimmed, lower-cased, IDN domain in ASCII (punycode) form: `J.Doe+x@GMail.com` → `j.doe+x@gmail.com`.
    public var address: String
    /// Match key: provider rules applied (`jdoe@gmail.com` for the above).
    public var key: String
    public var domain: String
    /// `info@`, `sales@`, `support@`…: an address that does not identify a person.
    public var isRole: Bool
    /// A free-mail provider (gmail.com, gmx.de, …): the domain says nothing about the employer.
    public var isFreeMail: Bool

    public init(address: String, key: String, domain: String, isRole: Bool, isFreeMail: Bool) {
        self.address = address
        self.key = key
        self.domain = domain
        self.isRole = isRole
        self.isFreeMail = isFreeMail
    }

    enum CodingKeys: String, CodingKey {
        case address, key, domain
        case isRole = "role"
        case isFreeMail = "free_mail"
    }
}

/// A phone number in E.164 form with its extension kept apart.
public struct NormalizedPhone: Sendable, Hashable, Codable {
    /// `+14155550100`.
    public var e164: String
    /// Digits of the extension (`x123`, `ext. 123`, `;ext=123` → `123`), if any.
    public var `extension`: String?
    /// ISO 3166 region the number belongs to, when known (`US`).
    public var region: String?

    public init(e164: String, extension: String? = nil, region: String? = nil) {
        self.e164 = e164
        self.extension = `extension`
        self.region = region
    }
}

/// A value a normalizer could not use, with the reason (kept for data-quality reports).
public struct InvalidValue: Sendable, Hashable, Codable {
    public var field: CanonicalField
    public var value: String
    public var reason: String

    public init(field: CanonicalField, value: String, reason: String) {
        self.field = field
        self.value = value
        self.reason = reason
    }
}

/// Normalized values and match keys of one record, computed once and handed to matching.
public struct NormalizedRecord: Sendable, Hashable, Codable {
    public var name: NormalizedName?
    public var emails: [NormalizedEmail]
    public var phones: [NormalizedPhone]
    /// Company match key (`The Acme Corp., Inc.` → `acme`).
    public var organizationKey: String?
    /// Values that failed normalization (bad email syntax, phone with too few digits, …).
    public var invalid: [InvalidValue]

    public init(
        name: NormalizedName? = nil, emails: [NormalizedEmail] = [], phones: [NormalizedPhone] = [],
        organizationKey: String? = nil, invalid: [InvalidValue] = []
    ) {
        self.name = name
        self.emails = emails
        self.phones = phones
        self.organizationKey = organizationKey
        self.invalid = invalid
    }

    enum CodingKeys: String, CodingKey {
        case name, emails, phones
        case organizationKey = "organization_key"
        case invalid
    }
}
