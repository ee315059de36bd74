import Dispatch
import Foundation
import StewardModel

/// Settings of one training run.
public struct TrainingOptions: Sendable, Hashable {
    /// Seeds the random pairs and the sampling of large blocking passes: the same seed, data and pipeline give
    /// the same model, at any thread count.
    public var seed: UInt64
    /// Random record pairs compared to estimate u (all pairs when the table has fewer).
    public var randomPairs: Int
    /// Pairs of one blocking pass compared for EM at most; larger passes are sampled evenly.
    public var maxPairsPerPass: Int
    public var maxIterations: Int
    public var tolerance: Double
    /// Within a blocking pass, let EM's non-match class have its own level distribution (used for that pass
    /// only; the model's u stay the random-pair ones). Blocked non-matches (colleagues, households, namesakes)
    /// agree far more often than random pairs; held at the random-pair u, EM counts them as matches and m
    /// learns that matches often disagree. On by default; off is Splink's `fix_u_probabilities`.
    public var passLocalU: Bool

    public static let defaultSeed: UInt64 = 1
    public static let defaultRandomPairs = 1_000_000
    public static let defaultMaxPairsPerPass = 2_000_000

    public init(
        seed: UInt64 = TrainingOptions.defaultSeed, randomPairs: Int = TrainingOptions.defaultRandomPairs,
        maxPairsPerPass: Int = TrainingOptions.defaultMaxPairsPerPass, maxIterations: Int = 100,
        tolerance: Double = 1e-4, passLocalU: Bool = true
    ) {
        self.passLocalU = passLocalU
        self.seed = seed
        self.randomPairs = randomPairs
        self.maxPairsPerPass = maxPairsPerPass
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }
}

/// What training produced: the model file's contents, and the match model before and after.
public struct TrainingResult: Sendable {
    public var trained: TrainedModel
    /// The pipeline's model (configured or built-in weights, its prior).
    public var initial: MatchModel
    /// The pipeline's model with the trained weights and prior.
    public var model: MatchModel
}

/// Learns Fellegi-Sunter m and u probabilities and the prior λ from the records themselves (`steward train`).
///
/// 1. **u** from random record pairs (a ≠ b, drawn with a seeded ``SplitMix64``; every pair when there are no more
///    than `randomPairs`): the share of pairs at each level. Random pairs hold a few matches (λ of them); their
///    part (λ · m) is taken out once m and λ are known, and the three steps repeat until u settles (at most
///    ``maxRounds`` rounds). A level no non-matching random pair reached gets u = min(pipeline's u, 3/N), the
///    "rule of three" 95 % upper bound, so a rare level never gets an infinite weight.
/// 2. **m** by ``ExpectationMaximisation`` per blocking pass over that pass's pairs (sampled down to
///    `maxPairsPerPass`), as Splink does: within a pass the key fields agree by construction, so the comparisons
///    of those fields are left out of that pass and estimated by the others. Within a pass the non-match class
///    gets its own level distribution (``TrainingOptions/passLocalU``). The passes' expected match counts
///    are pooled per level. A comparison keyed in every pass keeps the pipeline's m (a warning says so); a level
///    no pair reached keeps the pipeline's m; a pass whose "match" class agrees less than its other class (label
///    switching) or that finds no match is left out, with a warning.
/// 3. **λ** over all n(n−1)/2 record pairs: EM for λ alone over the candidate pairs (blocking's pairs, each once),
///    taking the pairs blocking never produces as non-matches; clamped to [1/(n(n−1)/2), 0.5].
///
/// Guards: the first (agreement) level of a comparison must count for a match and the last (disagreement) level
/// against it, by at least ``minimumEvidence`` bits; an estimate on the wrong side is clamped and named in a
/// warning. Non-convergence of a pass is reported in the warnings and in the model.
///
/// Comparisons run in parallel in fixed chunks whose results are integer counts, summed in a fixed order, so the
/// model is identical at any thread count.
/// - Complexity: O((randomPairs + blocked pairs) · comparisons) comparisons, plus O(rounds · iterations ·
///   patterns) for EM, which is small because pairs collapse into a few hundred level patterns.
public enum ModelTrainer {
    /// Rounds of u correction → EM → λ.
    static let maxRounds = 8
    /// The least weight (bits) the agreement level must have, and the disagreement level must lack.
    public static let minimumEvidence = 0.1
    /// Smallest trained m.
    static let mFloor = 1e-6
    /// Chunks the random pairs are drawn in (fixed, so the draw does not depend on the thread count).
    static let randomChunks = 64

