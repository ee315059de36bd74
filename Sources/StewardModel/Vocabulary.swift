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

extension ComparisonMethod {
    /// Whether `levels:` in a pipeline file sets this method's similarity thresholds.
    public var takesThresholds: Bool {
        switch self {
        case .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet, .numeric, .nickname: return true
        case .exact, .emailKey, .phone, .date: return false
        }
    }

    /// Thresholds used when a pipeline file gives none.
    public var defaultThresholds: [Double] {
        switch self {
        case .jaroWinkler: return [0.94, 0.88]
        case .levenshtein, .damerauLevenshtein: return [0.8]
        case .tokenSet: return [0.9, 0.7]
        case .numeric: return [0.99, 0.9]
        case .nickname: return [0.9]
        case .exact, .emailKey, .phone, .date: return []
        }
    }

    /// The labels of the comparison's levels, best first, disagreement last: the order of `m:` and `u:` lists.
    public func levelLabels(thresholds: [Double]) -> [String] {
        let graded = thresholds.map { "\(rawValue) ≥ \(Self.format($0))" }
        switch self {
        case .exact: return ["exact", "different"]
        case .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet, .numeric:
            return ["exact"] + graded + ["different"]
        case .nickname: return ["exact", "nickname"] + graded + ["initial", "swapped with family name", "different"]
        case .emailKey:
            return [
                "exact", "exact role address", "same company domain", "mailbox at the other's company", "different",
            ]
        case .phone: return ["exact", "same number, other extension", "different"]
        case .date: return ["exact", "day and month transposed", "same year and month", "different"]
        }
    }

    private static func format(_ value: Double) -> String {
        var text = String(value)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}
