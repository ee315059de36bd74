/// Jaro and Jaro-Winkler string similarity (Jaro 1989; Winkler 1990).
///
/// Standard definition, as in the common reference implementations (jellyfish, rapidfuzz, Apache commons-text):
/// matching window `max(|a|, |b|) / 2 - 1`, transpositions counted over matched characters in order,
/// prefix scale 0.1 over a common prefix of at most 4, applied only when the Jaro similarity exceeds 0.7.
/// Works on any sequence of code units or scalars; callers choose the unit (bytes of folded ASCII keys on the
/// hot path, Unicode scalars for `steward similarity`). Not handled: the "long tolerance" adjustment.
public enum JaroWinkler {
    /// Prefix scale `p` of the Winkler boost.
    public static let prefixScale = 0.1
    /// Longest common prefix that earns the boost.
    public static let maxPrefix = 4
    /// The Jaro similarity above which the boost is applied.
    public static let boostThreshold = 0.7

    /// Jaro-Winkler similarity of two strings compared by Unicode scalar.
    public static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a.unicodeScalars.lazy.map(\.value))
        let y = Array(b.unicodeScalars.lazy.map(\.value))
        return x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in similarity(xb, yb) } }
    }

    /// Jaro-Winkler similarity of two buffers of comparable units.
    /// - Complexity: O(|a| · w) where w is the matching window; no allocation for inputs up to 64 units.
    @inlinable
    public static func similarity<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
        let jaro = self.jaro(a, b)
        guard jaro > boostThreshold else { return jaro }
        var prefix = 0
        let limit = min(maxPrefix, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * prefixScale * (1 - jaro)
    }

    /// Jaro similarity of two buffers of comparable units (0 when either is empty, 1 when both are).
    /// - Complexity: O(|a| · w); no heap allocation when both inputs are at most 64 units long.
    @inlinable
    public static func jaro<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
        if a.isEmpty && b.isEmpty { return 1 }
        if a.isEmpty || b.isEmpty { return 0 }
        if a.count <= 64 && b.count <= 64 {
            return jaroSmall(a, b)
        }
        return jaroLarge(a, b)
    }

    /// Bit-set variant for inputs of at most 64 units: match flags live in two registers.
    @inlinable
    static func jaroSmall<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var aFlags: UInt64 = 0
        var bFlags: UInt64 = 0
        var matches = 0
        for i in 0..<a.count {
            let lo = max(0, i - window)
            let hi = min(b.count - 1, i + window)
            if lo > hi { continue }
            var j = lo
            while j <= hi {
                if bFlags & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                    aFlags |= 1 << UInt64(i)
                    bFlags |= 1 << UInt64(j)
                    matches += 1
                    break
                }
                j += 1
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where aFlags & (1 << UInt64(i)) != 0 {
            while bFlags & (1 << UInt64(j)) == 0 { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return combine(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    @usableFromInline
    @inline(never)
    static func jaroLarge<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var aFlags = [Bool](repeating: false, count: a.count)
        var bFlags = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in 0..<a.count {
            let lo = max(0, i - window)
            let hi = min(b.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !bFlags[j] && a[i] == b[j] {
                aFlags[i] = true
                bFlags[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where aFlags[i] {
            while !bFlags[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return combine(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    @inlinable
    static func combine(matches: Int, transpositions: Int, _ aCount: Int, _ bCount: Int) -> Double {
        let m = Double(matches)
        let t = Double(transpositions / 2)
        return (m / Double(aCount) + m / Double(bCount) + (m - t) / m) / 3
    }
}