    /// Trains `model`'s comparisons on `table`.
    /// - Parameters:
    ///   - model: the pipeline's resolved model: its blocking passes give the pairs for EM, its m and u are the
    ///     starting values and the fallback for levels without data, its prior the starting λ.
    ///   - pipeline: the pipeline's name, recorded in the model file.
    public static func train(
        _ table: RecordTable, model: MatchModel, pipeline: String, options: TrainingOptions = TrainingOptions()
    ) -> TrainingResult {
        precondition(model.comparisons.count <= LevelPatterns.maxComparisons, "too many comparisons to train")
        var warnings: [String] = []
        let comparators = model.comparisons.map { PairComparator($0, table: table) }
        let levelsPer = model.comparisons.map(\.levels.count)
        let initialM = model.comparisons.map { $0.levels.map(\.m) }
        let initialU = model.comparisons.map { $0.levels.map(\.u) }
        let n = table.count
        let population = Double(n) * Double(max(n - 1, 0)) / 2

        // Random pairs → level counts per comparison.
        let random = randomPairCounts(comparators, levelsPer: levelsPer, records: n, options: options)

        // Blocked pairs → level patterns per pass, and the candidate pairs (each once).
        let index = BlockingIndex(table: table, model: model)
        let blocked = blockedPatterns(index, comparators: comparators, options: options)

        // Which comparisons each pass may estimate: those whose field is not one of its keys.
        let passActive: [[Bool]] = model.blocking.map { pass in
            let keyed = Set(pass.keys.map(\.field))
            return model.comparisons.map { !keyed.contains($0.field) }
        }

        let em = ExpectationMaximisation(
            maxIterations: options.maxIterations, tolerance: options.tolerance, freeU: options.passLocalU)
        var u = initialU
        var uSources = model.comparisons.map { $0.levels.map { _ in TrainedModel.Source.kept } }
        var m = initialM
        var mSources = uSources
        var lambda = model.prior
        var passReports: [TrainedModel.Pass] = []
        var lambdaConverged = true
        var round = 0
        while round < maxRounds {
            round += 1
            let (newU, newUSources) = estimateU(
                random.counts, lambda: round == 1 ? 0 : lambda, m: m, initial: initialU)
            let change = zip(u.joined(), newU.joined()).map { abs(log($0) - log($1)) }.max() ?? 0
            u = newU
            uSources = newUSources
            if round > 1 && change < 1e-3 { break }

            // EM per pass, from the pipeline's m (so every round starts from the same place).
            var pooledMatches = levelsPer.map { [Double](repeating: 0, count: $0) }
            var pooledPairs = pooledMatches
            var estimators = [Int](repeating: 0, count: levelsPer.count)
            passReports = []
            for (p, patterns) in blocked.passes.enumerated() {
                let counts = patterns.levelCounts(levelsPerComparison: levelsPer)
                let active = passActive[p].indices.map { passActive[p][$0] && counts[$0].reduce(0, +) > 0 }
                let names = model.comparisons.indices.filter { active[$0] }.map { model.comparisons[$0].name }
                let passPairs = Double(max(index.passes[p].stats.pairs, 1))
                let start = min(max(model.prior * population / passPairs, 0.01), 0.5)
                var report = TrainedModel.Pass(
                    name: model.blocking[p].name, pairs: Int(patterns.total), sampled: blocked.fractions[p],
                    estimated: names, iterations: 0, converged: true, lambda: 0, expectedMatches: 0, used: false)
                guard !names.isEmpty, patterns.total > 0 else {
                    report.note =
                        patterns.total == 0 ? "no pairs" : "every comparison is a key of this pass or has no values"
                    passReports.append(report)
                    continue
                }
                let estimate = em.run(patterns, m: initialM, u: u, active: active, lambda: start)
                report.iterations = estimate.iterations
                report.converged = estimate.converged
                report.lambda = estimate.lambda
                report.expectedMatches = estimate.expectedMatches / blocked.fractions[p]
                if estimate.labelSwitched {
                    report.note = "left out: the class EM called \"match\" agrees less than the other (label switching)"
                } else if estimate.expectedMatches < 0.5 {
                    report.note = "left out: no match found among its pairs"
                } else {
                    report.used = true
                    for c in active.indices where active[c] {
                        estimators[c] += 1
                        for l in 0..<levelsPer[c] {
                            pooledMatches[c][l] += estimate.matchCounts[c][l]
                            pooledPairs[c][l] += estimate.levelCounts[c][l]
                        }
                    }
                }
                passReports.append(report)
            }
            (m, mSources) = combineM(
                pooledMatches: pooledMatches, pooledPairs: pooledPairs, estimators: estimators, initial: initialM)
            keepUnseenLevels(m: mSources, u: &u, uSources: &uSources, initial: initialU)
            clamp(&m, &mSources, u: u)

            // λ over all record pairs, from the candidate pairs.
            let lambdaRange = (population > 0 ? min(1 / population, 0.5) : 0.5)...0.5
            let prior = em.prior(
                blocked.candidates, m: m, u: u, population: max(population, 1), start: lambda, range: lambdaRange)
            lambda = prior.lambda
            lambdaConverged = prior.converged
        }

        // Warnings, in the order a steward reads the table.
        if random.pairs == 0 {
            warnings.append("fewer than two records: no random pairs; u kept from the pipeline")
        }
        for (c, comparison) in model.comparisons.enumerated() {
            if random.counts[c].reduce(0, +) == 0 && random.pairs > 0 {
                warnings.append("\(comparison.name): no random pair has values on both sides; u kept from the pipeline")
            }
            if mSources[c].allSatisfy({ $0 == .kept }) {
                let keyed = passActive.allSatisfy { !$0[c] }
                warnings.append(
                    "\(comparison.name): "
                        + (keyed
                            ? "its field is a key of every blocking pass, so no pass can estimate m; m kept from the "
                                + "pipeline (add a blocking pass without \(comparison.field))"
                            : "no blocking pass gave pairs to estimate m; m kept from the pipeline"))
                continue
            }
            for (l, level) in comparison.levels.enumerated() {
                // A kept level (no pairs reached it) is shown in the table, not warned about: data sets often lack
                // a level (no initials, no transposed dates), and that is no problem with the training.
                switch mSources[c][l] {
                case .clamped:
                    let side = l == 0 ? "agreement counted against a match" : "disagreement counted for a match"
                    warnings.append(
                        "\(comparison.name) '\(level.label)': the data gave m below u (\(side)); m clamped to "
                            + String(format: "weight %+.1f", l == 0 ? minimumEvidence : -minimumEvidence))
                case .kept, .trained, .bound:
                    break
                }
            }
        }
        for pass in passReports {
            if let note = pass.note { warnings.append("blocking pass '\(pass.name)': \(note)") }
            if pass.used && !pass.converged {
                warnings.append(
                    "blocking pass '\(pass.name)': EM did not converge in \(pass.iterations) iterations; raise the "
                        + "limit or check the comparisons")
            }
        }
        if !lambdaConverged { warnings.append("the prior λ did not converge") }
        if lambda >= 0.5 {
            warnings.append("the prior λ reached its upper limit 0.5; the blocking pairs look all alike")
        }

        let comparisons = model.comparisons.enumerated().map { c, comparison in
            TrainedModel.Comparison(
                name: comparison.name, method: comparison.method, field: comparison.field.description,
                thresholds: comparison.thresholds,
                levels: comparison.levels.enumerated().map { l, level in
                    TrainedModel.Level(
                        label: level.label, m: m[c][l], u: u[c][l], mSource: mSources[c][l], uSource: uSources[c][l])
                })
        }
        let used = passReports.filter(\.used)
        let trained = TrainedModel(
            pipeline: pipeline, seed: options.seed, records: n, randomPairs: random.pairs,
            blockedPairs: passReports.reduce(0) { $0 + $1.pairs }, iterations: used.map(\.iterations).max() ?? 0,
            converged: used.allSatisfy(\.converged) && lambdaConverged, prior: lambda,
            expectedMatches: lambda * population, comparisons: comparisons, passes: passReports, warnings: warnings)
        var applied = model
        for c in applied.comparisons.indices {
            for l in applied.comparisons[c].levels.indices {
                applied.comparisons[c].levels[l].m = m[c][l]
                applied.comparisons[c].levels[l].u = u[c][l]
            }
        }
        applied.prior = lambda
        return TrainingResult(trained: trained, initial: model, model: applied)
    }

