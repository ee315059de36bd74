import StewardModel

@testable import StewardReport

/// A small run built by hand: five records from two sources; John Smith (crm:c1) and Jon Smith (cards:v1) merged
/// on email and given name; Jane Doe (crm:c2) / Janet Doe (cards:v2) left for review; Bob Brown (crm:c3) kept apart
/// from crm:c1 by a rule, which flags the Smith cluster. Weights are powers of two so every number is exact:
/// email exact +6, same company domain +2, different -2; given name exact +3, ≥ 0.88 +2, different -3; prior -2.
enum RunOutputFixture {
    static let hostile = "=HYPERLINK(\"http://evil.example\",\"x\")"

    static func records() -> [SourceRecord] {
        var john = RecordFields()
        john.set(.givenName, "John")
        john.set(.familyName, "Smith")
        john.set(.organization, "Acme")
        john.addEmail("john@acme.example", kind: "work")
        john.addPhone("+1 415 555 0100")
        var jon = RecordFields()
        jon.set(.givenName, "Jon")
        jon.set(.familyName, "Smith")
        jon.set(.organization, hostile)
        jon.addEmail("john@acme.example")
        jon.addEmail("jsmith@home.example", kind: "home")
        var jane = RecordFields()
        jane.set(.givenName, "Jane")
        jane.set(.familyName, "Doe")
        jane.addEmail("jane@acme.example")
        jane.addExtra("lead_source", "Web")
        var janet = RecordFields()
        janet.set(.givenName, "Janet")
        janet.set(.familyName, "Doe")
        janet.addEmail("janet@acme.example")
        var bob = RecordFields()
        bob.set(.givenName, "Bob")
        bob.set(.familyName, "Brown")
        bob.addPhone("+1 415 555 0199")
        return [
            SourceRecord(
                source: "crm", sourceID: "c1", location: SourceLocation(file: "crm.csv", line: 2), fields: john),
            SourceRecord(
                source: "cards", sourceID: "v1", location: SourceLocation(file: "cards.vcf", ordinal: 1), fields: jon),
            SourceRecord(
                source: "crm", sourceID: "c2", location: SourceLocation(file: "crm.csv", line: 3), fields: jane),
            SourceRecord(
                source: "cards", sourceID: "v2", location: SourceLocation(file: "cards.vcf", ordinal: 2), fields: janet),
            SourceRecord(
                source: "crm", sourceID: "c3", location: SourceLocation(file: "crm.csv", line: 4), fields: bob),
        ]
    }

    static func model() -> MatchModel {
        let email = Comparison(
            field: .canonical(.emails), method: .emailKey, thresholds: [],
            levels: [
                ComparisonLevel(label: "exact", m: 0.5, u: 0.0078125),
                ComparisonLevel(label: "exact role address", m: 0.125, u: 0.0625),
                ComparisonLevel(label: "same company domain", m: 0.25, u: 0.0625),
                ComparisonLevel(label: "different", m: 0.125, u: 0.5),
            ])
        let given = Comparison(
            field: .canonical(.givenName), method: .jaroWinkler, thresholds: [0.88],
            levels: [
                ComparisonLevel(label: "exact", m: 0.5, u: 0.0625),
                ComparisonLevel(label: "jaro_winkler ≥ 0.88", m: 0.25, u: 0.0625),
                ComparisonLevel(label: "different", m: 0.0625, u: 0.5),
            ])
        return MatchModel(
            blocking: [
                BlockingPassSpec(name: "email", keys: [BlockingKeySpec(field: .canonical(.emails), transform: .key)]),
                BlockingPassSpec(
                    name: "name", keys: [BlockingKeySpec(field: .canonical(.familyName), transform: .phonetic)]),
            ],
            comparisons: [email, given],
            rules: [
                MatchRuleSpec(
                    name: "different_phone", conditions: [.init(field: .canonical(.phones), minimum: nil)],
                    decision: .noMerge)
            ],
            ruleComparisons: [[0]], prior: 0.2, mergeThreshold: 0.95, reviewThreshold: 0.7, maxBlockSize: 500)
    }

    static func match() -> MatchResult {
        let pairs = [
            ScoredPair(
                a: 0, b: 1, pass: 0, levels: [0, 1], similarities: [1, 0.93], weight: 6,
                probability: 64.0 / 65.0, decision: .merge, rule: nil, contrary: false),
            ScoredPair(
                a: 0, b: 4, pass: 1, levels: [ComparisonLevel.null, 2], similarities: [0, 0.5], weight: -5,
                probability: 1.0 / 33.0, decision: .noMergeByRule, rule: 0, contrary: false),
            ScoredPair(
                a: 2, b: 3, pass: 1, levels: [2, 1], similarities: [0.5, 0.96], weight: 2, probability: 0.8,
                decision: .review, rule: nil, contrary: false),
        ]
        let plan = BlockingPlan(
            passes: [
                BlockPassStats(
                    name: "email", keyedRecords: 4, blocks: 1, pairs: 1, newPairs: 1,
                    largest: [.init(key: "john@acme.example", size: 2)]),
                BlockPassStats(
                    name: "name", keyedRecords: 5, blocks: 2, pairs: 3, newPairs: 2,
                    largest: [.init(key: "SM0", size: 2), .init(key: "T", size: 2)],
                    skipped: [.init(key: "BRN", size: 612)]),
            ], maxBlockSize: 500)
        return MatchResult(
            pairs: pairs, plan: plan, compared: 3, decisions: [.merge: 1, .noMergeByRule: 1, .review: 1])
    }

