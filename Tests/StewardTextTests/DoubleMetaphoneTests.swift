import StewardTestSupport
import Testing

@testable import StewardText

@Suite("Double Metaphone")
struct DoubleMetaphoneTests {
    @Test("agrees with the metaphone package on every reference name, and with the C++ where that port is wrong")
    func referenceVectors() throws {
        let rows = try Fixtures.referenceTable("reference/double_metaphone.tsv")
        #expect(rows.count > 1000)
        var mismatches: [String] = []
        var excluded = 0
        for row in rows {
            let input = try #require(row["input"])
            var primary = try #require(row["primary"])
            var alternate = try #require(row["alternate"])
            if let reason = row["excluded"], !reason.isEmpty {
                excluded += 1
                primary = try #require(row["cpp_primary"])
                alternate = try #require(row["cpp_alternate"])
            }
            let full = DoubleMetaphone.encode(input, maxLength: 0)
            if full.primary != primary || full.alternate != alternate {
                mismatches.append("\(input): \(full) ≠ (\(primary), \(alternate))")
            }
            // The classic 4-character codes are prefixes of the full ones.
            let short = DoubleMetaphone.encode(input)
            let p4 = String(primary.prefix(4))
            let a4 = alternate.isEmpty ? "" : String(alternate.prefix(4))
            if short.primary != p4 || short.alternate != (a4 == p4 ? "" : a4) {
                mismatches.append("\(input) (max 4): \(short)")
            }
        }
        #expect(excluded == 27)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test(
        "examples from Philips (2000) and the algorithm's rule comments",
        arguments: [
            ("Smith", "SM0", "XMT"), ("Schmidt", "XMT", "SMT"), ("Thumb", "0M", "TM"), ("Jose", "HS", ""),
            ("Xavier", "SF", "SFR"), ("Caesar", "SSR", ""), ("Michael", "MKL", "MXL"), ("Arnow", "ARN", "ARNF"),
            ("Wasserman", "ASRM", "FSRM"), ("Filipowicz", "FLPT", "FLPF"), ("Breaux", "PR", ""),
            ("Zhao", "J", ""), ("Gallegos", "KLKS", "KKS"), ("McHugh", "MK", ""), ("Rogier", "RJ", "RJR"),
        ])
    func examples(input: String, primary: String, alternate: String) {
        let code = DoubleMetaphone.encode(input)
        #expect(code.primary == primary)
        #expect(code.alternate == alternate)
    }

    @Test("lower case, spaces and non-letters")
    func inputForms() {
        #expect(DoubleMetaphone.encode("mueller") == DoubleMetaphone.encode("MUELLER"))
        #expect(DoubleMetaphone.encode("").primary == "")
        #expect(DoubleMetaphone.encode("").alternate == "")
        #expect(DoubleMetaphone.encode("van houten", maxLength: 0).primary == "FNTN")
        #expect(DoubleMetaphone.encode("mac gregor", maxLength: 0).primary == "MKRKR")
        #expect(DoubleMetaphone.encode("o brien").primary == "APRN")
        #expect(DoubleMetaphone.encode("123").primary == "")
    }
}
