import Foundation
import StewardModel

/// Expectation-maximisation for the Fellegi-Sunter model (Winkler 1988, "Using the EM algorithm for weight
/// computation in the Fellegi-Sunter model of record linkage"; the per-blocking-pass scheme of Splink's
/// `estimate_parameters_using_expectation_maximisation`), over counted level patterns.
///
/// Two latent classes, matches (M) and non-matches (U), and conditional independence of the comparisons given the
/// class. The u probabilities stay fixed (estimated from random pairs, where non-matches dominate); each iteration
/// computes every pattern's match probability (E step) and re-estimates λ (the share of matches among the pairs)
/// and the m probabilities of the active comparisons (M step). Inactive comparisons (keys of the blocking pass the
/// pairs came from) neither vote nor get estimated. A missing value (null level) adds nothing and is not counted.
///
/// Not handled: dependence between comparisons (the model is naive Bayes; correlated fields inflate weights).
/// - Complexity: O(iterations · patterns · comparisons).
public struct ExpectationMaximisation: Sendable {
    public var maxIterations = 100
    /// Converged when no m and not λ moves more than this in one iteration.
    public var tolerance = 1e-6
    /// λ stays within this range during iteration.
    public var lambdaRange: ClosedRange<Double> = 1e-6...0.999

    /// Whether the non-match class's level distribution is estimated within the pairs too (starting from the
    /// given u) instead of held at u. The estimate is used inside the run only: blocked non-matches (colleagues,
    /// households) agree far more than random pairs, and a class free to model them keeps them out of m.
    public var freeU = false

