/// The four locales the generator writes: names, formats and phone plans of each.
enum ContactLocale: Int, CaseIterable, Sendable {
    case us, uk, de, fr

    var code: String { ["US", "UK", "DE", "FR"][rawValue] }
    var isEnglish: Bool { self == .us || self == .uk }
    /// Country calling code.
    var callingCode: String { ["1", "44", "49", "33"][rawValue] }
}

/// A name with its spellings, computed once: as written, diacritics dropped, German transliteration, each as is,
/// upper case and lower case (index `base * 3 + case`).
final class NameSpelling: Sendable {
    let forms: [[UInt8]]
    let hasMarks: Bool
    /// The given-name initial as written (`J.`, `É.`).
    let initial: [UInt8]
    /// Mail local-part forms: hyphens kept (`karl-heinz`) and letters only (`karlheinz`).
    let slugDash: [UInt8]
    let slugPlain: [UInt8]
    let text: String

    init(_ text: String) {
        self.text = text
        let bases = [text, ByteText.stripped(text), ByteText.transliterated(text)]
        var forms: [[UInt8]] = []
        for base in bases {
            forms.append(Array(base.utf8))
            forms.append(Array(base.uppercased().utf8))
            forms.append(Array(base.lowercased().utf8))
        }
        self.forms = forms
        hasMarks = ByteText.hasMarks(text)
        initial = Array((text.first.map { String($0) } ?? "").utf8) + [UInt8(ascii: ".")]
        slugDash = Array(ByteText.slug(text, separator: "-").utf8)
        slugPlain = Array(ByteText.slug(text, separator: "").utf8)
    }

    enum Base: Int { case plain = 0, stripped = 1, transliterated = 2 }
    enum Case: Int { case asIs = 0, upper = 1, lower = 2 }

    @inline(__always)
    func form(_ base: Base, _ letterCase: Case) -> [UInt8] {
        forms[base.rawValue * 3 + letterCase.rawValue]
    }
}

/// A landline area: its national digits and the digit sets of its subscriber numbers.
struct PhoneArea: Sendable {
    let digits: [UInt8]
    let plan: NumberPlan
}

/// The subscriber numbers of an area (or the mobile numbers of a country) as positions with allowed digits; a slot
/// number maps to one number by a bijection (affine map, digit reversal, affine map, all modulo the plan's size), so
/// distinct slots get distinct numbers and neighbouring slots get unrelated-looking ones.
struct NumberPlan: Sendable {
    /// Allowed ASCII digit strings per position (a mobile prefix is one position).
    let positions: [[[UInt8]]]
    let radix: [Int]
    let size: Int
    /// Trailing positions of radix 10 (reversed between the two affine maps).
    let decimalTail: Int
    let multipliers: (Int, Int)
    let offsets: (Int, Int)

    init(positions: [[String]], salt: UInt64) {
        self.positions = positions.map { $0.map { Array($0.utf8) } }
        radix = positions.map(\.count)
        let size = positions.reduce(1) { $0 * $1.count }
        self.size = size
        var tail = 0
        for r in radix.reversed() {
            guard r == 10 else { break }
            tail += 1
        }
        decimalTail = tail
        // Primes above every plan size, so coprime to it: each affine map is a bijection modulo `size`.
        multipliers = (2_654_435_761 % size, 3_242_174_893 % size)
        offsets = (Int(SplitMix64.mix(salt) % UInt64(size)), Int(SplitMix64.mix(salt &+ 77) % UInt64(size)))
    }

    /// Appends the number of slot `slot` (0 ≤ slot < size).
    func append(slot: Int, to out: inout [UInt8]) {
        var p = (slot % size * multipliers.0 % size + offsets.0) % size
        // Reverse the trailing decimal digits.
        var power = 1
        for _ in 0..<decimalTail { power *= 10 }
        var low = p % power
        var reversed = 0
        for _ in 0..<decimalTail {
            reversed = reversed * 10 + low % 10
            low /= 10
        }
        p = p - p % power + reversed
        p = (p * multipliers.1 % size + offsets.1) % size
        // Mixed radix, last position least significant.
        var divisor = size
        for (i, options) in positions.enumerated() {
            divisor /= radix[i]
            out.append(contentsOf: options[p / divisor])
            p %= divisor
        }
    }
}

