/// The bytes one chunk of record positions produced: per source, its records laid out in the source's format; and
/// the truth rows of those records.
struct ChunkOutput: Sendable {
    var sources: [[UInt8]] = Array(repeating: [], count: SourceKind.allCases.count)
    var counts: [Int] = Array(repeating: 0, count: SourceKind.allCases.count)
    var truth: [UInt8] = []

    /// Empties the buffers, keeping their memory.
    mutating func clear() {
        for i in sources.indices {
            sources[i].removeAll(keepingCapacity: true)
            counts[i] = 0
        }
        truth.removeAll(keepingCapacity: true)
    }
}

/// Renders records: draws a record's values from its person with the corruption real exports show, then lays it
/// out in its source's format (`RecordRenderer+CSV`, `+VCard`, `+XML`, `+Mbox`).
///
/// Corruption, per record. "dup" rates apply to a person's later records (the first is the reference rendering:
/// format noise only); "all" rates to every record:
///
/// | what | rate | applies to |
/// | --- | --- | --- |
/// | nickname (Robert → Bob; Johann → Hans) | 30% | dup, names that have one |
/// | typo in given or family name (keyboard substitution, deletion, insertion, transposition) | 10% | dup |
/// | diacritics dropped (Müller → Muller) or, in DE half of the time, transliterated (Mueller) | 50% | dup |
/// | case: family name in capitals, or the whole name upper or lower | 7% | dup |
/// | extra spaces | 5% | dup |
/// | honorific inside the given-name field (`Dr. Jürgen`) | 8% | dup |
/// | given name as an initial (`J.`) | 3% | dup, crm and cards |
/// | given and family name swapped | 2% | dup, crm |
/// | only a full name (`Name`), as "Family, Given" 35% of the time | 20% | marketing |
/// | job title changed (another spelling or another job) / blank | 20% / 8% | dup / all |
/// | email in mixed or upper case | 15% | dup |
/// | Gmail dots moved or removed, or a `+tag` | 40% | dup, Gmail addresses |
/// | company name variant (legal suffix spelled otherwise, dropped, capitals, "The", doubled space) | 35% | all |
/// | DE company without umlauts | 30% | dup |
/// | email / phones / company missing | 10% / 12% / 6% | all |
/// | no country (phones then written with `+`) | 3% | all |
/// | switchboard extension left off | 25% | switchboard phones |
/// | changed company (new company, title, work email and line after a point) | 5% | people with 2+ records |
///
/// A later record keeps at least two of: a name within one heavy edit (typo, nickname, initial, swap), a personal
/// email or phone of the person, and the company (restored in that order when the draws leave fewer), so a
/// person's records stay recognizable as one person.
struct RecordRenderer {
    let world: World
    let entityDigits: Int
    var draft = RecordDraft()
    var out = ChunkOutput()
    var scratch: [UInt8] = []
    /// The mailbox (display name and address) of the last email record written, for a `Cc:` of the next message.
    var lastMailbox: [UInt8] = []
    var line: [UInt8] = []

    init(world: World, output: ChunkOutput = ChunkOutput()) {
        self.world = world
        self.out = output
        var digits = 4
        var n = world.entities.count
        while n >= 10_000 {
            n /= 10
            digits += 1
        }
        entityDigits = digits
    }

    /// Renders the record at `position` of the shuffled order into ``out``.
    mutating func render(position: Int) {
        let r = Int(world.order[position])
        let e = Int(world.recordEntity[r])
        let k = r - Int(world.recordStart[e])
        guard let source = SourceKind(rawValue: Int(world.recordSource[r])) else { return }
        var rng = SplitMix64(seed: world.seed, stream: World.Stream.records.rawValue, index: UInt64(r))
        draft.reset()
        if source == .support {
            draftMailbox(entity: e, k: k, &rng)
        } else {
            draftContact(entity: e, k: k, source: source, &rng)
        }
        // Source id, then the record in its format, then its truth row.
        var id = scratch
        scratch = []
        id.removeAll(keepingCapacity: true)
        appendSourceID(record: r, source: source, to: &id)
        var buffer = out.sources[source.rawValue]
        out.sources[source.rawValue] = []
        switch source {
        case .crm: layoutCRM(id: id, &rng, to: &buffer)
        case .marketing: layoutMarketing(id: id, &rng, to: &buffer)
        case .cards: layoutCard(id: id, &rng, to: &buffer)
        case .marketingXML: layoutXML(id: id, &rng, to: &buffer)
        case .support: layoutMessage(&rng, to: &buffer)
        }
        out.sources[source.rawValue] = buffer
        out.counts[source.rawValue] += 1
        out.truth.append(source.name)
        out.truth.append(UInt8(ascii: ","))
        out.truth += id
        scratch = id
        out.truth.append(",E")
        out.truth.appendDecimal(e + 1, width: entityDigits)
        out.truth.append(UInt8(ascii: "\n"))
    }

