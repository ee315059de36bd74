import Foundation
import StewardModel

/// What a run did, in numbers: written as `summary.json` and printed by ``RunSummaryFormatter``.
///
/// JSON keys are snake_case whatever the encoder's key strategy (every type here, and the blocking statistics it
/// embeds, spell their keys out). The pipeline fills it;
/// ``StageCounts/init(recordsRead:rejected:normalized:match:clusters:merge:)`` derives the stage counts from the
/// stage outputs.
public struct RunSummary: Sendable, Hashable, Codable {
    /// The pipeline's name (`nightly-crm`), or the command for zero-config runs.
    public var pipeline: String
    /// Steward's version string.
    public var stewardVersion: String
    /// ISO-8601 timestamps (``RunSummary/timestamp(_:)``).
    public var startedAt: String
    public var finishedAt: String
    /// The output folder as the user named it (listed by ``RunSummaryFormatter``); empty when none.
    public var outputDirectory: String
    /// Per source, in pipeline order.
    public var sources: [SourceSummary]
    public var counts: StageCounts
    /// Per stage, in stage order.
    public var timings: [StageTiming]
    /// Non-fatal notes the user must see (skipped blocks, decoding fallbacks, …).
    public var warnings: [String]
    /// The compared pairs' match weights and score bands (absent for a dry run).
    public var matchWeights: WeightHistogram?

    public init(
        pipeline: String, stewardVersion: String, startedAt: String, finishedAt: String, outputDirectory: String = "",
        sources: [SourceSummary], counts: StageCounts, timings: [StageTiming], warnings: [String] = [],
        matchWeights: WeightHistogram? = nil
    ) {
        self.pipeline = pipeline
        self.stewardVersion = stewardVersion
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outputDirectory = outputDirectory
        self.sources = sources
        self.counts = counts
        self.timings = timings
        self.warnings = warnings
        self.matchWeights = matchWeights
    }

    enum CodingKeys: String, CodingKey {
        case pipeline
        case stewardVersion = "steward_version"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case outputDirectory = "output_directory"
        case sources, counts, timings, warnings
        case matchWeights = "match_weights"
    }

    /// `2026-10-02T09:15:00Z` (UTC, whole seconds), the form ``startedAt`` and ``finishedAt`` use.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `summary.json`: pretty-printed, keys sorted (Linux `JSONEncoder` orders keys differently run to run
    /// otherwise), a final newline.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var bytes = Array(try encoder.encode(self))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}

/// One source of a run.
public struct SourceSummary: Sendable, Hashable, Codable {
    public var name: String
    /// The files read, as the pipeline resolved them.
    public var files: [String]
    /// Usable records read.
    public var records: Int
    /// Records rejected.
    public var rejects: Int

    public init(name: String, files: [String], records: Int, rejects: Int) {
        self.name = name
        self.files = files
        self.records = records
        self.rejects = rejects
    }
}

/// Wall-clock time of one stage.
public struct StageTiming: Sendable, Hashable, Codable {
    /// `ingest`, `normalize`, `match`, `cluster`, `merge`, `report`, …
    public var stage: String
    public var seconds: Double

    public init(stage: String, seconds: Double) {
        self.stage = stage
        self.seconds = seconds
    }
}

/// Counts per stage, from records read to golden records.
public struct StageCounts: Sendable, Hashable, Codable {
    /// Records read, rejected ones included.
    public var recordsRead: Int
    public var rejected: Int
    /// Records normalized (the records that went on to matching).
    public var normalized: Int
    /// Per blocking pass: pairs, new pairs, largest and skipped blocks.
    public var blocking: [BlockPassStats]
    /// Distinct candidate pairs over all passes.
    public var candidatePairs: Int
    /// Candidate pairs compared.
    public var compared: Int
    /// Compared pairs per decision (every decision present, 0 when none).
    public var decisions: [PairDecision: Int]
    /// Clusters, singletons included (one per golden record).
    public var clusters: Int
    /// Clusters of two or more records.
    public var multiRecordClusters: Int
    public var goldenRecords: Int
    /// Pairs in `review.csv`.
    public var reviewPairs: Int
    /// Clusters with at least one flag.
    public var flaggedClusters: Int

    public init(
        recordsRead: Int, rejected: Int, normalized: Int, blocking: [BlockPassStats], candidatePairs: Int,
        compared: Int, decisions: [PairDecision: Int], clusters: Int, multiRecordClusters: Int, goldenRecords: Int,
        reviewPairs: Int, flaggedClusters: Int
    ) {
        self.recordsRead = recordsRead
        self.rejected = rejected
        self.normalized = normalized
        self.blocking = blocking
        self.candidatePairs = candidatePairs
        self.compared = compared
        self.decisions = decisions
        self.clusters = clusters
        self.multiRecordClusters = multiRecordClusters
        self.goldenRecords = goldenRecords
        self.reviewPairs = reviewPairs
        self.flaggedClusters = flaggedClusters
    }

