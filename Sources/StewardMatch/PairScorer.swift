import StewardModel

/// Scores a candidate pair: every comparison's level and similarity, the Fellegi-Sunter weight and probability,
/// the deciding rule, and the contrary-evidence flag.
struct PairScorer: Sendable {
    /// Per-worker buffers, reused for every pair.
    struct Scratch {
        var levels: [UInt8]
        var similarities: [Float]
        var termFrequency: [Float]

        init(count: Int) {
            levels = Array(repeating: ComparisonLevel.null, count: count)
            similarities = Array(repeating: 0, count: count)
            termFrequency = Array(repeating: 0, count: count)
        }
    }

    let model: MatchModel
    let comparators: [PairComparator]
    let weights: [[Double]]
    let priorWeight: Double
    let termFrequencies: TermFrequencies
    /// Comparisons whose disagreement makes up contrary evidence: emails, phones, and the name comparisons.
    let emailComparison: Int?
    let phoneComparison: Int?
    let nameComparisons: [Int]

    init(model: MatchModel, table: RecordTable) {
        self.model = model
        comparators = model.comparisons.map { PairComparator($0, table: table) }
        weights = model.comparisons.map { $0.levels.map(\.weight) }
        priorWeight = model.priorWeight
        termFrequencies = TermFrequencies(model: model, table: table)
        emailComparison = model.comparisons.firstIndex { $0.field == .canonical(.emails) }
        phoneComparison = model.comparisons.firstIndex { $0.field == .canonical(.phones) }
        nameComparisons = model.comparisons.indices.filter {
            [.canonical(.givenName), .canonical(.familyName), .canonical(.fullName)].contains(
                model.comparisons[$0].field)
        }
    }

    func score(_ a: Int32, _ b: Int32, pass: UInt8, scratch: inout Scratch) -> ScoredPair {
        var weight = priorWeight
        // By index: binding each comparator to a local would copy it, retaining every column it holds, per pair.
        for i in comparators.indices {
            let (level, similarity) = comparators[i].compare(Int(a), Int(b))
            scratch.levels[i] = level
            scratch.similarities[i] = similarity
            if level != ComparisonLevel.null { weight += weights[i][Int(level)] }
        }
        for i in termFrequencies.adjusted {
            let adjustment: Float = scratch.levels[i] == 0 ? termFrequencies.adjustment(i, a, b) : 0
            scratch.termFrequency[i] = adjustment
            weight += Double(adjustment)
        }
        let probability = MatchModel.probability(totalWeight: weight)
        var decision: PairDecision
        var rule: Int?
        // A no_merge rule always decides; a merge rule only when the score alone would not merge; a review rule
        // only when it would.
        if let r = decidingRule(scratch, mergeByScore: probability >= model.mergeThreshold) {
            rule = r
            switch model.rules[r].decision {
            case .merge: decision = .mergeByRule
            case .noMerge: decision = .noMergeByRule
            case .review: decision = .review
            }
        } else if probability >= model.mergeThreshold {
            decision = .merge
        } else if probability >= model.reviewThreshold {
            decision = .review
        } else {
            decision = .distinct
        }
        return ScoredPair(
            a: a, b: b, pass: pass, levels: scratch.levels, similarities: scratch.similarities, weight: weight,
            probability: probability, decision: decision, rule: rule, contrary: contrary(scratch),
            termFrequency: termFrequencies.adjusted.isEmpty ? [] : scratch.termFrequency)
    }

    /// The first rule whose conditions all hold (merge rules skipped when the score merges anyway).
    private func decidingRule(_ scratch: Scratch, mergeByScore: Bool) -> Int? {
        rules: for (r, rule) in model.rules.enumerated() {
            if mergeByScore ? rule.decision == .merge : rule.decision == .review { continue }
            for (c, condition) in rule.conditions.enumerated() {
                let i = model.ruleComparisons[r][c]
                guard i >= 0 else { continue rules }
                let level = scratch.levels[i]
                if level == ComparisonLevel.null { continue rules }
                if let minimum = condition.minimum {
                    if Double(scratch.similarities[i]) < minimum - 1e-9 { continue rules }
                } else if Int(level) != model.comparisons[i].levels.count - 1 {
                    continue rules
                }
            }
            return r
        }
        return nil
    }

    /// Different valid emails, different phones, and a name comparison at its disagreement level.
    private func contrary(_ scratch: Scratch) -> Bool {
        guard let e = emailComparison, let p = phoneComparison, isDifferent(e, scratch), isDifferent(p, scratch)
        else { return false }
        return nameComparisons.contains { isDifferent($0, scratch) }
    }

    @inline(__always)
    private func isDifferent(_ i: Int, _ scratch: Scratch) -> Bool {
        Int(scratch.levels[i]) == model.comparisons[i].levels.count - 1
    }
}
