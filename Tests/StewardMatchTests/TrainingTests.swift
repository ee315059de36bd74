import Foundation
import StewardModel
import Testing

@testable import StewardMatch

/// Level vectors drawn from a known two-class model: EM must give back the m it was drawn from.
struct KnownModel {
    var m: [[Double]]
    var u: [[Double]]
    var lambda: Double

    func draw(_ count: Int, seed: UInt64) -> LevelPatterns {
        var rng = SplitMix64(seed: seed)
        var counted: [LevelPatterns.Key: Double] = [:]
        for _ in 0..<count {
            let match = rng.nextUnit() < lambda
            let vector = (match ? m : u).map { probabilities -> UInt8 in
                var x = rng.nextUnit()
                for (l, p) in probabilities.enumerated() {
                    if x < p { return UInt8(l) }
                    x -= p
                }
                return UInt8(probabilities.count - 1)
            }
            counted[LevelPatterns.key(vector), default: 0] += 1
        }
        return LevelPatterns(width: m.count, counted: counted)
    }
}

@Suite struct ExpectationMaximisationTests {
    static let truth = KnownModel(
        m: [[0.85, 0.10, 0.05], [0.90, 0.10], [0.70, 0.20, 0.10], [0.80, 0.20]],
        u: [[0.01, 0.04, 0.95], [0.05, 0.95], [0.02, 0.08, 0.90], [0.10, 0.90]], lambda: 0.3)
    /// Flat starting m: EM has to find the classes itself.
    static let flat: [[Double]] = truth.m.map { row in row.map { _ in 1 / Double(row.count) } }

    @Test("EM recovers m and λ from level vectors drawn from a known model (u fixed at the truth)")
    func recoversKnownM() {
        let patterns = Self.truth.draw(200_000, seed: 42)
        let estimate = ExpectationMaximisation(maxIterations: 500, tolerance: 1e-8).run(
            patterns, m: Self.flat, u: Self.truth.u, active: [true, true, true, true], lambda: 0.1)
        #expect(estimate.converged)
        #expect(!estimate.labelSwitched)
        #expect(abs(estimate.lambda - 0.3) < 0.01, "λ \(estimate.lambda)")
        for c in Self.truth.m.indices {
            for l in Self.truth.m[c].indices {
                #expect(abs(estimate.m[c][l] - Self.truth.m[c][l]) < 0.02, "m[\(c)][\(l)] = \(estimate.m[c][l])")
            }
        }
        #expect(abs(estimate.expectedMatches - 0.3 * 200_000) < 2_000)
    }

    @Test("with a pass-local u, EM also recovers m when u starts far from the truth")
    func recoversWithPassLocalU() {
        let patterns = Self.truth.draw(200_000, seed: 7)
        let wrongU = Self.truth.u.map { row in row.map { _ in 1 / Double(row.count) } }
        let estimate = ExpectationMaximisation(maxIterations: 1000, tolerance: 1e-8, freeU: true).run(
            patterns, m: Self.truth.m.map { r in r.map { $0 * 0.5 + 0.5 / Double(r.count) } }, u: wrongU,
            active: [true, true, true, true], lambda: 0.5)
        #expect(abs(estimate.lambda - 0.3) < 0.02, "λ \(estimate.lambda)")
        for c in Self.truth.m.indices {
            for l in Self.truth.m[c].indices {
                #expect(abs(estimate.m[c][l] - Self.truth.m[c][l]) < 0.03, "m[\(c)][\(l)] = \(estimate.m[c][l])")
            }
        }
    }

    @Test("an inactive comparison keeps its starting m and does not vote")
    func inactiveComparisonKept() {
        let patterns = Self.truth.draw(50_000, seed: 3)
        let start = Self.flat
        let estimate = ExpectationMaximisation().run(
            patterns, m: start, u: Self.truth.u, active: [true, false, true, true], lambda: 0.1)
        #expect(estimate.m[1] == start[1])
        #expect(estimate.matchCounts[1].allSatisfy { $0 == 0 })
        #expect(abs(estimate.m[0][0] - 0.85) < 0.03)
    }