    // MARK: - u

    /// u per comparison and level from random-pair counts, with the expected matches (λ · m of the pairs with
    /// values) taken out; levels with (nearly) no non-matching pair, or whose non-matching count is within three
    /// standard deviations of the expected matches (unresolved), get min(initial u, 3/N).
    static func estimateU(
        _ counts: [[Int]], lambda: Double, m: [[Double]], initial: [[Double]]
    ) -> ([[Double]], [[TrainedModel.Source]]) {
        var u = initial
        var sources = initial.map { $0.map { _ in TrainedModel.Source.kept } }
        for c in counts.indices {
            let total = Double(counts[c].reduce(0, +))
            guard total > 0 else { continue }
            let bound = 3 / total
            var fixed = 0.0
            var trained: [Int] = []
            for l in counts[c].indices {
                // What is left after taking out the expected matches must stand out of their noise (three
                // standard deviations of a Poisson count): a personal email shared by random pairs is almost
                // always the same person, and the difference of two near-equal counts is no estimate of u.
                let expectedMatches = lambda * total * m[c][l]
                let nonMatches = Double(counts[c][l]) - expectedMatches
                if nonMatches >= max(1, 3 * expectedMatches.squareRoot()) {
                    u[c][l] = nonMatches / ((1 - lambda) * total)
                    sources[c][l] = .trained
                    trained.append(l)
                } else if initial[c][l] <= bound {
                    u[c][l] = initial[c][l]
                    fixed += u[c][l]
                } else {
                    u[c][l] = bound
                    sources[c][l] = .bound
                    fixed += bound
                }
            }
            normalize(&u[c], levels: trained, to: 1 - fixed)
        }
        return (u, sources)
    }