    static func clusters() -> ClusterResult {
        ClusterResult(
            clusters: [
                Cluster(
                    members: [0, 1], edges: [ClusterEdge(a: 0, b: 1, reason: .score, pair: 0)],
                    flags: [
                        ClusterFlag(
                            kind: .cannotLinkRefused, a: 0, b: 4, pair: 1,
                            detail: "rule different_phone kept crm:c3 apart")
                    ]),
                Cluster(members: [2]),
                Cluster(members: [3]),
                Cluster(members: [4]),
            ],
            clusterOf: [0, 0, 1, 2, 3], review: [2])
    }

    static func merge() -> MergeResult {
        func value(_ text: String, _ record: Int32, _ rule: SurvivorshipRule, _ support: Int = 1) -> GoldenValue {
            GoldenValue(value: text, record: record, rule: rule, support: support)
        }
        let smith = GoldenRecord(
            goldenID: "G-1", cluster: 0, members: [0, 1],
            fields: [
                GoldenField(field: .canonical(.givenName), values: [value("John", 0, .completeness)]),
                GoldenField(field: .canonical(.familyName), values: [value("Smith", 0, .frequency, 2)]),
                GoldenField(field: .canonical(.organization), values: [value(hostile, 1, .trust)]),
                GoldenField(
                    field: .canonical(.emails),
                    values: [value("john@acme.example", 0, .union, 2), value("jsmith@home.example", 1, .union)]),
                GoldenField(field: .canonical(.phones), values: [value("+1 415 555 0100", 0, .union)]),
            ])
        let jane = GoldenRecord(
            goldenID: "G-2", cluster: 1, members: [2],
            fields: [
                GoldenField(field: .canonical(.givenName), values: [value("Jane", 2, .trust)]),
                GoldenField(field: .canonical(.familyName), values: [value("Doe", 2, .trust)]),
                GoldenField(field: .canonical(.emails), values: [value("jane@acme.example", 2, .union)]),
                GoldenField(field: .extra("lead_source"), values: [value("Web", 2, .trust)]),
            ])
        let janet = GoldenRecord(
            goldenID: "G-3", cluster: 2, members: [3],
            fields: [
                GoldenField(field: .canonical(.givenName), values: [value("Janet", 3, .trust)]),
                GoldenField(field: .canonical(.familyName), values: [value("Doe", 3, .trust)]),
                GoldenField(field: .canonical(.emails), values: [value("janet@acme.example", 3, .union)]),
            ])
        let bob = GoldenRecord(
            goldenID: "G-4", cluster: 3, members: [4],
            fields: [
                GoldenField(field: .canonical(.givenName), values: [value("Bob", 4, .trust)]),
                GoldenField(field: .canonical(.familyName), values: [value("Brown", 4, .trust)]),
                GoldenField(field: .canonical(.phones), values: [value("+1 415 555 0199", 4, .union)]),
            ])
        return MergeResult(golden: [smith, jane, janet, bob], goldenOf: [0, 0, 1, 2, 3])
    }

    static func summary() -> RunSummary {
        let match = match()
        return RunSummary(
            pipeline: "demo", stewardVersion: "0.1.0", startedAt: "2026-10-02T09:15:00Z",
            finishedAt: "2026-10-02T09:15:01Z", outputDirectory: "out/demo",
            sources: [
                SourceSummary(name: "crm", files: ["crm.csv"], records: 3, rejects: 1),
                SourceSummary(name: "cards", files: ["cards.vcf"], records: 2, rejects: 0),
            ],
            counts: StageCounts(
                recordsRead: 6, rejected: 1, normalized: 5, match: match, clusters: clusters(), merge: merge()),
            timings: [
                StageTiming(stage: "ingest", seconds: 0.25), StageTiming(stage: "normalize", seconds: 0.125),
                StageTiming(stage: "match", seconds: 0.5), StageTiming(stage: "cluster", seconds: 0.0625),
                StageTiming(stage: "merge", seconds: 0.03125), StageTiming(stage: "report", seconds: 0.03125),
            ],
            warnings: ["pass name: block BRN (612 records) skipped: more than max_block_size 500"])
    }

    static func rejects() -> [Reject] {
        [
            Reject(
                source: "crm", location: SourceLocation(file: "crm.csv", line: 5),
                reason: .wrongColumnCount(expected: 4, found: 2), rawText: "x,y")
        ]
    }

    static func output() -> RunOutput {
        let records = records()
        return RunOutput(
            records: records, normalized: records.map { _ in NormalizedRecord() }, model: model(), match: match(),
            clusters: clusters(), merge: merge(), rejects: rejects(), summary: summary())
    }
}
