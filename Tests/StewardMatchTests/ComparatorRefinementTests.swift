import StewardModel
import Testing

@testable import StewardMatch

/// Given-name typos and transliterations, mailboxes at the other record's company, numbered namesake mailboxes,
/// and the prior sized to the run.
@Suite struct ComparatorRefinementTests {
    let model = MatchModelBuilder.model(MatchSettings())

    func pair(
        _ a: [ColumnKey: [String]], _ b: [ColumnKey: [String]], fixture: TableFixture = TableFixture()
    )
        -> ScoredPair
    {
        var fixture = fixture
        fixture.add(a)
        fixture.add(b)
        let n = Int32(fixture.rows.count)
        return MatchStage.score([RecordLink(n - 2, n - 1)], table: fixture.table, model: model)[0]
    }

    func level(_ pair: ScoredPair, _ field: CanonicalField) -> String {
        let i = model.comparisons.firstIndex { $0.field == .canonical(field) }!
        return model.comparisons[i].label(pair.levels[i])
    }

    @Test(arguments: [("gunther", "guenther"), ("rudiger", "ruediger"), ("jurgen", "juergen")])
    func germanTransliterationOfGivenNamesIsExact(a: String, b: String) {
        #expect(level(pair(contact(given: a), contact(given: b)), .givenName) == "exact")
    }

    @Test func oneTypoInALongEnoughNameIsTheLowestGradedLevel() {
        // Jaro-Winkler 0.87 and 0.83: below 0.9, but one substitution apart.
        for (a, b) in [("beate", "bwate"), ("timo", "tijo"), ("barbel", "baerbbel")] {
            let typo = pair(contact(given: a), contact(given: b))
            #expect(level(typo, .givenName) == "nickname ≥ 0.9", "\(a) / \(b)")
        }
        // Three letters, or two edits: different.
        #expect(level(pair(contact(given: "tim"), contact(given: "tom")), .givenName) == "different")
        #expect(level(pair(contact(given: "anna"), contact(given: "anke")), .givenName) == "different")
        #expect(PairComparator.transliterationAndTypo(Array("rne".utf8), Array("rene".utf8)).typo)
    }

    @Test func aMailboxAtTheOtherRecordsCompanyIsASameCompanyDomain() {
        let card = contact(given: "christelle", family: "labfort", organization: "groupe renault")
        let mail = contact(given: "christelle", family: "labfort", emails: ["c.labfort@grouperenault.fr"])
        #expect(level(pair(card, mail), .emails) == "mailbox at the other's company")
        // Hyphens, a second-level suffix, and a company key that the domain begins.
        #expect(
            PairComparator.domainNames(
                Array("x@mail.lakeshore-foods.co.uk".utf8), company: Array("lakeshore foods".utf8)))
        #expect(PairComparator.domainNames(Array("q@qualworks.fr".utf8), company: Array("qualworks immobilier".utf8)))
        #expect(!PairComparator.domainNames(Array("q@acme.fr".utf8), company: Array("acme holdings".utf8)))
        #expect(!PairComparator.domainNames(Array("q@grouperenault.fr".utf8), company: Array("groupe lucas".utf8)))
        // A free-mail address names no company.
        var fixture = TableFixture()
        fixture.flags[.emailKey] = ["renault@gmail.com": .freeMail]
        let freeMail = pair(
            contact(organization: "renault"), contact(emails: ["renault@gmail.com"]), fixture: fixture)
        #expect(level(freeMail, .emails) == "missing")
    }

    @Test func numberedMailboxesOfOneDomainAreDifferentPeople() {
        let first = contact(given: "claudia", family: "wolf", emails: ["cwolf@ostseehandel.de"])
        let second = contact(given: "claudia", family: "wolf", emails: ["cwolf2@ostseehandel.de"])
        #expect(level(pair(first, second), .emails) == "different")
        let alias = contact(given: "claudia", family: "wolf", emails: ["claudia.wolf@ostseehandel.de"])
        #expect(level(pair(first, alias), .emails) == "same company domain")
    }

    @Test func theDefaultPriorShrinksWithTheRun() {
        var settings = MatchSettings()
        settings.automaticPrior = true
        let automatic = MatchModelBuilder.model(settings)
        #expect(automatic.sized(records: 67).prior == 0.001)
        #expect(automatic.sized(records: 100_000).prior == 1e-5)
        settings.automaticPrior = false
        settings.prior = 0.01
        #expect(MatchModelBuilder.model(settings).sized(records: 100_000).prior == 0.01)
    }
}

extension PairComparator {
    static func domainNames(_ address: [UInt8], company: [UInt8]) -> Bool {
        address.withUnsafeBufferPointer { a in company.withUnsafeBufferPointer { domainNames(a, company: $0) } }
    }

    static func transliterationAndTypo(_ x: [UInt8], _ y: [UInt8]) -> (equal: Bool, typo: Bool) {
        x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { transliterationAndTypo(a, $0) } }
    }
}

/// u from random pairs: a count the expected matches explain within their noise is no estimate.
@Suite struct UnresolvedUTests {
    @Test func aLevelMostlyMadeOfMatchesKeepsItsUpperBoundedU() {
        // 5M random pairs, 43 share an email; λ · m · pairs = 1e-5 · 0.75 · 5M = 37.5 expected matches: the 5.5
        // left are within 3·√37.5 ≈ 18 of noise, so u stays the pipeline's 1e-7 (under the 3/N bound).
        let (u, sources) = ModelTrainer.estimateU(
            [[43, 4_999_957]], lambda: 1e-5, m: [[0.75, 0.25]], initial: [[1e-7, 1 - 1e-7]])
        #expect(u[0][0] == 1e-7 && sources[0][0] == .kept)
        // 1M pairs, 2,400 share a given name, 8.6 expected matches: resolved.
        let (named, namedSources) = ModelTrainer.estimateU(
            [[2400, 997_600]], lambda: 1e-5, m: [[0.86, 0.14]], initial: [[0.02, 0.98]])
        #expect(namedSources[0][0] == .trained)
        #expect(abs(named[0][0] - (2400 - 8.6) / ((1 - 1e-5) * 1e6)) < 1e-6)
    }
}
