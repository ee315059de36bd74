import StewardModel

/// The cluster stage: joins records into entities from the merged pairs, honouring must-link and cannot-link
/// constraints, and flags what a steward should look at.
///
/// Union-find (union by size, path compression) over record indices. Unions happen in a fixed order, so the
/// strongest evidence joins first and the result does not depend on the order of the input lists:
/// 1. must-links, by (a, b);
/// 2. pairs whose decision merges: `merge_by_rule` first, then by probability descending, ties by (a, b).
///
/// A union is refused when a cannot-link connects the two components, whether given or a pair decided
/// `no_merge_by_rule`; the refusal becomes a ``ClusterFlag/Kind/cannotLinkRefused`` flag on the cluster of the
/// pair's (or must-link's) record `a`. A must-link that contradicts a cannot-link loses to it the same way. Since
/// unions are transitive, two records with strong contrary evidence can still end up together through others: each
/// such pair gets a ``ClusterFlag/Kind/contraryEvidence`` flag.
///
/// Not handled: splitting a chained cluster (flags only), thresholds (the match stage decided each pair).
public enum ClusterStage {
    /// Clusters `recordCount` records from the match stage's pairs and the steward constraints.
    ///
    /// Pairs, links and constraints naming a record outside `0..<recordCount`, or the same record twice, are
    /// ignored.
    /// - Parameters:
    ///   - recordCount: number of records; every record ends in exactly one cluster (singletons too).
    ///   - pairs: the match stage's kept pairs (``MatchResult/pairs``); edges, flags and `review` index into it.
    ///   - mustLink: pairs a steward joined; they join before any scored pair.
    ///   - cannotLink: pairs a steward separated; they win over must-links and scores.
    /// - Returns: clusters ordered by smallest member, members ascending, each with the unions that built it
    ///   (in the order performed) and its flags (refusals in the order they happened, then contrary pairs by
    ///   (a, b)); `clusterOf`; and the review pairs whose records ended in different clusters, highest probability
    ///   first, ties by (a, b).
    /// - Complexity: O(p log p + n α(n)) for n records and p merging pairs, plus O(k) `find`s per union attempted
    ///   between two components that both carry cannot-links (k: their constraint count).
    public static func run(
        recordCount: Int, pairs: [ScoredPair], mustLink: [RecordLink], cannotLink: [RecordLink]
    ) -> ClusterResult {
        let n = max(recordCount, 0)
        let valid = { (a: Int32, b: Int32) -> Bool in a != b && a >= 0 && b >= 0 && Int(a) < n && Int(b) < n }
        var sets = UnionFind(count: n)
        var cannot = CannotLinks(count: n)
        var edges: [ClusterEdge] = []
        var refusals: [ClusterFlag] = []

        // Constraints: given cannot-links, then rule decisions, each by (a, b) so the one a refusal names does not
        // depend on input order.
        for link in Set(cannotLink).sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where valid(link.a, link.b) {
            cannot.add(.init(a: link.a, b: link.b, pair: nil))
        }
        var ruleSeparated: [Int] = []
        for index in pairs.indices where pairs[index].decision == .noMergeByRule {
            if valid(pairs[index].a, pairs[index].b) { ruleSeparated.append(index) }
        }
        ruleSeparated.sort { (pairs[$0].low, pairs[$0].high, $0) < (pairs[$1].low, pairs[$1].high, $1) }
        for index in ruleSeparated {
            cannot.add(.init(a: pairs[index].low, b: pairs[index].high, pair: index))
        }

        // 1. Must-links.
        for link in Set(mustLink).sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where valid(link.a, link.b) {
            let rootA = sets.find(link.a)
            let rootB = sets.find(link.b)
            guard rootA != rootB else { continue }
            if !cannot.isEmpty, let id = cannot.blocking(rootA, rootB, &sets) {
                let detail =
                    "must-link between records \(link.a) and \(link.b) refused: it contradicts "
                    + describe(cannot.constraints[id], pairs) + "; the cannot-link wins"
                refusals.append(ClusterFlag(kind: .cannotLinkRefused, a: link.a, b: link.b, pair: nil, detail: detail))
                continue
            }
            let (root, child) = sets.link(roots: rootA, rootB)
            cannot.merge(root: root, child: child)
            edges.append(ClusterEdge(a: link.a, b: link.b, reason: .mustLink, pair: nil))
        }

        // 2. Merging pairs, strongest evidence first.
        for key in mergeOrder(pairs, valid: valid) {
            let index = Int(key.index)
            let a = Int32(truncatingIfNeeded: key.ab >> 32)
            let b = Int32(truncatingIfNeeded: key.ab & 0xFFFF_FFFF)
            let rootA = sets.find(a)
            let rootB = sets.find(b)
            guard rootA != rootB else { continue }
            if !cannot.isEmpty, let id = cannot.blocking(rootA, rootB, &sets) {
                let pair = pairs[index]
                let detail =
                    "merge of records \(a) and \(b) (\(pair.decision.rawValue), probability "
                    + "\(formatted(pair.probability))) refused by " + describe(cannot.constraints[id], pairs)
                refusals.append(ClusterFlag(kind: .cannotLinkRefused, a: a, b: b, pair: index, detail: detail))
                continue
            }
            let (root, child) = sets.link(roots: rootA, rootB)
            cannot.merge(root: root, child: child)
            edges.append(
                ClusterEdge(a: a, b: b, reason: pairs[index].decision == .mergeByRule ? .rule : .score, pair: index))
        }

        var result = assemble(&sets, count: n, edges: edges, flags: refusals)

        // Contrary evidence inside a cluster, and the review pairs left across clusters.
        var contrary: [ClusterFlag] = []
        var review: [Int] = []
        // Index access: copying a pair would retain its level and similarity arrays.
        for index in pairs.indices where pairs[index].contrary || pairs[index].decision == .review {
            let a = pairs[index].a
            let b = pairs[index].b
            guard valid(a, b) else { continue }
            let same = result.clusterOf[Int(a)] == result.clusterOf[Int(b)]
            if pairs[index].contrary && same {
                contrary.append(contraryFlag(pairs[index], index: index))
            } else if pairs[index].decision == .review && !same {
                review.append(index)
            }
        }
        contrary.sort { ($0.a, $0.b, $0.pair ?? -1) < ($1.a, $1.b, $1.pair ?? -1) }
        for flag in contrary {
            result.clusters[Int(result.clusterOf[Int(flag.a)])].flags.append(flag)
        }
        review.sort {
            let l = pairs[$0]
            let r = pairs[$1]
            if l.probability != r.probability { return l.probability > r.probability }
            return (l.low, l.high, $0) < (r.low, r.high, $1)
        }
        result.review = review
        return result
    }