    // MARK: - Ids

    private static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The record's id in its source, unique by construction (a bijection of the record index): Salesforce-style
    /// 15-character ids, Google-style `c` + 16 hex digits, card UUIDs, `SUB-` numbers; for mail the address.
    func appendSourceID(record r: Int, source: SourceKind, to out: inout [UInt8]) {
        let salt = SplitMix64.mix(world.seed ^ UInt64(source.rawValue + 1) << 56)
        switch source {
        case .crm:
            let space = 916_132_832  // 62^5
            var p = (r * 2_654_435_761 % space + Int(salt % UInt64(space))) % space
            out.append("0035g00000")
            var digits: [UInt8] = [0, 0, 0, 0, 0]
            for i in stride(from: 4, through: 0, by: -1) {
                digits[i] = RecordRenderer.base62[p % 62]
                p /= 62
            }
            out += digits
        case .marketing:
            out.append(UInt8(ascii: "c"))
            out.appendHex(SplitMix64.mix(UInt64(r) &+ salt), count: 16)
        case .cards:
            var rng = SplitMix64(seed: world.seed, stream: World.Stream.ids.rawValue, index: UInt64(r))
            let random = rng.next()
            let unique = SplitMix64.mix(UInt64(r) &+ salt)
            out.appendHex(random >> 32, count: 8)
            out.append(UInt8(ascii: "-"))
            out.appendHex(random >> 16, count: 4)
            out.append("-4")
            out.appendHex(random, count: 3)
            out.append(UInt8(ascii: "-"))
            out.appendHex(unique >> 48, count: 4)
            out.append(UInt8(ascii: "-"))
            out.appendHex(unique, count: 12)
        case .marketingXML:
            let space = 100_000_000
            out.append("SUB-")
            out.appendDecimal((r * 2_654_435_761 % space + Int(salt % UInt64(space))) % space, width: 8)
        case .support:
            // The ingester's id: the address in lower case (ASCII addresses only here).
            for b in draft.emails[0] { out.append(b >= 65 && b <= 90 ? b + 32 : b) }
        }
    }

    // MARK: - Drafting

    /// Which corruptions a record got, and which fields it shows: decided first, so that a record that would keep
    /// too little of its person can be given fields back before anything is written.
    private struct Plan {
        var nickname = -1
        var typoFamily = false
        var typoGiven = false
        var initial = false
        var swapped = false
        var dropEmail = false
        var dropAllPhones = false
        var dropPhone: RecordDraft.PhoneRole?
        var dropCompany = false
        var roleOnly = false

        var heavyNameEdits: Int {
            (nickname >= 0 ? 1 : 0) + (typoFamily || typoGiven ? 1 : 0) + (initial ? 2 : 0) + (swapped ? 1 : 0)
        }
    }

    private enum EmailChoice {
        case work, personal, role
    }

