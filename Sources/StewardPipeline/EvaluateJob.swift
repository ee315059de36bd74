import Foundation
import StewardIngest
import StewardModel

/// How well a crosswalk (`source, source_id, golden_id`) reproduces a ground truth (`source_id, entity_id`, optional
/// `source`): pairwise and cluster-level measures, with samples of what went wrong.
public struct Evaluation: Sendable, Codable {
    public struct Counts: Sendable, Codable {
        /// Records in the truth, records of the truth missing from the crosswalk (counted as singletons), crosswalk
        /// rows naming no truth record (ignored).
        public var records: Int
        public var missingFromCrosswalk: Int
        public var unknownInCrosswalk: Int
        public var entities: Int
        public var clusters: Int

        enum CodingKeys: String, CodingKey {
            case records
            case missingFromCrosswalk = "missing_from_crosswalk"
            case unknownInCrosswalk = "unknown_in_crosswalk"
            case entities, clusters
        }
    }

    /// A pair of records: the two `source:source_id` references.
    public struct Pair: Sendable, Codable, Hashable {
        public var a: String
        public var b: String
        /// What the run's own outputs say about the pair (from `audit.jsonl` and `review.csv` beside the
        /// crosswalk): the join that merged the two entities, or the pair's place in the review queue.
        public var evidence: String?

        public init(a: String, b: String, evidence: String? = nil) {
            self.a = a
            self.b = b
            self.evidence = evidence
        }
    }

    public var counts: Counts
    public var truePairs: Int
    public var predictedPairs: Int
    public var truePositives: Int
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var bCubedPrecision: Double
    public var bCubedRecall: Double
    /// Share of true entities whose records form exactly one predicted cluster.
    public var exactEntities: Double
    /// Pairs merged but different entities (false merges) and pairs of one entity left apart (missed merges).
    public var falseMerges: Int
    public var missedMerges: Int
    public var falseMergeSamples: [Pair]
    public var missedMergeSamples: [Pair]

    enum CodingKeys: String, CodingKey {
        case counts
        case truePairs = "true_pairs"
        case predictedPairs = "predicted_pairs"
        case truePositives = "true_positives"
        case precision, recall, f1
        case bCubedPrecision = "b_cubed_precision"
        case bCubedRecall = "b_cubed_recall"
        case exactEntities = "exact_entities"
        case falseMerges = "false_merges"
        case missedMerges = "missed_merges"
        case falseMergeSamples = "false_merge_samples"
        case missedMergeSamples = "missed_merge_samples"
    }
}

/// `steward evaluate`: compares a crosswalk with the truth.
public enum EvaluateJob {
    /// Reads both files (CSV, headers by name) and evaluates. Throws a usage error naming the file and column when a
    /// required column is missing.
    public static func run(truth: String, crosswalk: String, samples: Int = 10) throws -> Evaluation {
        let truthRows = try table(truth, required: ["source_id", "entity_id"])
        let crosswalkRows = try table(crosswalk, required: ["source", "source_id", "golden_id"])
        let hasSource = truthRows.first?["source"] != nil
        var entity: [String: String] = [:]
        for row in truthRows {
            entity[key(hasSource ? row["source"] : nil, row["source_id"] ?? "")] = row["entity_id"] ?? ""
        }
        var golden: [String: String] = [:]
        var crosswalkKey: [String: String] = [:]  // truth key → `source:source_id` as the run wrote it
        var unknown = 0
        for row in crosswalkRows {
            var source = row["source"] ?? ""
            // A crosswalk source written as a file name (`crm.csv`) matches the truth's `crm`.
            if hasSource, entity[key(source, row["source_id"] ?? "")] == nil, let dot = source.lastIndex(of: ".") {
                source = String(source[..<dot])
            }
            let k = key(hasSource ? source : nil, row["source_id"] ?? "")
            if entity[k] == nil {
                unknown += 1
            } else {
                golden[k] = row["golden_id"] ?? ""
                crosswalkKey[k] = "\(row["source"] ?? ""):\(row["source_id"] ?? "")"
            }
        }
        var result = evaluate(entity: entity, golden: golden, unknown: unknown, samples: samples)
        let folder = URL(fileURLWithPath: crosswalk).deletingLastPathComponent()
        let evidence = RunEvidence(folder: folder)
        func run(_ key: String) -> String { crosswalkKey[key] ?? key }
        var truthKey: [String: String] = [:]  // the run's `source:source_id` → truth key
        for (k, v) in crosswalkKey { truthKey[v] = k }
        result.falseMergeSamples = result.falseMergeSamples.map { pair in
            var pair = pair
            pair.evidence = evidence.merge(golden: golden[pair.a] ?? "") { a, b in
                guard let ea = truthKey[a].flatMap({ entity[$0] }), let eb = truthKey[b].flatMap({ entity[$0] })
                else { return false }
                return ea != eb
            }
            return pair
        }
        result.missedMergeSamples = result.missedMergeSamples.map { pair in
            var pair = pair
            pair.evidence = evidence.review(run(pair.a), run(pair.b))
            return pair
        }
        return result
    }

