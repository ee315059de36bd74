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
    /// Per comparison: the term-frequency adjustment (bits) added to the level's weight, 0 when none; empty when
    /// the model adjusts no comparison. Included in ``weight``.
    public var termFrequency: [Float]

    public init(
        a: Int32, b: Int32, pass: UInt8, levels: [UInt8], similarities: [Float], weight: Double,
        probability: Double, decision: PairDecision, rule: Int?, contrary: Bool, termFrequency: [Float] = []
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
        self.termFrequency = termFrequency
    }

    /// The weight comparison `comparison` contributed: its level's weight plus any term-frequency adjustment.
    public func weight(of comparison: Int, in model: MatchModel) -> Double {
        let base = model.comparisons[comparison].weight(levels[comparison])
        return termFrequency.isEmpty ? base : base + Double(termFrequency[comparison])
    }

    /// The term-frequency adjustment of comparison `comparison` (0 when none).
    public func termFrequencyAdjustment(_ comparison: Int) -> Double {
        termFrequency.isEmpty ? 0 : Double(termFrequency[comparison])
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
    /// Total weights of all compared pairs.
    public var weights: WeightHistogram

    public init(
        pairs: [ScoredPair], plan: BlockingPlan, compared: Int, decisions: [PairDecision: Int],
        weights: WeightHistogram = WeightHistogram()
    ) {
        self.pairs = pairs
        self.plan = plan
        self.compared = compared
        self.decisions = decisions
        self.weights = weights
    }
}

/// How the compared pairs' total match weights are spread, for runs without ground truth: a steward looks for two
/// humps (non-matches far below zero, matches far above) with little in between.
///
/// Bins are 1 bit wide from ``lowest`` (weights below it count in the first bin, weights at or above
/// `lowest + binCount` in the last). The bands count the pairs by score alone, before any rule: probability at or
/// above the merge threshold, in the review band, below it. In `summary.json` as `match_weights`:
/// `{bin_bits, bins: [{from, pairs}] (first to last non-empty bin), bands: {merge, review, distinct}}`.
public struct WeightHistogram: Sendable, Hashable, Codable {
    /// Lower edge of the first bin, in bits.
    public static let lowest = -64
    public static let binCount = 128

    /// Pairs per bin, ``binCount`` bins.
    public var counts: [Int]
    public var merge: Int
    public var review: Int
    public var distinct: Int

    public init() {
        counts = Array(repeating: 0, count: Self.binCount)
        merge = 0
        review = 0
        distinct = 0
    }

    /// Pairs counted.
    public var total: Int { merge + review + distinct }

    /// The bin of a weight.
    @inline(__always)
    public static func bin(_ weight: Double) -> Int {
        guard weight.isFinite else { return weight > 0 ? binCount - 1 : 0 }
        return min(max(Int(weight.rounded(.down)) - lowest, 0), binCount - 1)
    }

    /// Counts one pair.
    @inline(__always)
    public mutating func add(weight: Double, probability: Double, mergeThreshold: Double, reviewThreshold: Double) {
        counts[Self.bin(weight)] += 1
        if probability >= mergeThreshold {
            merge += 1
        } else if probability >= reviewThreshold {
            review += 1
        } else {
            distinct += 1
        }
    }

    /// Adds another histogram's counts.
    public mutating func add(_ other: WeightHistogram) {
        for i in counts.indices { counts[i] += other.counts[i] }
        merge += other.merge
        review += other.review
        distinct += other.distinct
    }

    /// The non-empty span: (lower edge of the first non-empty bin in bits, counts from there to the last
    /// non-empty bin). Empty when no pair was counted.
    public var span: (from: Int, counts: [Int]) {
        guard let first = counts.firstIndex(where: { $0 > 0 }), let last = counts.lastIndex(where: { $0 > 0 })
        else { return (0, []) }
        return (first + Self.lowest, Array(counts[first...last]))
    }

    private struct Bin: Codable {
        var from: Int
        var pairs: Int
    }

    private struct Bands: Codable {
        var merge: Int
        var review: Int
        var distinct: Int
    }

    enum CodingKeys: String, CodingKey {
        case binBits = "bin_bits"
        case bins, bands
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        for bin in try container.decode([Bin].self, forKey: .bins) {
            counts[Self.bin(Double(bin.from))] += bin.pairs
        }
        let bands = try container.decode(Bands.self, forKey: .bands)
        merge = bands.merge
        review = bands.review
        distinct = bands.distinct
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(1, forKey: .binBits)
        let span = span
        try container.encode(
            span.counts.enumerated().map { Bin(from: span.from + $0.offset, pairs: $0.element) }, forKey: .bins)
        try container.encode(Bands(merge: merge, review: review, distinct: distinct), forKey: .bands)
    }
}