    private mutating func draftContact(entity e: Int, k: Int, source: SourceKind, _ rng: inout SplitMix64) {
        let p = world.entities[e]
        let t = world.tables[Int(p.locale)]
        let locale = t.locale
        let dup = k > 0
        let moved = p.moveAt > 0 && k >= Int(p.moveAt)
        let companyIndex = Int(moved ? p.newCompany : p.company)
        draft.locale = locale
        draft.entity = e

        // Decide.
        var plan = Plan()
        let nicknames = t.nicknames[Int(p.gender)][Int(p.given)]
        if dup && !nicknames.isEmpty && rng.chance(0.30) { plan.nickname = rng.below(nicknames.count) }
        if dup && rng.chance(0.10) {
            if rng.chance(0.6) { plan.typoFamily = true } else { plan.typoGiven = true }
        }
        if dup && (source == .crm || source == .cards) && rng.chance(0.03) { plan.initial = true }
        if dup && source == .crm && !plan.initial && rng.chance(0.02) { plan.swapped = true }
        plan.dropCompany = companyIndex >= 0 && rng.chance(0.06)
        plan.roleOnly = p.roleEmail && !moved && rng.chance(0.5)
        plan.dropEmail = rng.chance(0.10)
        if rng.chance(0.12) {
            if rng.chance(0.5) {
                let roll = rng.below(3)
                plan.dropPhone = roll == 0 ? .work : roll == 1 ? .mobile : .home
            } else {
                plan.dropAllPhones = true
            }
        }
        var emails = chooseEmails(p, source: source, companyIndex: companyIndex, &rng)
        var phones = choosePhones(p, source: source, &rng)

        // Keep the person recognizable: at least two of name, email, phone, company.
        if dup {
            for step in 0..<4 {
                let shown = shownEmails(emails, plan)
                let emailAnchor = shown.contains {
                    $0 == .personal && p.mailboxOwner == Int32(e) || $0 == .work && !moved
                }
                let phoneAnchor = shownPhones(phones, plan).contains { role in
                    switch role {
                    case .work: return !moved && (p.workPhone == 1 || p.ext > 0)
                    case .mobile: return true
                    case .home: return p.homeOwner == Int32(e)
                    }
                }
                let companyAnchor = companyIndex >= 0 && !plan.dropCompany && !moved
                let nameAnchor = plan.heavyNameEdits <= 1
                let anchors =
                    (emailAnchor ? 1 : 0) + (phoneAnchor ? 1 : 0) + (companyAnchor ? 1 : 0) + (nameAnchor ? 1 : 0)
                if anchors >= 2 { break }
                switch step {
                case 0:
                    plan.dropEmail = false
                    plan.roleOnly = false
                    if emails.isEmpty { emails = chooseEmails(p, source: source, companyIndex: companyIndex, &rng) }
                case 1:
                    plan.dropAllPhones = false
                    plan.dropPhone = nil
                    if phones.isEmpty {
                        if p.mobile { phones.append(.mobile) }
                        if p.workPhone > 0 || moved { phones.append(.work) }
                        if p.homeOwner >= 0 { phones.append(.home) }
                    }
                case 2: plan.dropCompany = false
                default: plan = Plan()
                }
            }
        }

        // Name.
        draftName(p, plan: plan, dup: dup, nickname: plan.nickname >= 0 ? nicknames[plan.nickname] : nil, &rng)
        draft.swapped = plan.swapped
        if source == .marketing && rng.chance(0.20) {
            draft.nameOnly = true
            draft.lastFirst = rng.chance(0.35)
        }

        // Company and title.
        if companyIndex >= 0 && !plan.dropCompany {
            world.appendCompanyName(companyIndex, dup: dup, &rng, to: &draft.company)
            let titleIndex = moved ? p.newTitle : p.title
            appendTitle(titleIndex, p, dup: dup, &rng)
        }

        // Emails.
        if !plan.dropEmail {
            for choice in plan.roleOnly ? SmallList(.role) : emails {
                let i = draft.emailCount
                switch choice {
                case .work: world.appendWorkAddress(e, moved: moved, to: &draft.emails[i])
                case .personal: world.appendPersonalAddress(e, to: &draft.emails[i])
                case .role: world.appendRoleAddress(Int(p.company), to: &draft.emails[i])
                }
                if dup && choice == .personal && rng.chance(0.40) {
                    RecordRenderer.gmailVariant(&draft.emails[i], &rng)
                }
                if dup && rng.chance(0.15) { RecordRenderer.emailCase(&draft.emails[i], &rng) }
                draft.emailCount += 1
            }
        }

        // Phones.
        draft.international = rng.chance(0.03)
        for role in shownPhones(phones, plan) {
            switch role {
            case .work:
                if moved {
                    let i = draft.addPhone(role: .work, ext: 0)
                    PhoneText.appendNSN(.newDirect, entity: e, world: world, to: &draft.phones[i].nsn)
                } else if p.workPhone == 1 {
                    let i = draft.addPhone(role: .work, ext: 0)
                    PhoneText.appendNSN(.direct, entity: e, world: world, to: &draft.phones[i].nsn)
                } else if p.workPhone == 2 {
                    let ext = p.ext > 0 && !rng.chance(0.25) ? Int(p.ext) : 0
                    let i = draft.addPhone(role: .work, ext: ext)
                    PhoneText.appendNSN(.switchboard, entity: e, world: world, to: &draft.phones[i].nsn)
                }
            case .mobile:
                let i = draft.addPhone(role: .mobile, ext: 0)
                PhoneText.appendNSN(.mobile, entity: e, world: world, to: &draft.phones[i].nsn)
            case .home:
                let i = draft.addPhone(role: .home, ext: 0)
                PhoneText.appendNSN(.home, entity: e, world: world, to: &draft.phones[i].nsn)
            }
        }

        // Place and time.
        let city = t.cities[Int(p.city)]
        if rng.chance(0.9) {
            draft.city +=
                rng.chance(0.8) || city.alternates.isEmpty
                ? city.name : city.alternates[rng.below(city.alternates.count)]
        }
        if !draft.international {
            let names: ([[UInt8]], WeightedTable)
            switch source {
            case .crm: names = t.countryCRM
            case .cards: names = t.countryCards
            default: names = t.countryCodes
            }
            draft.country += names.0[names.1.pick(&rng)]
        }
        stamp(p, k: k, &rng)
    }

