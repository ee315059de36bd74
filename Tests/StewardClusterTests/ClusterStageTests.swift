import StewardModel
import Testing

@testable import StewardCluster

/// A scored pair as the match stage hands it on (levels and similarities are not read by clustering).
private func scored(
    _ a: Int32, _ b: Int32, _ probability: Double, _ decision: PairDecision, contrary: Bool = false, rule: Int? = nil
) -> ScoredPair {
    ScoredPair(
        a: a, b: b, pass: 0, levels: [0, 1], similarities: [1, 0.9], weight: 8, probability: probability,
        decision: decision, rule: rule, contrary: contrary)
}

private func members(_ result: ClusterResult) -> [[Int32]] { result.clusters.map(\.members) }

@Suite("Cluster stage")
struct ClusterStageTests {
    @Test("a-b and b-c chain into one cluster; singletons stay; edges in union order")
    func chaining() {
        // Jane Doe in the CRM (0), on a trade-show card (1) and in the support mailbox (2); John Roe (3) alone.
        let pairs = [scored(0, 1, 0.97, .merge), scored(1, 2, 0.99, .merge), scored(2, 3, 0.10, .distinct)]
        let result = ClusterStage.run(recordCount: 4, pairs: pairs, mustLink: [], cannotLink: [])
        #expect(members(result) == [[0, 1, 2], [3]])
        #expect(result.clusterOf == [0, 0, 0, 1])
        // The stronger pair joins first.
        #expect(
            result.clusters[0].edges == [
                ClusterEdge(a: 1, b: 2, reason: .score, pair: 1), ClusterEdge(a: 0, b: 1, reason: .score, pair: 0),
            ])
        #expect(result.clusters[1].edges.isEmpty)
        #expect(result.clusters.allSatisfy { $0.flags.isEmpty })
        #expect(result.review.isEmpty)
    }

    @Test("rule merges join before scores, then probability decides which side a cannot-link keeps")
    func unionOrder() {
        // 0 and 2 are kept apart; 1 goes with whichever joins it first.
        let cannot = [RecordLink(2, 0)]
        let byRule = ClusterStage.run(
            recordCount: 3, pairs: [scored(0, 1, 0.99, .merge), scored(1, 2, 0.50, .mergeByRule, rule: 0)],
            mustLink: [], cannotLink: cannot)
        #expect(members(byRule) == [[0], [1, 2]])
        #expect(byRule.clusters[1].edges == [ClusterEdge(a: 1, b: 2, reason: .rule, pair: 1)])

        let byScore = ClusterStage.run(
            recordCount: 3, pairs: [scored(0, 1, 0.96, .merge), scored(1, 2, 0.99, .merge)], mustLink: [],
            cannotLink: cannot)
        #expect(members(byScore) == [[0], [1, 2]])
    }

    @Test("a cannot-link refuses the union that would join its records and flags the cluster of the pair's a")
    func cannotLinkRefuses() throws {
        let pairs = [scored(0, 1, 0.99, .merge), scored(1, 2, 0.98, .merge)]
        let result = ClusterStage.run(recordCount: 3, pairs: pairs, mustLink: [], cannotLink: [RecordLink(0, 2)])
        #expect(members(result) == [[0, 1], [2]])
        let flag = try #require(result.clusters[0].flags.first)
        #expect(result.clusters[0].flags.count == 1)
        #expect(flag.kind == .cannotLinkRefused)
        #expect((flag.a, flag.b, flag.pair) == (1, 2, 1))
        #expect(
            flag.detail
                == "merge of records 1 and 2 (merge, probability 0.980) refused by cannot-link between records 0 and 2 "
                + "(given cannot-link)")
        #expect(result.clusters[1].flags.isEmpty)
    }

    @Test("a must-link joins records no pair connects; a must-link against a cannot-link loses and is flagged")
    func mustLink() throws {
        let joined = ClusterStage.run(recordCount: 4, pairs: [], mustLink: [RecordLink(3, 0)], cannotLink: [])
        #expect(members(joined) == [[0, 3], [1], [2]])
        #expect(joined.clusters[0].edges == [ClusterEdge(a: 0, b: 3, reason: .mustLink, pair: nil)])

        let refused = ClusterStage.run(
            recordCount: 2, pairs: [], mustLink: [RecordLink(0, 1)], cannotLink: [RecordLink(0, 1)])
        #expect(members(refused) == [[0], [1]])
        let flag = try #require(refused.clusters[0].flags.first)
        #expect(flag.kind == .cannotLinkRefused && flag.pair == nil)
        #expect(flag.detail.hasPrefix("must-link between records 0 and 1 refused"))
        #expect(flag.detail.hasSuffix("the cannot-link wins"))
    }

    @Test("a pair decided no_merge_by_rule keeps its records apart like a cannot-link")
    func noMergeByRule() throws {
        // Same name and company, but different dates of birth: a rule says never merge 0 and 2 directly.
        let pairs = [
            scored(0, 1, 0.99, .merge), scored(1, 2, 0.97, .merge), scored(0, 2, 0.995, .noMergeByRule, rule: 3),
        ]
        let result = ClusterStage.run(recordCount: 3, pairs: pairs, mustLink: [], cannotLink: [])
        #expect(members(result) == [[0, 1], [2]])
        let flag = try #require(result.clusters[0].flags.first)
        #expect((flag.kind, flag.a, flag.b, flag.pair) == (.cannotLinkRefused, 1, 2, 1))
        #expect(flag.detail.hasSuffix("(rule 3 decided no_merge_by_rule, pair 2)"))
    }

    @Test("records with strong contrary evidence chained through others get a flag naming both")
    func contrary() throws {
        let pairs = [
            scored(0, 1, 0.99, .merge), scored(1, 2, 0.98, .merge), scored(0, 2, 0.01, .distinct, contrary: true),
        ]
        let result = ClusterStage.run(recordCount: 4, pairs: pairs, mustLink: [], cannotLink: [])
        #expect(members(result) == [[0, 1, 2], [3]])
        #expect(
            result.clusters[0].flags == [
                ClusterFlag(
                    kind: .contraryEvidence, a: 0, b: 2, pair: 2,
                    detail:
                        "records 0 and 2 have strong contrary evidence (probability 0.010) but were chained through "
                        + "other members")
            ])

        // Contrary evidence across clusters is no concern.
        let apart = ClusterStage.run(
            recordCount: 2, pairs: [scored(0, 1, 0.01, .distinct, contrary: true)], mustLink: [], cannotLink: [])
        #expect(apart.clusters.allSatisfy { $0.flags.isEmpty })
    }

    @Test("review lists only pairs left in different clusters, highest probability first")
    func review() {
        let pairs = [
            scored(0, 1, 0.99, .merge), scored(0, 2, 0.80, .review), scored(1, 2, 0.97, .merge),
            scored(2, 3, 0.75, .review), scored(3, 4, 0.90, .review), scored(4, 5, 0.75, .review),
        ]
        let result = ClusterStage.run(recordCount: 6, pairs: pairs, mustLink: [], cannotLink: [])
        #expect(members(result) == [[0, 1, 2], [3], [4], [5]])
        #expect(result.review == [4, 3, 5])
    }

    @Test("the result does not depend on the order of pairs and constraints", arguments: [1, 7, 42])
    func orderIndependent(seed: UInt64) {
        // Given: 60 records, 150 random pairs of every decision, a few constraints, many probability ties.
        var random = SplitMix(seed: seed)
        var pairs: [ScoredPair] = []
        let decisions: [PairDecision] = [.merge, .merge, .merge, .mergeByRule, .review, .noMergeByRule, .distinct]
        var seen = Set<RecordLink>()
        for _ in 0..<150 {
            let a = Int32(random.next() % 60)
            var b = Int32(random.next() % 60)
            if a == b { b = (b + 1) % 60 }
            guard seen.insert(RecordLink(a, b)).inserted else { continue }  // the match stage keeps one per pair
            let decision = decisions[Int(random.next() % UInt64(decisions.count))]
            let probability = Double(90 + random.next() % 10) / 100
            pairs.append(scored(min(a, b), max(a, b), probability, decision, contrary: random.next() % 9 == 0))
        }
        let cannot = (0..<8).map { _ in RecordLink(Int32(random.next() % 30), Int32(30 + random.next() % 30)) }
        let must = (0..<4).map { _ in RecordLink(Int32(random.next() % 60), Int32(random.next() % 60)) }
            .filter { $0.a != $0.b }

        // When: run in the given order and in a shuffled order.
        let reference = ClusterStage.run(recordCount: 60, pairs: pairs, mustLink: must, cannotLink: cannot)
        var permutation = Array(pairs.indices)
        random.shuffle(&permutation)
        let shuffled = ClusterStage.run(
            recordCount: 60, pairs: permutation.map { pairs[$0] }, mustLink: must.reversed(),
            cannotLink: cannot.reversed())

        // Then: the same clusters, unions, flags and review pairs (pair indices mapped back).
        #expect(reference.clusters.contains { $0.flags.contains { $0.kind == .cannotLinkRefused } })
        #expect(members(shuffled) == members(reference))
        #expect(shuffled.clusterOf == reference.clusterOf)
        let original = { (index: Int?) in index.map { permutation[$0] } }
        for (mine, theirs) in zip(shuffled.clusters, reference.clusters) {
            #expect(
                mine.edges.map { ClusterEdge(a: $0.a, b: $0.b, reason: $0.reason, pair: original($0.pair)) }
                    == theirs.edges)
            #expect(
                mine.flags.map { [$0.kind.rawValue, "\($0.a)", "\($0.b)"] }
                    == theirs.flags.map { [$0.kind.rawValue, "\($0.a)", "\($0.b)"] })
        }
        #expect(shuffled.review.map { pairs[permutation[$0]] } == reference.review.map { pairs[$0] })
    }

    @Test("uncomparedPairs lists the member pairs of 3+ clusters that were never scored")
    func uncompared() {
        // 0-1-2-3 chain (0-2 also compared), 4-5 a pair, 6-7-8 a chain; maxClusterSize 3 keeps only the triple.
        let pairs = [
            scored(0, 1, 0.99, .merge), scored(1, 2, 0.99, .merge), scored(2, 3, 0.99, .merge),
            scored(0, 2, 0.90, .review), scored(4, 5, 0.99, .merge), scored(6, 7, 0.99, .merge),
            scored(7, 8, 0.99, .merge),
        ]
        let result = ClusterStage.run(recordCount: 9, pairs: pairs, mustLink: [], cannotLink: [])
        #expect(members(result) == [[0, 1, 2, 3], [4, 5], [6, 7, 8]])
        let all = ClusterStage.uncomparedPairs(in: result, compared: pairs)
        #expect(all == [RecordLink(0, 3), RecordLink(1, 3), RecordLink(6, 8)])
        #expect(ClusterStage.uncomparedPairs(in: result, compared: pairs, maxClusterSize: 3) == [RecordLink(6, 8)])
    }

    @Test("addContraryFlags flags extra pairs inside a cluster once, without a pair index")
    func extraContrary() {
        let pairs = [scored(0, 1, 0.99, .merge), scored(1, 2, 0.99, .merge), scored(2, 3, 0.99, .merge)]
        var result = ClusterStage.run(recordCount: 5, pairs: pairs, mustLink: [], cannotLink: [])
        let extra = [
            scored(1, 3, 0.02, .distinct, contrary: true), scored(0, 3, 0.01, .distinct, contrary: true),
            scored(0, 2, 0.30, .distinct), scored(0, 3, 0.01, .distinct, contrary: true),
            scored(3, 4, 0.01, .distinct, contrary: true),
        ]
        ClusterStage.addContraryFlags(&result, extraPairs: extra)
        #expect(result.clusters[0].flags.map { [$0.a, $0.b] } == [[0, 3], [1, 3]])
        #expect(result.clusters[0].flags.allSatisfy { $0.kind == .contraryEvidence && $0.pair == nil })
        #expect(result.clusters[1].flags.isEmpty)
    }

    @Test("invalid indices and self pairs are ignored")
    func invalidInput() {
        let pairs = [scored(0, 9, 0.99, .merge), scored(1, 1, 0.99, .merge), scored(0, 1, 0.99, .merge)]
        let result = ClusterStage.run(
            recordCount: 3, pairs: pairs, mustLink: [RecordLink(-1, 2)], cannotLink: [RecordLink(2, 7)])
        #expect(members(result) == [[0, 1], [2]])
        #expect(ClusterStage.run(recordCount: 0, pairs: [], mustLink: [], cannotLink: []).clusters.isEmpty)
    }

    @Test("probabilities print with three decimals")
    func formatting() {
        #expect(ClusterStage.formatted(0.01) == "0.010")
        #expect(ClusterStage.formatted(0.9996) == "1.000")
        #expect(ClusterStage.formatted(0.12345) == "0.123")
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator so the shuffles are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func shuffle(_ values: inout [Int]) { values.shuffle(using: &self) }
}
