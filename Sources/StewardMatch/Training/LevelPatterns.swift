import StewardModel

/// Candidate pairs reduced to their distinct level vectors ("patterns") with a count each, so that
/// expectation-maximisation iterates over a few hundred patterns instead of millions of pairs.
///
/// A vector holds one level per comparison (``ComparisonLevel/null`` when a value is missing); at most
/// ``maxComparisons`` comparisons. Patterns are kept sorted by their levels, so sums over them run in one order
/// and give the same bits on every run.
public struct LevelPatterns: Sendable, Hashable {
    /// The widest level vector a pattern holds.
    public static let maxComparisons = 32

    public typealias Key = SIMD32<UInt8>

    /// Levels per comparison.
    public let width: Int
    /// Pattern i's levels: `levels[i * width ..< (i + 1) * width]`.
    public private(set) var levels: [UInt8] = []
    /// Pairs (or sampling-weighted pairs) per pattern.
    public private(set) var counts: [Double] = []

    public init(width: Int) {
        precondition(width <= Self.maxComparisons, "at most \(Self.maxComparisons) comparisons")
        self.width = width
    }

    /// Patterns from counted keys, sorted by levels.
    public init(width: Int, counted: [Key: Double]) {
        self.init(width: width)
        let sorted = counted.sorted { lhs, rhs in
            for i in 0..<width where lhs.key[i] != rhs.key[i] { return lhs.key[i] < rhs.key[i] }
            return false
        }
        levels.reserveCapacity(sorted.count * width)
        counts.reserveCapacity(sorted.count)
        for (key, count) in sorted where count > 0 {
            for i in 0..<width { levels.append(key[i]) }
            counts.append(count)
        }
    }

    /// Patterns from explicit level vectors (tests, small data); equal vectors are merged.
    public init(width: Int, vectors: [[UInt8]], counts: [Double]) {
        var counted: [Key: Double] = [:]
        for (vector, count) in zip(vectors, counts) { counted[Self.key(vector), default: 0] += count }
        self.init(width: width, counted: counted)
    }

    /// Number of distinct patterns.
    public var count: Int { counts.count }

    /// Total pairs over all patterns.
    public var total: Double { counts.reduce(0, +) }

    /// Level of comparison `comparison` in pattern `pattern`.
    @inline(__always)
    public func level(_ pattern: Int, _ comparison: Int) -> UInt8 { levels[pattern * width + comparison] }

    /// A key of a level vector (unused lanes are null).
    public static func key(_ vector: [UInt8]) -> Key {
        var key = Key(repeating: ComparisonLevel.null)
        for (i, level) in vector.enumerated() { key[i] = level }
        return key
    }

    /// Pairs per level of each comparison (nulls not counted): `[comparison][level]`.
    public func levelCounts(levelsPerComparison: [Int]) -> [[Double]] {
        var out = levelsPerComparison.map { [Double](repeating: 0, count: $0) }
        for p in 0..<count {
            for c in 0..<width {
                let level = self.level(p, c)
                if level != ComparisonLevel.null, Int(level) < out[c].count { out[c][Int(level)] += counts[p] }
            }
        }
        return out
    }
}
