import StewardModel
import StewardNormalize

/// Phone parsing to E.164, the per-value hot path of phone normalization: a mix of national, international,
/// IDD-prefixed, vanity, extension and garbage values over several regions.
enum PhoneBench {
    static let inputs: [(String, String?)] = [
        ("+1 (415) 555-0100 ext. 12", "US"), ("415.555.0100", "US"), ("0049 30 1234567", "DE"),
        ("030 1234567", "DE"), ("+44 (0)20 7946 0958", "GB"), ("1-800-FLOWERS", "US"),
        ("tel:+1-415-555-0100;ext=123", nil), ("n/a", "US"), ("06 12 34 56 78", "FR"), ("+33 1 23 45 67 89", nil),
        ("011 15 1234-5678", "AR"), ("(21) 98765-4321", "BR"), ("02 1234 5678", "IT"), ("+81 3-1234-5678", nil),
        ("0612345678", "NL"), ("+41 44 668 18 00", "CH"),
    ]

    static func run() {
        let normalizer = PhoneNormalizer()
        let count = 1_000_000
        _ = Bench.measure("phone parse → E.164 (mixed)", units: Double(count), unitName: "numbers") {
            var kept = 0
            for i in 0..<count {
                let (raw, region) = inputs[i & 15]
                if let phone = normalizer.normalized(raw, defaultRegion: region) { kept &+= phone.e164.utf8.count }
            }
            blackHole(kept)
        }
    }
}
