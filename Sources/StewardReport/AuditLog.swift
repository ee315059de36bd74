import StewardModel

/// `audit.jsonl`: why every merged record is where it is, one JSON object (keys sorted) per line.
///
/// A line per cluster of two or more records, and per singleton that carries a flag (a merge refused by a
/// cannot-link), in cluster order:
///
/// - `golden_id`; `merge_threshold`, `review_threshold` (match probabilities the decisions were taken against);
/// - `members`: `[{source, source_id, location}]`;
/// - `joins`, one per union clustering performed, in order: `a`, `b` (`{source, source_id}`), `reason` (`score`,
///   `rule`, `must_link`) and, when the pair was scored: `decision` (``PairDecision``), `rule` (the deciding rule's
///   name, when one decided), `blocking_pass` (the first pass that produced the pair), `probability`, `weight`
///   (total, prior included), `prior_weight`, `contrary` (strong contrary evidence) and `fields`: per comparison
///   of the model `{field, method, a, b, level, similarity, weight, m, u}`: the two records' values as text
///   (emails and phones joined by `; `), the level's label (`missing` when a value is absent, which has weight 0
///   and no `m`/`u`), the similarity measured and the field's weight: the level's log2(m/u) plus, for a
///   term-frequency-adjusted comparison agreeing exactly, `term_frequency`, the bits a rare value adds or a
///   common one takes away (also written on its own). The field weights plus `prior_weight` sum to `weight`;
///   `probability` is 2^weight / (1 + 2^weight);
/// - `flags`: `[{kind, a, b, detail}]`, with `probability` and `weight` when the flag names a kept pair.
///
/// Non-finite numbers (a level with m = 0) are written as the strings `Infinity`, `-Infinity`, `NaN`.
public enum AuditLog {
    /// The JSON Lines bytes, one `\n`-terminated line per audited cluster.
    /// - Precondition: `output` passes ``RunOutput/validate()``.
    /// - Complexity: O(members + joins × comparisons) over the audited clusters.
    public static func render(_ output: RunOutput) -> [UInt8] {
        var goldenOfCluster = [Int?](repeating: nil, count: output.clusters.clusters.count)
        for (index, golden) in output.merge.golden.enumerated() where goldenOfCluster[golden.cluster] == nil {
            goldenOfCluster[golden.cluster] = index
        }
        // Keys are written in sorted (byte) order.
        var json = JSONLineWriter()
        for (index, cluster) in output.clusters.clusters.enumerated()
        where cluster.members.count > 1 || !cluster.flags.isEmpty {
            json.beginObject()
            json.key("flags")
            json.beginArray()
            for flag in cluster.flags { write(flag, output, &json) }
            json.endArray()
            json.key("golden_id")
            json.string(goldenOfCluster[index].map { output.merge.golden[$0].goldenID } ?? "")
            json.key("joins")
            json.beginArray()
            for edge in cluster.edges { write(edge, output, &json) }
            json.endArray()
            json.key("members")
            json.beginArray()
            for member in cluster.members {
                let record = output.records[Int(member)]
                json.beginObject()
                json.key("location")
                json.string(record.location.description)
                json.key("source")
                json.string(record.source)
                json.key("source_id")
                json.string(record.sourceID)
                json.endObject()
            }
            json.endArray()
            json.key("merge_threshold")
            json.number(output.model.mergeThreshold)
            json.key("review_threshold")
            json.number(output.model.reviewThreshold)
            json.endObject()
            json.newline()
        }
        return json.bytes
    }

    private static func write(_ edge: ClusterEdge, _ output: RunOutput, _ json: inout JSONLineWriter) {
        let a = output.records[Int(edge.a)]
        let b = output.records[Int(edge.b)]
        // A must-link join has no pair of its own; when the records were also scored, show that evidence too.
        let pair = (edge.pair ?? output.match.pairIndex(edge.a, edge.b)).map { output.match.pairs[$0] }
        let model = output.model
        json.beginObject()
        json.key("a")
        write(a, &json)
        json.key("b")
        write(b, &json)
        if let pair {
            if model.blocking.indices.contains(Int(pair.pass)) {
                json.key("blocking_pass")
                json.string(model.blocking[Int(pair.pass)].name)
            }
            json.key("contrary")
            json.bool(pair.contrary)
            json.key("decision")
            json.string(pair.decision.rawValue)
            json.key("fields")
            json.beginArray()
            for (position, comparison) in model.comparisons.enumerated() {
                let level = pair.levels[position]
                let reached = level == ComparisonLevel.null ? nil : comparison.levels[Int(level)]
                json.beginObject()
                json.key("a")
                json.string(output.text(edge.a, comparison.field))
                json.key("b")
                json.string(output.text(edge.b, comparison.field))
                json.key("field")
                json.string(comparison.field.description)
                json.key("level")
                json.string(comparison.label(level))
                if let reached {
                    json.key("m")
                    json.number(reached.m)
                }
                json.key("method")
                json.string(comparison.method.rawValue)
                json.key("similarity")
                json.number(pair.similarities[position])
                if comparison.termFrequency && level == 0 {
                    json.key("term_frequency")
                    json.number(pair.termFrequencyAdjustment(position))
                }
                if let reached {
                    json.key("u")
                    json.number(reached.u)
                }
                json.key("weight")
                json.number(pair.weight(of: position, in: model))
                json.endObject()
            }
            json.endArray()
            json.key("prior_weight")
            json.number(model.priorWeight)
            json.key("probability")
            json.number(pair.probability)
        }
        json.key("reason")
        json.string(edge.reason.rawValue)
        if let pair {
            if let rule = pair.rule {
                json.key("rule")
                json.string(model.rules[rule].name)
            }
            json.key("weight")
            json.number(pair.weight)
        }
        json.endObject()
    }

    private static func write(_ flag: ClusterFlag, _ output: RunOutput, _ json: inout JSONLineWriter) {
        // The index may point into pairs scored only for flagging; use it only when it names these two records.
        var pair: ScoredPair?
        if let index = flag.pair, output.match.pairs.indices.contains(index) {
            let candidate = output.match.pairs[index]
            if (candidate.a, candidate.b) == (min(flag.a, flag.b), max(flag.a, flag.b)) { pair = candidate }
        }
        json.beginObject()
        json.key("a")
        write(output.records[Int(flag.a)], &json)
        json.key("b")
        write(output.records[Int(flag.b)], &json)
        json.key("detail")
        json.string(flag.detail)
        json.key("kind")
        json.string(flag.kind.rawValue)
        if let pair {
            json.key("probability")
            json.number(pair.probability)
            json.key("weight")
            json.number(pair.weight)
        }
        json.endObject()
    }

    /// `{"source": …, "source_id": …}`.
    private static func write(_ record: SourceRecord, _ json: inout JSONLineWriter) {
        json.beginObject()
        json.key("source")
        json.string(record.source)
        json.key("source_id")
        json.string(record.sourceID)
        json.endObject()
    }
}
