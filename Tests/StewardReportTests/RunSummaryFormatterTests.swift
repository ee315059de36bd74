import StewardModel
import Testing

@testable import StewardReport

@Suite("Run summary formatter")
struct RunSummaryFormatterTests {
    @Test("one screen: sources, stage counts, timings, output folder, warnings")
    func text() {
        let expected = """
            steward 0.1.0 · pipeline demo · 2026-10-02T09:15:00Z → 2026-10-02T09:15:01Z
            source            files  records  rejects
            crm                   1        3        1
            cards                 1        2        0
            total                 2        5        1
            candidate pairs                3  email 1 · name 2 (1 block skipped)
            compared                       3  merge 1 · review 1 · no_merge_by_rule 1
            merged clusters                1  of 4 clusters
            golden records                 4
            review pairs                   1  review.csv
            flagged clusters               1  audit.jsonl
            timings (s)       ingest  normalize  match  cluster  merge  report  total
                               0.250      0.125  0.500    0.062  0.031   0.031  1.000
            output            out/demo/  golden.csv lineage.csv crosswalk.csv audit.jsonl review.csv rejects.csv summary.json
            warnings          1
              pass name: block BRN (612 records) skipped: more than max_block_size 500

            """
        #expect(RunSummaryFormatter.text(RunOutputFixture.summary()) == expected)
    }

    @Test("match weights: one log-scaled bar per bit from the lowest to the highest weight, and the score bands")
    func weights() {
        var weights = WeightHistogram()
        for (weight, count, probability) in [(-20.0, 900, 0.0), (-19.0, 90, 0.0), (10.0, 5, 0.999), (12.5, 50, 0.9999)]
        {
            for _ in 0..<count {
                weights.add(weight: weight, probability: probability, mergeThreshold: 0.95, reviewThreshold: 0.7)
            }
        }
        let bars = "█▆" + String(repeating: " ", count: 28) + "▃ ▅"
        #expect(
            RunSummaryFormatter.histogramLine(weights)
                == "-20 \(bars) +13 bits · merge 5.3% · review 0.0% · distinct 94.7%")
        var summary = RunOutputFixture.summary()
        summary.matchWeights = weights
        let lines = RunSummaryFormatter.text(summary).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("match weights     -20 █▆ ") })
        // 80 bits of spread: two bits per bar.
        var wide = WeightHistogram()
        wide.add(weight: -40, probability: 0, mergeThreshold: 0.95, reviewThreshold: 0.7)
        wide.add(weight: 39.5, probability: 1, mergeThreshold: 0.95, reviewThreshold: 0.7)
        #expect(
            RunSummaryFormatter.histogramLine(wide)
                == "-40 █" + String(repeating: " ", count: 38) + "█ +40 bits, 2 per bar · merge 50.0% · review 0.0% · "
                + "distinct 50.0%")
    }

    @Test("many sources and warnings still fit in one screen; numbers grouped by thousands")
    func long() {
        var summary = RunOutputFixture.summary()
        summary.matchWeights = WeightHistogram()
        summary.matchWeights?.add(weight: 1, probability: 0.5, mergeThreshold: 0.95, reviewThreshold: 0.7)
        summary.sources = (1...12).map {
            SourceSummary(name: "source_\($0)", files: ["a.csv", "b.csv"], records: 1_000_000 * $0, rejects: $0)
        }
        summary.counts.rejected = 78
        summary.warnings = (1...10).map { "warning \($0)\nsecond line" }
        let text = RunSummaryFormatter.text(summary)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= RunSummaryFormatter.maxLines)
        #expect(lines.contains("source_6              2   6,000,000        6"))
        #expect(lines.contains("… 6 more             12  57,000,000       57"))
        #expect(lines.contains("total                24  78,000,000       78"))
        #expect(lines.contains("  warning 1 second line"))
        #expect(lines.last == "  … 7 more in summary.json")
    }

    @Test("thousands separators", arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (-1_234_567, "-1,234,567")])
    func grouped(value: Int, expected: String) {
        #expect(RunSummaryFormatter.grouped(value) == expected)
    }
}