    /// Flags pairs with strong contrary evidence whose records share a cluster, among pairs scored after
    /// clustering (the pipeline scores the member pairs blocking never compared, see
    /// ``uncomparedPairs(in:compared:maxClusterSize:)``). Flags carry `pair: nil`; a pair already flagged is skipped.
    public static func addContraryFlags(_ result: inout ClusterResult, extraPairs: [ScoredPair]) {
        let n = result.clusterOf.count
        var found: [ClusterFlag] = []
        for pair in extraPairs where pair.contrary && pair.a != pair.b {
            guard pair.a >= 0, pair.b >= 0, Int(pair.a) < n, Int(pair.b) < n else { continue }
            guard result.clusterOf[Int(pair.a)] == result.clusterOf[Int(pair.b)] else { continue }
            var flag = contraryFlag(pair, index: nil)
            flag.pair = nil
            found.append(flag)
        }
        found.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        for flag in found {
            let cluster = Int(result.clusterOf[Int(flag.a)])
            let known = result.clusters[cluster].flags.contains {
                $0.kind == .contraryEvidence && $0.a == flag.a && $0.b == flag.b
            }
            if !known { result.clusters[cluster].flags.append(flag) }
        }
    }

    /// The member pairs of clusters with 3…`maxClusterSize` members that are not among `compared`, ascending by
    /// (a, b): what the pipeline scores to check a cluster's coherence. Two-member clusters are skipped (their one
    /// pair is the edge that joined them).
    /// - Complexity: O(c log c + P log P) for c compared pairs and P member pairs of the clusters in range.
    public static func uncomparedPairs(
        in result: ClusterResult, compared: [ScoredPair], maxClusterSize: Int = 50
    ) -> [RecordLink] {
        guard maxClusterSize >= 3 else { return [] }
        let n = result.clusterOf.count
        let inRange = { (cluster: Int32) -> Bool in
            (3...maxClusterSize).contains(result.clusters[Int(cluster)].members.count)
        }
        // Both lists as sorted `a << 32 | b` keys; the answer is the difference, walked in one pass.
        var seen: [UInt64] = []
        for index in compared.indices {
            let a = compared[index].low
            let b = compared[index].high
            guard a != b, a >= 0, Int(b) < n else { continue }
            let cluster = result.clusterOf[Int(a)]
            guard cluster == result.clusterOf[Int(b)], inRange(cluster) else { continue }
            seen.append(packed(a, b))
        }
        seen.sort()
        var all: [UInt64] = []
        for (index, cluster) in result.clusters.enumerated() where inRange(Int32(index)) {
            let members = cluster.members
            for i in 0..<members.count {
                for j in (i + 1)..<members.count { all.append(packed(members[i], members[j])) }
            }
        }
        all.sort()
        var out: [RecordLink] = []
        out.reserveCapacity(max(all.count - seen.count, 0))
        var next = 0
        for key in all {
            while next < seen.count && seen[next] < key { next += 1 }
            if next < seen.count && seen[next] == key { continue }
            out.append(RecordLink(Int32(truncatingIfNeeded: key >> 32), Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)))
        }
        return out
    }

    // MARK: Implementation

    /// Sort key of a merging pair: rule merges first, then probability descending, then (a, b), then index.
    struct MergeKey: Comparable {
        /// Top bit clear for rule merges; the rest is the probability's bit pattern inverted (higher sorts first).
        var rank: UInt64
        /// `a << 32 | b` with a < b.
        var ab: UInt64
        var index: Int32

        static func < (l: MergeKey, r: MergeKey) -> Bool {
            if l.rank != r.rank { return l.rank < r.rank }
            if l.ab != r.ab { return l.ab < r.ab }
            return l.index < r.index
        }
    }

    /// The merging pairs in union order.
    static func mergeOrder(_ pairs: [ScoredPair], valid: (Int32, Int32) -> Bool) -> [MergeKey] {
        var keys: [MergeKey] = []
        for index in pairs.indices {
            let decision = pairs[index].decision
            guard decision.merges else { continue }
            let a = pairs[index].low
            let b = pairs[index].high
            guard valid(a, b) else { continue }
            var probability = pairs[index].probability
            if !(probability >= 0) { probability = 0 }  // NaN and negatives sort last
            if probability > 1 { probability = 1 }
            let inverted = 0x7FFF_FFFF_FFFF_FFFF - (probability.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
            let rank = (decision == .mergeByRule ? 0 : 1 << 63) | inverted
            keys.append(MergeKey(rank: rank, ab: packed(a, b), index: Int32(truncatingIfNeeded: index)))
        }
        keys.sort()
        return keys
    }

    /// Builds the clusters from the final sets: ordered by smallest member, members ascending, edges and flags
    /// placed on the cluster of their record `a`.
    static func assemble(
        _ sets: inout UnionFind, count n: Int, edges: [ClusterEdge], flags: [ClusterFlag]
    )
        -> ClusterResult
    {
        var clusterOfRoot = ContiguousArray<Int32>(repeating: -1, count: n)
        var clusterOf = ContiguousArray<Int32>(repeating: 0, count: n)
        var clusters: [Cluster] = []
        for i in 0..<n {
            let root = sets.find(Int32(truncatingIfNeeded: i))
            var cluster = clusterOfRoot[Int(root)]
            if cluster < 0 {
                cluster = Int32(truncatingIfNeeded: clusters.count)
                clusterOfRoot[Int(root)] = cluster
                var members: [Int32] = []
                members.reserveCapacity(sets.count(ofRoot: root))
                clusters.append(Cluster(members: members))
            }
            clusterOf[i] = cluster
            clusters[Int(cluster)].members.append(Int32(truncatingIfNeeded: i))
        }
        for edge in edges {
            clusters[Int(clusterOf[Int(edge.a)])].edges.append(edge)
        }
        for flag in flags {
            clusters[Int(clusterOf[Int(flag.a)])].flags.append(flag)
        }
        return ClusterResult(clusters: clusters, clusterOf: clusterOf, review: [])
    }

    static func contraryFlag(_ pair: ScoredPair, index: Int?) -> ClusterFlag {
        let detail =
            "records \(pair.low) and \(pair.high) have strong contrary evidence (probability "
            + "\(formatted(pair.probability))) but were "
            + (pair.decision.merges ? "joined directly (\(pair.decision.rawValue))" : "chained through other members")
        return ClusterFlag(kind: .contraryEvidence, a: pair.low, b: pair.high, pair: index, detail: detail)
    }

    /// `cannot-link between records X and Y (given cannot-link)` or `(rule R decided no_merge_by_rule, pair K)`.
    static func describe(_ constraint: CannotLinks.Constraint, _ pairs: [ScoredPair]) -> String {
        let origin: String
        if let pair = constraint.pair {
            let rule = pairs[pair].rule.map { "rule \($0)" } ?? "a rule"
            origin = "\(rule) decided no_merge_by_rule, pair \(pair)"
        } else {
            origin = "given cannot-link"
        }
        return "cannot-link between records \(constraint.a) and \(constraint.b) (\(origin))"
    }

    @inline(__always)
    static func packed(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// A probability with three decimals (`0.973`), without Foundation.
    static func formatted(_ probability: Double) -> String {
        guard probability.isFinite else { return "\(probability)" }
        let thousandths = Int((min(max(probability, 0), 1) * 1000).rounded())
        let fraction = thousandths % 1000
        let digits = fraction < 10 ? "00\(fraction)" : fraction < 100 ? "0\(fraction)" : "\(fraction)"
        return "\(thousandths / 1000).\(digits)"
    }
}

extension ScoredPair {
    /// The smaller record index (`a` when the pair is well formed).
    @inline(__always)
    var low: Int32 { min(a, b) }
    /// The larger record index.
    @inline(__always)
    var high: Int32 { max(a, b) }
}