    private mutating func stamp(_ p: Entity, k: Int, _ rng: inout SplitMix64) {
        draft.day = Int(p.baseDay) + k * 90 + rng.below(90)
        draft.seconds = 7 * 3600 + rng.below(12 * 3600)
    }

    /// The emails a source shows, before the missing-email draw: crm one (work, personal 15%), marketing one or
    /// two (personal first half the time), cards the work one, the XML export one (personal half the time).
    private func chooseEmails(
        _ p: Entity, source: SourceKind, companyIndex: Int, _ rng: inout SplitMix64
    ) -> SmallList<EmailChoice> {
        var candidates = SmallList<EmailChoice>()
        if companyIndex >= 0 { candidates.append(.work) }
        if p.mailboxOwner >= 0 { candidates.append(.personal) }
        guard candidates.count > 1 else { return candidates }
        var out = SmallList<EmailChoice>()
        switch source {
        case .crm: out.append(rng.chance(0.15) ? .personal : .work)
        case .marketing:
            let personalFirst = rng.chance(0.5)
            out.append(personalFirst ? .personal : .work)
            if rng.chance(0.4) { out.append(personalFirst ? .work : .personal) }
        case .cards: out.append(rng.chance(0.1) ? .personal : .work)
        default: out.append(rng.chance(0.5) ? .personal : .work)
        }
        return out
    }

    private func shownEmails(_ emails: SmallList<EmailChoice>, _ plan: Plan) -> SmallList<EmailChoice> {
        plan.dropEmail ? SmallList() : plan.roleOnly ? SmallList(.role) : emails
    }

    /// The phones a source shows, in its order: crm work (else home) and mobile; marketing one (mobile first 60%),
    /// two 15% of the time; cards work and mobile; the XML export mobile and work.
    private func choosePhones(
        _ p: Entity, source: SourceKind, _ rng: inout SplitMix64
    ) -> SmallList<RecordDraft.PhoneRole> {
        let hasWork = p.workPhone > 0 || (p.moveAt > 0 && p.newCompany >= 0)
        var out = SmallList<RecordDraft.PhoneRole>()
        switch source {
        case .crm:
            if hasWork {
                out.append(.work)
            } else if p.homeOwner >= 0 {
                out.append(.home)
            }
            if p.mobile { out.append(.mobile) }
        case .marketing:
            var available = SmallList<RecordDraft.PhoneRole>()
            let mobileFirst = rng.chance(0.6)
            if mobileFirst && p.mobile { available.append(.mobile) }
            if hasWork { available.append(.work) }
            if !mobileFirst && p.mobile { available.append(.mobile) }
            if p.homeOwner >= 0 { available.append(.home) }
            let shown = available.count > 1 && rng.chance(0.15) ? 2 : 1
            for (i, role) in available.enumerated() where i < shown { out.append(role) }
        case .cards:
            if hasWork { out.append(.work) }
            if p.mobile { out.append(.mobile) }
        default:
            if p.mobile { out.append(.mobile) }
            if hasWork { out.append(.work) }
            if out.isEmpty && p.homeOwner >= 0 { out.append(.home) }
        }
        return out
    }

    private func shownPhones(
        _ phones: SmallList<RecordDraft.PhoneRole>, _ plan: Plan
    ) -> SmallList<RecordDraft.PhoneRole> {
        if plan.dropAllPhones { return SmallList() }
        guard let drop = plan.dropPhone, phones.count > 1 else { return phones }
        return phones.removing(drop)
    }