    /// A level neither blocked nor random pairs reached has no data at all: it keeps the pipeline's u with its m,
    /// so its weight stays the pipeline's instead of a kept m over a bound u.
    static func keepUnseenLevels(
        m mSources: [[TrainedModel.Source]], u: inout [[Double]], uSources: inout [[TrainedModel.Source]],
        initial: [[Double]]
    ) {
        for c in u.indices {
            var changed = false
            for l in u[c].indices where mSources[c][l] == .kept && uSources[c][l] == .bound {
                u[c][l] = initial[c][l]
                uSources[c][l] = .kept
                changed = true
            }
            guard changed else { continue }
            let trained = u[c].indices.filter { uSources[c][$0] == .trained }
            let fixed = u[c].indices.filter { uSources[c][$0] != .trained }.reduce(0) { $0 + u[c][$1] }
            normalize(&u[c], levels: trained, to: 1 - fixed)
        }
    }

    // MARK: - m

    /// m per comparison from the pooled expected matches of the passes that estimated it; a trained m is at least
    /// half an expected match's share (0.5 / matches): a few hundred matches cannot prove a level impossible.
    static func combineM(
        pooledMatches: [[Double]], pooledPairs: [[Double]], estimators: [Int], initial: [[Double]]
    ) -> ([[Double]], [[TrainedModel.Source]]) {
        var m = initial
        var sources = initial.map { $0.map { _ in TrainedModel.Source.kept } }
        for c in initial.indices where estimators[c] > 0 {
            let matches = pooledMatches[c].reduce(0, +)
            guard matches > 0 else { continue }
            var fixed = 0.0
            var trained: [Int] = []
            for l in initial[c].indices {
                if pooledPairs[c][l] > 0 {
                    // Half an expected match: a share below that is not measurable from these pairs.
                    m[c][l] = max(pooledMatches[c][l] / matches, 0.5 / matches, mFloor)
                    sources[c][l] = .trained
                    trained.append(l)
                } else {
                    fixed += m[c][l]
                }
            }
            normalize(&m[c], levels: trained, to: 1 - fixed)
        }
        return (m, sources)
    }

