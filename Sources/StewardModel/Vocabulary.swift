/// The registries shared by pipeline files, documentation and the stages: each pluggable family is one
/// `String`-backed enum, so config validation, the key reference and the stages' `switch`es read the same list.

/// Input formats a source can declare.
public enum SourceFormat: String, CaseIterable, Sendable, Codable {
    case csv
    case vcard
    case xml
    case email
}

/// Transforms a blocking key applies to a field's normalized value (`family_name.phonetic`).
public enum BlockingTransform: String, CaseIterable, Sendable, Codable {
    /// The field's match key: email match key, E.164 phone, folded name, company key.
    case key
    /// Double Metaphone of the folded value.
    case phonetic
    /// First letter of the folded value.
    case initial
    /// First three characters of the folded value.
    case prefix3
    /// Four-digit year found in the value (dates).
    case year
    /// The value's digits only (ids, postal codes).
    case digits
}

/// How a comparison scores one field of a candidate pair.
public enum ComparisonMethod: String, CaseIterable, Sendable, Codable {
    case exact
    case jaroWinkler = "jaro_winkler"
    case levenshtein
    case damerauLevenshtein = "damerau_levenshtein"
    case tokenSet = "token_set"
    /// Given names equal through the nickname table (Bob = Robert).
    case nickname
    /// Email match keys equal (provider rules applied).
    case emailKey = "email_key"
    /// E.164 numbers equal.
    case phone
    /// Dates equal, or equal with day and month transposed.
    case date
    /// Numbers within a tolerance.
    case numeric
}

/// How survivorship picks a golden value among a cluster's members.
public enum SurvivorshipRule: String, CaseIterable, Sendable, Codable {
    /// The value from the most trusted source.
    case trust
    /// The most recent value (`updated_at`).
    case recency
    /// The longest / most complete value.
    case completeness
    /// The most frequent value.
    case frequency
    /// All distinct values, best first (multi-valued fields).
    case union
}