    // MARK: - Names

    private mutating func draftName(
        _ p: Entity, plan: Plan, dup: Bool, nickname: [UInt8]?, _ rng: inout SplitMix64
    ) {
        let t = world.tables[Int(p.locale)]
        let given = t.given[Int(p.gender)][Int(p.given)]
        let family = t.family[Int(p.family)]
        var base = NameSpelling.Base.plain
        if dup && (given.hasMarks || family.hasMarks) && rng.chance(0.5) {
            base = t.locale == .de && rng.chance(0.5) ? .transliterated : .stripped
        }
        var givenCase = NameSpelling.Case.asIs
        var familyCase = NameSpelling.Case.asIs
        if dup && rng.chance(0.07) {
            switch rng.below(3) {
            case 0: familyCase = .upper
            case 1:
                givenCase = .upper
                familyCase = .upper
            default:
                givenCase = .lower
                familyCase = .lower
            }
        }
        if plan.initial {
            draft.given += given.initial
        } else if let nickname {
            draft.given += nickname
            if givenCase == .upper { ByteText.uppercaseASCII(&draft.given) }
            if givenCase == .lower { ByteText.lowercaseASCII(&draft.given) }
        } else {
            draft.given += given.form(base, givenCase)
        }
        draft.family += family.form(base, familyCase)
        if plan.typoFamily && draft.family.count >= 4 {
            RecordRenderer.typo(&draft.family, &rng)
        } else if (plan.typoGiven || plan.typoFamily) && draft.given.count >= 4 && !plan.initial {
            RecordRenderer.typo(&draft.given, &rng)
        }
        if dup && rng.chance(0.05) {
            if rng.chance(0.5) {
                RecordRenderer.extraSpaces(&draft.family, &rng)
            } else {
                RecordRenderer.extraSpaces(&draft.given, &rng)
            }
        }
        if p.suffix > 0 { draft.suffix.append(p.suffix == 1 ? "Sr." : "Jr.") }
        if p.doctor && rng.chance(0.5) {
            draft.honorific += t.doctor
        } else if rng.chance(0.5) {
            draft.honorific += t.honorifics[Int(p.gender)][t.honorificPick[Int(p.gender)].pick(&rng)]
        }
        if dup && rng.chance(0.08) {
            draft.honorificInName = true
            if draft.honorific.isEmpty {
                draft.honorific += t.honorifics[Int(p.gender)][t.honorificPick[Int(p.gender)].pick(&rng)]
            }
        }
    }

    private static let keyboard: [[UInt8]] = {
        var table = Array(repeating: [UInt8](), count: 26)
        for (key, neighbours) in WorldLists.keyboard {
            if let k = key.utf8.first { table[Int(k) - 97] = Array(neighbours.utf8) }
        }
        return table
    }()

    /// One keyboard-plausible edit on an ASCII letter after the first: substitute a neighbouring key (35%),
    /// delete (25%), insert (20%), transpose with the next letter (20%).
    private static func typo(_ name: inout [UInt8], _ rng: inout SplitMix64) {
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
        var positions: [Int] = []
        for i in 1..<name.count where isLetter(name[i]) { positions.append(i) }
        guard positions.count >= 3 else { return }
        for _ in 0..<10 {
            let i = positions[rng.below(positions.count)]
            let c = name[i]
            let lower = c | 0x20
            let upper = c < 97
            let neighbours = RecordRenderer.keyboard[Int(lower) - 97]
            let op = rng.below(100)
            if op < 35 {
                var n = neighbours[rng.below(neighbours.count)]
                if upper { n &= ~0x20 }
                if n == c { continue }
                name[i] = n
                return
            } else if op < 60 {
                name.remove(at: i)
                return
            } else if op < 80 {
                var n = rng.chance(0.5) ? c : neighbours[rng.below(neighbours.count)]
                if upper { n &= ~0x20 }
                name.insert(n, at: i)
                return
            } else if i + 1 < name.count && isLetter(name[i + 1]) && (name[i + 1] | 0x20) != lower {
                name.swapAt(i, i + 1)
                return
            }
        }
    }

