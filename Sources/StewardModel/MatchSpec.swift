/// The match settings a pipeline file declares (blocking passes, comparisons, rules), as plain values: the config
/// module resolves them, the match stage reads them.

/// A field as pipeline files name it: a canonical field or a mapped extra field (`date_of_birth`).
public enum FieldReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    case canonical(CanonicalField)
    case extra(String)

    public var description: String {
        switch self {
        case .canonical(let field): return field.rawValue
        case .extra(let name): return name
        }
    }

    public static func < (lhs: FieldReference, rhs: FieldReference) -> Bool { lhs.description < rhs.description }

    /// Friendlier names accepted for canonical fields (`email` for `emails`, `first_name` for `given_name`).
    public static let aliases: [String: CanonicalField] = [
        "email": .emails, "phone": .phones, "first_name": .givenName, "last_name": .familyName,
        "company": .organization, "name": .fullName, "job_title": .title, "zip": .postalCode,
    ]

    /// A field by its canonical name or alias, else an extra field of that name.
    public init(named name: String) {
        if let field = CanonicalField(rawValue: name) ?? FieldReference.aliases[name] {
            self = .canonical(field)
        } else {
            self = .extra(name)
        }
    }
}

/// One blocking key: a field and an optional transform (`family_name.phonetic`).
public struct BlockingKeySpec: Sendable, Hashable, CustomStringConvertible {
    public var field: FieldReference
    public var transform: BlockingTransform?

    public init(field: FieldReference, transform: BlockingTransform? = nil) {
        self.field = field
        self.transform = transform
    }

    public var description: String { transform.map { "\(field).\($0.rawValue)" } ?? field.description }
}

/// A blocking pass: records sharing all its keys become candidate pairs. Passes are OR-ed.
public struct BlockingPassSpec: Sendable, Hashable {
    public var name: String
    public var keys: [BlockingKeySpec]

    public init(name: String, keys: [BlockingKeySpec]) {
        self.name = name
        self.keys = keys
    }
}

/// How one field of a candidate pair is compared; `levels` are similarity thresholds, best first.
///
/// `m` and `u`, when given, override the built-in probabilities of the comparison's levels, one value per level
/// in the order `steward plan` lists them (agreement levels best first, the disagreement level last).
public struct ComparisonSpec: Sendable, Hashable {
    public var field: FieldReference
    public var method: ComparisonMethod
    public var levels: [Double]
    public var m: [Double]?
    public var u: [Double]?
    /// Term-frequency adjustment of the exact-agreement level (`term_frequency:`); `nil` means the default for
    /// the field (on for names and organizations, see ``ComparisonSpec/defaultTermFrequency(_:_:)``).
    public var termFrequency: Bool?

    public init(
        field: FieldReference, method: ComparisonMethod, levels: [Double] = [], m: [Double]? = nil,
        u: [Double]? = nil, termFrequency: Bool? = nil
    ) {
        self.field = field
        self.method = method
        self.levels = levels
        self.m = m
        self.u = u
        self.termFrequency = termFrequency
    }

    /// Whether a comparison adjusts for term frequency when the pipeline does not say: on for given, family and
    /// full names and organizations compared as text (agreeing on "Zylberstein" says more than on "Smith"), off
    /// elsewhere. Emails, phones and dates have their own agreement levels and no common values worth adjusting.
    public static func defaultTermFrequency(_ field: FieldReference, _ method: ComparisonMethod) -> Bool {
        switch method {
        case .emailKey, .phone, .date, .numeric: return false
        case .exact, .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet, .nickname:
            return [.canonical(.givenName), .canonical(.familyName), .canonical(.fullName), .canonical(.organization)]
                .contains(field)
        }
    }
}

/// What a deterministic rule decides when all its conditions hold.
public enum RuleDecision: String, CaseIterable, Sendable, Codable {
    /// Merge the pair whatever the score says.
    case merge
    /// Never merge the pair directly (a cannot-link by rule).
    case noMerge = "no_merge"
    /// At most review: a pair the score would merge goes to the review queue instead.
    case review
}

/// A deterministic rule beside the scores: when every condition holds, `decision` applies and the audit names the
/// rule. A condition holds when the field's similarity (0…1, exact agreement = 1) is at least `minimum`, or, with
/// `minimum` absent, when both values are present and disagree at the comparison's last level.
public struct MatchRuleSpec: Sendable, Hashable {
    public struct Condition: Sendable, Hashable {
        public var field: FieldReference
        /// Similarity at least this; `nil` means "both present and different".
        public var minimum: Double?

