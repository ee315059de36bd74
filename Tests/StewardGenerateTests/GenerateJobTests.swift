import Foundation
import StewardConfig
import StewardModel
import StewardPipeline
import Testing

@testable import StewardGenerate

/// A fresh temporary folder path (not created).
private func temporaryFolder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("steward-generate-\(name)-\(UUID().uuidString)").path
}

private func files(in folder: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
        out[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    }
    return out
}

/// truth.csv rows as (source, source_id, entity_id).
private func truthRows(_ folder: String) throws -> [(String, String, String)] {
    let text = try String(contentsOfFile: folder + "/truth.csv", encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    #expect(lines.removeFirst() == "source,source_id,entity_id")
    return lines.map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return (cells[0], cells[1], cells[2])
    }
}

@Suite("GenerateJob")
struct GenerateJobTests {
    @Test("the same seed and options give byte-identical files; another seed other files")
    func determinism() throws {
        let a = temporaryFolder("a")
        let b = temporaryFolder("b")
        let c = temporaryFolder("c")
        defer { for f in [a, b, c] { try? FileManager.default.removeItem(atPath: f) } }
        let options = GenerateOptions(records: 3000, seed: 42)
        _ = try GenerateJob.run(options, directory: a)
        _ = try GenerateJob.run(options, directory: b)
        _ = try GenerateJob.run(GenerateOptions(records: 3000, seed: 43), directory: c)
        let filesA = try files(in: a)
        #expect(
            Set(filesA.keys) == [
                "crm.csv", "marketing.csv", "cards.vcf", "marketing.xml", "support.mbox", "truth.csv", "pipeline.yaml",
            ])
        #expect(filesA == (try files(in: b)))
        let filesC = try files(in: c)
        for name in ["crm.csv", "marketing.csv", "cards.vcf", "marketing.xml", "support.mbox", "truth.csv"] {
            #expect(filesA[name] != filesC[name], "\(name) is the same for seeds 42 and 43")
        }
    }

    @Test(
        "records, entities and the duplicate share follow the options",
        arguments: [(1000, 0.3), (2500, 0.0), (2500, 0.5), (777, 0.8)])
    func counts(records: Int, dupRate: Double) throws {
        let folder = temporaryFolder("counts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try GenerateJob.run(
            GenerateOptions(records: records, seed: 7, dupRate: dupRate), directory: folder)
        let rows = try truthRows(folder)
        #expect(rows.count == records)
        #expect(summary.records == records)
        #expect(summary.sources.reduce(0) { $0 + $1.records } == records)
        let entities = Set(rows.map(\.2)).count
        #expect(entities == summary.entities)
        #expect(entities == Int((Double(records) * (1 - dupRate)).rounded()))
        // Ids are unique per source.
        #expect(Set(rows.map { "\($0.0):\($0.1)" }).count == records)
        // Pairs of records of one entity, as the summary counts them.
        var sizes: [String: Int] = [:]
        for row in rows { sizes[row.2, default: 0] += 1 }
        #expect(sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 } == summary.duplicatePairs)
        if dupRate > 0 && dupRate <= 0.3 {
            // Most people have one or two records; a few have four or more.
            let small = sizes.values.filter { $0 <= 2 }.count
            #expect(Double(small) / Double(entities) > 0.8)
        }
    }

    @Test("--formats writes only the named formats, and the pipeline names only those sources")
    func formats() throws {
        let folder = temporaryFolder("formats")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try GenerateJob.run(
            GenerateOptions(records: 500, seed: 3, formats: [.csv, .email]), directory: folder)
        #expect(
            Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == [
                "crm.csv", "marketing.csv", "support.mbox", "truth.csv", "pipeline.yaml",
            ])
        #expect(summary.sources.map(\.source) == ["crm", "marketing", "support"])
        #expect(Set(try truthRows(folder).map(\.0)) == ["crm", "marketing", "support"])
        let pipeline = try String(contentsOfFile: folder + "/pipeline.yaml", encoding: .utf8)
        #expect(!pipeline.contains("cards") && !pipeline.contains("marketing_xml"))
    }

    @Test("a folder that is not empty and was not generated is refused; a generated one is replaced")
    func folderSafety() throws {
        let folder = temporaryFolder("safety")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        #expect(throws: StewardError.self) { try GenerateJob.run(GenerateOptions(records: 100), directory: folder) }
        #expect(FileManager.default.fileExists(atPath: folder + "/notes.txt"))
        try FileManager.default.removeItem(atPath: folder + "/notes.txt")
        _ = try GenerateJob.run(GenerateOptions(records: 100, seed: 1), directory: folder)
        _ = try GenerateJob.run(GenerateOptions(records: 200, seed: 2), directory: folder)
        #expect(try truthRows(folder).count == 200)
        let siblings = try FileManager.default.contentsOfDirectory(
            atPath: URL(fileURLWithPath: folder).deletingLastPathComponent().path)
        let name = URL(fileURLWithPath: folder).lastPathComponent
        #expect(!siblings.contains { $0.hasPrefix(name + ".tmp-") || $0.hasPrefix(name + ".old-") })
    }

    @Test("bad options are usage errors", arguments: [(0, 0.3), (10, 0.95), (10, -0.1)])
    func badOptions(records: Int, dupRate: Double) {
        #expect(throws: StewardError.self) {
            try GenerateOptions(records: records, dupRate: dupRate).validate()
        }
    }

    @Test("vCard lines are folded at 75 octets; the mailbox has quoted and RFC 2047 display names")
    func layout() throws {
        let folder = temporaryFolder("layout")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try GenerateJob.run(GenerateOptions(records: 4000, seed: 5), directory: folder)
        let cards = try Data(contentsOf: URL(fileURLWithPath: folder + "/cards.vcf"))
        let lines = cards.split(separator: 10)
        #expect(lines.allSatisfy { $0.count <= 76 && $0.last == 13 }, "every card line ends in CRLF within 75 octets")
        #expect(lines.contains { $0.starts(with: Array(" ".utf8)) } || lines.contains { $0.last == 61 })
        let text = String(decoding: cards, as: UTF8.self)
        for version in ["VERSION:2.1", "VERSION:3.0", "VERSION:4.0"] { #expect(text.contains(version)) }
        #expect(text.contains("ENCODING=QUOTED-PRINTABLE"))
        let mbox = try String(contentsOfFile: folder + "/support.mbox", encoding: .utf8)
        #expect(mbox.hasPrefix("From "))
        #expect(mbox.contains("=?UTF-8?Q?") && mbox.contains("=?UTF-8?B?"))
        #expect(mbox.contains("From: \""))
        #expect(mbox.contains("\nCc: "))
    }
}

