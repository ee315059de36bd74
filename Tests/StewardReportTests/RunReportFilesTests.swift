import Foundation
import StewardModel
import Testing

@testable import StewardReport

/// The content of each output file for the hand-built run in ``RunOutputFixture``.
@Suite("Run report files")
struct RunReportFilesTests {
    let output = RunOutputFixture.output()

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func lines(_ rows: [String]) -> String { rows.map { $0 + "\r\n" }.joined() }

    @Test("golden.csv: ids, sources, single fields in canonical order, best and all emails and phones, extras")
    func golden() {
        #expect(
            text(GoldenCSV.render(output))
                == lines([
                    "golden_id,record_count,sources,given_name,family_name,organization,email,emails,phone,phones,"
                        + "lead_source",
                    "G-1,2,cards|crm,John,Smith,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
                        + "john@acme.example,john@acme.example | jsmith@home.example,'+1 415 555 0100,'+1 415 555 0100,",
                    "G-2,1,crm,Jane,Doe,,jane@acme.example,jane@acme.example,,,Web",
                    "G-3,1,cards,Janet,Doe,,janet@acme.example,janet@acme.example,,,",
                    "G-4,1,crm,Bob,Brown,,,,'+1 415 555 0199,'+1 415 555 0199,",
                ]))
    }

    @Test("golden.csv: an extra field named like a fixed column is prefixed, no email columns without emails")
    func goldenColumnNames() {
        var output = output
        output.merge.golden = [
            GoldenRecord(
                goldenID: "G-9", cluster: 0, members: [0],
                fields: [
                    GoldenField(
                        field: .canonical(.city), values: [GoldenValue(value: "Berlin", record: 0, rule: .trust)]),
                    GoldenField(
                        field: .extra("sources"), values: [GoldenValue(value: "fair", record: 0, rule: .trust)]),
                ])
        ]
        #expect(
            text(GoldenCSV.render(output))
                == lines(["golden_id,record_count,sources,city,extra.sources", "G-9,1,crm,Berlin,fair"]))
    }

    @Test("a hostile organization never reaches a spreadsheet as a formula")
    func formulaEscaping() throws {
        for bytes in [GoldenCSV.render(output), LineageCSV.render(output)] {
            let text = text(bytes)
            #expect(text.contains("\"'=HYPERLINK("))
            #expect(!text.contains(",=HYPERLINK") && !text.contains(",\"=HYPERLINK"))
        }
    }

    @Test("lineage.csv: every golden value with its record, rule, support and rank")
    func lineage() {
        #expect(
            text(LineageCSV.render(output))
                == lines([
                    "golden_id,field,rank,value,source,source_id,rule,support",
                    "G-1,given_name,1,John,crm,c1,completeness,1",
                    "G-1,family_name,1,Smith,crm,c1,frequency,2",
                    "G-1,organization,1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",cards,v1,trust,1",
                    "G-1,emails,1,john@acme.example,crm,c1,union,2",
                    "G-1,emails,2,jsmith@home.example,cards,v1,union,1",
                    "G-1,phones,1,'+1 415 555 0100,crm,c1,union,1",
                    "G-2,given_name,1,Jane,crm,c2,trust,1",
                    "G-2,family_name,1,Doe,crm,c2,trust,1",
                    "G-2,emails,1,jane@acme.example,crm,c2,union,1",
                    "G-2,lead_source,1,Web,crm,c2,trust,1",
                    "G-3,given_name,1,Janet,cards,v2,trust,1",
                    "G-3,family_name,1,Doe,cards,v2,trust,1",
                    "G-3,emails,1,janet@acme.example,cards,v2,union,1",
                    "G-4,given_name,1,Bob,crm,c3,trust,1",
                    "G-4,family_name,1,Brown,crm,c3,trust,1",
                    "G-4,phones,1,'+1 415 555 0199,crm,c3,union,1",
                ]))
    }

    @Test("crosswalk.csv: every record, singletons included, in record order")
    func crosswalk() {
        #expect(
            text(CrosswalkCSV.render(output))
                == lines([
                    "source,source_id,golden_id", "crm,c1,G-1", "cards,v1,G-1", "crm,c2,G-2", "cards,v2,G-3",
                    "crm,c3,G-4",
                ]))
    }

    @Test("review.csv: both records side by side per comparison, an empty decision column")
    func review() {
        #expect(
            text(ReviewCSV.render(output))
                == lines([
                    "pair,probability,weight,a_source,a_source_id,b_source,b_source_id,emails_a,emails_b,emails_level,"
                        + "given_name_a,given_name_b,given_name_level,decision",
                    "1,0.800000,2.000,crm,c2,cards,v2,jane@acme.example,janet@acme.example,same company domain,"
                        + "Jane,Janet,jaro_winkler ≥ 0.88,",
                ]))
    }

    @Test("review.csv: two comparisons of one field get the method in their column names")
    func reviewColumnNames() {
        var model = output.model
        model.comparisons.append(
            Comparison(
                field: .canonical(.givenName), method: .nickname, thresholds: [],
                levels: [ComparisonLevel(label: "exact", m: 0.5, u: 0.25)]))
        #expect(
            ReviewCSV.header(model).dropFirst(7)
                == [
                    "emails_a", "emails_b", "emails_level", "given_name_jaro_winkler_a", "given_name_jaro_winkler_b",
                    "given_name_jaro_winkler_level", "given_name_nickname_a", "given_name_nickname_b",
                    "given_name_nickname_level", "decision",
                ])
    }

    @Test("audit.jsonl: one sorted-key line per merged cluster with members, join evidence and flags")
    func audit() throws {
        let text = text(AuditLog.render(output))
        let expected =
            #"{"flags":[{"a":{"source":"crm","source_id":"c1"},"b":{"source":"crm","source_id":"c3"},"#
            + #""detail":"rule different_phone kept crm:c3 apart","kind":"cannot_link_refused","#
            + #""probability":0.030303030303030304,"weight":-5}],"golden_id":"G-1","#
            + #""joins":[{"a":{"source":"crm","source_id":"c1"},"b":{"source":"cards","source_id":"v1"},"#
            + #""blocking_pass":"email","contrary":false,"decision":"merge","fields":["#
            + #"{"a":"john@acme.example","b":"john@acme.example; jsmith@home.example","field":"emails","#
            + #""level":"exact","m":0.5,"method":"email_key","similarity":1,"u":0.0078125,"weight":6},"#
            + #"{"a":"John","b":"Jon","field":"given_name","level":"jaro_winkler ≥ 0.88","m":0.25,"#
            + #""method":"jaro_winkler","similarity":0.93,"u":0.0625,"weight":2}],"prior_weight":-2,"#
            + #""probability":0.9846153846153847,"reason":"score","weight":6}],"#
            + #""members":[{"location":"crm.csv:2","source":"crm","source_id":"c1"},"#
            + #"{"location":"cards.vcf#1","source":"cards","source_id":"v1"}],"#
            + #""merge_threshold":0.95,"review_threshold":0.7}"#
        #expect(text == expected + "\n")

        // The evidence adds up: field weights plus the prior give the total, which gives the probability.
        let line = try JSONDecoder().decode(AuditLine.self, from: Data(text.utf8))
        let join = try #require(line.joins.first)
        let sum = join.fields.reduce(0) { $0 + $1.weight } + join.priorWeight
        #expect(sum == join.weight)
        #expect(MatchModel.probability(totalWeight: sum) == join.probability)
    }

    @Test("audit.jsonl: a must-link join shows the pair's score; a flagged singleton gets a line; missing values")
    func auditMustLinkAndFlaggedSingleton() throws {
        var output = output
        output.clusters.clusters[0].edges = [ClusterEdge(a: 1, b: 0, reason: .mustLink, pair: nil)]
        output.clusters.clusters[0].flags = []
        output.clusters.clusters[3].flags = [
            ClusterFlag(kind: .cannotLinkRefused, a: 4, b: 0, pair: nil, detail: "cannot-link crm:c1")
        ]
        let lines = String(decoding: AuditLog.render(output), as: UTF8.self).split(separator: "\n")
        try #require(lines.count == 2)
        let smith = try JSONDecoder().decode(AuditLine.self, from: Data(lines[0].utf8))
        let join = try #require(smith.joins.first)
        #expect(join.reason == "must_link")
        #expect(join.a.sourceID == "v1")
        #expect(join.probability == 64.0 / 65.0)
        #expect(join.fields.first?.a == "john@acme.example; jsmith@home.example")  // a is the edge's a: cards:v1
        #expect(smith.flags.isEmpty)

        let bob = try JSONDecoder().decode(AuditLine.self, from: Data(lines[1].utf8))
        #expect(bob.goldenID == "G-4")
        #expect(bob.joins.isEmpty)
        #expect(bob.flags.map(\.kind) == ["cannot_link_refused"])
        #expect(bob.flags.first?.probability == nil)

        // A rule-decided pair with a missing value: the rule's name, label `missing`, weight 0, no m or u.
        output.clusters.clusters[0].edges = [ClusterEdge(a: 0, b: 4, reason: .rule, pair: 1)]
        let ruled = String(decoding: AuditLog.render(output), as: UTF8.self).split(separator: "\n")[0]
        let ruledJoin = try #require(try JSONDecoder().decode(AuditLine.self, from: Data(ruled.utf8)).joins.first)
        #expect(ruledJoin.rule == "different_phone")
        #expect(ruledJoin.decision == "no_merge_by_rule")
        #expect(ruledJoin.blockingPass == "name")
        let missing = try #require(ruledJoin.fields.first)
        #expect(missing.level == "missing" && missing.weight == 0 && missing.m == nil && missing.u == nil)
        #expect(missing.b == "")
    }

    @Test("summary.json: snake_case keys, sorted, every decision, round-trips")
    func summary() throws {
        let bytes = try output.summary.json()
        let text = text(bytes)
        #expect(text.hasPrefix("{\n  \"counts\" : {\n    \"blocking\" : [\n      {\n        \"blocks\" : 1,"))
        #expect(text.hasSuffix("\n}\n"))
        for key in [
            "\"keyed_records\" : 4", "\"new_pairs\" : 2", "\"multi_record_clusters\" : 1", "\"records_read\" : 6",
            "\"merge_by_rule\" : 0", "\"no_merge_by_rule\" : 1", "\"steward_version\" : \"0.1.0\"",
            "\"started_at\" : \"2026-10-02T09:15:00Z\"", "\"output_directory\" : \"out/demo\"",
            "\"flagged_clusters\" : 1", "\"review_pairs\" : 1", "\"candidate_pairs\" : 3",
        ] {
            #expect(text.contains(key), "missing \(key)")
        }
        #expect(!text.contains("keyedRecords") && !text.contains("newPairs"))
        let decoded = try JSONDecoder().decode(RunSummary.self, from: Data(bytes))
        var expected = output.summary
        expected.counts.decisions = [.merge: 1, .mergeByRule: 0, .review: 1, .noMergeByRule: 1, .distinct: 0]
        #expect(decoded == expected)
    }

    @Test("timestamps are ISO 8601 in UTC")
    func timestamp() {
        #expect(RunSummary.timestamp(Date(timeIntervalSince1970: 1_790_932_500)) == "2026-10-02T09:15:00Z")
    }

    @Test("inconsistent stage outputs are refused before anything is rendered")
    func validation() {
        var output = output
        output.merge.goldenOf = [0, 0, 1, 2, 9]
        #expect(throws: StewardError.self) { try output.validate() }
        output = RunOutputFixture.output()
        output.clusters.review = [7]
        #expect(throws: StewardError.self) { try output.validate() }
        output = RunOutputFixture.output()
        output.match.pairs[0].levels = [0]
        #expect(throws: StewardError.self) { try output.validate() }
        #expect(throws: Never.self) { try RunOutputFixture.output().validate() }
    }
}