    /// The first level must count for a match, the last against it (by ``minimumEvidence`` bits): m moved to
    /// that edge, the other trained levels rescaled so m still sums to 1.
    static func clamp(_ m: inout [[Double]], _ sources: inout [[TrainedModel.Source]], u: [[Double]]) {
        for c in m.indices where m[c].count >= 2 {
            var changed = false
            let last = m[c].count - 1
            if sources[c][0] == .trained, m[c][0] < u[c][0] * exp2(minimumEvidence) {
                m[c][0] = min(u[c][0] * exp2(minimumEvidence), 0.999)
                sources[c][0] = .clamped
                changed = true
            }
            if sources[c][last] == .trained, m[c][last] > u[c][last] * exp2(-minimumEvidence) {
                m[c][last] = max(u[c][last] * exp2(-minimumEvidence), mFloor)
                sources[c][last] = .clamped
                changed = true
            }
            guard changed else { continue }
            let trained = m[c].indices.filter { sources[c][$0] == .trained }
            let fixed = m[c].indices.filter { sources[c][$0] != .trained }.reduce(0) { $0 + m[c][$1] }
            normalize(&m[c], levels: trained, to: 1 - fixed)
        }
    }

    /// Scales `values[levels]` to sum to `target` (when both are positive).
    static func normalize(_ values: inout [Double], levels: [Int], to target: Double) {
        let sum = levels.reduce(0) { $0 + values[$1] }
        guard sum > 0, target > 0 else { return }
        for l in levels { values[l] = max(values[l] * target / sum, mFloor) }
    }

    // MARK: - Pairs