    @Test("label switching is detected when the class called match agrees less")
    func labelSwitchDetected() {
        // The "match" class (by its counts) agrees 10 % of the time, the rest 90 %.
        let matchCounts: [[Double]] = [[10, 90], [5, 95]]
        let levelCounts: [[Double]] = [[100, 100], [95, 105]]
        #expect(
            ExpectationMaximisation.labelSwitched(
                matchCounts: matchCounts, levelCounts: levelCounts, active: [true, true]))
        let right: [[Double]] = [[90, 10], [90, 10]]
        #expect(
            !ExpectationMaximisation.labelSwitched(matchCounts: right, levelCounts: levelCounts, active: [true, true]))
    }

    @Test("the same patterns and start give bit-identical estimates")
    func deterministic() {
        let a = Self.truth.draw(20_000, seed: 9)
        let b = Self.truth.draw(20_000, seed: 9)
        #expect(a == b)
        let em = ExpectationMaximisation()
        let x = em.run(a, m: Self.flat, u: Self.truth.u, active: [true, true, true, true], lambda: 0.2)
        let y = em.run(b, m: Self.flat, u: Self.truth.u, active: [true, true, true, true], lambda: 0.2)
        #expect(x == y)
        #expect(Self.truth.draw(20_000, seed: 10) != a)
    }

    @Test("λ over all pairs: the fixed point of expected matches among candidates / population")
    func priorFixedPoint() {
        // 100 candidate pairs that are certainly matches (huge weight), 900 certain non-matches; 1e6 pairs in all.
        let patterns = LevelPatterns(width: 1, vectors: [[0], [1]], counts: [100, 900])
        let m: [[Double]] = [[0.999_999, 0.000_001]]
        let u: [[Double]] = [[0.000_001, 0.999_999]]
        let prior = ExpectationMaximisation().prior(
            patterns, m: m, u: u, population: 1_000_000, start: 0.01, range: 1e-6...0.5)
        #expect(prior.converged)
        // Each certain match has posterior ≈ 0.99 at λ = 1e-4 (log odds ln 1e-4 + ln 1e6), so about 99 matches.
        #expect(abs(prior.lambda - 0.99e-4) < 1e-6, "λ \(prior.lambda)")
        #expect(abs(prior.expectedMatches - 99) < 0.5)
    }
}

@Suite struct ModelTrainerTests {
    static let comparisons = [ComparisonSpec(field: .canonical(.familyName), method: .exact)]

    /// Records: family names; blocking on the given-name initial, comparing family names exactly.
    static func table(_ rows: [(given: String, family: String)]) -> RecordTable {
        var fixture = TableFixture()
        for row in rows { fixture.add(contact(given: row.given, family: row.family)) }
        return fixture.table
    }

    @Test("u is the share of all record pairs at each level (every pair compared when there are few)")
    func uArithmetic() {
        // 5 records, 10 pairs: smith×3 (3 agreeing pairs), jones×2 (1 agreeing pair) → 4 exact, 6 different.
        let table = Self.table([("a", "smith"), ("b", "smith"), ("c", "smith"), ("d", "jones"), ("e", "jones")])
        let model = MatchModelBuilder.model(
            MatchSettings(
                blocking: [BlockingPassSpec(name: "given", keys: [.init(field: .canonical(.givenName))])],
                comparisons: Self.comparisons))
        let comparators = model.comparisons.map { PairComparator($0, table: table) }
        let random = ModelTrainer.randomPairCounts(
            comparators, levelsPer: [2], records: 5, options: TrainingOptions(randomPairs: 100))
        #expect(random.pairs == 10)
        #expect(random.counts == [[4, 6]])
        // Without matches taken out, u = counts / N.
        let (u, sources) = ModelTrainer.estimateU(random.counts, lambda: 0, m: [[0.9, 0.1]], initial: [[0.01, 0.99]])
        #expect(u == [[0.4, 0.6]])
        #expect(sources == [[.trained, .trained]])
        // With λ = 0.1 and m(exact) = 1, one of the 10 pairs is a match: 3 non-matches of 9 agree.
        let (corrected, _) = ModelTrainer.estimateU(
            random.counts, lambda: 0.1, m: [[1 - 1e-12, 1e-12]], initial: [[0.01, 0.99]])
        #expect(abs(corrected[0][0] - 3.0 / 9.0) < 1e-9)
        #expect(abs(corrected[0][1] - 6.0 / 9.0) < 1e-9)
    }

    @Test("a level no random pair reached gets min(pipeline u, 3/N); sampling is seeded and repeatable")
    func uBoundAndSampling() {
        let (u, sources) = ModelTrainer.estimateU([[0, 1000]], lambda: 0, m: [[0.9, 0.1]], initial: [[0.01, 0.99]])
        #expect(sources[0][0] == .bound)
        #expect(abs(u[0][0] - 0.003) < 1e-12)
        let (kept, keptSources) = ModelTrainer.estimateU(
            [[0, 1000]], lambda: 0, m: [[0.9, 0.1]], initial: [[0.001, 0.999]])
        #expect(keptSources[0][0] == .kept)
        #expect(kept[0][0] == 0.001)

        var rows: [(given: String, family: String)] = []
        for i in 0..<400 { rows.append(("g\(i % 7)", ["smith", "jones", "brown", "lee"][i % 4])) }
        let table = Self.table(rows)
        let model = MatchModelBuilder.model(MatchSettings(comparisons: Self.comparisons))
        let comparators = model.comparisons.map { PairComparator($0, table: table) }
        let options = TrainingOptions(seed: 5, randomPairs: 20_000)
        let first = ModelTrainer.randomPairCounts(comparators, levelsPer: [2], records: 400, options: options)
        let again = ModelTrainer.randomPairCounts(comparators, levelsPer: [2], records: 400, options: options)
        #expect(first.counts == again.counts)
        #expect(first.pairs == 20_000)
        // Four equally common names: about a quarter of random pairs agree.
        let share = Double(first.counts[0][0]) / 20_000
        #expect(abs(share - 0.2481) < 0.015, "\(share)")
    }

