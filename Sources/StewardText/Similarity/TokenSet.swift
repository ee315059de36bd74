/// Soft token-set similarity of folded company and person keys (lower-case ASCII words separated by spaces), for
/// names whose words come in any order or with a word missing: `acme global` = `global acme` (1.0), `acme` against
/// `acme global` is 2/3.
///
/// Definition (Steward's own, a soft Dice coefficient over word sets; `scripts/reference/token_set.py` implements it
/// independently in Python over rapidfuzz and jellyfish Jaro-Winkler and pins about 300 pairs in
/// `testdata/reference/token_set.tsv`):
/// 1. Each input is split on ASCII spaces (0x20); empty tokens (leading, trailing, repeated spaces) are dropped and a
///    token repeated within one input counts once, so `A` and `B` are sets of byte strings.
/// 2. Every pair `(x ∈ A, y ∈ B)` scores its Jaro-Winkler similarity over bytes (``JaroWinkler``); a pair is a
///    candidate when the score is at least ``threshold`` (0.9).
/// 3. Greedy one-to-one matching: repeatedly take the candidate with the highest score whose tokens are both still
///    unmatched; ties go to the pair whose tokens, compared bytewise, have the smaller lesser token, then the smaller
///    greater token, then the smaller token of `a`. So at most `min(|A|, |B|)` pairs are matched (each token of the
///    smaller set finds at most one partner, and each partner is used once), and the result depends only on the two
///    token sets, never on word order or on which input is first.
/// 4. `similarity = 2 · Σ scores of the matched pairs / (|A| + |B|)`: 1 when the sets are equal, 0 when no pair
///    reaches the threshold; 1 when neither input has a token, 0 when only one has.
///
/// Greedy matching is not an optimal assignment: when two tokens of one side compete for the same partner the
/// highest score wins even if another choice would give a larger sum. With company names of a few distinct words
/// this is rare and keeps the metric cheap and explainable. Not handled: abbreviations (`intl`/`international` scores
/// below the threshold), words split or joined (`hanspeter`/`hans peter`), and token weights (a common word like
/// `bank` counts as much as a rare one). Inputs should be folded keys; other bytes are compared as they are.
public enum TokenSet {
    /// The Jaro-Winkler similarity a token pair needs to count.
    public static let threshold = 0.9

