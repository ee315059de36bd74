import Foundation
import StewardConfig
import StewardIngest
import StewardModel
import StewardPipeline
import StewardTestSupport
import Testing

/// Runs a pipeline file into a fresh temporary folder and reads its outputs back.
struct RunFixture {
    let outcome: RunOutcome
    let directory: URL
    /// (source, source_id) → golden_id, from crosswalk.csv.
    let golden: [String: String]

    init(_ pipeline: String) throws {
        let result = PipelineValidator.validate(file: Fixtures.repositoryRoot.appendingPathComponent(pipeline).path)
        let spec = try #require(result.spec, "\(result.diagnostics)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "steward-run-\(UUID().uuidString)")
        self.directory = directory
        outcome = try RunJob.run(spec, options: RunOptions(outputDirectory: directory.path))
        var golden: [String: String] = [:]
        let crosswalk = try String(contentsOf: directory.appendingPathComponent("crosswalk.csv"), encoding: .utf8)
        for line in crosswalk.split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            golden["\(cells[0]):\(cells[1])"] = cells[2]
        }
        self.golden = golden
    }

    func text(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    func sameGolden(_ refs: [String]) -> Bool {
        let ids = refs.map { golden[$0] }
        return !ids.contains(nil) && Set(ids).count == 1
    }

    /// Pairwise precision and recall against a truth file (`source,source_id,entity_id`).
    func pairwise(truth: String) throws -> (precision: Double, recall: Double, f1: Double) {
        var entity: [String: String] = [:]
        for line in try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(truth), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
        {
            let cells = line.split(separator: ",").map(String.init)
            entity["\(cells[0]):\(cells[1])"] = cells[2]
        }
        func pairs(_ groups: [String: [String]]) -> Set<String> {
            var out: Set<String> = []
            for members in groups.values {
                let sorted = members.sorted()
                for i in sorted.indices {
                    for j in sorted.indices where j > i { out.insert("\(sorted[i])|\(sorted[j])") }
                }
            }
            return out
        }
        let truePairs = pairs(Dictionary(grouping: entity.keys, by: { entity[$0]! }))
        let predicted = pairs(Dictionary(grouping: golden.keys, by: { golden[$0]! }))
        let hits = Double(truePairs.intersection(predicted).count)
        let precision = predicted.isEmpty ? 1 : hits / Double(predicted.count)
        let recall = hits / Double(truePairs.count)
        return (precision, recall, 2 * precision * recall / (precision + recall))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

@Suite struct DemoRunTests {
    /// The planted duplicates in testdata/sources/csv are merged; the look-alikes are not.
    @Test func plantedDuplicatesMergeAndLookAlikesDoNot() throws {
        let run = try RunFixture("pipelines/demo.yaml")
        defer { run.remove() }
        let sameGolden = run.sameGolden
        // Every input record is in the crosswalk, singletons included.
        #expect(run.golden.count == 67)
        // Robert "Bob" Smith of Acme in every format: CSV exports, an iPhone card, a trade-show card (vCard 4.0),
        // both XML exports, and the support mailbox.
        #expect(
            sameGolden([
                "salesforce:0035g00000AbCdE01", "salesforce:0035g00000AbCdE05", "google:google_contacts.csv:2",
                "outlook:outlook_contacts.csv:2", "cards:6B29A774-D124-4822-B8D0-2780EC117F60",
                "cards:4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c01", "salesforce_xml:0035g00000XmLaA01",
                "dynamics_xml:6f1f2a0e-5c1d-4e2a-9b3c-000000000002", "support_mail:robert.smith@acme.example",
            ]))
        // Jürgen Müller: a quoted-printable Windows-1252 Outlook card, the XML export (character references), and
        // an RFC 2047 encoded display name in the mailbox.
        #expect(
            sameGolden([
                "salesforce:0035g00000AbCdE03", "cards:outlook_v21_qp_cp1252.vcf:1", "salesforce_xml:0035g00000XmLaA03",
                "support_mail:j.mueller@mueller-gmbh.example",
            ]))
        #expect(sameGolden(["salesforce:0035g00000AbCdE02", "google:google_contacts.csv:3"]))  // Katie O'Neil
        #expect(
            sameGolden([
                "salesforce:0035g00000AbCdE03", "google:google_contacts.csv:4",
                "marketing_de:marketing_de_semicolon_cp1252.csv:3",
            ]))  // Jürgen Müller
        #expect(
            sameGolden([
                "salesforce:0035g00000AbCdE04", "marketing_de:marketing_de_semicolon_cp1252.csv:6",
            ]))  // François Dupont
        #expect(sameGolden(["salesforce:0035g00000AbCdE06", "outlook:outlook_contacts.csv:6"]))  // Priya Raman
        #expect(sameGolden(["salesforce:0035g00000AbCdE09", "outlook:outlook_contacts.csv:4"]))  // Liz Taylor
        #expect(
            sameGolden(["google:google_contacts.csv:6", "marketing_de:marketing_de_semicolon_cp1252.csv:4"]))
        // Look-alikes: Sam Lee and Ann Lee; the Globex info desk beside Katie O'Neil (same company, switchboard).
        #expect(!sameGolden(["salesforce:0035g00000AbCdE07", "google:google_contacts.csv:5"]))
        #expect(!sameGolden(["google:google_contacts.csv:7", "salesforce:0035g00000AbCdE02"]))
        #expect(Set(run.golden.values).count == 24)
        #expect(run.outcome.summary.counts.goldenRecords == 24)
        // The five deliberate bad rows are rejected, and the run says so with status 1.
        #expect(run.outcome.rejects.count == 5 && run.outcome.status == .finishedWithRejects)
    }

    /// Every merge is explained field by field: both values, the level, its weight; they add up to the total.
    @Test func auditExplainsEveryMerge() throws {
        let run = try RunFixture("pipelines/demo.yaml")
        defer { run.remove() }
        let lines = try run.text("audit.jsonl").split(whereSeparator: \.isNewline)
        #expect(lines.count == 10)  // one per merged cluster
        for line in lines {
            let cluster = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let members = try #require(cluster["members"] as? [[String: Any]])
            let joins = try #require(cluster["joins"] as? [[String: Any]])
            #expect(joins.count == members.count - 1)
            for join in joins {
                let fields = try #require(join["fields"] as? [[String: Any]])
                #expect(
                    fields.map { $0["field"] as? String } == [
                        "emails", "phones", "given_name", "family_name", "organization",
                    ])
                var sum = try #require(join["prior_weight"] as? Double)
                for field in fields {
                    #expect(field["level"] is String && field["a"] != nil && field["b"] != nil)
                    sum += try #require(field["weight"] as? Double)
                }
                let total = try #require(join["weight"] as? Double)
                #expect(abs(sum - total) < 1e-6)
                let reason = join["reason"] as? String
                #expect(reason == "score" || (reason == "rule" && join["rule"] is String))
            }
        }
        // The Bob/Robert Smith join names the nickname level.
        let smith = try #require(lines.first { $0.contains("0035g00000AbCdE05") })
        #expect(smith.contains("\"level\":\"nickname\""))
    }
}

