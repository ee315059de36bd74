import StewardModel
import StewardTestSupport
import Testing

@testable import StewardNormalize

@Suite("PhoneNormalizer")
struct PhoneNormalizerTests {
    let normalizer = PhoneNormalizer()

    // MARK: - Oracle: libphonenumber

    /// Every row of testdata/reference/phones.tsv (libphonenumber via `phonenumbers`, see
    /// scripts/phone/generate_vectors.py): the library-faithful parse must give libphonenumber's E.164, extension,
    /// region, validity and error class exactly.
    @Test("matches libphonenumber on every reference row")
    func referenceVectors() throws {
        let rows = try Fixtures.referenceTable("reference/phones.tsv")
        #expect(rows.count > 5000)
        var mismatches: [String] = []
        for row in rows {
            let input = row["input"] ?? ""
            let region = row["region"].flatMap { $0.isEmpty ? nil : $0 }
            let expected = row["expected_e164"] ?? ""
            let got = normalizer.libphonenumberParse(input, defaultRegion: region)
            var problem: String?
            switch got {
            case .success(let phone):
                let ext = phone.extension ?? ""
                let valid = normalizer.isValid(phone) ? "1" : "0"
                if phone.e164 != expected || ext != row["expected_extension"]
                    || (phone.region ?? "")
                        != row["expected_region"]
                    || valid != row["valid"]
                {
                    problem = "got \(phone.e164) ext=\(ext) region=\(phone.region ?? "-") valid=\(valid)"
                }
            case .failure(let failure):
                if !expected.isEmpty || !Self.errorMatches(failure, row["error"] ?? "") {
                    problem = "got failure \(failure)"
                }
            }
            if let problem {
                mismatches.append(
                    "\(input) [\(region ?? "-")]: \(problem); want \(expected) ext=\(row["expected_extension"] ?? "")"
                        + " region=\(row["expected_region"] ?? "") valid=\(row["valid"] ?? "") \(row["error"] ?? "")")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(rows.count) mismatches, first: \(mismatches.prefix(8))")
    }

    /// Steward's policy on the same rows: every number libphonenumber judges valid comes out with its E.164, and
    /// nothing comes out of a value libphonenumber cannot parse.
    @Test("keeps every valid number with libphonenumber's E.164, rejects what it rejects")
    func referencePolicy() throws {
        let rows = try Fixtures.referenceTable("reference/phones.tsv")
        var mismatches: [String] = []
        var validCount = 0
        for row in rows {
            let input = row["input"] ?? ""
            let region = row["region"].flatMap { $0.isEmpty ? nil : $0 }
            let phone = normalizer.normalized(input, defaultRegion: region)
            if row["valid"] == "1" {
                validCount += 1
                if phone?.e164 != row["expected_e164"] {
                    mismatches.append("\(input) [\(region ?? "-")]: \(phone?.e164 ?? "nil")")
                }
            }
            if row["expected_e164"] == "" && phone != nil {
                mismatches.append("\(input) [\(region ?? "-")]: \(phone?.e164 ?? "") but libphonenumber fails")
            }
        }
        #expect(validCount > 4000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    static func errorMatches(_ failure: PhoneNormalizer.Failure, _ error: String) -> Bool {
        switch error {
        case "NOT_A_NUMBER": return failure == .notANumber || failure == .noDigits
        case "INVALID_COUNTRY_CODE":
            if case .unknownRegion = failure { return true }
            return failure == .unknownCountryCode || failure == .noRegion
        case "TOO_SHORT_AFTER_IDD", "TOO_SHORT_NSN": return failure == .tooShort
        case "TOO_LONG": return failure == .tooLong
        default: return false
        }
    }

    // MARK: - Messy real values

    struct Case: CustomTestStringConvertible, Sendable {
        var raw: String
        var region: String?
        var e164: String?
        var ext: String?
        var phoneRegion: String?
        var testDescription: String { "\"\(raw)\" in \(region ?? "no region")" }
    }

    @Test(
        "messy values",
        arguments: [
            Case(raw: "+1 (415) 555-0100 ext. 12", region: "US", e164: "+14155550100", ext: "12", phoneRegion: "US"),
            Case(raw: "415.555.0100", region: "US", e164: "+14155550100", phoneRegion: "US"),
            Case(raw: "0049 30 1234567", region: "DE", e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "030 1234567", region: "DE", e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "030 1234567", region: "de", e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "+44 (0)20 7946 0958", region: "GB", e164: "+442079460958", phoneRegion: "GB"),
            Case(raw: "1-800-FLOWERS", region: "US", e164: "+18003569377", phoneRegion: "US"),
            Case(raw: "tel:+1-415-555-0100;ext=123", region: nil, e164: "+14155550100", ext: "123", phoneRegion: "US"),
            Case(raw: "(530) 583-6985 x302/x2303", region: "US", e164: "+15305836985", ext: "302", phoneRegion: "US"),
            Case(raw: "011 44 20 7946 0958", region: "US", e164: "+442079460958", phoneRegion: "GB"),
            Case(raw: "49 30 1234567", region: "DE", e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "+1 416 555 0199", region: nil, e164: "+14165550199", phoneRegion: "CA"),
            Case(raw: "+44 1624 456789", region: nil, e164: "+441624456789", phoneRegion: "IM"),
            Case(raw: "0 11 15 1234-5678", region: "AR", e164: "+5491112345678", phoneRegion: "AR"),
            Case(raw: "0XX21 98765 4321", region: "BR", e164: "+5521987654321", phoneRegion: "BR"),
            Case(raw: "464 1234", region: "AG", e164: "+12684641234", phoneRegion: "AG"),
            Case(raw: "02 1234 5678", region: "IT", e164: "+390212345678", phoneRegion: "IT"),
            Case(raw: "+800 1234 5678", region: nil, e164: "+80012345678", phoneRegion: nil),
            Case(raw: "415 555 0100 #123", region: "US", e164: "+14155550100", ext: "123", phoneRegion: "US"),
            Case(raw: "Tel.: +49 (0)30 123456-7.", region: nil, e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "+４９ ３０ １２３４５６７", region: nil, e164: "+49301234567", phoneRegion: "DE"),
            Case(raw: "n/a", region: "US"),
            Case(raw: "12", region: "US"),
            Case(raw: "", region: "US"),
            Case(raw: "555 0100", region: "US"),
            Case(raw: "030 1234567", region: nil),
            Case(raw: "+999 123 456", region: "US"),
        ])
    func messy(_ c: Case) {
        let phone = normalizer.normalized(c.raw, defaultRegion: c.region)
        #expect(phone?.e164 == c.e164)
        #expect(phone?.extension == c.ext)
        #expect(phone?.region == c.phoneRegion)
    }

    @Test(
        "failure reasons",
        arguments: [
            ("", "US", PhoneNormalizer.Failure.noDigits), ("n/a", "US", .noDigits), ("---", "US", .noDigits),
            ("1 2", "US", .notANumber), ("12", "US", .tooShort), ("555 0100", "US", .localNumberOnly),
            ("030 1234567", nil, .noRegion), ("030 1234567", "XX", .unknownRegion("XX")),
            ("+999 123 456", "US", .unknownCountryCode), ("+49", nil, .notANumber), ("0049 1", "DE", .tooShort),
            ("+1 415 555 0100 99", nil, .tooLong), ("12345678901234567890", "US", .tooLong),
        ] as [(String, String?, PhoneNormalizer.Failure)])
    func failures(_ raw: String, _ region: String?, _ failure: PhoneNormalizer.Failure) {
        #expect(normalizer.parse(raw, defaultRegion: region) == .failure(failure))
    }

    @Test("failure descriptions are readable")
    func descriptions() {
        #expect(PhoneNormalizer.Failure.noRegion.description == "no country code and no default region")
        #expect(PhoneNormalizer.Failure.unknownRegion("XX").description.contains("'XX'"))
    }

    @Test("validity follows libphonenumber")
    func validity() throws {
        let valid = try #require(normalizer.normalized("+49 30 1234567", defaultRegion: nil))
        #expect(normalizer.isValid(valid))
        let unassigned = try #require(normalizer.normalized("+1 555 555 5555", defaultRegion: nil))
        #expect(unassigned.e164 == "+15555555555")
        #expect(!normalizer.isValid(unassigned))
        #expect(unassigned.region == nil)
    }

    // MARK: - Region names

    @Test(
        "region codes from names and codes",
        arguments: [
            ("DE", "DE"), ("de", "DE"), ("Germany", "DE"), ("Deutschland", "DE"), ("United States", "US"),
            ("USA", "US"), ("U.S.A.", "US"), ("UK", "GB"), ("Great Britain", "GB"), ("united kingdom", "GB"),
            ("Österreich", "AT"), ("Schweiz", "CH"), ("France", "FR"), ("España", "ES"), ("Italia", "IT"),
            ("Brasil", "BR"), ("  Canada ", "CA"), ("Japan", "JP"),
        ])
    func regionCodes(_ name: String, _ code: String) {
        #expect(PhoneNormalizer.regionCode(forCountry: name) == code)
    }

    @Test("unknown region names give nil", arguments: ["", "Atlantis", "XX", "ZZ", "n/a", "001"])
    func unknownRegionNames(_ name: String) {
        #expect(PhoneNormalizer.regionCode(forCountry: name) == nil)
    }
}
