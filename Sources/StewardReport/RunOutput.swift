import StewardModel

/// Everything a run hands to the reports: the records and what every stage made of them.
///
/// Record indices in the match, cluster and merge values index ``records``; ``validate()`` checks that they do
/// before anything is written.
public struct RunOutput: Sendable {
    /// The usable input records, in record order (index = record index).
    public var records: [SourceRecord]
    /// Their normalized form, aligned with ``records``.
    public var normalized: [NormalizedRecord]
    public var model: MatchModel
    public var match: MatchResult
    public var clusters: ClusterResult
    public var merge: MergeResult
    public var rejects: [Reject]
    public var summary: RunSummary

    public init(
        records: [SourceRecord], normalized: [NormalizedRecord], model: MatchModel, match: MatchResult,
        clusters: ClusterResult, merge: MergeResult, rejects: [Reject], summary: RunSummary
    ) {
        self.records = records
        self.normalized = normalized
        self.model = model
        self.match = match
        self.clusters = clusters
        self.merge = merge
        self.rejects = rejects
        self.summary = summary
    }

    /// Checks that every index the stage outputs hold points where it should (records, pairs, clusters, golden
    /// records, comparisons), so that the report renderers cannot trap on a stage bug.
    ///
    /// - Throws: ``StewardError`` (`internal_failure`) naming the first inconsistency.
    /// - Complexity: O(records + pairs + edges + golden values).
    public func validate() throws {
        let recordCount = records.count
        let pairCount = match.pairs.count
        let comparisonCount = model.comparisons.count
        func fail(_ what: String) -> StewardError {
            StewardError(.internalFailure, "inconsistent run output: \(what)")
        }
        func isRecord(_ index: Int32) -> Bool { index >= 0 && Int(index) < recordCount }

        for (index, pair) in match.pairs.enumerated() {
            guard isRecord(pair.a), isRecord(pair.b) else { throw fail("pair \(index) names a record out of range") }
            guard pair.levels.count == comparisonCount, pair.similarities.count == comparisonCount else {
                throw fail("pair \(index) has \(pair.levels.count) levels for \(comparisonCount) comparisons")
            }
            for (comparison, level) in pair.levels.enumerated()
            where level != ComparisonLevel.null && Int(level) >= model.comparisons[comparison].levels.count {
                throw fail("pair \(index) reaches level \(level) of comparison \(comparison)")
            }
            if let rule = pair.rule, !model.rules.indices.contains(rule) {
                throw fail("pair \(index) names rule \(rule) of \(model.rules.count)")
            }
        }
        guard clusters.clusterOf.count == recordCount else {
            throw fail("\(clusters.clusterOf.count) cluster assignments for \(recordCount) records")
        }
        for (index, cluster) in clusters.clusters.enumerated() {
            guard !cluster.members.isEmpty, cluster.members.allSatisfy(isRecord) else {
                throw fail("cluster \(index) has no members or a member out of range")
            }
            for edge in cluster.edges {
                guard isRecord(edge.a), isRecord(edge.b) else { throw fail("cluster \(index) joins a missing record") }
                if let pair = edge.pair, !(0..<pairCount).contains(pair) {
                    throw fail("cluster \(index) names pair \(pair) of \(pairCount)")
                }
            }
            for flag in cluster.flags where !isRecord(flag.a) || !isRecord(flag.b) {
                throw fail("cluster \(index) flags a missing record")
            }
        }
        for pair in clusters.review where !(0..<pairCount).contains(pair) {
            throw fail("review names pair \(pair) of \(pairCount)")
        }
        guard merge.goldenOf.count == recordCount else {
            throw fail("\(merge.goldenOf.count) golden assignments for \(recordCount) records")
        }
        for golden in merge.goldenOf where golden < 0 || Int(golden) >= merge.golden.count {
            throw fail("a record is assigned golden record \(golden) of \(merge.golden.count)")
        }
        for golden in merge.golden {
            guard golden.members.allSatisfy(isRecord) else {
                throw fail("golden record \(golden.goldenID) has a member out of range")
            }
            guard clusters.clusters.indices.contains(golden.cluster) else {
                throw fail("golden record \(golden.goldenID) names cluster \(golden.cluster)")
            }
            for field in golden.fields where !field.values.allSatisfy({ isRecord($0.record) }) {
                throw fail("golden record \(golden.goldenID) has a \(field.field) value from a missing record")
            }
        }
    }
}