@Suite struct AccuracyTests {
    /// Labelled messy contacts (scripts/truth/generate_contacts.py, seed 7): targets F1 ≥ 0.97, precision ≥ 0.98.
    @Test func labelledContacts() throws {
        let run = try RunFixture("testdata/truth/contacts/contacts.yaml")
        defer { run.remove() }
        let score = try run.pairwise(truth: "testdata/truth/contacts/truth.csv")
        #expect(score.precision >= 0.98, "precision \(score.precision)")
        #expect(score.f1 >= 0.97, "F1 \(score.f1) (recall \(score.recall))")
    }

    /// Non-contact data: blocking and comparison on extra fields only (member number, date of birth) besides
    /// names and postal code.
    @Test func extraFieldsOnPatientRegistries() throws {
        let run = try RunFixture("testdata/truth/patients/patients.yaml")
        defer { run.remove() }
        let passes = run.outcome.plan.passes.map(\.name)
        #expect(passes.contains("member_no.digits"))
        #expect(run.outcome.model.comparisons.map(\.name).contains("date(date_of_birth)"))
        let score = try run.pairwise(truth: "testdata/truth/patients/truth.csv")
        #expect(score.precision >= 0.97, "precision \(score.precision)")
        #expect(score.f1 >= 0.95, "F1 \(score.f1) (recall \(score.recall))")
    }
}

