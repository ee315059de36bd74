import Foundation
import StewardModel
import Testing

@testable import StewardMatch

/// Term-frequency adjustment: rare exact agreement weighs more than common, computed from the run's own data.
@Suite struct TermFrequencyTests {
    /// 1,200 people: 600 Smiths, 20 families of 30 (600 records), and two Zylbersteins; given names all distinct.
    func population() -> TableFixture {
        var fixture = TableFixture()
        for i in 0..<600 { fixture.add(contact(given: "g\(i)", family: "smith")) }
        for family in 0..<20 {
            for i in 0..<29 { fixture.add(contact(given: "f\(family)x\(i)", family: "family\(family)")) }
        }
        fixture.add(contact(given: "anna", family: "zylberstein"))
        fixture.add(contact(given: "ania", family: "zylberstein"))
        return fixture
    }

    @Test func adjustmentIsLog2OfSumOfSquaresOverTheValueFrequency() {
        let table = population().table
        let adjustments = TermFrequencies.adjustments(table.column(.familyKey))
        // 600 + 20·29 + 2 = 1,182 records with a family name.
        let n = 1182.0
        let sumOfSquares = pow(600 / n, 2) + 20 * pow(29 / n, 2) + pow(2 / n, 2)
        let smith = log2(sumOfSquares / (600 / n))
        let family = log2(sumOfSquares / (29 / n))
        // A name shared by two records of 1,182 would earn log2(Σp² / (2/n)) ≈ 7.3 bits: capped.
        #expect(log2(sumOfSquares / (2 / n)) > Double(TermFrequencies.bound))
        #expect(abs(Double(adjustments[0]) - smith) < 1e-5)
        #expect(smith < -0.9 && smith > -1.1)
        #expect(abs(Double(adjustments[600]) - family) < 1e-5)
        #expect(adjustments[1180] == TermFrequencies.bound && adjustments[1181] == TermFrequencies.bound)
    }

    @Test func smallDataIsNotAdjusted() {
        var fixture = TableFixture()
        for i in 0..<(TermFrequencies.minimumRecords - 1) {
            fixture.add(contact(given: "g\(i)", family: i < 500 ? "smith" : "n\(i)"))
        }
        let adjustments = TermFrequencies.adjustments(fixture.table.column(.familyKey))
        #expect(adjustments.allSatisfy { $0 == 0 })
    }

    @Test func rareAgreementOutweighsCommonAndTheAuditSumHolds() {
        let model = MatchModelBuilder.model(MatchSettings())
        let family = model.comparisons.firstIndex { $0.field == .canonical(.familyName) }!
        #expect(model.comparisons[family].termFrequency)
        #expect(!model.comparisons.first { $0.field == .canonical(.emails) }!.termFrequency)
        var fixture = population()
        // Two more Smiths sharing given name and email domain-free nothing else.
        fixture.add(contact(given: "joan", family: "smith"))
        fixture.add(contact(given: "joan", family: "smith"))
        let table = fixture.table
        let rare = MatchStage.score([RecordLink(1180, 1181)], table: table, model: model)[0]
        let common = MatchStage.score([RecordLink(1182, 1183)], table: table, model: model)[0]
        #expect(rare.termFrequencyAdjustment(family) == Double(TermFrequencies.bound))
        #expect(common.termFrequencyAdjustment(family) < -0.9)
        #expect(rare.weight(of: family, in: model) > common.weight(of: family, in: model) + 4)
        // The audit's promise: field weights plus the prior weight sum to the pair's weight.
        for pair in [rare, common] {
            let sum = model.comparisons.indices.reduce(model.priorWeight) { $0 + pair.weight(of: $1, in: model) }
            #expect(abs(sum - pair.weight) < 1e-6)
        }
    }

    @Test func aComparisonCanTurnItOff() {
        var settings = MatchSettings()
        settings.comparisons = [
            ComparisonSpec(field: .canonical(.familyName), method: .jaroWinkler, termFrequency: false),
            ComparisonSpec(field: .canonical(.givenName), method: .nickname),
        ]
        let model = MatchModelBuilder.model(settings)
        #expect(!model.comparisons[0].termFrequency && model.comparisons[1].termFrequency)
        let pair = MatchStage.score([RecordLink(1180, 1181)], table: population().table, model: model)[0]
        #expect(pair.termFrequencyAdjustment(0) == 0)
        #expect(
            abs(
                pair.weight
                    - (model.priorWeight + model.comparisons[0].levels[0].weight
                        + model.comparisons[1].weight(pair.levels[1]))) < 1e-9)
    }

    @Test func histogramCountsEveryComparedPairByWeightAndBand() {
        var fixture = population()
        fixture.add(contact(given: "joan", family: "smith", emails: ["joan@x.example"]))
        fixture.add(contact(given: "joan", family: "smith", emails: ["joan@x.example"]))
        let model = MatchModelBuilder.model(MatchSettings())
        let result = MatchStage.run(fixture.table, model: model)
        let histogram = result.weights
        #expect(histogram.total == result.compared)
        #expect(histogram.counts.reduce(0, +) == result.compared)
        #expect(histogram.merge == result.decisions[.merge, default: 0])
        #expect(histogram.span.counts.first ?? 0 > 0 && histogram.span.counts.last ?? 0 > 0)
    }
}
