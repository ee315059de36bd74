/// How a scored pair was decided.
public enum PairDecision: String, Sendable, Hashable, Codable {
    /// Probability at or above the merge threshold.
    case merge
    /// A deterministic rule said merge.
    case mergeByRule = "merge_by_rule"
    /// Between the review and merge thresholds: a steward decides.
    case review
    /// A deterministic rule said never merge directly.
    case noMergeByRule = "no_merge_by_rule"
    /// Below the review threshold.
    case distinct

    /// Whether the pair joins its records in one cluster.
    public var merges: Bool { self == .merge || self == .mergeByRule }
}

/// A compared candidate pair with the evidence that decided it: per comparison the level reached and the
/// similarity measured, the total weight, the probability and the decision.
public struct ScoredPair: Sendable, Hashable {
    /// Record indices, `a < b`.
    public var a: Int32
    public var b: Int32
    /// Index of the first blocking pass that produced the pair.
    public var pass: UInt8
    /// Per comparison (model order): the level index reached, or ``ComparisonLevel/null``.
    public var levels: [UInt8]
    /// Per comparison: the similarity measured (0…1; 0 when a value is missing).
    public var similarities: [Float]
    /// Sum of the level weights plus the prior weight.
    public var weight: Double
    public var probability: Double
    public var decision: PairDecision
    /// Index of the rule that decided, if one did.
    public var rule: Int?
    /// Strong contrary evidence: different valid emails, different phones and names below the review band.
    public var contrary: Bool

    public init(
        a: Int32, b: Int32, pass: UInt8, levels: [UInt8], similarities: [Float], weight: Double,
        probability: Double, decision: PairDecision, rule: Int?, contrary: Bool
    ) {
        self.a = a
        self.b = b
        self.pass = pass
        self.levels = levels
        self.similarities = similarities
        self.weight = weight
        self.probability = probability
        self.decision = decision
        self.rule = rule
        self.contrary = contrary
    }
}

/// What one blocking pass costs: blocks, pairs, the largest blocks and the blocks skipped for size.
public struct BlockPassStats: Sendable, Hashable, Codable {
    public struct Block: Sendable, Hashable, Codable {
        /// The block's key as people read it (`smith|j`).
        public var key: String
        public var size: Int

        public init(key: String, size: Int) {
            self.key = key
            self.size = size
        }
    }

    public var name: String
    /// Records with a complete key for this pass.
    public var keyedRecords: Int
    /// Blocks of two or more records.
    public var blocks: Int
    /// Pairs the pass generates (before removing those an earlier pass produced), skipped blocks excluded.
    public var pairs: Int
    /// Pairs no earlier pass produced.
    public var newPairs: Int
    /// The largest blocks, largest first (at most 5).
    public var largest: [Block]
    /// Blocks over the size cap, skipped: never expanded into pairs.
    public var skipped: [Block]

    public init(
        name: String, keyedRecords: Int = 0, blocks: Int = 0, pairs: Int = 0, newPairs: Int = 0,
        largest: [Block] = [], skipped: [Block] = []
    ) {
        self.name = name
        self.keyedRecords = keyedRecords
        self.blocks = blocks
        self.pairs = pairs
        self.newPairs = newPairs
        self.largest = largest
        self.skipped = skipped
    }
}

/// The blocking plan: per pass what it would cost, before any comparison.
public struct BlockingPlan: Sendable, Hashable {
    public var passes: [BlockPassStats]
    public var maxBlockSize: Int

    public init(passes: [BlockPassStats], maxBlockSize: Int) {
        self.passes = passes
        self.maxBlockSize = maxBlockSize
    }

    /// Distinct candidate pairs over all passes.
    public var candidatePairs: Int { passes.reduce(0) { $0 + $1.newPairs } }
}

/// The match stage's output: the pairs worth keeping (merged, for review, decided by a rule, or contrary), the
/// blocking statistics and counts.
public struct MatchResult: Sendable {
    /// Kept pairs, ordered by (a, b).
    public var pairs: [ScoredPair]
    public var plan: BlockingPlan
    /// Candidate pairs compared.
    public var compared: Int
    /// Compared pairs per decision.
    public var decisions: [PairDecision: Int]

    public init(pairs: [ScoredPair], plan: BlockingPlan, compared: Int, decisions: [PairDecision: Int]) {
        self.pairs = pairs
        self.plan = plan
        self.compared = compared
        self.decisions = decisions
    }
}