@Suite struct TradeShowImportTests {
    /// Badge scans attach to the CRM records of the same people; the look-alikes stay new contacts.
    @Test func scansAttachToCRMContacts() throws {
        let run = try RunFixture("pipelines/tradeshow-import.yaml")
        defer { run.remove() }
        let sameGolden = run.sameGolden
        #expect(sameGolden(["badge_scans:TS26-0001", "salesforce:0035g00000AbCdE01"]))  // email typo, same phone
        #expect(sameGolden(["badge_scans:TS26-0002", "salesforce:0035g00000AbCdE02"]))  // Kate = Katherine
        #expect(sameGolden(["badge_scans:TS26-0003", "salesforce:0035g00000AbCdE06"]))
        #expect(sameGolden(["badge_scans:TS26-0005", "badge_scans:TS26-0010"]))  // scanned twice
        // Business cards (vCard 4.0) whose email or phone matches a CRM contact join that contact.
        #expect(
            sameGolden([
                "business_cards:4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c01", "salesforce:0035g00000AbCdE01",
                "badge_scans:TS26-0001",
            ]))
        #expect(sameGolden(["business_cards:4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c04", "salesforce:0035g00000AbCdE02"]))
        // A different Robert Smith; a colleague on the same switchboard number.
        #expect(!sameGolden(["badge_scans:TS26-0004", "salesforce:0035g00000AbCdE01"]))
        #expect(!sameGolden(["badge_scans:TS26-0011", "badge_scans:TS26-0005"]))
    }
}

@Suite struct ShippedPipelineTests {
    static let pipelines = ["pipelines/demo.yaml", "pipelines/nightly-crm.yaml", "pipelines/tradeshow-import.yaml"]

    /// Every pipeline users copy runs end to end on the bundled data and merges something.
    @Test(arguments: pipelines)
    func runs(pipeline: String) throws {
        let run = try RunFixture(pipeline)
        defer { run.remove() }
        let counts = run.outcome.summary.counts
        #expect(counts.multiRecordClusters > 0)
        #expect(counts.goldenRecords == Set(run.golden.values).count)
        #expect(run.golden.count == counts.recordsRead - counts.rejected)
    }
}

@Suite struct EmailSourceAcrossFilesTests {
    /// Two mailbox files of one email source that share addresses: one record per address, no rejects.
    @Test func sameAddressInTwoMailboxesIsOneRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("steward-mail-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mbox = try Data(contentsOf: Fixtures.url("sources/email/support_inbox.mbox"))
        try mbox.write(to: folder.appendingPathComponent("2026-09.mbox"))
        try mbox.write(to: folder.appendingPathComponent("2026-10.mbox"))
        let yaml = """
            version: 1
            name: mail
            sources:
              - { name: inbox, format: email, path: "*.mbox" }
            output: { dir: out }
            """
        let result = PipelineValidator.validate(yaml: yaml, file: "mail.yaml", baseDirectory: folder.path)
        let spec = try #require(result.spec, "\(result.diagnostics)")
        #expect(spec.sources[0].files.count == 2)
        let single = try EmailHeaderIngester().ingest(
            path: Fixtures.url("sources/email/support_inbox.mbox").path, source: "inbox")
        let outcome = try RunJob.run(
            spec, options: RunOptions(outputDirectory: folder.appendingPathComponent("out").path))
        #expect(outcome.rejects.isEmpty)
        #expect(outcome.summary.sources[0].records == single.records.count)
    }
}
