import Dispatch
import Foundation
import StewardModel

/// Planted look-alikes: groups of different people a matcher must keep apart.
enum GroupKind: UInt8, CaseIterable, Sendable {
    case none = 0
    /// The same common full name in one locale; other company, emails and phones.
    case sameName
    /// One company, its switchboard (no or different extensions) and a role address (`info@`) in half their records.
    case colleagues
    /// Family name, city and home line shared; sometimes one family mailbox.
    case family
    /// US father and son: same name, `Sr.` / `Jr.`, the same home line.
    case fatherSon

    var label: String { ["none", "same_name", "colleagues", "family", "father_son"][Int(rawValue)] }
}

/// A company: its name parts, domain, city and switchboard. Immutable and shared by the renderers.
final class Company: Sendable {
    let locale: ContactLocale
    let base: [UInt8]
    let baseUpper: [UInt8]
    let baseStripped: [UInt8]
    let baseHasMarks: Bool
    let legal: Int
    let city: Int
    let area: Int
    /// Work address pattern: 0 first.last, 1 f.last, 2 flast, 3 first, 4 last.first.
    let pattern: UInt8
    let roleLocal: Int
    let domain: [UInt8]
    /// Index among the companies of its locale (the switchboard's phone slot).
    let ordinal: Int

    init(
        locale: ContactLocale, base: [UInt8], baseUpper: [UInt8], baseStripped: [UInt8], baseHasMarks: Bool,
        legal: Int, city: Int, area: Int, pattern: UInt8, roleLocal: Int, domain: [UInt8], ordinal: Int
    ) {
        self.locale = locale
        self.base = base
        self.baseUpper = baseUpper
        self.baseStripped = baseStripped
        self.baseHasMarks = baseHasMarks
        self.legal = legal
        self.city = city
        self.area = area
        self.pattern = pattern
        self.roleLocal = roleLocal
        self.domain = domain
        self.ordinal = ordinal
    }
}

/// One person: indices into the locale tables and flags, from which every record of theirs is rendered.
struct Entity: Sendable {
    var locale: UInt8 = 0
    var gender: UInt8 = 0
    var given: UInt16 = 0
    var family: UInt16 = 0
    /// Job title index; bit 15 set = from the English list.
    var title: UInt16 = 0
    var newTitle: UInt16 = 0
    var company: Int32 = -1
    var newCompany: Int32 = -1
    /// The entity whose home line this person shares (itself when it has its own); -1 none.
    var homeOwner: Int32 = -1
    /// The entity whose personal mailbox this is (itself for its own; another for a family mailbox); -1 none.
    var mailboxOwner: Int32 = -1
    /// Index among the people of its locale (phone slots).
    var ordinal: Int32 = 0
    var city: UInt8 = 0
    var area: UInt8 = 0
    /// 0 none, 1 direct line, 2 the company switchboard.
    var workPhone: UInt8 = 0
    /// Switchboard extension; 0 none.
    var ext: UInt16 = 0
    var mobile = false
    var doctor = false
    /// 0 none, 1 Sr., 2 Jr.
    var suffix: UInt8 = 0
    var group: UInt8 = 0
    var roleEmail = false
    var records: UInt8 = 1
    /// Records from this index on are at the new company; 0 = never moved.
    var moveAt: UInt8 = 0
    var personalDomain: UInt8 = 0
    var personalStyle: UInt8 = 0
    var personalNumber: UInt16 = 0
    var personalDup: UInt16 = 0
    var workDup: UInt16 = 0
    var newWorkDup: UInt16 = 0
    var baseDay: UInt16 = 0
}