    /// The counts the match, cluster and merge outputs imply.
    public init(
        recordsRead: Int, rejected: Int, normalized: Int, match: MatchResult, clusters: ClusterResult,
        merge: MergeResult
    ) {
        self.init(
            recordsRead: recordsRead, rejected: rejected, normalized: normalized, blocking: match.plan.passes,
            candidatePairs: match.plan.candidatePairs, compared: match.compared, decisions: match.decisions,
            clusters: clusters.clusters.count,
            multiRecordClusters: clusters.clusters.reduce(0) { $0 + ($1.members.count > 1 ? 1 : 0) },
            goldenRecords: merge.golden.count, reviewPairs: clusters.review.count,
            flaggedClusters: clusters.clusters.reduce(0) { $0 + ($1.flags.isEmpty ? 0 : 1) })
    }

    /// Compared pairs that ended with `decision`.
    public func count(_ decision: PairDecision) -> Int { decisions[decision] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case recordsRead = "records_read"
        case rejected, normalized, blocking
        case candidatePairs = "candidate_pairs"
        case compared, decisions, clusters
        case multiRecordClusters = "multi_record_clusters"
        case goldenRecords = "golden_records"
        case reviewPairs = "review_pairs"
        case flaggedClusters = "flagged_clusters"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recordsRead = try container.decode(Int.self, forKey: .recordsRead)
        rejected = try container.decode(Int.self, forKey: .rejected)
        normalized = try container.decode(Int.self, forKey: .normalized)
        blocking = try container.decode([BlockPassJSON].self, forKey: .blocking).map(\.stats)
        candidatePairs = try container.decode(Int.self, forKey: .candidatePairs)
        compared = try container.decode(Int.self, forKey: .compared)
        var decisions: [PairDecision: Int] = [:]
        for (name, count) in try container.decode([String: Int].self, forKey: .decisions) {
            guard let decision = PairDecision(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .decisions, in: container, debugDescription: "unknown pair decision '\(name)'")
            }
            decisions[decision] = count
        }
        self.decisions = decisions
        clusters = try container.decode(Int.self, forKey: .clusters)
        multiRecordClusters = try container.decode(Int.self, forKey: .multiRecordClusters)
        goldenRecords = try container.decode(Int.self, forKey: .goldenRecords)
        reviewPairs = try container.decode(Int.self, forKey: .reviewPairs)
        flaggedClusters = try container.decode(Int.self, forKey: .flaggedClusters)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(recordsRead, forKey: .recordsRead)
        try container.encode(rejected, forKey: .rejected)
        try container.encode(normalized, forKey: .normalized)
        try container.encode(blocking.map(BlockPassJSON.init), forKey: .blocking)
        try container.encode(candidatePairs, forKey: .candidatePairs)
        try container.encode(compared, forKey: .compared)
        try container.encode(
            StageCounts.allDecisions.reduce(into: [String: Int]()) { $0[$1.rawValue] = count($1) }, forKey: .decisions)
        try container.encode(clusters, forKey: .clusters)
        try container.encode(multiRecordClusters, forKey: .multiRecordClusters)
        try container.encode(goldenRecords, forKey: .goldenRecords)
        try container.encode(reviewPairs, forKey: .reviewPairs)
        try container.encode(flaggedClusters, forKey: .flaggedClusters)
    }

    /// Every ``PairDecision``, in the order reports list them.
    static let allDecisions: [PairDecision] = [.merge, .mergeByRule, .review, .noMergeByRule, .distinct]
}

/// ``BlockPassStats`` with snake_case keys (its own synthesized keys are camelCase).
private struct BlockPassJSON: Codable {
    var name: String
    var keyedRecords: Int
    var blocks: Int
    var pairs: Int
    var newPairs: Int
    var largest: [BlockPassStats.Block]
    var skipped: [BlockPassStats.Block]

    init(_ stats: BlockPassStats) {
        name = stats.name
        keyedRecords = stats.keyedRecords
        blocks = stats.blocks
        pairs = stats.pairs
        newPairs = stats.newPairs
        largest = stats.largest
        skipped = stats.skipped
    }

    var stats: BlockPassStats {
        BlockPassStats(
            name: name, keyedRecords: keyedRecords, blocks: blocks, pairs: pairs, newPairs: newPairs,
            largest: largest, skipped: skipped)
    }

    enum CodingKeys: String, CodingKey {
        case name
        case keyedRecords = "keyed_records"
        case blocks, pairs
        case newPairs = "new_pairs"
        case largest, skipped
    }
}
