import Dispatch
import StewardModel
import StewardText

/// The match stage: blocking passes produce candidate pairs, each pair is compared field by field, scored with
/// Fellegi-Sunter weights and decided (merge, review, a rule, distinct).
///
/// Score: weight = log2(λ/(1−λ)) + Σ log2(m/u) over the comparisons' levels (missing values add 0), probability =
/// 2^weight / (1 + 2^weight). Decision: the first deterministic rule whose conditions all hold decides; otherwise
/// probability ≥ merge threshold → merge, ≥ review threshold → review, else distinct.
///
/// Kept pairs: everything but distinct pairs, plus distinct pairs with strong contrary evidence (clustering flags
/// those when other pairs chain their records together). Work is split into chunks of blocks compared in
/// parallel; the output is sorted by (a, b), so it is identical at any thread count.
public enum MatchStage {
    /// Progress callback: pairs compared so far, pairs to compare.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// The blocking plan: per pass keyed records, blocks, pairs, new pairs, largest and skipped blocks.
    public static func plan(_ table: RecordTable, model: MatchModel) -> BlockingPlan {
        BlockingIndex(table: table, model: model).plan()
    }

    /// Blocks, compares and scores.
    public static func run(_ table: RecordTable, model: MatchModel, progress: Progress? = nil) -> MatchResult {
        let index = BlockingIndex(table: table, model: model)
        let scorer = PairScorer(model: model, table: table)

        let (units, chunks, total) = workUnits(index)
        let results = ParallelSlots<ChunkResult>(count: chunks.count)
        let done = SharedCounter()
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            var kept: [ScoredPair] = []
            var compared = 0
            var decisions = [Int](repeating: 0, count: PairDecision.allCases.count)
            var perPass = [Int](repeating: 0, count: index.passes.count)
            var scratch = PairScorer.Scratch(count: model.comparisons.count)
            var weights = WeightHistogram()
            for unit in units[chunks[c]] {
                index.forEachPair(pass: unit.pass, block: unit.block) { a, b in
                    compared += 1
                    perPass[unit.pass] += 1
                    let pair = scorer.score(a, b, pass: UInt8(unit.pass), scratch: &scratch)
                    decisions[pair.decision.ordinal] += 1
                    weights.add(
                        weight: pair.weight, probability: pair.probability, mergeThreshold: model.mergeThreshold,
                        reviewThreshold: model.reviewThreshold)
                    if pair.decision != .distinct || pair.contrary { kept.append(pair) }
                }
                if let progress { progress(done.add(index.pairCount(pass: unit.pass, block: unit.block)), total) }
            }
            results.set(
                c,
                ChunkResult(kept: kept, compared: compared, decisions: decisions, perPass: perPass, weights: weights))
        }

        var pairs: [ScoredPair] = []
        var compared = 0
        var decisionCounts = [Int](repeating: 0, count: PairDecision.allCases.count)
        var weights = WeightHistogram()
        for result in results.all() {
            pairs += result.kept
            weights.add(result.weights)
            compared += result.compared
            for i in decisionCounts.indices { decisionCounts[i] += result.decisions[i] }
        }
        pairs.sort { $0.a != $1.a ? $0.a < $1.a : $0.b < $1.b }
        var stats = index.passes.map(\.stats)
        for result in results.all() {
            for p in stats.indices { stats[p].newPairs += result.perPass[p] }
        }
        let plan = BlockingPlan(passes: stats, maxBlockSize: model.maxBlockSize)
        var decisions: [PairDecision: Int] = [:]
        for decision in PairDecision.allCases where decisionCounts[decision.ordinal] > 0 {
            decisions[decision] = decisionCounts[decision.ordinal]
        }
        return MatchResult(pairs: pairs, plan: plan, compared: compared, decisions: decisions, weights: weights)
    }

    /// Work units: (pass, block) in order, chunked by pair count (about 16 chunks, none tiny).
    private static func workUnits(
        _ index: BlockingIndex
    ) -> (
        units: [(pass: Int, block: Int)], chunks: [Range<Int>], total: Int
    ) {
        var units: [(pass: Int, block: Int)] = []
        var total = 0
        for p in index.passes.indices {
            for block in index.passes[p].blocks.indices {
                units.append((p, block))
                total += index.pairCount(pass: p, block: block)
            }
        }
        let chunkTarget = max(total / 16, 4096)
        var chunks: [Range<Int>] = []
        var start = 0
        var accumulated = 0
        for (i, unit) in units.enumerated() {
            accumulated += index.pairCount(pass: unit.pass, block: unit.block)
            if accumulated >= chunkTarget {
                chunks.append(start..<(i + 1))
                start = i + 1
                accumulated = 0
            }
        }
        if start < units.count { chunks.append(start..<units.count) }

        return (units, chunks, total)
    }

    /// Scores given pairs (e.g. members of one cluster that blocking never paired), in the order given.
    public static func score(_ links: [RecordLink], table: RecordTable, model: MatchModel) -> [ScoredPair] {
        let scorer = PairScorer(model: model, table: table)
        var scratch = PairScorer.Scratch(count: model.comparisons.count)
        return links.map { scorer.score($0.a, $0.b, pass: UInt8.max, scratch: &scratch) }
    }

    /// The table columns the model's blocking passes and comparisons read.
    public static func requiredColumns(_ model: MatchModel) -> Set<ColumnKey> {
        MatchModelBuilder.requiredColumns(model)
    }
}

extension PairDecision: CaseIterable {
    public static let allCases: [PairDecision] = [.merge, .mergeByRule, .review, .noMergeByRule, .distinct]

    var ordinal: Int {
        switch self {
        case .merge: return 0
        case .mergeByRule: return 1
        case .review: return 2
        case .noMergeByRule: return 3
        case .distinct: return 4
        }
    }
}

private struct ChunkResult: Sendable {
    var kept: [ScoredPair]
    var compared: Int
    var decisions: [Int]
    var perPass: [Int]
    var weights: WeightHistogram
}