/// Everyone and everything a run writes about, built before any record is rendered: companies, people (their
/// names, jobs, phone slots and mail addresses made unique), planted hard negatives, how many records each person
/// has and in which source, and the order the records appear in.
///
/// Cost: companies and the hard-negative and uniqueness passes are sequential and light; people are drawn in
/// parallel chunks from per-person streams, so the result does not depend on the thread count.
struct World: Sendable {
    let seed: UInt64
    let tables: [LocaleTables]
    let sources: [SourceKind]
    private(set) var companies: [Company] = []
    private(set) var companiesByLocale: [[Int32]] = [[], [], [], []]
    private(set) var companyPick: [WeightedTable] = []
    private(set) var entities: [Entity] = []
    private(set) var localeCounts = [0, 0, 0, 0]
    /// First record index of each entity (records of one entity are consecutive in record-index order).
    private(set) var recordStart: [UInt32] = []
    private(set) var recordEntity: [UInt32] = []
    private(set) var recordSource: [UInt8] = []
    /// `order[position]` = the record index written at that position.
    private(set) var order: [UInt32] = []
    private(set) var groupCounts: [(kind: GroupKind, groups: Int, people: Int)] = []

    static let localeWeights = WeightedTable(weights: [35, 20, 25, 20])

    enum Stream: UInt64 {
        case companies = 1, entities, groups, counts, sources, order, records, ids, phones
    }

    init(options: GenerateOptions) throws {
        seed = options.seed
        tables = LocaleTables.all
        sources = SourceKind.allCases.filter { options.formats.contains($0.format) }
        let records = options.records
        let entityCount = max(1, min(records, Int((Double(records) * (1 - options.dupRate)).rounded())))
        buildCompanies(count: max(20, records / 20))
        drawEntities(count: entityCount, dupRate: options.dupRate)
        adjustRecordCounts(total: records)
        plantHardNegatives()
        try assignSlots()
        makeAddressesUnique()
        assignSources()
        shuffleRecords()
    }

    // MARK: - Companies

    private enum NameStyle: Int, CaseIterable {
        case stemIndustry, coinedIndustry, coined, familyIndustry, familyPair, familySons, groupe, etablissements
        case stem
    }

    private static let styleWeights: [[Double]] = [
        [25, 30, 10, 10, 15, 0, 0, 0, 10], [25, 30, 10, 10, 15, 0, 0, 0, 10], [20, 20, 10, 25, 10, 5, 0, 0, 10],
        [20, 20, 15, 15, 0, 5, 10, 5, 10],
    ]
    private static let qualifiers = [
        "International", "Group", "North", "South", "East", "West", "Central", "Europe", "Services", "Holdings",
    ]

    private mutating func buildCompanies(count: Int) {
        let shares = [0.36, 0.20, 0.24, 0.20]
        var styleCounters = Array(repeating: Array(repeating: 0, count: NameStyle.allCases.count), count: 4)
        var domains: Set<[UInt8]> = []
        for locale in ContactLocale.allCases {
            let l = locale.rawValue
            let n = max(3, Int((Double(count) * shares[l]).rounded()))
            let t = tables[l]
            let styleTable = WeightedTable(weights: World.styleWeights[l])
            for ordinal in 0..<n {
                let index = companies.count
                var rng = SplitMix64(seed: seed, stream: Stream.companies.rawValue, index: UInt64(index))
                let style = NameStyle(rawValue: styleTable.pick(&rng)) ?? .stem
                let k = styleCounters[l][style.rawValue]
                styleCounters[l][style.rawValue] += 1
                let base = World.companyBase(style: style, ordinal: k, tables: t, salt: seed &+ UInt64(l))
                var legal = t.legalPick.pick(&rng)
                if locale == .us && legal == 3 && base.contains("&") { legal = 1 }
                let city = rng.below(t.cities.count)
                let area = rng.below(t.cities[city].areas.count)
                let pattern = UInt8(WeightedTable.emailPatterns.pick(&rng))
                let roleLocal = rng.below(t.roleLocals.count)
                let separator = rng.chance(0.5) ? "" : "-"
                let words = base.replacingOccurrences(of: " & ", with: " and ").split(separator: " ")
                var label = ByteText.slug(words.joined(separator: " "), separator: separator)
                if words.count > 1 && rng.chance(0.3) && words[0].count >= 4 {
                    label = ByteText.slug(String(words[0]), separator: "")
                }
                var domain = Array((label + t.tld).utf8)
                if domains.contains(domain) { domain = Array((ByteText.slug(base, separator: "-") + t.tld).utf8) }
                var n = 2
                while domains.contains(domain) {
                    domain = Array((ByteText.slug(base, separator: "-") + "\(n)" + t.tld).utf8)
                    n += 1
                }
                domains.insert(domain)
                companies.append(
                    Company(
                        locale: locale, base: Array(base.utf8), baseUpper: Array(base.uppercased().utf8),
                        baseStripped: Array(ByteText.stripped(base).utf8), baseHasMarks: ByteText.hasMarks(base),
                        legal: legal,
                        city: city, area: area, pattern: pattern, roleLocal: roleLocal, domain: domain,
                        ordinal: ordinal))
                companiesByLocale[l].append(Int32(index))
            }
            companyPick.append(WeightedTable.zipf(count: n, exponent: 0.7, offset: 5))
        }
    }

