import StewardModel
import Testing

@testable import StewardMatch

@Suite struct BlockingTests {
    /// Two records sharing both an email and a phone are one candidate pair, owned by the first pass.
    @Test func pairsAreDeduplicatedAcrossPasses() {
        var fixture = TableFixture()
        fixture.add(
            contact(given: "robert", family: "smith", emails: ["rsmith@acme.example"], phones: ["+14155550100"]))
        fixture.add(contact(given: "bob", family: "smith", emails: ["rsmith@acme.example"], phones: ["+14155550100"]))
        fixture.add(contact(given: "ann", family: "lee", phones: ["+14155550100"]))
        let model = MatchModelBuilder.model(MatchSettings())
        let plan = MatchStage.plan(fixture.table, model: model)
        #expect(plan.passes.map(\.name) == MatchSettings.contactPasses.map(\.name))
        #expect(plan.passes[0].pairs == 1 && plan.passes[0].newPairs == 1)
        // The phone block holds all three records: 3 pairs, of which (0,1) the email pass already produced.
        #expect(plan.passes[1].pairs == 3 && plan.passes[1].newPairs == 2)
        // Same family phonetic, initials r and b differ: no pair from pass 3.
        #expect(plan.candidatePairs == 3)
        let result = MatchStage.run(fixture.table, model: model)
        #expect(result.compared == 3)
        #expect(result.plan.passes.map(\.newPairs) == plan.passes.map(\.newPairs))
    }

    /// A record with two emails that both match another's is still one pair.
    @Test func pairsAreDeduplicatedWithinAPass() {
        var fixture = TableFixture()
        fixture.add(contact(emails: ["a@x.example", "b@x.example"]))
        fixture.add(contact(emails: ["a@x.example", "b@x.example"]))
        let model = MatchModelBuilder.model(MatchSettings())
        let plan = MatchStage.plan(fixture.table, model: model)
        #expect(plan.passes[0].blocks == 2 && plan.passes[0].pairs == 2 && plan.passes[0].newPairs == 1)
    }

    /// A hub block (one role address on many records) over the cap is skipped and named.
    @Test func oversizedBlocksAreSkippedAndNamed() {
        var fixture = TableFixture()
        for i in 0..<30 { fixture.add(contact(given: "p\(i)", family: "f\(i)", emails: ["info@acme.example"])) }
        fixture.add(contact(given: "x", family: "y", emails: ["x.y@acme.example"]))
        fixture.add(contact(given: "x", family: "y", emails: ["x.y@acme.example"]))
        let model = MatchModelBuilder.model(MatchSettings(maxBlockSize: 10))
        let result = MatchStage.run(fixture.table, model: model)
        let email = result.plan.passes[0]
        #expect(email.skipped == [BlockPassStats.Block(key: "info@acme.example", size: 30)])
        #expect(email.pairs == 1)
        #expect(result.compared == 1)
    }

    /// Keys with transforms: prefix3 and initial take Unicode scalars; digits and year read the raw text.
    @Test func keyTransforms() {
        var fixture = TableFixture()
        let raw = ColumnKey(.extra("member_no"), .raw)
        let dob = ColumnKey(.extra("dob"), .raw)
        fixture.add([.familyKey: ["müller"], raw: ["A-12 34"], dob: ["1980-05-01"]])
        fixture.add([.familyKey: ["müllerson"], raw: ["a1234"], dob: ["01.05.1980"]])
        let passes = [
            BlockingPassSpec(name: "p3", keys: [BlockingKeySpec(field: .canonical(.familyName), transform: .prefix3)]),
            BlockingPassSpec(name: "digits", keys: [BlockingKeySpec(field: .extra("member_no"), transform: .digits)]),
            BlockingPassSpec(name: "year", keys: [BlockingKeySpec(field: .extra("dob"), transform: .year)]),
        ]
        let model = MatchModelBuilder.model(
            MatchSettings(blocking: passes, comparisons: [ComparisonSpec(field: .extra("dob"), method: .date)]))
        let plan = MatchStage.plan(fixture.table, model: model)
        #expect(plan.passes.map(\.largest.first?.key) == ["mül", "1234", "1980"])
        #expect(plan.passes.map(\.newPairs) == [1, 0, 0])
    }
}

