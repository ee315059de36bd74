/// SplitMix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators"): a 64-bit state
/// advanced by the golden-ratio increment and finished by a bijective mixer. Deterministic on every platform, no
/// Foundation, no global state. Streams are split by seeding a new generator from ``mix(_:)`` of the seed and an
/// index, so every entity, record and company draws from its own stream whatever thread renders it.
///
/// - Complexity: O(1) per draw.
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A generator for one member of a family of streams (`stream` names the family, `index` the member).
    init(seed: UInt64, stream: UInt64, index: UInt64) {
        state = SplitMix64.mix(seed ^ SplitMix64.mix(stream &* 0x9E37_79B9_7F4A_7C15 &+ index))
    }

    /// The SplitMix64 finalizer (a bijection on 64-bit values, so distinct inputs give distinct outputs).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// Uniform in [0, 1), 53 bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<n (Lemire's multiply-shift; the bias is below 2^-32 for the sizes used here).
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(n)) >> 32)
    }

    /// Uniform in the closed range.
    @inline(__always)
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}

/// A discrete distribution by cumulative weights; picks by binary search.
struct WeightedTable: Sendable {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var total = 0.0
        var out: [Double] = []
        out.reserveCapacity(weights.count)
        for w in weights {
            total += w
            out.append(total)
        }
        cumulative = out.map { $0 / total }
    }

    /// Zipf-like weights by rank: 1 / (rank + offset)^exponent.
    static func zipf(count: Int, exponent: Double, offset: Double) -> WeightedTable {
        WeightedTable(weights: (0..<count).map { 1.0 / power(Double($0) + offset, exponent) })
    }

    var count: Int { cumulative.count }

    /// - Complexity: O(log n).
    @inline(__always)
    func pick(_ rng: inout SplitMix64) -> Int {
        let x = rng.unit()
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// `x^y` (x > 0) from IEEE arithmetic only, so the pick tables (and the files) are identical on every platform
/// whatever its libm rounds `pow` to.
func power(_ x: Double, _ y: Double) -> Double {
    exp2(y * log2(x))
}

private func exp2(_ x: Double) -> Double {
    // 2^x = 2^n · 2^f with f in [0, 1): the fraction by its Taylor series of e^(f·ln 2).
    let n = x.rounded(.down)
    let f = (x - n) * 0.693_147_180_559_945_3
    var term = 1.0
    var sum = 1.0
    for k in 1...20 {
        term *= f / Double(k)
        sum += term
    }
    return sum * Double(sign: .plus, exponent: Int(n), significand: 1.0)
}

private func log2(_ x: Double) -> Double {
    // x = m · 2^e with m in [1, 2): log2 m by atanh series of (m-1)/(m+1).
    let e = Double(x.exponent)
    let m = x.significand
    let t = (m - 1) / (m + 1)
    let t2 = t * t
    var term = t
    var sum = 0.0
    var k = 1.0
    for _ in 0..<30 {
        sum += term / k
        term *= t2
        k += 2
    }
    return e + 2 * sum / 0.693_147_180_559_945_3
}