/// Every list of one locale as bytes, with its pick distributions. A class: renderers on several threads share
/// one immutable instance (one reference count to touch, not one per list).
final class LocaleTables: Sendable {
    let locale: ContactLocale
    let given: [[NameSpelling]]  // [gender]
    let givenPick: [WeightedTable]
    let nicknames: [[[[UInt8]]]]  // [gender][given index] → nicknames
    let family: [NameSpelling]
    let familyPick: WeightedTable
    let cities: [(name: [UInt8], alternates: [[UInt8]], areas: [PhoneArea])]
    let mobile: NumberPlan
    let freeMail: [[UInt8]]
    let freeMailPick: WeightedTable
    let honorifics: [[[UInt8]]]  // [gender]
    let honorificPick: [WeightedTable]
    let doctor: [UInt8]
    let titles: [[[UInt8]]]  // [gender][title]
    let titleVariants: [[[[UInt8]]]]  // [gender][title] → variants
    let titlePick: WeightedTable
    let englishTitles: [[UInt8]]
    let englishTitlePick: WeightedTable
    let stems: [String]
    /// The 120 most common family names, for family-name firms.
    let firmFamilies: [String]
    let industries: [String]
    let legal: [(canonical: [UInt8], variants: [[UInt8]])]
    let legalPick: WeightedTable
    let tld: String
    let roleLocals: [[UInt8]]
    let countryCRM: ([[UInt8]], WeightedTable)
    let countryCodes: ([[UInt8]], WeightedTable)
    let countryCards: ([[UInt8]], WeightedTable)

    static let all: [LocaleTables] = ContactLocale.allCases.map { LocaleTables($0) }

    /// Valid first digits of 7-digit UK subscriber numbers per area (checked against the phone metadata).
    static let ukFirstDigits: [String: [String]] = [
        "113": ["2", "3", "4", "5", "8"], "114": ["2", "3", "4", "5"], "115": ["2", "6", "7", "8", "9"],
        "117": ["2", "3", "4", "9"], "121": ["2", "3", "4", "5", "6", "7"],
        "131": ["2", "3", "4", "5", "6", "7", "8"],
    ]