    /// The `ordinal`-th name of a style: a bijection onto the style's combinations (scrambled), so names never
    /// repeat; past the combinations, a qualifier word and then a number keep them distinct.
    private static func companyBase(style: NameStyle, ordinal: Int, tables t: LocaleTables, salt: UInt64) -> String {
        let heads = WorldLists.coinedHeads
        let tails = WorldLists.coinedTails
        let family = t.firmFamilies
        let sizes: [Int]
        switch style {
        case .stemIndustry: sizes = [t.stems.count, t.industries.count]
        case .coinedIndustry: sizes = [heads.count, tails.count, t.industries.count]
        case .coined: sizes = [heads.count, tails.count]
        case .familyIndustry: sizes = [family.count, t.industries.count]
        case .familyPair: sizes = [family.count, family.count]
        case .familySons, .groupe, .etablissements: sizes = [family.count]
        case .stem: sizes = [t.stems.count]
        }
        let space = sizes.reduce(1, *)
        let round = ordinal / space
        let multiplier = space % 7919 == 0 ? 1 : 7919
        var p =
            (ordinal % space * multiplier + Int(SplitMix64.mix(salt &+ UInt64(style.rawValue)) % UInt64(space)))
            % space
        var digits: [Int] = []
        var divisor = space
        for size in sizes {
            divisor /= size
            digits.append(p / divisor)
            p %= divisor
        }
        func coined(_ h: Int, _ tail: Int) -> String {
            let head = heads[h]
            let rest = tails[tail]
            // "Nova" + "ix" → "Novix": no doubled vowel at the joint.
            if let last = head.last, let first = rest.first, "aeiou".contains(last), "aeiou".contains(first) {
                return String(head.dropLast()) + rest
            }
            return head + rest
        }
        var name: String
        switch style {
        case .stemIndustry: name = t.stems[digits[0]] + " " + t.industries[digits[1]]
        case .coinedIndustry: name = coined(digits[0], digits[1]) + " " + t.industries[digits[2]]
        case .coined: name = coined(digits[0], digits[1])
        case .familyIndustry: name = family[digits[0]] + " " + t.industries[digits[1]]
        case .familyPair: name = family[digits[0]] + " & " + family[digits[1]]
        case .familySons: name = family[digits[0]] + (t.locale == .fr ? " & Fils" : " & Söhne")
        case .groupe: name = "Groupe " + family[digits[0]]
        case .etablissements: name = "Établissements " + family[digits[0]]
        case .stem: name = t.stems[digits[0]]
        }
        if round > 0 {
            name += " " + qualifiers[(round - 1) % qualifiers.count]
            if round > qualifiers.count { name += " \(round / qualifiers.count + 1)" }
        }
        return name
    }

    // MARK: - People

