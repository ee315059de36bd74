import Foundation

/// One outcome of a comparison (`jaro_winkler(family_name) ≥ 0.95`), with its Fellegi-Sunter probabilities.
///
/// `m` is P(this level | the records are the same entity), `u` is P(this level | they are not); the level's match
/// weight is log2(m/u): positive evidence for a match, negative against.
public struct ComparisonLevel: Sendable, Hashable, Codable {
    /// Index of the "value missing on either side" outcome: weight 0, neither for nor against.
    public static let null: UInt8 = 255

    /// Human label, used by the audit, review queue and `steward plan`.
    public var label: String
    public var m: Double
    public var u: Double

    public init(label: String, m: Double, u: Double) {
        self.label = label
        self.m = m
        self.u = u
    }

    /// log2(m/u).
    public var weight: Double { log2(m / u) }
}

/// A resolved comparison: the field, the method and its ordered levels (best first, disagreement last).
public struct Comparison: Sendable, Hashable {
    public var field: FieldReference
    public var method: ComparisonMethod
    /// Similarity thresholds of the graded levels, best first (empty for methods with built-in levels).
    public var thresholds: [Double]
    public var levels: [ComparisonLevel]
    /// Whether exact agreement (level 0) is adjusted by how common the agreed value is in the run's data.
    public var termFrequency: Bool

    public init(
        field: FieldReference, method: ComparisonMethod, thresholds: [Double], levels: [ComparisonLevel],
        termFrequency: Bool = false
    ) {
        self.field = field
        self.method = method
        self.thresholds = thresholds
        self.levels = levels
        self.termFrequency = termFrequency
    }

    /// Human name: `jaro_winkler(family_name)`.
    public var name: String { "\(method.rawValue)(\(field))" }

    /// Weight of level `level` (0 for ``ComparisonLevel/null``).
    @inline(__always)
    public func weight(_ level: UInt8) -> Double { level == ComparisonLevel.null ? 0 : levels[Int(level)].weight }

    /// Label of level `level`.
    public func label(_ level: UInt8) -> String { level == ComparisonLevel.null ? "missing" : levels[Int(level)].label }
}

/// The resolved match model the match stage scores with and the reports explain from.
public struct MatchModel: Sendable, Hashable {
    public var blocking: [BlockingPassSpec]
    public var comparisons: [Comparison]
    public var rules: [MatchRuleSpec]
    /// For each rule, for each condition, the index of the comparison it reads.
    public var ruleComparisons: [[Int]]
    public var prior: Double
    /// Whether ``prior`` is the default, to be sized to the run's records (``sized(records:)``) rather than a value
    /// the pipeline file or a trained model set.
    public var automaticPrior: Bool = false
    public var mergeThreshold: Double
    public var reviewThreshold: Double
    public var maxBlockSize: Int

    public init(
        blocking: [BlockingPassSpec], comparisons: [Comparison], rules: [MatchRuleSpec], ruleComparisons: [[Int]],
        prior: Double, mergeThreshold: Double, reviewThreshold: Double, maxBlockSize: Int
    ) {
        self.blocking = blocking
        self.comparisons = comparisons
        self.rules = rules
        self.ruleComparisons = ruleComparisons
        self.prior = prior
        self.mergeThreshold = mergeThreshold
        self.reviewThreshold = reviewThreshold
        self.maxBlockSize = maxBlockSize
    }

    /// The default prior for a run of `records` records: 1/N (about one true pair per two records, as in CRM
    /// exports with a third of the records duplicated), at most `ceiling` (0.001), so that small runs keep the
    /// prior the built-in weights were set against. λ is the chance that two records drawn at random match, so
    /// it must fall as the run grows: a fixed 0.001 over 100,000 records would merge namesakes on their names.
    public static func automaticPrior(records: Int, ceiling: Double = 0.001) -> Double {
        min(ceiling, 1 / Double(max(records, 1)))
    }

    /// This model for a run of `records` records: an automatic prior sized by ``automaticPrior(records:ceiling:)``;
    /// a set prior unchanged.
    public func sized(records: Int) -> MatchModel {
        guard automaticPrior else { return self }
        var out = self
        out.prior = Self.automaticPrior(records: records, ceiling: prior)
        return out
    }

    /// log2 of the prior odds λ/(1−λ), added to every pair's weight.
    public var priorWeight: Double { log2(prior / (1 - prior)) }

    /// Match probability of a total weight (prior included): 2^w / (1 + 2^w).
    public static func probability(totalWeight: Double) -> Double {
        let odds = exp2(totalWeight)
        return odds.isInfinite ? 1 : odds / (1 + odds)
    }
}
