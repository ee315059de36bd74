import StewardTestSupport
import Testing

@testable import StewardText

@Suite("Jaro-Winkler")
struct JaroWinklerTests {
    @Test("agrees with jellyfish and rapidfuzz on every reference pair to 1e-6")
    func referenceVectors() throws {
        let rows = try Fixtures.referenceTable("reference/jaro_winkler.tsv")
        #expect(rows.count > 300)
        var mismatches: [String] = []
        for row in rows {
            let a = try #require(row["a"]), b = try #require(row["b"])
            let text = try #require(row["expected"])
            let expected = try #require(Double(text))
            let actual = JaroWinkler.similarity(a, b)
            if abs(actual - expected) > 1e-6 { mismatches.append("\(a)|\(b): \(actual) ≠ \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(5))")
    }

    @Test(
        "paper examples",
        arguments: [
            ("MARTHA", "MARHTA", 0.961111), ("DWAYNE", "DUANE", 0.84), ("DIXON", "DICKSONX", 0.813333),
        ])
    func paperExamples(a: String, b: String, expected: Double) {
        #expect(abs(JaroWinkler.similarity(a, b) - expected) < 1e-6)
    }

    @Test("is symmetric and bounded", arguments: [("Müller", "Mueller"), ("jon", "john"), ("", "x"), ("abc", "abc")])
    func symmetric(a: String, b: String) {
        let ab = JaroWinkler.similarity(a, b)
        #expect(ab == JaroWinkler.similarity(b, a))
        #expect(ab >= 0 && ab <= 1)
    }

    @Test("byte and scalar paths agree on ASCII, the small and the large path agree")
    func paths() {
        let a = Array("jonathan".utf8), b = Array("johnathan".utf8)
        let bytes = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in JaroWinkler.similarity(x, y) } }
        #expect(bytes == JaroWinkler.similarity("jonathan", "johnathan"))
        let long1 = Array(String(repeating: "abcdefghij", count: 7).utf8)
        let long2 = Array(String(repeating: "abcdefghjj", count: 7).utf8)
        let viaLarge = long1.withUnsafeBufferPointer { x in
            long2.withUnsafeBufferPointer { y in JaroWinkler.jaroLarge(x, y) }
        }
        let short1 = Array(long1.prefix(60)), short2 = Array(long2.prefix(60))
        let small = short1.withUnsafeBufferPointer { x in
            short2.withUnsafeBufferPointer { JaroWinkler.jaroSmall(x, $0) }
        }
        let large = short1.withUnsafeBufferPointer { x in
            short2.withUnsafeBufferPointer { JaroWinkler.jaroLarge(x, $0) }
        }
        #expect(small == large)
        // jellyfish.jaro_similarity of the same strings (70 and 60 characters)
        #expect(abs(viaLarge - 0.7904761904761904) < 1e-12)
        #expect(abs(small - 0.7975308641975308) < 1e-12)
    }
}