    private mutating func drawEntities(count: Int, dupRate: Double) {
        // Extra records per person: zero-inflated geometric with mean rate / (1 − rate).
        let mean = dupRate / (1 - dupRate)
        var q = 0.35
        var a = mean * (1 - q)
        if a > 0.9 {
            a = 0.9
            q = 1 - a / mean
        }
        let cap = max(6, Int((Double(4) / (1 - q)).rounded(.up)))
        let (a0, q0) = (a, q)
        let chunkSize = 16_384
        let chunks = (count + chunkSize - 1) / chunkSize
        let slots = ParallelSlots<[Entity]>(count: chunks)
        let world = self
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (c * chunkSize)..<min(count, (c + 1) * chunkSize)
            var out: [Entity] = []
            out.reserveCapacity(range.count)
            for e in range {
                var rng = SplitMix64(seed: world.seed, stream: Stream.entities.rawValue, index: UInt64(e))
                var entity = world.drawEntity(&rng)
                var extra = 0
                if rng.chance(a0) {
                    extra = 1
                    while extra < cap - 1 && rng.chance(q0) { extra += 1 }
                }
                entity.records = UInt8(1 + extra)
                if extra > 0 && entity.company >= 0 && rng.chance(0.05) {
                    entity.moveAt = UInt8(1 + rng.below(extra))
                    var other = world.pickCompany(locale: Int(entity.locale), &rng)
                    if other == entity.company { other = world.pickCompany(locale: Int(entity.locale), &rng) }
                    if other != entity.company {
                        entity.newCompany = other
                        entity.newTitle = world.pickTitle(locale: Int(entity.locale), &rng)
                        if !entity.mobile && entity.mailboxOwner < 0 { entity.mobile = true }
                    } else {
                        entity.moveAt = 0
                    }
                }
                entity.baseDay = UInt16(rng.below(400))
                out.append(entity)
            }
            slots.set(c, out)
        }
        entities.reserveCapacity(count)
        for chunk in slots.all() { entities += chunk }
    }

    private func drawEntity(_ rng: inout SplitMix64) -> Entity {
        var p = Entity()
        let l = World.localeWeights.pick(&rng)
        let t = tables[l]
        p.locale = UInt8(l)
        p.gender = UInt8(rng.below(2))
        p.given = UInt16(t.givenPick[Int(p.gender)].pick(&rng))
        p.family = UInt16(t.familyPick.pick(&rng))
        p.doctor = rng.chance(0.06)
        if rng.chance(0.95) {
            let c = pickCompany(locale: l, &rng)
            p.company = c
            p.title = pickTitle(locale: l, &rng)
            p.city = UInt8(companies[Int(c)].city)
            p.area = UInt8(companies[Int(c)].area)
            let r = rng.unit()
            if r < 0.72 {
                p.workPhone = 1
            } else if r < 0.80 {
                p.workPhone = 2
            }
        } else {
            p.city = UInt8(rng.below(t.cities.count))
            p.area = UInt8(rng.below(t.cities[Int(p.city)].areas.count))
        }
        if p.company < 0 || rng.chance(0.35) {
            p.mailboxOwner = 0  // itself; set to the index once known
            p.personalDomain = UInt8(t.freeMailPick.pick(&rng))
            p.personalStyle = UInt8(rng.below(6))
            switch p.personalStyle {
            case 1: p.personalNumber = UInt16(rng.int(1...99))
            case 2: p.personalNumber = UInt16(rng.int(60...99))
            case 5: p.personalNumber = UInt16(rng.int(1960...2005))
            default: break
            }
        }
        p.mobile = rng.chance(0.70) || (p.company < 0 && p.mailboxOwner < 0)
        if rng.chance(0.06) { p.homeOwner = 0 }  // itself
        return p
    }

    func pickCompany(locale: Int, _ rng: inout SplitMix64) -> Int32 {
        companiesByLocale[locale][companyPick[locale].pick(&rng)]
    }

    func pickTitle(locale: Int, _ rng: inout SplitMix64) -> UInt16 {
        let t = tables[locale]
        if !t.locale.isEnglish && rng.chance(0.15) {
            return UInt16(t.englishTitlePick.pick(&rng)) | 0x8000
        }
        return UInt16(t.titlePick.pick(&rng))
    }

    /// Makes the record counts sum to `total` exactly, a step at a time over the people in a scrambled order.
    private mutating func adjustRecordCounts(total: Int) {
        let count = entities.count
        var sum = entities.reduce(0) { $0 + Int($1.records) }
        var stride = 1_000_003
        while count % stride == 0 || stride % count == 0 && count > 1 { stride += 2 }
        var rng = SplitMix64(seed: seed, stream: Stream.counts.rawValue, index: 0)
        var i = rng.below(count)
        var guardSteps = 0
        while sum != total && guardSteps < 64 * count + 64 {
            let e = i % count
            i = (i + stride) % count
            guardSteps += 1
            if sum > total && entities[e].records > 1 {
                entities[e].records -= 1
                sum -= 1
                if entities[e].moveAt >= entities[e].records { clearMove(e) }
            } else if sum < total && entities[e].records < 250 {
                entities[e].records += 1
                sum += 1
            }
        }
    }

    private mutating func clearMove(_ e: Int) {
        entities[e].moveAt = 0
        entities[e].newCompany = -1
    }

    // MARK: - Hard negatives

    private mutating func plantHardNegatives() {
        var rng = SplitMix64(seed: seed, stream: Stream.groups.rawValue, index: 0)
        var counts = Array(repeating: (groups: 0, people: 0), count: GroupKind.allCases.count)
        let kinds = WeightedTable(weights: [40, 30, 20, 10])
        var e = 0
        while e < entities.count {
            guard rng.chance(0.025) else {
                e += 1
                continue
            }
            let kind = GroupKind(rawValue: UInt8(1 + kinds.pick(&rng))) ?? .sameName
            let size = (kind == .sameName || kind == .colleagues) && rng.chance(0.25) ? 3 : 2
            guard e + size <= entities.count else { break }
            let members = Array(e..<(e + size))
            switch kind {
            case .sameName: plantSameName(members, &rng)
            case .colleagues: plantColleagues(members, &rng)
            case .family: plantFamily(members, &rng)
            case .fatherSon, .none: plantFatherSon(members, &rng)
            }
            for m in members {
                entities[m].group = kind.rawValue
                clearMove(m)
            }
            counts[Int(kind.rawValue)].groups += 1
            counts[Int(kind.rawValue)].people += size
            e += size
        }
        groupCounts = GroupKind.allCases.dropFirst().map {
            (kind: $0, groups: counts[Int($0.rawValue)].groups, people: counts[Int($0.rawValue)].people)
        }
    }

    /// Moves a person to `locale` (new company, city and title there) and gender.
    private mutating func relocate(_ e: Int, locale: Int, gender: Int, _ rng: inout SplitMix64) {
        let t = tables[locale]
        if Int(entities[e].locale) == locale && Int(entities[e].gender) == gender { return }
        let employed = entities[e].company >= 0
        if Int(entities[e].locale) != locale {
            entities[e].locale = UInt8(locale)
            if employed {
                let c = pickCompany(locale: locale, &rng)
                entities[e].company = c
                entities[e].city = UInt8(companies[Int(c)].city)
                entities[e].area = UInt8(companies[Int(c)].area)
            } else {
                entities[e].city = UInt8(rng.below(t.cities.count))
                entities[e].area = UInt8(rng.below(t.cities[Int(entities[e].city)].areas.count))
            }
            entities[e].personalDomain = UInt8(t.freeMailPick.pick(&rng))
        }
        entities[e].gender = UInt8(gender)
        if employed { entities[e].title = pickTitle(locale: locale, &rng) }
        entities[e].given = UInt16(t.givenPick[gender].pick(&rng))
        entities[e].family = UInt16(t.familyPick.pick(&rng))
    }

    private mutating func plantSameName(_ members: [Int], _ rng: inout SplitMix64) {
        let leader = entities[members[0]]
        let locale = Int(leader.locale)
        let gender = Int(leader.gender)
        let given = UInt16(rng.below(6))
        let family = UInt16(rng.below(6))
        for m in members {
            relocate(m, locale: locale, gender: gender, &rng)
            entities[m].given = given
            entities[m].family = family
        }
        // Different people: different companies where the draw allows.
        for (i, m) in members.enumerated() where i > 0 && entities[m].company >= 0 {
            var tries = 0
            while tries < 4 && members[..<i].contains(where: { entities[$0].company == entities[m].company }) {
                let c = pickCompany(locale: locale, &rng)
                entities[m].company = c
                entities[m].city = UInt8(companies[Int(c)].city)
                entities[m].area = UInt8(companies[Int(c)].area)
                tries += 1
            }
        }
    }

    private mutating func plantColleagues(_ members: [Int], _ rng: inout SplitMix64) {
        let leaderIndex = members[0]
        let locale = Int(entities[leaderIndex].locale)
        if entities[leaderIndex].company < 0 {
            entities[leaderIndex].company = pickCompany(locale: locale, &rng)
            entities[leaderIndex].title = pickTitle(locale: locale, &rng)
        }
        let company = entities[leaderIndex].company
        let sameSurname = rng.chance(1.0 / 3.0)
        let noExtensions = rng.chance(0.5)
        var usedGiven: [(UInt8, UInt16)] = []
        for m in members {
            if m != leaderIndex {
                relocate(m, locale: locale, gender: rng.below(2), &rng)
                entities[m].company = company
                entities[m].title = pickTitle(locale: locale, &rng)
            }
            entities[m].city = UInt8(companies[Int(company)].city)
            entities[m].area = UInt8(companies[Int(company)].area)
            entities[m].workPhone = 2
            entities[m].ext = noExtensions ? 0 : 1  // numbered when slots are assigned
            entities[m].roleEmail = true
            if sameSurname && m != leaderIndex {
                // Robert, Richard and Rebecca Davis: one family name, one initial.
                entities[m].family = entities[leaderIndex].family
                let names = tables[locale].given[Int(entities[m].gender)]
                let initial = tables[locale].given[Int(entities[leaderIndex].gender)][
                    Int(entities[leaderIndex].given)
                ].initial
                let pool = names.indices.filter { i in
                    names[i].initial == initial
                        && !usedGiven.contains { $0.0 == entities[m].gender && $0.1 == UInt16(i) }
                        && !(entities[leaderIndex].gender == entities[m].gender
                            && entities[leaderIndex].given == UInt16(i))
                }
                if !pool.isEmpty { entities[m].given = UInt16(pool[rng.below(pool.count)]) }
            }
            usedGiven.append((entities[m].gender, entities[m].given))
        }
    }

    private mutating func plantFamily(_ members: [Int], _ rng: inout SplitMix64) {
        let leaderIndex = members[0]
        let locale = Int(entities[leaderIndex].locale)
        relocate(leaderIndex, locale: locale, gender: 0, &rng)
        let sharedMailbox = rng.chance(0.25)
        if sharedMailbox && entities[leaderIndex].mailboxOwner < 0 {
            let t = tables[locale]
            entities[leaderIndex].mailboxOwner = 0
            entities[leaderIndex].personalDomain = UInt8(t.freeMailPick.pick(&rng))
            entities[leaderIndex].personalStyle = 1
            entities[leaderIndex].personalNumber = UInt16(rng.int(1...99))
        }
        for m in members {
            if m != leaderIndex {
                relocate(m, locale: locale, gender: 1, &rng)
                entities[m].family = entities[leaderIndex].family
                if entities[m].company < 0 {
                    entities[m].city = entities[leaderIndex].city
                    entities[m].area = entities[leaderIndex].area
                }
                if sharedMailbox { entities[m].mailboxOwner = Int32(leaderIndex) + 1 }
            }
            entities[m].homeOwner = Int32(leaderIndex) + 1
            // Reached at home more often than at work, so the shared line shows up.
            if rng.chance(0.5) {
                entities[m].workPhone = 0
                entities[m].ext = 0
            }
        }
    }

    private mutating func plantFatherSon(_ members: [Int], _ rng: inout SplitMix64) {
        let leaderIndex = members[0]
        let given = UInt16(rng.below(10))
        relocate(leaderIndex, locale: ContactLocale.us.rawValue, gender: 0, &rng)
        let family = entities[leaderIndex].family
        for (i, m) in members.enumerated() {
            if m != leaderIndex { relocate(m, locale: ContactLocale.us.rawValue, gender: 0, &rng) }
            entities[m].given = given
            entities[m].family = family
            entities[m].suffix = UInt8(i + 1)
            entities[m].homeOwner = Int32(leaderIndex) + 1
            if rng.chance(0.5) {
                entities[m].workPhone = 0
                entities[m].ext = 0
            }
        }
        if entities[members[1]].company >= 0 && entities[members[1]].company == entities[leaderIndex].company {
            entities[members[1]].company = pickCompany(locale: ContactLocale.us.rawValue, &rng)
        }
    }

    // MARK: - Slots and addresses

    /// Locale ordinals (phone slots), switchboard extensions, and the owners of home lines and mailboxes (stored
    /// +1 while planting so that 0 could mean "itself"; resolved here).
    private mutating func assignSlots() throws {
        var nextExtension = Array(repeating: UInt16(100), count: companies.count)
        var rng = SplitMix64(seed: seed, stream: Stream.phones.rawValue, index: 0)
        for e in entities.indices {
            let l = Int(entities[e].locale)
            entities[e].ordinal = Int32(localeCounts[l])
            localeCounts[l] += 1
            if entities[e].homeOwner == 0 {
                entities[e].homeOwner = Int32(e)
            } else if entities[e].homeOwner > 0 {
                entities[e].homeOwner -= 1
            }
            if entities[e].mailboxOwner == 0 {
                entities[e].mailboxOwner = Int32(e)
            } else if entities[e].mailboxOwner > 0 {
                entities[e].mailboxOwner -= 1
            }
            if entities[e].company < 0 { entities[e].workPhone = 0 }
            let colleaguesWithoutExtension = entities[e].group == GroupKind.colleagues.rawValue && entities[e].ext == 0
            if entities[e].workPhone == 2 && !colleaguesWithoutExtension {
                let c = Int(entities[e].company)
                entities[e].ext = nextExtension[c] + UInt16(rng.below(3))
                nextExtension[c] = entities[e].ext + 1
            } else {
                entities[e].ext = 0
            }
        }
        for l in 0..<4 {
            let needed = 4 * localeCounts[l] + companiesByLocale[l].count
            var smallest = tables[l].cities.flatMap { $0.areas.map(\.plan.size) }.min() ?? 0
            if l != ContactLocale.us.rawValue { smallest = min(smallest, tables[l].mobile.size) }
            guard needed <= smallest else { throw GenerateError.tooManyRecords }
        }
    }

    /// Work addresses unique per company, personal ones unique per provider under the email match key (Gmail dots
    /// and `+tags` ignored): a clash gets a number (`cwolf2@`).
    private mutating func makeAddressesUnique() {
        var taken = Set<UInt64>(minimumCapacity: entities.count * 2)
        var local: [UInt8] = []
        for e in entities.indices {
            let p = entities[e]
            if p.company >= 0 {
                let dup = World.uniqueSuffix(&taken, scope: UInt64(p.company)) { dup in
                    local.removeAll(keepingCapacity: true)
                    appendWorkLocal(e, company: Int(p.company), dup: dup, to: &local)
                    return local
                }
                entities[e].workDup = dup
            }
            if p.newCompany >= 0 && p.moveAt > 0 {
                let dup = World.uniqueSuffix(&taken, scope: UInt64(p.newCompany)) { dup in
                    local.removeAll(keepingCapacity: true)
                    appendWorkLocal(e, company: Int(p.newCompany), dup: dup, to: &local)
                    return local
                }
                entities[e].newWorkDup = dup
            }
            if p.mailboxOwner == Int32(e) {
                let domain = tables[Int(p.locale)].freeMail[Int(p.personalDomain)]
                let gmail = World.isGmail(domain)
                let scope = gmail ? 0x6D61_696C : World.hash(domain)
                let dup = World.uniqueSuffix(&taken, scope: scope | 1 << 63) { dup in
                    local.removeAll(keepingCapacity: true)
                    appendPersonalLocal(e, dup: dup, to: &local)
                    if gmail { local.removeAll { $0 == UInt8(ascii: ".") } }
                    return local
                }
                entities[e].personalDup = dup
            }
        }
    }

    private static func uniqueSuffix(
        _ taken: inout Set<UInt64>, scope: UInt64, _ local: (UInt16) -> [UInt8]
    ) -> UInt16 {
        var dup: UInt16 = 0
        while true {
            let key = SplitMix64.mix(hash(local(dup)) ^ SplitMix64.mix(scope))
            if taken.insert(key).inserted { return dup }
            dup += 1
        }
    }

    /// FNV-1a, 64-bit.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        return h
    }

    static func isGmail(_ domain: [UInt8]) -> Bool {
        domain.elementsEqual("gmail.com".utf8) || domain.elementsEqual("googlemail.com".utf8)
    }

    func givenName(_ p: Entity) -> NameSpelling {
        tables[Int(p.locale)].given[Int(p.gender)][Int(p.given)]
    }

    func familyName(_ p: Entity) -> NameSpelling {
        tables[Int(p.locale)].family[Int(p.family)]
    }

    /// The work local part at `company` in its pattern (`first.last`, `f.last`, `flast`, `first`, `last.first`).
    func appendWorkLocal(_ e: Int, company: Int, dup: UInt16, to out: inout [UInt8]) {
        let p = entities[e]
        let g = givenName(p).slugDash
        let f = familyName(p).slugPlain
        switch companies[company].pattern {
        case 0: out += g + [UInt8(ascii: ".")] + f
        case 1: out += g.prefix(1) + [UInt8(ascii: ".")] + f
        case 2: out += g.prefix(1) + f
        case 3: out += g
        default: out += f + [UInt8(ascii: ".")] + g
        }
        if dup > 0 { out.appendDecimal(Int(dup) + 1) }
    }

    func appendPersonalLocal(_ e: Int, dup: UInt16, to out: inout [UInt8]) {
        let p = entities[e]
        let g = givenName(p).slugPlain
        let f = familyName(p).slugPlain
        let dot = UInt8(ascii: ".")
        switch p.personalStyle {
        case 0: out += g + [dot] + f
        case 1:
            out += g + f
            out.appendDecimal(Int(p.personalNumber))
        case 2:
            out += g.prefix(1) + [dot] + f
            out.appendDecimal(Int(p.personalNumber))
        case 3: out += f + [dot] + g
        case 4: out += g + [UInt8(ascii: "_")] + f
        default:
            out += g + [dot] + f
            out.appendDecimal(Int(p.personalNumber))
        }
        if dup > 0 { out.appendDecimal(Int(dup) + 1) }
    }

    // MARK: - Records

    /// Which source each record goes to: mostly one the person is not in yet.
    private mutating func assignSources() {
        let total = entities.reduce(0) { $0 + Int($1.records) }
        recordStart = []
        recordStart.reserveCapacity(entities.count)
        recordEntity = []
        recordEntity.reserveCapacity(total)
        recordSource = []
        recordSource.reserveCapacity(total)
        let weights = sources.map(\.weight)
        let all = WeightedTable(weights: weights)
        var used = Array(repeating: false, count: sources.count)
        for e in entities.indices {
            recordStart.append(UInt32(recordEntity.count))
            var rng = SplitMix64(seed: seed, stream: Stream.sources.rawValue, index: UInt64(e))
            for i in used.indices { used[i] = false }
            for _ in 0..<Int(entities[e].records) {
                var s: Int
                let unused = used.indices.filter { !used[$0] }
                if !unused.isEmpty && unused.count < used.count && rng.chance(0.85) {
                    var x = rng.unit() * unused.reduce(0) { $0 + weights[$1] }
                    s = unused[unused.count - 1]
                    for i in unused {
                        x -= weights[i]
                        if x < 0 {
                            s = i
                            break
                        }
                    }
                } else {
                    s = all.pick(&rng)
                }
                used[s] = true
                recordEntity.append(UInt32(e))
                recordSource.append(UInt8(sources[s].rawValue))
            }
        }
    }

    /// A seeded Fisher-Yates shuffle of the record indices: the order rows appear in, over all files.
    private mutating func shuffleRecords() {
        let count = recordEntity.count
        order = Array(0..<UInt32(count))
        var rng = SplitMix64(seed: seed, stream: Stream.order.rawValue, index: 0)
        var i = count - 1
        while i > 0 {
            let j = rng.below(i + 1)
            order.swapAt(i, j)
            i -= 1
        }
    }

    var recordCount: Int { recordEntity.count }

    var duplicatePairs: Int {
        entities.reduce(0) { $0 + Int($1.records) * (Int($1.records) - 1) / 2 }
    }
}

enum GenerateError: Error {
    case tooManyRecords
}

extension WeightedTable {
    /// Work address patterns: first.last 55%, f.last 20%, flast 15%, first 5%, last.first 5%.
    static let emailPatterns = WeightedTable(weights: [55, 20, 15, 5, 5])
}
