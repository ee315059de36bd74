import ArgumentParser
import Dispatch
import Foundation
import StewardGenerate

/// `steward generate --records N --seed S -o DIR`: synthetic messy contact sources with ground truth.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write deterministic synthetic contact sources with ground truth (truth.csv) and a pipeline file.",
        discussion: """
            Writes into DIR: crm.csv and marketing.csv (csv), cards.vcf (vcard), marketing.xml (xml), \
            support.mbox (email), truth.csv (source,source_id,entity_id) and pipeline.yaml, so that \
            'steward run DIR/pipeline.yaml' and 'steward evaluate --truth DIR/truth.csv DIR/out/crosswalk.csv' \
            measure the matcher. People in four locales (US, UK, DE, FR) with realistic corruption (typos, \
            nicknames, diacritics, phone and email formats, company suffixes, job changes, missing fields) and \
            planted hard negatives (namesakes, colleagues on one switchboard or role address, families, father \
            and son). The same options give byte-identical files. DIR is written atomically; a folder that is not \
            empty and holds no truth.csv is refused (exit 2).
            """
    )

    @Option(help: "Records to write in all sources together.")
    var records: Int

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 1

    @Option(help: "Share of the records that are extra copies of a person already present (0–0.9).")
    var dupRate: Double = 0.3

    @Option(help: "Formats to write, comma-separated: csv, vcard, xml, email.")
    var formats: String = "csv,vcard,xml,email"

    @Option(name: [.short, .customLong("output")], help: "Output folder.")
    var output: String

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func parsedFormats() throws -> [GeneratedFormat] {
        var out: [GeneratedFormat] = []
        for name in formats.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = GeneratedFormat(rawValue: trimmed) else {
                throw ValidationError("unknown format '\(trimmed)' in --formats; use csv, vcard, xml, email")
            }
            if !out.contains(format) { out.append(format) }
        }
        if out.isEmpty { throw ValidationError("--formats names no format; use csv, vcard, xml, email") }
        return out
    }

    func validate() throws {
        _ = try parsedFormats()
        try GenerateOptions(records: records, seed: seed, dupRate: dupRate, formats: try parsedFormats()).validate()
    }

    func run() throws {
        let options = GenerateOptions(records: records, seed: seed, dupRate: dupRate, formats: try parsedFormats())
        let showProgress = !quiet && records >= 100_000
        var lastReport = DispatchTime.now().uptimeNanoseconds
        let summary = try GenerateJob.run(options, directory: output) { done, total in
            guard showProgress else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now - lastReport >= 1_000_000_000 || done == total else { return }
            lastReport = now
            Console.error("generate: \(done) of \(total) records (\(done * 100 / max(1, total))%)")
        }
        print(summary.text)
    }
}