    public init(maxIterations: Int = 100, tolerance: Double = 1e-6, freeU: Bool = false) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.freeU = freeU
    }

    /// What one EM run found.
    public struct Estimate: Sendable, Hashable {
        /// m per comparison and level (the starting values for inactive comparisons).
        public var m: [[Double]]
        /// Share of matches among the pairs.
        public var lambda: Double
        public var iterations: Int
        public var converged: Bool
        /// Expected matching pairs per comparison and level (Σ count · P(match)), nulls excluded.
        public var matchCounts: [[Double]]
        /// Pairs per comparison and level, nulls excluded.
        public var levelCounts: [[Double]]
        /// Expected matches over all pairs.
        public var expectedMatches: Double
        /// The class EM calls "match" agrees less often than the other one: the classes swapped roles.
        public var labelSwitched: Bool
    }

    /// Runs EM from `m` and `lambda`.
    /// - Parameters:
    ///   - patterns: the pairs, as counted level patterns.
    ///   - m: starting m per comparison and level.
    ///   - u: fixed u per comparison and level.
    ///   - active: which comparisons take part (the others are ignored and keep their m).
    ///   - lambda: starting share of matches.
    public func run(
        _ patterns: LevelPatterns, m start: [[Double]], u: [[Double]], active: [Bool], lambda start0: Double
    ) -> Estimate {
        let width = patterns.width
        var logU = u.map { $0.map { log(max($0, 1e-300)) } }
        var m = start
        var lambda = min(max(start0, lambdaRange.lowerBound), lambdaRange.upperBound)
        let levelCounts = patterns.levelCounts(levelsPerComparison: u.map(\.count))
        var matchCounts = u.map { [Double](repeating: 0, count: $0.count) }
        var posterior = [Double](repeating: 0, count: patterns.count)
        var iterations = 0
        var converged = false
        var expected = 0.0
        while iterations < maxIterations {
            iterations += 1
            // E step: P(match | pattern) from the log odds.
            let logM = m.map { $0.map { log(max($0, 1e-300)) } }
            let priorLogOdds = log(lambda) - log(1 - lambda)
            for p in 0..<patterns.count {
                var logOdds = priorLogOdds
                for c in 0..<width where active[c] {
                    let level = patterns.level(p, c)
                    if level == ComparisonLevel.null { continue }
                    logOdds += logM[c][Int(level)] - logU[c][Int(level)]
                }
                posterior[p] = 1 / (1 + exp(-logOdds))
            }
            // M step.
            for c in matchCounts.indices { for l in matchCounts[c].indices { matchCounts[c][l] = 0 } }
            expected = 0
            for p in 0..<patterns.count {
                let matches = patterns.counts[p] * posterior[p]
                expected += matches
                for c in 0..<width where active[c] {
                    let level = patterns.level(p, c)
                    if level != ComparisonLevel.null { matchCounts[c][Int(level)] += matches }
                }
            }
            var change = 0.0
            let total = patterns.total
            let newLambda =
                total > 0 ? min(max(expected / total, lambdaRange.lowerBound), lambdaRange.upperBound) : lambda
            change = max(change, abs(newLambda - lambda))
            lambda = newLambda
            for c in 0..<width where active[c] {
                let sum = matchCounts[c].reduce(0, +)
                guard sum > 0 else { continue }
                for l in m[c].indices {
                    let value = matchCounts[c][l] / sum
                    change = max(change, abs(value - m[c][l]))
                    m[c][l] = value
                }
            }
            if freeU {
                for c in 0..<width where active[c] {
                    let others = levelCounts[c].reduce(0, +) - matchCounts[c].reduce(0, +)
                    guard others > 1e-9 else { continue }
                    for l in m[c].indices {
                        logU[c][l] = log(max((levelCounts[c][l] - matchCounts[c][l]) / others, 1e-6))
                    }
                }
            }
            if change < tolerance {
                converged = true
                break
            }
        }
        return Estimate(
            m: m, lambda: lambda, iterations: iterations, converged: converged, matchCounts: matchCounts,
            levelCounts: levelCounts, expectedMatches: expected,
            labelSwitched: Self.labelSwitched(matchCounts: matchCounts, levelCounts: levelCounts, active: active))
    }

    /// Whether the match class agrees (level 0) less often, summed over the active comparisons, than the other
    /// class of the same pairs: then EM has called the wrong class "match".
    static func labelSwitched(matchCounts: [[Double]], levelCounts: [[Double]], active: [Bool]) -> Bool {
        var margin = 0.0
        var voters = 0
        for c in matchCounts.indices where active[c] {
            let matches = matchCounts[c].reduce(0, +)
            let others = levelCounts[c].reduce(0, +) - matches
            guard matches > 1e-9, others > 1e-9, !matchCounts[c].isEmpty else { continue }
            let agreeMatch = matchCounts[c][0] / matches
            let agreeOther = (levelCounts[c][0] - matchCounts[c][0]) / others
            margin += agreeMatch - agreeOther
            voters += 1
        }
        return voters > 0 && margin < 0
    }

    /// EM for λ alone, m and u fixed, over pairs that hold (nearly) every match among `population` pairs: the
    /// fixed point of λ = Σ count · P(match | pattern, λ) / population. Gives the prior over all record pairs
    /// from the candidate pairs blocking produced (pairs blocking never produces are taken as non-matches).
    /// - Returns: λ, the expected matches, the iterations and whether it converged.
    public func prior(
        _ patterns: LevelPatterns, m: [[Double]], u: [[Double]], population: Double, start: Double,
        range: ClosedRange<Double>
    ) -> (lambda: Double, expectedMatches: Double, iterations: Int, converged: Bool) {
        var weights = [Double](repeating: 0, count: patterns.count)
        for p in 0..<patterns.count {
            var w = 0.0
            for c in 0..<patterns.width {
                let level = patterns.level(p, c)
                if level == ComparisonLevel.null { continue }
                w += log(max(m[c][Int(level)], 1e-300)) - log(max(u[c][Int(level)], 1e-300))
            }
            weights[p] = w
        }
        var lambda = min(max(start, range.lowerBound), range.upperBound)
        var expected = 0.0
        for iteration in 1...max(maxIterations * 10, 1) {
            let priorLogOdds = log(lambda) - log(1 - lambda)
            expected = 0
            for p in 0..<patterns.count {
                expected += patterns.counts[p] / (1 + exp(-(priorLogOdds + weights[p])))
            }
            let next = min(max(expected / population, range.lowerBound), range.upperBound)
            let change = abs(log(next) - log(lambda))
            lambda = next
            if change < tolerance { return (lambda, expected, iteration, true) }
        }
        return (lambda, expected, maxIterations * 10, false)
    }
}
