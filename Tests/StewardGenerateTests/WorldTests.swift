import StewardNormalize
import Testing

@testable import StewardGenerate

@Suite("World")
struct WorldTests {
    static let world: World = {
        // 20,000 records: enough people for every planted kind and for collisions to show if there were any.
        do {
            return try World(options: GenerateOptions(records: 20_000, seed: 9))
        } catch {
            fatalError("cannot build the world: \(error)")
        }
    }()

    @Test("SplitMix64 matches the reference generator (seed 0: first output 0xE220A8397B1DCDAF)")
    func splitMix() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("a number plan maps distinct slots to distinct numbers")
    func numberPlanBijection() {
        let digits = (0...9).map(String.init)
        let plan = NumberPlan(positions: [["2", "3", "7"], digits, digits, digits], salt: 5)
        var seen: Set<[UInt8]> = []
        for slot in 0..<plan.size {
            var out: [UInt8] = []
            plan.append(slot: slot, to: &out)
            #expect(out.count == 4)
            seen.insert(out)
        }
        #expect(seen.count == plan.size)
    }

    @Test("name tables are large enough for realistic repetition")
    func tableSizes() {
        for tables in LocaleTables.all {
            #expect(tables.given[0].count >= 100 && tables.given[1].count >= 100, "\(tables.locale)")
            #expect(tables.family.count >= 150, "\(tables.locale)")
        }
    }

    /// Every phone of every person is valid for libphonenumber's metadata (as Steward's normalizer reads it), and
    /// reads back from each written form in the person's region.
    @Test("every generated phone number is valid and every written form parses back to it")
    func phonesAreValid() throws {
        let normalizer = PhoneNormalizer()
        let world = WorldTests.world
        let regions = ["US", "GB", "DE", "FR"]
        var rng = SplitMix64(seed: 1)
        var checked = 0
        var invalid: [String] = []
        var unreadable: [String] = []
        for e in world.entities.indices {
            let p = world.entities[e]
            var kinds: [PhoneText.Kind] = []
            if p.workPhone == 1 { kinds.append(.direct) }
            if p.workPhone == 2 { kinds.append(.switchboard) }
            if p.mobile { kinds.append(.mobile) }
            if p.homeOwner >= 0 { kinds.append(.home) }
            if p.moveAt > 0 { kinds.append(.newDirect) }
            let locale = try #require(ContactLocale(rawValue: Int(p.locale)))
            for kind in kinds {
                var nsn: [UInt8] = []
                PhoneText.appendNSN(kind, entity: e, world: world, to: &nsn)
                let e164 = "+" + locale.callingCode + String(decoding: nsn, as: UTF8.self)
                guard let parsed = normalizer.normalized(e164, defaultRegion: nil), normalizer.isValid(parsed) else {
                    invalid.append("\(e164) (\(kind))")
                    continue
                }
                // Written forms, national and international, read in the record's country.
                for international in [false, true] where e % 7 == 0 {
                    var text: [UInt8] = []
                    PhoneText.render(
                        nsn[...], locale: locale, international: international, ext: 0, rng: &rng, to: &text)
                    let written = String(decoding: text, as: UTF8.self)
                    let region = international ? nil : regions[Int(p.locale)]
                    if normalizer.normalized(written, defaultRegion: region)?.e164 != e164 {
                        unreadable.append("\(written) ≠ \(e164)")
                    }
                }
                checked += 1
            }
        }
        #expect(invalid.isEmpty, "\(invalid.count) invalid, e.g. \(invalid.prefix(20))")
        #expect(unreadable.isEmpty, "\(unreadable.count) unreadable, e.g. \(unreadable.prefix(20))")
        #expect(checked > 10_000)
    }

    @Test("distinct people get distinct phones and addresses, except the planted shared ones")
    func uniqueness() {
        let world = WorldTests.world
        var phones: [String: Int] = [:]
        var addresses: [String: Int] = [:]
        var shared = 0
        for e in world.entities.indices {
            let p = world.entities[e]
            for kind in [PhoneText.Kind.direct, .mobile] where kind == .mobile ? p.mobile : p.workPhone == 1 {
                var nsn: [UInt8] = []
                PhoneText.appendNSN(kind, entity: e, world: world, to: &nsn)
                let key = "\(p.locale):" + String(decoding: nsn, as: UTF8.self)
                #expect(phones[key] == nil, "\(key) of \(e) and \(phones[key] ?? -1)")
                phones[key] = e
            }
            var work: [UInt8] = []
            if p.company >= 0 {
                world.appendWorkAddress(e, moved: false, to: &work)
                let key = String(decoding: work, as: UTF8.self)
                #expect(addresses[key] == nil, "\(key)")
                addresses[key] = e
            }
            if p.mailboxOwner == Int32(e) {
                var personal: [UInt8] = []
                world.appendPersonalAddress(e, to: &personal)
                let key = String(decoding: personal, as: UTF8.self)
                #expect(addresses[key] == nil, "\(key)")
                addresses[key] = e
            } else if p.mailboxOwner >= 0 {
                shared += 1
            }
        }
        #expect(phones.count > 10_000)
    }

    @Test("hard negatives are planted: namesakes, colleagues on one switchboard, families, father and son")
    func hardNegatives() throws {
        let world = WorldTests.world
        for kind in [GroupKind.sameName, .colleagues, .family, .fatherSon] {
            #expect((world.groupCounts.first { $0.kind == kind }?.groups ?? 0) > 0, "\(kind)")
        }
        // Two different people with one full name.
        var names: [String: Int] = [:]
        var namesakes = 0
        for (e, p) in world.entities.enumerated() where p.group == GroupKind.sameName.rawValue {
            let key = "\(p.locale):\(p.gender):\(p.given):\(p.family)"
            if names[key] != nil { namesakes += 1 }
            names[key] = e
        }
        #expect(namesakes > 0)
        // Two different people whose work phone is one switchboard.
        var switchboards: [String: Int] = [:]
        var sharedSwitchboard = 0
        for (e, p) in world.entities.enumerated() where p.workPhone == 2 {
            var nsn: [UInt8] = []
            PhoneText.appendNSN(.switchboard, entity: e, world: world, to: &nsn)
            let key = String(decoding: nsn, as: UTF8.self)
            if switchboards[key] != nil { sharedSwitchboard += 1 }
            switchboards[key] = e
        }
        #expect(sharedSwitchboard > 0)
        // Colleagues share a role address.
        let colleagues = world.entities.indices.filter { world.entities[$0].roleEmail }
        #expect(colleagues.count >= 2)
        var roles: Set<[UInt8]> = []
        for e in colleagues {
            var role: [UInt8] = []
            world.appendRoleAddress(Int(world.entities[e].company), to: &role)
            roles.insert(role)
        }
        #expect(roles.count < colleagues.count)
    }
}