    /// Level counts of random record pairs: every pair when there are at most `randomPairs`, else `randomPairs`
    /// pairs drawn uniformly (with replacement) in fixed chunks, each with its own seeded stream.
    static func randomPairCounts(
        _ comparators: [PairComparator], levelsPer: [Int], records n: Int, options: TrainingOptions
    ) -> (counts: [[Int]], pairs: Int) {
        let empty = levelsPer.map { [Int](repeating: 0, count: $0) }
        guard n >= 2, options.randomPairs > 0 else { return (empty, 0) }
        let all = n * (n - 1) / 2
        let exhaustive = all <= options.randomPairs
        // Exhaustive: chunks of first records with about equal pair counts.
        var rows: [Range<Int>] = []
        if exhaustive {
            let target = max(all / randomChunks, 1)
            var start = 0
            var pairs = 0
            for a in 0..<n {
                pairs += n - 1 - a
                if pairs >= target || a == n - 1 {
                    rows.append(start..<(a + 1))
                    start = a + 1
                    pairs = 0
                }
            }
        }
        let chunks = exhaustive ? rows.count : randomChunks
        let rowChunks = rows
        let results = ParallelSlots<[[Int]]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var counts = empty
            func add(_ a: Int, _ b: Int) {
                for c in comparators.indices {
                    let level = comparators[c].compare(a, b).level
                    if level != ComparisonLevel.null { counts[c][Int(level)] += 1 }
                }
            }
            if exhaustive {
                for a in rowChunks[chunk] {
                    for b in (a + 1)..<n { add(a, b) }
                }
            } else {
                var rng = SplitMix64(seed: options.seed, stream: UInt64(chunk))
                let share =
                    options.randomPairs / randomChunks + (chunk < options.randomPairs % randomChunks ? 1 : 0)
                for _ in 0..<share {
                    let a = Int(rng.next(below: UInt64(n)))
                    var b = Int(rng.next(below: UInt64(n - 1)))
                    if b >= a { b += 1 }
                    add(a, b)
                }
            }
            results.set(chunk, counts)
        }
        var counts = empty
        for chunk in results.all() {
            for c in counts.indices { for l in counts[c].indices { counts[c][l] += chunk[c][l] } }
        }
        return (counts, exhaustive ? all : options.randomPairs)
    }

    /// Per pass, the level patterns of its pairs (a pass over `maxPairsPerPass` pairs is sampled by a seeded hash
    /// of the pair); and the candidate pairs, each counted once (in the first pass that pairs its records),
    /// weighted back up by the sampling rate.
    static func blockedPatterns(
        _ index: BlockingIndex, comparators: [PairComparator], options: TrainingOptions
    ) -> (passes: [LevelPatterns], candidates: LevelPatterns, fractions: [Double]) {
        let width = comparators.count
        let fractions = index.passes.map { pass in
            pass.stats.pairs > options.maxPairsPerPass
                ? Double(options.maxPairsPerPass) / Double(pass.stats.pairs) : 1
        }
        let thresholds = fractions.map { $0 >= 1 ? UInt64.max : UInt64(Double(UInt64.max) * $0) }
        // Work units (pass, block), chunked by pair count; results are integer tallies, merged in chunk order.
        var units: [(pass: Int, block: Int)] = []
        var weights: [Int] = []
        for p in index.passes.indices {
            for block in index.passes[p].blocks.indices {
                units.append((p, block))
                weights.append(Int(Double(index.pairCount(pass: p, block: block)) * fractions[p]) + 1)
            }
        }
        let total = weights.reduce(0, +)
        let target = max(total / 64, 4096)
        var chunks: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (i, weight) in weights.enumerated() {
            accumulated += weight
            if accumulated >= target {
                chunks.append(start..<(i + 1))
                start = i + 1
                accumulated = 0
            }
        }
        if start < units.count { chunks.append(start..<units.count) }

        let passCount = index.passes.count
        let workUnits = units
        let workChunks = chunks
        let results = ParallelSlots<[[LevelPatterns.Key: Tally]]>(count: chunks.count)
        let seed = options.seed
        DispatchQueue.concurrentPerform(iterations: chunks.count) { chunk in
            var tallies = [[LevelPatterns.Key: Tally]](repeating: [:], count: passCount)
            for unit in workUnits[workChunks[chunk]] {
                let p = unit.pass
                let threshold = thresholds[p]
                index.forEachPassPair(
                    pass: p, block: unit.block,
                    keep: { a, b in threshold == UInt64.max || pairHash(seed, p, a, b) < threshold }
                ) { a, b, first in
                    var key = LevelPatterns.Key(repeating: ComparisonLevel.null)
                    for c in 0..<width { key[c] = comparators[c].compare(Int(a), Int(b)).level }
                    tallies[p][key, default: Tally()].add(first: first)
                }
            }
            results.set(chunk, tallies)
        }
        var merged = [[LevelPatterns.Key: Tally]](repeating: [:], count: passCount)
        for chunk in results.all() {
            for p in 0..<passCount {
                merged[p].merge(chunk[p]) { $0.adding($1) }
            }
        }
        var candidates: [LevelPatterns.Key: Double] = [:]
        var passes: [LevelPatterns] = []
        for p in 0..<passCount {
            passes.append(LevelPatterns(width: width, counted: merged[p].mapValues { Double($0.all) }))
            // Sorted, so the floating-point sum runs in one order.
            for (key, tally) in merged[p].sorted(by: { keyLess($0.key, $1.key) }) where tally.first > 0 {
                candidates[key, default: 0] += Double(tally.first) / fractions[p]
            }
        }
        return (passes, LevelPatterns(width: width, counted: candidates), fractions)
    }

    static func keyLess(_ lhs: LevelPatterns.Key, _ rhs: LevelPatterns.Key) -> Bool {
        for i in 0..<LevelPatterns.Key.scalarCount where lhs[i] != rhs[i] { return lhs[i] < rhs[i] }
        return false
    }

    /// A seeded hash of a pair in a pass, for sampling (SplitMix64's finalizer over the packed pair).
    @inline(__always)
    static func pairHash(_ seed: UInt64, _ pass: Int, _ a: Int32, _ b: Int32) -> UInt64 {
        var mixer = SplitMix64(
            seed: seed ^ (UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))) ^ UInt64(pass)
                &* 0xA24B_AED4_963E_E407)
        return mixer.next()
    }

    struct Tally: Sendable {
        var all = 0
        var first = 0

        mutating func add(first isFirst: Bool) {
            all += 1
            if isFirst { first += 1 }
        }

        func adding(_ other: Tally) -> Tally { Tally(all: all + other.all, first: first + other.first) }
    }
}