@Suite("GenerateJob end to end")
struct GenerateEndToEndTests {
    /// Given 2,000 generated records, when the generated pipeline runs through the real ingesters and the default
    /// matcher, then nothing is rejected, the crosswalk holds exactly the truth's records, and the pairwise
    /// accuracy is in a sane range (neither trivial nor broken).
    @Test("every generated record ingests and the default matcher scores in a sane range")
    func runAndEvaluate() throws {
        let folder = temporaryFolder("e2e")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try GenerateJob.run(GenerateOptions(records: 2000, seed: 11), directory: folder)
        let validation = PipelineValidator.validate(file: folder + "/pipeline.yaml")
        #expect(validation.diagnostics.isEmpty, "\(validation.diagnostics)")
        let spec = try #require(validation.spec)
        let outcome = try RunJob.run(spec, options: RunOptions())
        #expect(outcome.rejects.isEmpty, "\(outcome.rejects.prefix(5))")
        #expect(outcome.summary.warnings.isEmpty, "\(outcome.summary.warnings)")
        #expect(outcome.summary.sources.allSatisfy { $0.records > 0 })
        #expect(outcome.summary.sources.reduce(0) { $0 + $1.records } == 2000)

        let evaluation = try EvaluateJob.run(truth: folder + "/truth.csv", crosswalk: folder + "/out/crosswalk.csv")
        #expect(evaluation.counts.records == 2000)
        #expect(evaluation.counts.missingFromCrosswalk == 0)
        #expect(evaluation.counts.unknownInCrosswalk == 0)
        print(
            "generated 2,000 records (seed 11): precision \(evaluation.precision), recall \(evaluation.recall), "
                + "F1 \(evaluation.f1), true pairs \(evaluation.truePairs)")
        #expect(evaluation.f1 > 0.8 && evaluation.f1 < 0.999)
        #expect(evaluation.precision > 0.8 && evaluation.recall > 0.8)
    }
}