    private static func extraSpaces(_ text: inout [UInt8], _ rng: inout SplitMix64) {
        if let space = text.firstIndex(of: UInt8(ascii: " ")), rng.chance(0.6) {
            text.insert(UInt8(ascii: " "), at: space)
        } else {
            text.insert(UInt8(ascii: " "), at: 0)
            if rng.chance(0.5) { text.insert(UInt8(ascii: " "), at: 0) }
            text.append(UInt8(ascii: " "))
        }
    }

    // MARK: - Title

    private mutating func appendTitle(_ index: UInt16, _ p: Entity, dup: Bool, _ rng: inout SplitMix64) {
        let t = world.tables[Int(p.locale)]
        let gender = Int(p.gender)
        var english = index & 0x8000 != 0
        var i = Int(index & 0x7FFF)
        if dup && rng.chance(0.20) {
            let variants = english ? [] : t.titleVariants[gender][i]
            if !variants.isEmpty && rng.chance(0.6) {
                draft.title += variants[rng.below(variants.count)]
                return
            }
            let other = world.pickTitle(locale: Int(p.locale), &rng)
            english = other & 0x8000 != 0
            i = Int(other & 0x7FFF)
        }
        if rng.chance(0.08) { return }
        draft.title += english ? t.englishTitles[i] : t.titles[gender][i]
    }

    // MARK: - Address variants

    private static func gmailVariant(_ address: inout [UInt8], _ rng: inout SplitMix64) {
        guard let at = address.firstIndex(of: UInt8(ascii: "@")),
            World.isGmail(Array(address[(at + 1)...]))
        else { return }
        var local = Array(address[..<at])
        let domain = address[at...]
        let plain = local.filter { $0 != UInt8(ascii: ".") }
        switch rng.below(3) {
        case 0: local = plain
        case 1 where plain.count > 4:
            local = plain
            local.insert(UInt8(ascii: "."), at: 1 + rng.below(plain.count - 2))
        default:
            local.append(UInt8(ascii: "+"))
            local.append(["news", "crm", "work", "shop", "events"][rng.below(5)])
        }
        address = local + domain
    }

    private static func emailCase(_ address: inout [UInt8], _ rng: inout SplitMix64) {
        if rng.chance(0.4) {
            ByteText.uppercaseASCII(&address)
            return
        }
        guard let at = address.firstIndex(of: UInt8(ascii: "@")) else { return }
        var start = true
        for i in 0..<at {
            if start && address[i] >= 97 && address[i] <= 122 { address[i] -= 32 }
            start = address[i] == UInt8(ascii: ".")
        }
        if rng.chance(0.5) && at + 1 < address.count && address[at + 1] >= 97 && address[at + 1] <= 122 {
            address[at + 1] -= 32
        }
    }

    // MARK: - Mailbox records

    /// A record of the support mailbox: a display name and an address. A person's mail records use distinct
    /// addresses of theirs (work, personal, a later work address, then aliases), since the mailbox keeps one
    /// record per address.
    private mutating func draftMailbox(entity e: Int, k: Int, _ rng: inout SplitMix64) {
        let p = world.entities[e]
        let t = world.tables[Int(p.locale)]
        draft.locale = t.locale
        draft.entity = e
        let start = Int(world.recordStart[e])
        var j = 0
        for i in start..<(start + k) where world.recordSource[i] == UInt8(SourceKind.support.rawValue) { j += 1 }
        // The candidates in order; a shared family mailbox is nobody's own and is left out.
        var candidates: [Int] = []
        if p.company >= 0 { candidates.append(0) }
        if p.mailboxOwner == Int32(e) { candidates.append(1) }
        if p.moveAt > 0 && p.newCompany >= 0 { candidates.append(2) }
        if j < candidates.count {
            switch candidates[j] {
            case 0: world.appendWorkAddress(e, moved: false, to: &draft.emails[0])
            case 1: world.appendPersonalAddress(e, to: &draft.emails[0])
            default: world.appendWorkAddress(e, moved: true, to: &draft.emails[0])
            }
        } else {
            world.appendAliasAddress(e, n: j - candidates.count, to: &draft.emails[0])
        }
        let dup = k > 0
        if dup && rng.chance(0.15) { RecordRenderer.emailCase(&draft.emails[0], &rng) }
        draft.emailCount = 1
        draft.noDisplayName = rng.chance(0.10)
        var plan = Plan()
        let nicknames = t.nicknames[Int(p.gender)][Int(p.given)]
        if dup && !nicknames.isEmpty && rng.chance(0.30) { plan.nickname = rng.below(nicknames.count) }
        if dup && rng.chance(0.10) {
            if rng.chance(0.6) { plan.typoFamily = true } else { plan.typoGiven = true }
        }
        draftName(p, plan: plan, dup: dup, nickname: plan.nickname >= 0 ? nicknames[plan.nickname] : nil, &rng)
        draft.lastFirst = rng.chance(0.15)
        if !(p.doctor && rng.chance(0.3)) { draft.honorific.removeAll(keepingCapacity: true) }
        stamp(p, k: k, &rng)
    }
}

