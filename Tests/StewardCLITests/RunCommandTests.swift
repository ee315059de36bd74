import Foundation
import StewardTestSupport
import Testing

/// End to end: `steward run`, `plan` and `dedup` on the bundled data.
@Suite("steward run, plan and dedup")
struct RunCommandTests {
    func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("steward-cli-\(UUID().uuidString)")
    }

    func read(_ directory: URL, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }

    @Test("run writes every output, lists the rejects and ends with a summary (exit 1: the samples have bad rows)")
    func runDemo() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try StewardProcess.run(["run", "pipelines/demo.yaml", "-o", out.path, "--quiet"])
        #expect(outcome.status == 1, "\(outcome.stderr)")
        for file in [
            "golden.csv", "lineage.csv", "crosswalk.csv", "audit.jsonl", "review.csv", "rejects.csv", "summary.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }
        #expect(outcome.stderr.split(separator: "\n").filter { $0.contains(": rejected: ") }.count == 5)
        #expect(outcome.stderr.contains("golden records"))
        #expect(try read(out, "crosswalk.csv").hasPrefix("source,source_id,golden_id\r\n"))
        #expect(try read(out, "rejects.csv").split(whereSeparator: \.isNewline).count == 6)
    }

    @Test("two runs over the same input write byte-identical golden records, crosswalk, audit and review queue")
    func runIsDeterministic() throws {
        let first = temporaryDirectory()
        let second = temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        _ = try StewardProcess.run(["run", "pipelines/demo.yaml", "-o", first.path, "--quiet"])
        _ = try StewardProcess.run(["run", "pipelines/demo.yaml", "-o", second.path, "--quiet"])
        for file in ["golden.csv", "lineage.csv", "crosswalk.csv", "audit.jsonl", "review.csv"] {
            #expect(try read(first, file) == read(second, file), "\(file)")
        }
    }

    @Test("a bad pipeline file stops before any work: exit 2, diagnostics, no output folder")
    func badPipeline() throws {
        let out = temporaryDirectory()
        let outcome = try StewardProcess.run([
            "run", "testdata/config/invalid/unknown_keys.yaml", "-o", out.path, "--quiet",
        ])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("error:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("a run that cannot write keeps the previous output folder as it was")
    func failedWriteKeepsPreviousOutputs() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let precious = out.appendingPathComponent("not-stewards.txt")
        try Data("keep me".utf8).write(to: precious)
        let outcome = try StewardProcess.run(["run", "pipelines/demo.yaml", "-o", out.path, "--quiet"])
        #expect(outcome.status >= 2)
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["not-stewards.txt"])
    }

    @Test("plan and run --dry-run count candidate pairs per pass and write nothing")
    func plan() throws {
        let outcome = try StewardProcess.run(["plan", "pipelines/demo.yaml", "--quiet"])
        #expect(outcome.status == 1)  // the samples' rejects
        #expect(outcome.stdout.contains("candidate pairs: 171"))
        #expect(outcome.stdout.contains("email_key(emails)"))
        let out = temporaryDirectory()
        let dry = try StewardProcess.run(["run", "pipelines/demo.yaml", "--dry-run", "-o", out.path, "--quiet"])
        #expect(dry.stdout == outcome.stdout)
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test("dedup needs no pipeline file: formats and columns detected, built-in rules")
    func dedup() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try StewardProcess.run([
            "dedup", "testdata/sources/csv/salesforce_contacts.csv", "testdata/sources/csv/google_contacts.csv",
            "-o", out.path, "--region", "US", "--quiet",
        ])
        #expect(outcome.status == 1)  // 3 bad rows in these two files
        let crosswalk = try read(out, "crosswalk.csv").split(whereSeparator: \.isNewline)
        #expect(crosswalk.count == 1 + 8 + 6)
        let bob = crosswalk.filter { $0.hasPrefix("salesforce_contacts,0035g00000AbCdE05,") }
        let robert = crosswalk.filter { $0.hasPrefix("salesforce_contacts,0035g00000AbCdE01,") }
        #expect(bob.count == 1 && robert.count == 1)
        #expect(bob.first?.split(separator: ",").last == robert.first?.split(separator: ",").last)
    }

    @Test("dedup reads all four formats in one run (detected by extension or content) and merges across them")
    func dedupAllFormats() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try StewardProcess.run([
            "dedup", "testdata/sources/csv/salesforce_contacts.csv", "testdata/sources/vcard/tradeshow_cards_v40.vcf",
            "testdata/sources/xml/salesforce_export.xml", "testdata/sources/email/support_inbox.mbox",
            "testdata/sources/email/eml", "-o", out.path, "--region", "US", "--quiet",
        ])
        #expect(outcome.status == 1, "\(outcome.stderr)")  // the Salesforce sample's two bad rows
        var golden: [String: String] = [:]
        for line in try read(out, "crosswalk.csv").split(whereSeparator: \.isNewline).dropFirst() {
            let cells = line.split(separator: ",").map(String.init)
            golden["\(cells[0]):\(cells[1])"] = cells[2]
        }
        #expect(Set(golden.keys.map { $0.split(separator: ":")[0] }).count == 5)
        let robert = [
            "salesforce_contacts:0035g00000AbCdE01", "tradeshow_cards_v40:4f0a5c2e-6b1d-4e8a-9f3c-2d7b8e1a6c01",
            "salesforce_export:0035g00000XmLaA01", "support_inbox:robert.smith@acme.example",
        ].map { golden[$0] }
        #expect(!robert.contains(nil) && Set(robert).count == 1, "\(robert)")
    }

    @Test("evaluate prints pairwise and cluster measures; --json is machine-readable")
    func evaluate() throws {
        let out = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try StewardProcess.run(["run", "testdata/truth/patients/patients.yaml", "-o", out.path, "--quiet"])
        let crosswalk = out.appendingPathComponent("crosswalk.csv").path
        let text = try StewardProcess.run(["evaluate", "--truth", "testdata/truth/patients/truth.csv", crosswalk])
        #expect(text.status == 0)
        #expect(text.stdout.contains("pairwise   precision 0.9"))
        // Samples carry the run's own evidence: the join that merged two people, the review queue for missed ones.
        #expect(text.stdout.contains("      merged by score, probability "))
        #expect(text.stdout.contains("review.csv"))
        let json = try StewardProcess.run([
            "evaluate", "--truth", "testdata/truth/patients/truth.csv", crosswalk, "--json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["true_pairs"] as? Int) == 297)
        #expect(((object["f1"] as? Double) ?? 0) >= 0.95)
        let missing = try StewardProcess.run(["evaluate", "--truth", "no-such.csv", crosswalk])
        #expect(missing.status == 2)
    }

    @Test("dedup without -o is a usage error (exit 2)")
    func dedupNeedsOutput() throws {
        let outcome = try StewardProcess.run(["dedup", "testdata/sources/csv/google_contacts.csv"])
        #expect(outcome.status == 2)
    }
}