        public init(field: FieldReference, minimum: Double?) {
            self.field = field
            self.minimum = minimum
        }
    }

    public var name: String
    public var conditions: [Condition]
    public var decision: RuleDecision

    public init(name: String, conditions: [Condition], decision: RuleDecision) {
        self.name = name
        self.conditions = conditions
        self.decision = decision
    }
}

/// Everything the match stage needs from a pipeline: passes, comparisons, rules and the numbers that tune them.
public struct MatchSettings: Sendable, Hashable {
    /// Blocking passes; empty means the built-in contact passes.
    public var blocking: [BlockingPassSpec]
    /// Comparisons; empty means the built-in contact comparisons.
    public var comparisons: [ComparisonSpec]
    public var rules: [MatchRuleSpec]
    /// Match probabilities: pairs at or above `merge` are merged, between `review` and `merge` go to review.
    public var mergeThreshold: Double
    public var reviewThreshold: Double
    /// Prior probability that two records drawn at random are the same entity (Fellegi-Sunter λ), applied as prior
    /// odds to every candidate pair; the u probabilities are likewise over random pairs.
    public var prior: Double
    /// Whether `prior` is the default (the pipeline file sets none): the run sizes it to its records.
    public var automaticPrior: Bool = false
    /// Blocks with more records than this are skipped with a warning naming the key.
    public var maxBlockSize: Int

    public static let defaultMergeThreshold = 0.95
    public static let defaultReviewThreshold = 0.70
    public static let defaultPrior = 0.001
    public static let defaultMaxBlockSize = 500

    public init(
        blocking: [BlockingPassSpec] = [], comparisons: [ComparisonSpec] = [], rules: [MatchRuleSpec] = [],
        mergeThreshold: Double = MatchSettings.defaultMergeThreshold,
        reviewThreshold: Double = MatchSettings.defaultReviewThreshold, prior: Double = MatchSettings.defaultPrior,
        maxBlockSize: Int = MatchSettings.defaultMaxBlockSize
    ) {
        self.blocking = blocking
        self.comparisons = comparisons
        self.rules = rules
        self.mergeThreshold = mergeThreshold
        self.reviewThreshold = reviewThreshold
        self.prior = prior
        self.maxBlockSize = maxBlockSize
    }
}

/// The built-in contact settings: what a pipeline without `blocking`, `compare` or `rules` gets, and what
/// `steward dedup` uses. Plain data here so the config linter and the match stage read one list.
extension MatchSettings {
    /// The built-in blocking passes for contact data.
    public static let contactPasses: [BlockingPassSpec] = [
        BlockingPassSpec(name: "email", keys: [BlockingKeySpec(field: .canonical(.emails), transform: .key)]),
        BlockingPassSpec(name: "phone", keys: [BlockingKeySpec(field: .canonical(.phones), transform: .key)]),
        BlockingPassSpec(
            name: "family_name.phonetic+given_name.initial",
            keys: [
                BlockingKeySpec(field: .canonical(.familyName), transform: .phonetic),
                BlockingKeySpec(field: .canonical(.givenName), transform: .initial),
            ]),
        BlockingPassSpec(
            name: "organization.key+family_name.prefix3",
            keys: [
                BlockingKeySpec(field: .canonical(.organization), transform: .key),
                BlockingKeySpec(field: .canonical(.familyName), transform: .prefix3),
            ]),
    ]

    /// The built-in comparisons for contact data.
    public static let contactComparisons: [ComparisonSpec] = [
        ComparisonSpec(field: .canonical(.emails), method: .emailKey),
        ComparisonSpec(field: .canonical(.phones), method: .phone),
        ComparisonSpec(field: .canonical(.givenName), method: .nickname),
        ComparisonSpec(field: .canonical(.familyName), method: .jaroWinkler),
        ComparisonSpec(field: .canonical(.organization), method: .tokenSet),
    ]

    /// The built-in rules, used with the built-in comparisons when the pipeline sets no rules: different given
    /// names (both present, neither a nickname, typo or initial of the other) send a pair to review at most.
    /// Relatives and colleagues share a family name, a company, a switchboard number or a mailbox; the weights
    /// alone would add those up to a merge.
    public static let contactRules: [MatchRuleSpec] = [
        MatchRuleSpec(
            name: "different_given_names", conditions: [.init(field: .canonical(.givenName), minimum: nil)],
            decision: .review)
    ]
}