    @Test("guards: agreement below u is clamped up, disagreement above u clamped down, m still sums to 1")
    func clampGuards() {
        var m: [[Double]] = [[0.01, 0.49, 0.5]]
        var sources: [[TrainedModel.Source]] = [[.trained, .trained, .trained]]
        let u: [[Double]] = [[0.05, 0.05, 0.9]]
        ModelTrainer.clamp(&m, &sources, u: u)
        #expect(sources == [[.clamped, .trained, .trained]])
        #expect(log2(m[0][0] / u[0][0]) >= ModelTrainer.minimumEvidence - 1e-9)
        #expect(abs(m[0].reduce(0, +) - 1) < 1e-9)

        var m2: [[Double]] = [[0.5, 0.5]]
        var sources2: [[TrainedModel.Source]] = [[.trained, .trained]]
        ModelTrainer.clamp(&m2, &sources2, u: [[0.6, 0.4]])
        #expect(sources2[0][0] == .clamped)
        #expect(m2[0][1] <= 0.4)
    }

    @Test("a level without blocked pairs keeps the pipeline's m; the others share the rest")
    func levelWithoutDataKept() {
        let (m, sources) = ModelTrainer.combineM(
            pooledMatches: [[80, 0, 20]], pooledPairs: [[90, 0, 400]], estimators: [1], initial: [[0.7, 0.1, 0.2]])
        #expect(sources == [[.trained, .kept, .trained]])
        #expect(m[0][1] == 0.1)
        #expect(abs(m[0][0] - 0.72) < 1e-12)
        #expect(abs(m[0][2] - 0.18) < 1e-12)
        // No pass could estimate the comparison: everything kept.
        let (keptM, keptSources) = ModelTrainer.combineM(
            pooledMatches: [[0, 0]], pooledPairs: [[0, 0]], estimators: [0], initial: [[0.9, 0.1]])
        #expect(keptM == [[0.9, 0.1]])
        #expect(keptSources == [[.kept, .kept]])
    }
}

@Suite struct TrainedModelTests {
    static func model() -> MatchModel {
        MatchModelBuilder.model(
            MatchSettings(comparisons: [
                ComparisonSpec(field: .canonical(.familyName), method: .jaroWinkler, levels: [0.94, 0.88]),
                ComparisonSpec(field: .extra("date_of_birth"), method: .date),
            ]))
    }

    static func trained(from model: MatchModel) -> TrainedModel {
        TrainedModel(
            pipeline: "test", seed: 3, records: 10, randomPairs: 45, blockedPairs: 12, iterations: 4, converged: true,
            prior: 0.02, expectedMatches: 0.9,
            comparisons: model.comparisons.map { comparison in
                TrainedModel.Comparison(
                    name: comparison.name, method: comparison.method, field: comparison.field.description,
                    thresholds: comparison.thresholds,
                    levels: comparison.levels.map {
                        TrainedModel.Level(
                            label: $0.label, m: $0.m * 0.9 + 0.01, u: $0.u, mSource: .trained, uSource: .trained)
                    })
            }, passes: [], warnings: [])
    }

    @Test("model.json round-trips, with sorted snake_case keys")
    func roundTrip() throws {
        let trained = Self.trained(from: Self.model())
        let data = try trained.json()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"random_pairs\" : 45"))
        #expect(text.contains("\"m_source\" : \"trained\""))
        #expect(try trained.json() == data)
        #expect(try TrainedModel.decode(data, file: "m.json") == trained)
    }

    @Test("applying replaces m, u and the prior and keeps everything else")
    func applies() throws {
        let model = Self.model()
        let trained = Self.trained(from: model)
        let applied = try trained.applied(to: model, file: "m.json")
        #expect(applied.prior == 0.02)
        #expect(applied.comparisons[0].levels[0].m == trained.comparisons[0].levels[0].m)
        #expect(applied.blocking == model.blocking)
        #expect(applied.rules == model.rules)
        #expect(applied.comparisons.map(\.thresholds) == model.comparisons.map(\.thresholds))
    }

    @Test(
        "a model that does not fit the pipeline is an error naming the file and the comparison",
        arguments: ["missing", "extra", "thresholds", "json"])
    func misfit(_ kind: String) throws {
        var model = Self.model()
        var trained = Self.trained(from: model)
        var data = try trained.json()
        let expected: String
        switch kind {
        case "missing":
            trained.comparisons.removeLast()
            data = try trained.json()
            expected = "date(date_of_birth)"
        case "extra":
            model.comparisons.removeLast()
            expected = "date(date_of_birth)"
        case "thresholds":
            trained.comparisons[0].thresholds = [0.9]
            data = try trained.json()
            expected = "jaro_winkler(family_name)"
        default:
            data = Data("{\"format\": 1, \"pipeline\": ".utf8)
            expected = "not a Steward model file"
        }
        do {
            _ = try TrainedModel.decode(data, file: "x/model.json").applied(to: model, file: "x/model.json")
            Issue.record("no error for \(kind)")
        } catch let error as StewardError {
            #expect(error.code.exitStatus == .usage)
            #expect(error.description.hasPrefix("x/model.json: "), "\(error)")
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
