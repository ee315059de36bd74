import StewardTestSupport
import Testing

@testable import StewardText

@Suite("Edit distances: Levenshtein and OSA Damerau-Levenshtein")
struct EditDistanceTests {
    @Test("agree with rapidfuzz, python-Levenshtein, jellyfish and a textbook OSA table on every reference pair")
    func referenceVectors() throws {
        let rows = try Fixtures.referenceTable("reference/edit_distance.tsv")
        #expect(rows.count > 250)
        var mismatches: [String] = []
        var osaBelowLevenshtein = 0
        var unrestrictedBelowOSA = 0
        for row in rows {
            let a = try #require(row["a"]), b = try #require(row["b"])
            let levenshtein = try #require(row["levenshtein"].flatMap { Int($0) })
            let osa = try #require(row["osa"].flatMap { Int($0) })
            let unrestricted = try #require(row["damerau"].flatMap { Int($0) })
            let lev = Levenshtein.distance(a, b), dl = DamerauLevenshtein.distance(a, b)
            if lev != levenshtein { mismatches.append("levenshtein \(a)|\(b): \(lev) ≠ \(levenshtein)") }
            if dl != osa { mismatches.append("osa \(a)|\(b): \(dl) ≠ \(osa)") }
            if osa < levenshtein { osaBelowLevenshtein += 1 }
            if unrestricted < osa { unrestrictedBelowOSA += 1 }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
        // the table exercises transpositions, and pairs where OSA and unrestricted Damerau differ
        #expect(osaBelowLevenshtein > 20)
        #expect(unrestrictedBelowOSA > 0)
    }

    @Test(
        "textbook pairs, empty and identical strings, transpositions",
        arguments: [
            ("kitten", "sitting", 3, 3), ("saturday", "sunday", 3, 3), ("flaw", "lawn", 2, 2),
            ("", "", 0, 0), ("", "abc", 3, 3), ("abc", "", 3, 3), ("acme", "acme", 0, 0),
            ("ab", "ba", 2, 1), ("smtih", "smith", 2, 1), ("abcdef", "badcfe", 4, 3),
            // OSA edits no substring twice: ca → ac → abc is not allowed, so 3 (unrestricted Damerau: 2)
            ("ca", "abc", 3, 3),
        ] as [(String, String, Int, Int)])
    func knownPairs(a: String, b: String, levenshtein: Int, osa: Int) {
        #expect(Levenshtein.distance(a, b) == levenshtein)
        #expect(Levenshtein.distance(b, a) == levenshtein)
        #expect(DamerauLevenshtein.distance(a, b) == osa)
        #expect(DamerauLevenshtein.distance(b, a) == osa)
    }

    @Test(
        "count UTF-8 bytes, not characters",
        arguments: [
            ("über", "uber", 2, 2),  // ü is C3 BC: one substitution and one deletion
            ("ü", "u", 2, 2), ("é", "è", 1, 1),  // C3 A9 / C3 A8 share their first byte
            ("üé", "éü", 2, 2),  // swapping two 2-byte characters is not one transposition
            ("日本語", "日本", 3, 3), ("😀a", "😀b", 1, 1),
        ] as [(String, String, Int, Int)])
    func utf8Bytes(a: String, b: String, levenshtein: Int, osa: Int) {
        #expect(Levenshtein.distance(a, b) == levenshtein)
        #expect(DamerauLevenshtein.distance(a, b) == osa)
    }

    @Test(
        "similarity is 1 − distance / longer length in bytes",
        arguments: [
            ("kitten", "sitting", 1 - 3.0 / 7, 1 - 3.0 / 7), ("", "", 1.0, 1.0), ("abc", "", 0.0, 0.0),
            ("acme", "acme", 1.0, 1.0), ("ab", "ba", 0.0, 0.5), ("über", "uber", 1 - 2.0 / 5, 1 - 2.0 / 5),
        ] as [(String, String, Double, Double)])
    func similarity(a: String, b: String, levenshtein: Double, osa: Double) {
        #expect(abs(Levenshtein.similarity(a, b) - levenshtein) < 1e-12)
        #expect(abs(DamerauLevenshtein.similarity(a, b) - osa) < 1e-12)
    }

    @Test("byte-buffer and String overloads agree")
    func byteOverloads() {
        let a = Array("jurgen muller".utf8), b = Array("juergen mueller".utf8)
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                #expect(Levenshtein.distance(x, y) == Levenshtein.distance("jurgen muller", "juergen mueller"))
                #expect(Levenshtein.distance(x, y) == 2)
                #expect(DamerauLevenshtein.distance(x, y) == 2)
                #expect(Levenshtein.similarity(x, y) == 1 - 2.0 / 15)
                #expect(DamerauLevenshtein.similarity(x, y) == 1 - 2.0 / 15)
            }
        }
    }

    @Test(
        "bit-parallel paths and affix trimming agree with the textbook tables",
        arguments: [(0...8, "ab"), (0...20, "abc "), (30...70, "abcd"), (60...140, "ab")])
    func pathsAgree(lengths: ClosedRange<Int>, alphabet: String) {
        var rng = SplitMix64(seed: UInt64(lengths.upperBound) &* 31 &+ UInt64(alphabet.utf8.count))
        let letters = Array(alphabet.utf8)
        var mismatches = 0
        for _ in 0..<300 {
            let a = (0..<Int.random(in: lengths, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
            var b = a
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let i = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0...3, using: &rng) {
                case 0 where !b.isEmpty: b.remove(at: i)
                case 1: b.insert(letters.randomElement(using: &rng)!, at: i)
                case 2 where !b.isEmpty: b[i] = letters.randomElement(using: &rng)!
                default: if i + 1 < b.count { b.swapAt(i, i + 1) }
                }
            }
            a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in
                    let (short, long) = x.count <= y.count ? (x, y) : (y, x)
                    let lev = Levenshtein.wagnerFischer(short, long)
                    let osa = DamerauLevenshtein.dynamicProgramme(short, long)
                    if Levenshtein.distance(x, y) != lev || DamerauLevenshtein.distance(x, y) != osa { mismatches += 1 }
                    if !short.isEmpty && short.count <= 64 {
                        if Levenshtein.bitParallel(short, long) != lev { mismatches += 1 }
                        if DamerauLevenshtein.bitParallel(short, long) != osa { mismatches += 1 }
                    }
                }
            }
        }
        #expect(mismatches == 0)
    }
}

/// A small deterministic generator so that randomized tests repeat exactly (Steele, Lea and Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