    /// Evaluates record → entity against record → cluster (records missing from `golden` are singletons).
    public static func evaluate(
        entity: [String: String], golden: [String: String], unknown: Int = 0, samples: Int = 10
    )
        -> Evaluation
    {
        let records = entity.keys.sorted()
        var cluster: [String: String] = [:]
        var missing = 0
        for record in records {
            if let g = golden[record] {
                cluster[record] = "g:" + g
            } else {
                cluster[record] = "s:" + record; missing += 1
            }
        }
        func choose2(_ n: Int) -> Int { n * (n - 1) / 2 }
        var entitySize: [String: Int] = [:]
        var clusterSize: [String: Int] = [:]
        var both: [String: Int] = [:]
        for record in records {
            let e = entity[record] ?? ""
            let c = cluster[record] ?? ""
            entitySize[e, default: 0] += 1
            clusterSize[c, default: 0] += 1
            both[e + "\u{1F}" + c, default: 0] += 1
        }
        let truePairs = entitySize.values.reduce(0) { $0 + choose2($1) }
        let predicted = clusterSize.values.reduce(0) { $0 + choose2($1) }
        let hits = both.values.reduce(0) { $0 + choose2($1) }
        let precision = predicted == 0 ? 1 : Double(hits) / Double(predicted)
        let recall = truePairs == 0 ? 1 : Double(hits) / Double(truePairs)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        // B-cubed: per record, the share of its cluster that is its entity and the share of its entity in its cluster.
        var bp = 0.0
        var br = 0.0
        for record in records {
            let e = entity[record] ?? ""
            let c = cluster[record] ?? ""
            let overlap = Double(both[e + "\u{1F}" + c] ?? 0)
            bp += overlap / Double(clusterSize[c] ?? 1)
            br += overlap / Double(entitySize[e] ?? 1)
        }
        let n = Double(max(records.count, 1))
        // An entity is reconstructed exactly when all its records share one cluster that holds nothing else.
        var clustersOfEntity: [String: Set<String>] = [:]
        for record in records { clustersOfEntity[entity[record] ?? "", default: []].insert(cluster[record] ?? "") }
        let exact = clustersOfEntity.filter { e, clusters in
            clusters.count == 1 && clusterSize[clusters.first ?? ""] == entitySize[e]
        }.count
        // Samples, deterministic: the first pairs in record order.
        var falseSamples: [Evaluation.Pair] = []
        var missedSamples: [Evaluation.Pair] = []
        var byCluster: [String: [String]] = [:]
        var byEntity: [String: [String]] = [:]
        for record in records {
            byCluster[cluster[record] ?? "", default: []].append(record)
            byEntity[entity[record] ?? "", default: []].append(record)
        }
        for members in byCluster.keys.sorted().compactMap({ byCluster[$0] }) where falseSamples.count < samples {
            outer: for i in members.indices {
                for j in members.indices where j > i && entity[members[i]] != entity[members[j]] {
                    falseSamples.append(Evaluation.Pair(a: members[i], b: members[j]))
                    break outer
                }
            }
        }
        for members in byEntity.keys.sorted().compactMap({ byEntity[$0] }) where missedSamples.count < samples {
            outer: for i in members.indices {
                for j in members.indices where j > i && cluster[members[i]] != cluster[members[j]] {
                    missedSamples.append(Evaluation.Pair(a: members[i], b: members[j]))
                    break outer
                }
            }
        }
        return Evaluation(
            counts: Evaluation.Counts(
                records: records.count, missingFromCrosswalk: missing, unknownInCrosswalk: unknown,
                entities: entitySize.count, clusters: clusterSize.count),
            truePairs: truePairs, predictedPairs: predicted, truePositives: hits, precision: precision, recall: recall,
            f1: f1, bCubedPrecision: bp / n, bCubedRecall: br / n,
            exactEntities: Double(exact) / Double(max(entitySize.count, 1)), falseMerges: predicted - hits,
            missedMerges: truePairs - hits, falseMergeSamples: falseSamples, missedMergeSamples: missedSamples)
    }