    private static func weighted(_ pairs: [(String, Int)]) -> ([[UInt8]], WeightedTable) {
        (pairs.map { Array($0.0.utf8) }, WeightedTable(weights: pairs.map { Double($0.1) }))
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    init(_ locale: ContactLocale) {
        self.locale = locale
        let l = locale.rawValue
        let givenLists: [[String]] = [
            [NameLists.givenUSMale, NameLists.givenUSFemale], [NameLists.givenUKMale, NameLists.givenUKFemale],
            [NameLists.givenDEMale, NameLists.givenDEFemale], [NameLists.givenFRMale, NameLists.givenFRFemale],
        ][l].map(LocaleTables.unique)
        let familyList = LocaleTables.unique(
            [NameLists.familyUS, NameLists.familyUK, NameLists.familyDE, NameLists.familyFR][l]
                + NameLists.familyTail(l))
        given = givenLists.map { $0.map(NameSpelling.init) }
        givenPick = givenLists.map { WeightedTable.zipf(count: $0.count, exponent: 0.6, offset: 8) }
        family = familyList.map(NameSpelling.init)
        familyPick = WeightedTable.zipf(count: familyList.count, exponent: 0.5, offset: 10)
        let nickTable: [(String, [String])] =
            locale.isEnglish ? NameLists.englishNicknames : locale == .de ? NameLists.germanNicknames : []
        nicknames = givenLists.map { names in
            names.map { name in
                (nickTable.first { $0.0 == name }?.1 ?? []).map { Array($0.utf8) }
            }
        }
        let cityList = [WorldLists.citiesUS, WorldLists.citiesUK, WorldLists.citiesDE, WorldLists.citiesFR][l]
        let digits = (0...9).map(String.init)
        let lead = (2...9).map(String.init)
        var salt: UInt64 = UInt64(l) << 32
        func plan(_ positions: [[String]]) -> NumberPlan {
            salt += 1
            return NumberPlan(positions: positions, salt: salt)
        }
        cities = cityList.map { city in
            let areas = city.areas.map { area -> PhoneArea in
                let positions: [[String]]
                switch locale {
                case .us:
                    // Exchange NXX without N11 (service codes), then four digits.
                    positions = [lead, ["0"] + lead, digits] + Array(repeating: digits, count: 4)
                case .uk:
                    if area == "20" {
                        positions = [["3", "7", "8"]] + Array(repeating: digits, count: 7)
                    } else if area == "29" {
                        positions = [["2"]] + Array(repeating: digits, count: 7)
                    } else if area == "28" {
                        positions = [["9"]] + Array(repeating: digits, count: 7)
                    } else {
                        // The first subscriber digits libphonenumber's metadata accepts in each area.
                        let first = LocaleTables.ukFirstDigits[area] ?? ["2"]
                        positions = [first] + Array(repeating: digits, count: 6)
                    }
                case .de:
                    positions = [lead] + Array(repeating: digits, count: area.count == 2 ? 7 : 6)
                case .fr:
                    positions = Array(repeating: digits, count: 7)
                }
                return PhoneArea(digits: Array(area.utf8), plan: plan(positions))
            }
            return (Array(city.name.utf8), city.alternates.map { Array($0.utf8) }, areas)
        }
        switch locale {
        case .us:
            // US mobiles share the landline plan of the person's city; this plan is for people without one.
            mobile = plan([["212", "646", "917"], lead, ["0"] + lead, digits] + Array(repeating: digits, count: 4))
        case .uk: mobile = plan([WorldLists.mobileUK] + Array(repeating: digits, count: 7))
        case .de: mobile = plan([WorldLists.mobileDE] + Array(repeating: digits, count: 8))
        case .fr: mobile = plan([WorldLists.mobileFR] + Array(repeating: digits, count: 7))
        }
        (freeMail, freeMailPick) = LocaleTables.weighted(WorldLists.freeMail[l])
        let male = LocaleTables.weighted(WorldLists.honorificsMale[l])
        let female = LocaleTables.weighted(WorldLists.honorificsFemale[l])
        honorifics = [male.0, female.0]
        honorificPick = [male.1, female.1]
        doctor = Array(WorldLists.doctor[l].utf8)
        let titlePairs: [(String, String)]
        switch locale {
        case .us, .uk: titlePairs = WorldLists.titlesEN.map { ($0, $0) }
        case .de: titlePairs = WorldLists.titlesDE
        case .fr: titlePairs = WorldLists.titlesFR
        }
        titles = [titlePairs.map { Array($0.0.utf8) }, titlePairs.map { Array($0.1.utf8) }]
        titleVariants = [
            titlePairs.map { (WorldLists.titleVariants[$0.0] ?? []).map { Array($0.utf8) } },
            titlePairs.map { (WorldLists.titleVariants[$0.1] ?? []).map { Array($0.utf8) } },
        ]
        titlePick = WeightedTable.zipf(count: titlePairs.count, exponent: 0.5, offset: 3)
        englishTitles = WorldLists.titlesEN.map { Array($0.utf8) }
        englishTitlePick = WeightedTable.zipf(count: WorldLists.titlesEN.count, exponent: 0.5, offset: 3)
        firmFamilies = family.prefix(120).map(\.text)
        stems = [WorldLists.stemsUS, WorldLists.stemsUK, WorldLists.stemsDE, WorldLists.stemsFR][l]
        industries =
            [
                WorldLists.industriesUS, WorldLists.industriesUK, WorldLists.industriesDE, WorldLists.industriesFR,
            ][l]
        legal = WorldLists.legalForms[l].map { (Array($0.0.utf8), $0.2.map { Array($0.utf8) }) }
        legalPick = WeightedTable(weights: WorldLists.legalForms[l].map { Double($0.1) })
        tld = WorldLists.domainTLD[l]
        roleLocals = WorldLists.roleLocals[l].map { Array($0.utf8) }
        countryCRM = LocaleTables.weighted(WorldLists.countryCRM[l])
        countryCodes = LocaleTables.weighted(WorldLists.countryCodes[l])
        countryCards = LocaleTables.weighted(WorldLists.countryCards[l])
    }
}