    /// Soft token-set similarity of the UTF-8 bytes of two strings.
    public static func similarity(_ a: String, _ b: String) -> Double {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in similarity(x, y) } }
    }

    /// Soft token-set similarity of two byte buffers of space-separated tokens.
    /// - Complexity: O(k_a · k_b) Jaro-Winkler comparisons plus O(min(k_a, k_b) · k_a · k_b) for the matching, where
    ///   `k` counts tokens; scratch space for the token bounds and the score table comes from
    ///   `withUnsafeTemporaryAllocation` (on the stack for names of a few words), nothing else is allocated.
    public static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let maxA = tokenCount(a)
        let maxB = tokenCount(b)
        if maxA == 0 || maxB == 0 { return maxA == maxB ? 1 : 0 }
        if a.elementsEqual(b) { return 1 }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (maxA + maxB)) { bounds in
            let boundsA = UnsafeMutableBufferPointer(rebasing: bounds[0..<(2 * maxA)])
            let boundsB = UnsafeMutableBufferPointer(rebasing: bounds[(2 * maxA)...])
            let countA = distinctTokens(a, into: boundsA)
            let countB = distinctTokens(b, into: boundsB)
            let tokensA = Tokens(bytes: a, bounds: UnsafeBufferPointer(boundsA))
            let tokensB = Tokens(bytes: b, bounds: UnsafeBufferPointer(boundsB))
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: countA * countB) { scores in
                let sum = matchedScoreSum(tokensA, countA, tokensB, countB, scores: scores)
                return 2 * sum / Double(countA + countB)
            }
        }
    }

    /// The tokens of one input: `bounds[2i]..<bounds[2i + 1]` are the byte offsets of token `i`.
    struct Tokens {
        let bytes: UnsafeBufferPointer<UInt8>
        let bounds: UnsafeBufferPointer<Int>

        @inline(__always)
        subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[bounds[2 * i]..<bounds[2 * i + 1]])
        }
    }

    static let space = UInt8(ascii: " ")

    /// The number of non-empty space-separated tokens, duplicates included.
    static func tokenCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var previous = space
        for byte in bytes {
            if byte != space && previous == space { count += 1 }
            previous = byte
        }
        return count
    }

    /// Writes the bounds of each distinct token of `bytes`, in order of first appearance, and returns their number.
    static func distinctTokens(
        _ bytes: UnsafeBufferPointer<UInt8>, into bounds: UnsafeMutableBufferPointer<Int>
    ) -> Int {
        var count = 0
        var i = 0
        let n = bytes.count
        while i < n {
            while i < n && bytes[i] == space { i += 1 }
            if i == n { break }
            let start = i
            while i < n && bytes[i] != space { i += 1 }
            let token = UnsafeBufferPointer(rebasing: bytes[start..<i])
            var isRepeat = false
            for k in 0..<count where bounds[2 * k + 1] - bounds[2 * k] == token.count {
                if UnsafeBufferPointer(rebasing: bytes[bounds[2 * k]..<bounds[2 * k + 1]]).elementsEqual(token) {
                    isRepeat = true
                    break
                }
            }
            if !isRepeat {
                bounds[2 * count] = start
                bounds[2 * count + 1] = i
                count += 1
            }
        }
        return count
    }

    /// Fills `scores` (row-major, `countA × countB`) with the candidate scores (−1 below the threshold) and returns
    /// the sum of the scores of the greedily matched pairs.
    static func matchedScoreSum(
        _ a: Tokens, _ countA: Int, _ b: Tokens, _ countB: Int, scores: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        for i in 0..<countA {
            let x = a[i]
            for j in 0..<countB {
                let y = b[j]
                let score = x.elementsEqual(y) ? 1 : JaroWinkler.similarity(x, y)
                scores[i * countB + j] = score >= threshold ? score : -1
            }
        }
        var sum = 0.0
        while true {
            var best = -1
            var bestScore = 0.0
            for index in 0..<scores.count where scores[index] >= threshold {
                let score = scores[index]
                if best < 0 || score > bestScore
                    || (score == bestScore && precedes(index, best, a, b, countB))
                {
                    best = index
                    bestScore = score
                }
            }
            if best < 0 { return sum }
            sum += bestScore
            let row = best / countB
            let column = best % countB
            for j in 0..<countB { scores[row * countB + j] = -1 }
            for i in 0..<countA { scores[i * countB + column] = -1 }
        }
    }

    /// Tie-break between two candidate pairs of equal score, from the token bytes only (so neither word order nor
    /// the order of the inputs matters): smaller lesser token, then smaller greater token, then smaller token of `a`.
    static func precedes(_ p: Int, _ q: Int, _ a: Tokens, _ b: Tokens, _ countB: Int) -> Bool {
        let (pa, pb) = (a[p / countB], b[p % countB])
        let (qa, qb) = (a[q / countB], b[q % countB])
        let (pLow, pHigh) = lexicographicallyPrecedes(pb, pa) ? (pb, pa) : (pa, pb)
        let (qLow, qHigh) = lexicographicallyPrecedes(qb, qa) ? (qb, qa) : (qa, qb)
        if !pLow.elementsEqual(qLow) { return lexicographicallyPrecedes(pLow, qLow) }
        if !pHigh.elementsEqual(qHigh) { return lexicographicallyPrecedes(pHigh, qHigh) }
        return lexicographicallyPrecedes(pa, qa)
    }

    @inline(__always)
    static func lexicographicallyPrecedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        x.lexicographicallyPrecedes(y)
    }
}