    static func key(_ source: String?, _ id: String) -> String {
        source.map { "\($0):\(id)" } ?? id
    }

    /// Rows of a CSV file as header → value, the header required to hold `required`.
    static func table(_ path: String, required: [String]) throws -> [[String: String]] {
        let parsed = try CSVIngester().rawRows(path: path, source: "evaluate")
        guard let header = parsed.rows.first?.cells.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        else {
            throw StewardError(.badUsage, "empty file; expected a header row", location: SourceLocation(file: path))
        }
        for column in required where !header.contains(column) {
            throw StewardError(
                .badUsage, "no '\(column)' column (columns: \(header.joined(separator: ", ")))",
                location: SourceLocation(file: path))
        }
        if let reject = parsed.rejects.first {
            throw StewardError(.badUsage, "\(reject.reason)", location: reject.location)
        }
        return parsed.rows.dropFirst().map { row in
            var out: [String: String] = [:]
            for (name, value) in zip(header, row.cells) { out[name] = value }
            return out
        }
    }
}

/// The evidence a run left beside its crosswalk: merge joins from `audit.jsonl`, borderline pairs from `review.csv`.
struct RunEvidence {
    struct Join {
        var a: String
        var b: String
        var text: String
    }

    var joins: [String: [Join]] = [:]  // golden id → joins
    var review: [String: String] = [:]  // "a|b" (sorted) → text
    var hasAudit = false
    var hasReview = false

    init(folder: URL) {
        if let data = FileManager.default.contents(atPath: folder.appendingPathComponent("audit.jsonl").path) {
            hasAudit = true
            for line in data.split(separator: 0x0A) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                    let golden = object["golden_id"] as? String, let list = object["joins"] as? [[String: Any]]
                else { continue }
                joins[golden] = list.compactMap(Self.join)
            }
        }
        if let text = try? String(contentsOf: folder.appendingPathComponent("review.csv"), encoding: .utf8),
            let rows = try? EvaluateJob.table(folder.appendingPathComponent("review.csv").path, required: ["pair"])
        {
            hasReview = !text.isEmpty
            for row in rows {
                let a = "\(row["a_source"] ?? ""):\(row["a_source_id"] ?? "")"
                let b = "\(row["b_source"] ?? ""):\(row["b_source_id"] ?? "")"
                let levels = row.keys.filter { $0.hasSuffix("_level") }.sorted().map {
                    "\($0.dropLast(6)) \(row[$0] ?? "")"
                }
                review[[a, b].sorted().joined(separator: "|")] =
                    "in review.csv, probability \(row["probability"] ?? "?"): " + levels.joined(separator: ", ")
            }
        }
    }

    private static func join(_ object: [String: Any]) -> Join? {
        func ref(_ value: Any?) -> String? {
            guard let ref = value as? [String: Any], let source = ref["source"] as? String,
                let id = ref["source_id"] as? String
            else { return nil }
            return "\(source):\(id)"
        }
        guard let a = ref(object["a"]), let b = ref(object["b"]) else { return nil }
        var text = "merged by \(object["reason"] as? String ?? "?")"
        if let rule = object["rule"] as? String { text += " (rule \(rule))" }
        if let probability = object["probability"] as? Double {
            text += String(format: ", probability %.4f", probability)
        }
        let fields = (object["fields"] as? [[String: Any]] ?? []).map {
            "\($0["field"] as? String ?? "?") \($0["level"] as? String ?? "?")"
        }
        text += " between \(a) and \(b): " + fields.joined(separator: ", ")
        return Join(a: a, b: b, text: text)
    }

    /// The join inside golden record `golden` that connected two different entities.
    func merge(golden: String, crossing: (String, String) -> Bool) -> String? {
        guard hasAudit else { return nil }
        if let join = joins[golden]?.first(where: { crossing($0.a, $0.b) }) { return join.text }
        return "chained through other members of \(golden) (see audit.jsonl)"
    }

    /// Where a missed pair stands: in the review queue, or never close enough to be queued.
    func review(_ a: String, _ b: String) -> String? {
        guard hasReview else { return nil }
        return review[[a, b].sorted().joined(separator: "|")]
            ?? "not in review.csv: scored below the review threshold, or no blocking pass paired them"
    }
}