extension ByteText {
    static func uppercaseASCII(_ bytes: inout [UInt8]) {
        for i in bytes.indices where bytes[i] >= 97 && bytes[i] <= 122 { bytes[i] -= 32 }
    }

    static func lowercaseASCII(_ bytes: inout [UInt8]) {
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
    }
}

extension World {
    /// The company as a source writes it: canonical 65%, else a variant (another legal-suffix spelling 45%,
    /// suffix dropped 25%, capitals 15%, doubled space 10%, "The …" 5% in English); DE names lose their umlauts in
    /// 30% of later records.
    func appendCompanyName(_ c: Int, dup: Bool, _ rng: inout SplitMix64, to out: inout [UInt8]) {
        let company = companies[c]
        let t = tables[company.locale.rawValue]
        let legal = t.legal[company.legal]
        let stripMarks = company.locale == .de && company.baseHasMarks && dup && rng.chance(0.3)
        let base = stripMarks ? company.baseStripped : company.base
        func appendLegal(_ suffix: [UInt8], _ out: inout [UInt8]) {
            if suffix.first != UInt8(ascii: ",") { out.append(UInt8(ascii: " ")) }
            out += suffix
        }
        guard rng.chance(0.35) else {
            out += base
            appendLegal(legal.canonical, &out)
            return
        }
        let kind = rng.below(100)
        if kind < 45 && !legal.variants.isEmpty {
            out += base
            appendLegal(legal.variants[rng.below(legal.variants.count)], &out)
        } else if kind < 70 {
            out += base
        } else if kind < 85 {
            out += company.baseUpper
            out.append(rng.chance(0.5) ? " " : ", ")
            var suffix = legal.canonical
            if suffix.first == UInt8(ascii: ",") { suffix.removeFirst(2) }
            ByteText.uppercaseASCII(&suffix)
            out += suffix
        } else if kind < 95 || !company.locale.isEnglish {
            out += base
            appendLegal(legal.canonical, &out)
            if let space = out.firstIndex(of: UInt8(ascii: " ")) { out.insert(UInt8(ascii: " "), at: space) }
        } else {
            out.append("The ")
            out += base
            appendLegal(legal.canonical, &out)
        }
    }

    func appendWorkAddress(_ e: Int, moved: Bool, to out: inout [UInt8]) {
        let p = entities[e]
        let c = Int(moved ? p.newCompany : p.company)
        appendWorkLocal(e, company: c, dup: moved ? p.newWorkDup : p.workDup, to: &out)
        out.append(UInt8(ascii: "@"))
        out += companies[c].domain
    }

    func appendPersonalAddress(_ e: Int, to out: inout [UInt8]) {
        let owner = Int(entities[e].mailboxOwner)
        let p = entities[owner]
        appendPersonalLocal(owner, dup: p.personalDup, to: &out)
        out.append(UInt8(ascii: "@"))
        out += tables[Int(p.locale)].freeMail[Int(p.personalDomain)]
    }

    func appendRoleAddress(_ c: Int, to out: inout [UInt8]) {
        let company = companies[c]
        out += tables[company.locale.rawValue].roleLocals[company.roleLocal]
        out.append(UInt8(ascii: "@"))
        out += company.domain
    }

    /// An address nobody else has (`first.last.1234@provider`): for a person's third and later mail identities.
    func appendAliasAddress(_ e: Int, n: Int, to out: inout [UInt8]) {
        let p = entities[e]
        out += givenName(p).slugPlain
        out.append(UInt8(ascii: "."))
        out += familyName(p).slugPlain
        out.append(UInt8(ascii: "."))
        out.appendDecimal(e + 1)
        if n > 0 {
            out.append(UInt8(ascii: "-"))
            out.appendDecimal(n)
        }
        out.append(UInt8(ascii: "@"))
        out += tables[Int(p.locale)].freeMail[Int(p.personalDomain)]
    }

}