@Suite struct ScoringTests {
    let model = MatchModelBuilder.model(MatchSettings())

    func score(
        _ a: [ColumnKey: [String]], _ b: [ColumnKey: [String]], model: MatchModel? = nil, fixture: TableFixture? = nil
    )
        -> ScoredPair
    {
        var fixture = fixture ?? TableFixture()
        fixture.add(a)
        fixture.add(b)
        let n = Int32(fixture.rows.count)
        return MatchStage.score([RecordLink(n - 2, n - 1)], table: fixture.table, model: model ?? self.model)[0]
    }

    func level(_ pair: ScoredPair, _ field: CanonicalField, model: MatchModel? = nil) -> String {
        let model = model ?? self.model
        let i = model.comparisons.firstIndex { $0.field == .canonical(field) }!
        return model.comparisons[i].label(pair.levels[i])
    }

    @Test func weightIsPriorPlusLevelWeightsAndMissingIsNeutral() {
        let pair = score(
            contact(given: "robert", family: "smith", emails: ["rsmith@acme.example"]),
            contact(given: "robert", family: "smith", emails: ["rsmith@acme.example"]))
        #expect(level(pair, .phones) == "missing" && level(pair, .organization) == "missing")
        let expected =
            model.priorWeight + model.comparisons[0].levels[0].weight + model.comparisons[2].levels[0].weight
            + model.comparisons[3].levels[0].weight
        #expect(abs(pair.weight - expected) < 1e-9)
        #expect(abs(pair.probability - MatchModel.probability(totalWeight: expected)) < 1e-12)
        #expect(pair.decision == .merge)
    }

    @Test func nicknameTyposAndInitials() {
        let nick = score(contact(given: "robert", canonical: "robert"), contact(given: "bob", canonical: "robert"))
        #expect(level(nick, .givenName) == "nickname")
        let typo = score(contact(given: "katherine"), contact(given: "katharine"))
        #expect(level(typo, .givenName) == "nickname ≥ 0.9")
        let initial = score(contact(given: "j"), contact(given: "john"))
        #expect(level(initial, .givenName) == "initial")
        let different = score(contact(given: "anna"), contact(given: "peter"))
        #expect(level(different, .givenName) == "different")
    }

    @Test func swappedGivenAndFamilyNames() {
        let pair = score(
            contact(given: "smith", family: "john", emails: ["js@acme.example"]),
            contact(given: "john", family: "smith", emails: ["js@acme.example"]))
        #expect(level(pair, .givenName) == "swapped with family name")
        #expect(level(pair, .familyName) == "different")
        #expect(pair.decision == .merge)
        let notSwapped = score(contact(given: "anna", family: "john"), contact(given: "john", family: "weiss"))
        #expect(level(notSwapped, .givenName) == "different")
    }

    @Test func germanTransliterationCountsAsExactFamilyName() {
        var a = contact(family: "muller")
        a[.familyAlt] = ["mueller"]
        let pair = score(a, contact(family: "mueller"))
        #expect(level(pair, .familyName) == "exact")
    }

    /// A shared role address or free-mail domain is weak evidence; a shared personal address is strong.
    @Test func roleAddressesAndFreeMailAreWeak() {
        var fixture = TableFixture()
        fixture.flags[.emailKey] = ["info@acme.example": .role, "a@gmail.com": .freeMail, "b@gmail.com": .freeMail]
        let info = contact(emails: ["info@acme.example"])
        let role = score(info, info, fixture: fixture)
        #expect(level(role, .emails) == "exact role address")
        #expect(role.decision == .distinct)
        let personal = score(contact(emails: ["jo@acme.example"]), contact(emails: ["jo@acme.example"]))
        #expect(level(personal, .emails) == "exact" && personal.weight > role.weight + 10)
        let sameCompany = score(contact(emails: ["jo@acme.example"]), contact(emails: ["al@acme.example"]))
        #expect(level(sameCompany, .emails) == "same company domain")
        let a = contact(emails: ["a@gmail.com"])
        let b = contact(emails: ["b@gmail.com"])
        let freeMail = score(a, b, fixture: fixture)
        #expect(level(freeMail, .emails) == "different")
    }

