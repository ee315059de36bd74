import StewardTestSupport
import Testing

@testable import StewardNormalize

@Suite("Punycode (RFC 3492)")
struct PunycodeTests {
    static let rows: [[String: String]] = (try? Fixtures.referenceTable("reference/punycode.tsv")) ?? []
    static let labels = rows.filter { $0["kind"] == "label" }

    @Test func referenceTableIsPresent() {
        #expect(Self.labels.count >= 19 + 100)
        #expect(Self.labels.filter { $0["source"]?.hasPrefix("RFC 3492 7.1") == true }.count == 19)
    }

    /// The encoder writes no mixed-case annotation, so the RFC samples that carry one (I: `baDot…`) and basic
    /// code points in upper case are compared case-insensitively; the random labels are all lower case.
    @Test func encodesReferenceLabels() throws {
        for row in Self.labels {
            let input = try #require(row["input"])
            let expected = try #require(row["expected"])
            let encoded = try #require(Punycode.encode(input), "\(input)")
            #expect(encoded.lowercased() == expected.lowercased(), "\(row["source"] ?? "") \(input)")
            if expected.lowercased() == expected && input.lowercased() == input {
                #expect(encoded == expected, "\(input)")
            }
        }
    }

    @Test func decodesReferenceLabels() throws {
        for row in Self.labels {
            let input = try #require(row["input"])
            let expected = try #require(row["expected"])
            #expect(Punycode.decode(expected) == input, "\(row["source"] ?? "") \(expected)")
            #expect(Punycode.decode(expected.uppercased())?.lowercased() == input.lowercased())
        }
    }

    @Test(arguments: [
        ("bücher", "bcher-kva"), ("münchen", "mnchen-3ya"), ("ü", "tda"), ("abc", "abc-"), ("", ""),
        ("straße", "strae-oqa"), ("😀", "e28h"),
    ])
    func encodesKnownLabels(label: String, expected: String) {
        #expect(Punycode.encode(label) == expected)
        #expect(Punycode.decode(expected) == label)
    }

    /// Truncated numbers, non-digits and non-ASCII input are rejected (RFC 3492 §6.2 "fail on bad input").
    @Test(arguments: ["zz", "bcher-kv", "99999999999", "ab-c!", "ü-kva", "-9"])
    func rejectsInvalidInput(input: String) {
        #expect(Punycode.decodeScalars(input) == nil)
    }

    /// Overflow (RFC 3492 §6.4): a run of maximal digits must fail, not wrap around.
    @Test func rejectsOverflow() {
        #expect(Punycode.decodeScalars(String(repeating: "9", count: 40) + "a") == nil)
    }
}
