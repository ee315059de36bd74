import Foundation
import StewardTestSupport
import Testing

/// End to end: the built `steward` binary on testdata/, checking output lines and exit statuses.
@Suite("steward command line")
struct CLITests {
    static let samples = [
        "testdata/sources/csv/salesforce_contacts.csv", "testdata/sources/csv/google_contacts.csv",
        "testdata/sources/csv/outlook_contacts.csv", "testdata/sources/csv/marketing_de_semicolon_cp1252.csv",
    ]

    func objects(_ outcome: StewardProcess.Outcome) throws -> [[String: Any]] {
        try outcome.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
    }

    @Test("inspect prints one JSON object per good record and lists rejects with file and line (exit 1)")
    func inspectSamples() throws {
        let outcome = try StewardProcess.run(["inspect"] + Self.samples)
        #expect(outcome.status == 1)
        let records = try objects(outcome)
        // salesforce 10 rows (1 ragged, 1 duplicate id) + google 7 (1 ragged) + outlook 5 (1 bad quote)
        // + marketing 6 (1 ragged)
        #expect(records.count == 8 + 6 + 4 + 5)
        for record in records {
            for key in ["source", "source_id", "location", "fields", "normalized"] {
                #expect(record[key] != nil, "missing \(key) in \(record)")
            }
        }
        let rejects = outcome.stderr.split(separator: "\n").filter { $0.contains("rejected:") }
        #expect(rejects.count == 5, "\(outcome.stderr)")
        #expect(rejects.contains { $0.hasPrefix("testdata/sources/csv/salesforce_contacts.csv:9: rejected:") })
        #expect(rejects.contains { $0.hasPrefix("testdata/sources/csv/salesforce_contacts.csv:11: rejected:") })
        #expect(rejects.contains { $0.hasPrefix("testdata/sources/csv/google_contacts.csv:8: rejected:") })
        #expect(rejects.contains { $0.hasPrefix("testdata/sources/csv/outlook_contacts.csv:7: rejected:") })
        #expect(
            rejects.contains { $0.hasPrefix("testdata/sources/csv/marketing_de_semicolon_cp1252.csv:8: rejected:") })
    }

    @Test("inspect maps and normalizes a Salesforce row")
    func inspectSalesforceRow() throws {
        let outcome = try StewardProcess.run(["inspect", Self.samples[0]])
        let records = try objects(outcome)
        let robert = try #require(records.first { $0["source_id"] as? String == "0035g00000AbCdE01" })
        #expect(robert["source"] as? String == "salesforce_contacts.csv")
        #expect(robert["location"] as? String == "testdata/sources/csv/salesforce_contacts.csv:2")
        let fields = try #require(robert["fields"] as? [String: Any])
        #expect(fields["given_name"] as? String == "Robert")
        #expect(fields["family_name"] as? String == "Smith")
        #expect(fields["organization"] as? String == "Acme, Inc.")
        #expect(fields["emails"] as? [String] == ["robert.smith@acme.example"])
        #expect(fields["phones"] as? [String] == ["(415) 555-0100", "415.555.0199"])
        let normalized = try #require(robert["normalized"] as? [String: Any])
        #expect(normalized["organization_key"] as? String == "acme")
        let phones = try #require(normalized["phones"] as? [[String: Any]])
        #expect(phones.compactMap { $0["e164"] as? String } == ["+14155550100", "+14155550199"])
        let name = try #require(normalized["name"] as? [String: Any])
        #expect(name["key"] as? String == "robert smith")
        #expect(name["prefix"] as? String == "Mr.")
    }

    @Test("the Windows-1252 semicolon file decodes, with a warning")
    func inspectWindows1252() throws {
        let outcome = try StewardProcess.run(["inspect", Self.samples[3]])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("warning:"))
        let records = try objects(outcome)
        let muller = try #require(records.first)
        let fields = try #require(muller["fields"] as? [String: Any])
        #expect(fields["family_name"] as? String == "Müller")
        #expect(fields["street"] as? String == "Hauptstraße 1")
        let normalized = try #require(muller["normalized"] as? [String: Any])
        let phones = try #require(normalized["phones"] as? [[String: Any]])
        #expect(phones.compactMap { $0["e164"] as? String } == ["+49301234567", "+491712345678"])
    }

    @Test("inspect output over the samples equals the reviewed golden files (stdout and stderr)")
    func golden() throws {
        let outcome = try StewardProcess.run(["inspect"] + Self.samples)
        #expect(outcome.status == 1)
        let stdout = try Golden.mismatch(outcome.stdout, golden: "inspect/samples.jsonl")
        #expect(stdout == nil, "\(stdout ?? "")")
        let stderr = try Golden.mismatch(outcome.stderr, golden: "inspect/samples.stderr")
        #expect(stderr == nil, "\(stderr ?? "")")
    }

    @Test("validate: a clean pipeline exits 0 with a summary; a bad one exits 2 with compiler-style diagnostics")
    func validate() throws {
        let clean = try StewardProcess.run(["validate", "pipelines/demo.yaml"])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("pipelines/demo.yaml: ok: pipeline 'demo', 8 source(s), 12 file(s)"))
        let bad = try StewardProcess.run(["validate", "testdata/config/invalid/unknown_keys.yaml"])
        #expect(bad.status == 2)
        #expect(
            bad.stderr.contains(
                "testdata/config/invalid/unknown_keys.yaml:8:5: error: sources[0].trsut: unknown key; did you mean 'trust'?"
            ))
        let missing = try StewardProcess.run(["validate", "nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("nope.yaml: error: no such pipeline file"))
    }

    @Test("inspect output is byte-identical run to run")
    func deterministic() throws {
        let first = try StewardProcess.run(["inspect"] + Self.samples)
        let second = try StewardProcess.run(["inspect"] + Self.samples)
        #expect(first.stdout == second.stdout)
        #expect(first.stderr == second.stderr)
    }

    @Test("--rejects writes a formula-safe rejects CSV")
    func rejectsFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("steward-rejects-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let outcome = try StewardProcess.run(["inspect", "--rejects", path, Self.samples[1]])
        #expect(outcome.status == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\r\n")
        #expect(lines.first == "source,file,line,record,reason_code,reason,raw")
        #expect(lines.count == 2)
        #expect(
            lines[1].hasPrefix("google_contacts.csv,testdata/sources/csv/google_contacts.csv,8,,wrong_column_count,"))
    }

    @Test("inspect --raw prints parsed rows as arrays, header included")
    func inspectRaw() throws {
        let outcome = try StewardProcess.run(["inspect", "--raw", Self.samples[2]])
        let first = try #require(outcome.lines.first)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String])
        #expect(header.first == "Title")
        #expect(header.count == 19)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(outcome.lines[1].utf8)) as? [String])
        #expect(second[18] == "Met at \"SaaS Expo\" 2026\r\nWants a demo in Q1")
    }

    @Test("a missing file is a usage error: exit 2 and one line on stderr")
    func missingFile() throws {
        let outcome = try StewardProcess.run(["inspect", "testdata/nope.csv"])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("testdata/nope.csv") == true)
    }

    @Test(
        "bad options exit 2",
        arguments: [
            ["inspect", "--format", "docx", "x.csv"], ["inspect"], ["normalize", "phone", "--region", "Atlantis"],
            ["frobnicate"], ["inspect", "--delimiter", "ab", "testdata/sources/csv/google_contacts.csv"],
            ["inspect", "README.md"],
        ])
    func badUsage(arguments: [String]) throws {
        let outcome = try StewardProcess.run(arguments)
        #expect(outcome.status == 2, "\(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(lines.first?.hasPrefix("steward: error: ") == true)
    }

    @Test("--help and a bare `steward` print help and exit 0", arguments: [["--help"], [], ["normalize", "--help"]])
    func help(arguments: [String]) throws {
        let outcome = try StewardProcess.run(arguments)
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("USAGE:"))
    }

    @Test("normalize phone writes exactly one line per input line")
    func normalizePhone() throws {
        let input = "+1 (415) 555-0100 ext. 12\n030 1234567\nn/a\n\n0049 30 1234567\r\n415.555.0100\n"
        let outcome = try StewardProcess.run(["normalize", "phone", "--region", "DE"], stdin: input)
        #expect(outcome.status == 0)
        // The last line has no country code, so DE applies: libphonenumber gives +494155550100 (valid) too.
        #expect(outcome.lines == ["+14155550100", "+49301234567", "", "", "+49301234567", "+494155550100"])
        let us = try StewardProcess.run(["normalize", "phone", "--region", "US"], stdin: "415.555.0100\n")
        #expect(us.lines == ["+14155550100"])
    }

    @Test("normalize email, with and without --key")
    func normalizeEmail() throws {
        let input = " J.Doe+News@GoogleMail.com \nnot an email\nBob@Example.COM\n"
        let canonical = try StewardProcess.run(["normalize", "email"], stdin: input)
        #expect(canonical.lines == ["j.doe+news@googlemail.com", "", "bob@example.com"])
        let key = try StewardProcess.run(["normalize", "email", "--key"], stdin: input)
        #expect(key.lines == ["jdoe@gmail.com", "", "bob@example.com"])
    }

    @Test("normalize name and company")
    func normalizeNameCompany() throws {
        let names = try StewardProcess.run(["normalize", "name"], stdin: "Dr. Müller, Hans\n  JOHN   SMITH Jr.\n\n")
        #expect(names.lines == ["hans muller", "john smith", ""])
        let companies = try StewardProcess.run(
            ["normalize", "company"], stdin: "The Acme Corp., Inc.\nProcter & Gamble\nProcter and Gamble\n")
        #expect(companies.lines.count == 3)
        #expect(companies.lines[0] == "acme")
        #expect(companies.lines[1] == companies.lines[2])
    }

    @Test("similarity jaro-winkler agrees with the reference table to 1e-6")
    func similarity() throws {
        let rows = try Fixtures.referenceTable("reference/jaro_winkler.tsv")
        let input = rows.map { "\($0["a"]!)\t\($0["b"]!)\n" }.joined()
        let outcome = try StewardProcess.run(["similarity", "jaro-winkler"], stdin: input)
        #expect(outcome.status == 0)
        #expect(outcome.lines.count == rows.count)
        for (row, line) in zip(rows, outcome.lines) {
            #expect(line.split(separator: ".").last?.count == 6)
            #expect(abs(Double(line)! - Double(row["expected"]!)!) <= 1e-6, "\(row)")
        }
        let bad = try StewardProcess.run(["similarity", "jaro-winkler"], stdin: "no tab here\nMARTHA\tMARHTA\n")
        #expect(bad.status == 1)
        #expect(bad.lines == ["", "0.961111"])
        #expect(bad.stderr.contains("stdin:1:"))
    }
}