/// The audit line's schema, as a reader of `audit.jsonl` decodes it.
private struct AuditLine: Decodable {
    struct Ref: Decodable {
        var source: String
        var sourceID: String
        enum CodingKeys: String, CodingKey {
            case source
            case sourceID = "source_id"
        }
    }
    struct Field: Decodable {
        var field, method, a, b, level: String
        var similarity: Float
        var weight: Double
        var m, u: Double?
    }
    struct Join: Decodable {
        var a, b: Ref
        var reason: String
        var decision, rule, blockingPass: String?
        var probability, weight, priorWeight: Double
        var contrary: Bool
        var fields: [Field]
        enum CodingKeys: String, CodingKey {
            case a, b, reason, decision, rule, probability, weight, contrary, fields
            case blockingPass = "blocking_pass"
            case priorWeight = "prior_weight"
        }
    }
    struct Flag: Decodable {
        var kind, detail: String
        var a, b: Ref
        var probability, weight: Double?
    }
    var goldenID: String
    var members: [[String: String]]
    var joins: [Join]
    var flags: [Flag]
    var mergeThreshold, reviewThreshold: Double
    enum CodingKeys: String, CodingKey {
        case members, joins, flags
        case goldenID = "golden_id"
        case mergeThreshold = "merge_threshold"
        case reviewThreshold = "review_threshold"
    }
}