    /// The same switchboard number with other extensions is not the same person's phone.
    @Test func switchboardExtensions() {
        let other = score(
            contact(phones: ["+12125550100"], extensions: ["7"]), contact(phones: ["+12125550100"], extensions: ["9"]))
        #expect(level(other, .phones) == "same number, other extension")
        let oneSide = score(
            contact(phones: ["+12125550100"], extensions: ["7"]), contact(phones: ["+12125550100"], extensions: [""]))
        #expect(level(oneSide, .phones) == "exact")
    }

    /// Household: same family name and home phone, different given names and emails: never merged.
    @Test func householdIsNotMerged() {
        let pair = score(
            contact(given: "anna", family: "weiss", emails: ["anna@web.example"], phones: ["+49409876543"]),
            contact(given: "peter", family: "weiss", emails: ["peter@web.example"], phones: ["+49409876543"]))
        #expect(!pair.decision.merges)
    }

    @Test func rulesDecideAndAreNamed() {
        let settings = MatchSettings(rules: [
            MatchRuleSpec(
                name: "same_full_name",
                conditions: [
                    .init(field: .canonical(.givenName), minimum: 0.9),
                    .init(field: .canonical(.familyName), minimum: 0.9),
                ],
                decision: .merge),
            MatchRuleSpec(
                name: "different_family", conditions: [.init(field: .canonical(.familyName), minimum: nil)],
                decision: .noMerge),
        ])
        let model = MatchModelBuilder.model(settings)
        // Names only: the score alone stays below the merge threshold, the rule merges.
        let ruled = score(
            contact(given: "robert", family: "smith"), contact(given: "robert", family: "smith"), model: model)
        #expect(ruled.probability < model.mergeThreshold)
        #expect(ruled.decision == .mergeByRule && ruled.rule == 0)
        let blocked = score(
            contact(given: "robert", family: "smith", emails: ["r@x.example"], phones: ["+14155550100"]),
            contact(given: "robert", family: "jones", emails: ["r@x.example"], phones: ["+14155550100"]), model: model)
        #expect(blocked.decision == .noMergeByRule && blocked.rule == 1)
    }

    @Test func contraryEvidence() {
        let pair = score(
            contact(given: "john", family: "smith", emails: ["js@a.example"], phones: ["+14155550100"]),
            contact(given: "maria", family: "smith", emails: ["ms@b.example"], phones: ["+14155550199"]))
        #expect(pair.contrary)
        let notContrary = score(
            contact(given: "john", family: "smith", emails: ["js@a.example"]),
            contact(given: "maria", family: "smith", emails: ["ms@b.example"]))
        #expect(!notContrary.contrary)
    }

    @Test func overridesReplaceBuiltInProbabilities() {
        let spec = ComparisonSpec(
            field: .canonical(.phones), method: .phone, m: [0.9, 0.05, 0.05], u: [0.01, 0.01, 0.98])
        let comparison = MatchModelBuilder.comparison(spec)
        #expect(comparison.levels.map(\.m) == [0.9, 0.05, 0.05])
        #expect(abs(comparison.levels[0].weight - 6.491853096329675) < 1e-9)
        let builtIn = MatchModelBuilder.comparison(ComparisonSpec(field: .canonical(.phones), method: .phone))
        #expect(abs(builtIn.levels.reduce(0) { $0 + $1.m } - 1) < 1e-9)
        #expect(abs(builtIn.levels.reduce(0) { $0 + $1.u } - 1) < 1e-9)
    }

    static let dateCases: [(String, String, String)] = [
        ("1980-05-01", "1980-05-01", "exact"), ("1980-05-01", "01.05.1980", "exact"),
        ("1980-03-04", "1980-04-03", "day and month transposed"), ("1980-03-04", "1980-03-28", "same year and month"),
        ("1980-03-04", "1981-03-04", "different"),
    ]

    @Test(arguments: dateCases)
    func dates(a: String, b: String, expected: String) {
        let key = ColumnKey(.extra("dob"), .raw)
        let model = MatchModelBuilder.model(
            MatchSettings(
                blocking: [BlockingPassSpec(name: "dob", keys: [BlockingKeySpec(field: .extra("dob"))])],
                comparisons: [ComparisonSpec(field: .extra("dob"), method: .date)]))
        let pair = score([key: [a]], [key: [b]], model: model)
        #expect(model.comparisons[0].label(pair.levels[0]) == expected)
    }
}
