import Foundation
import StewardModel

/// The one-screen summary printed at the end of a run: plain text, aligned columns, at most 25 lines.
///
/// Records and rejects per source (at most 7 sources listed; more are folded into one line), candidate pairs per
/// blocking pass and skipped blocks, pairs compared per decision, merged clusters, golden records, review pairs,
/// flagged clusters, the spread of match weights (a one-line histogram, log-scaled bars, with the share of pairs
/// per score band), stage timings, the output folder with its files, and up to 3 warnings (the rest are counted;
/// all are in `summary.json`). Numbers use `,` thousands separators whatever the locale.
public enum RunSummaryFormatter {
    /// The most lines ``text(_:)`` returns.
    public static let maxLines = 26

    public static func text(_ summary: RunSummary) -> String {
        let counts = summary.counts
        var lines = [
            clipped(
                "steward \(summary.stewardVersion) · pipeline \(summary.pipeline) · \(summary.startedAt) → "
                    + summary.finishedAt, 120)
        ]

        // Sources: at most 7 rows, or 6 and a line for the rest.
        let shown = summary.sources.count <= 7 ? summary.sources : Array(summary.sources.prefix(6))
        let hidden = summary.sources.dropFirst(shown.count)
        var table: [[String]] = [["source", "files", "records", "rejects"]]
        for source in shown {
            table.append([
                clipped(source.name, 30), grouped(source.files.count), grouped(source.records),
                grouped(source.rejects),
            ])
        }
        if !hidden.isEmpty {
            table.append([
                "… \(hidden.count) more", grouped(hidden.reduce(0) { $0 + $1.files.count }),
                grouped(hidden.reduce(0) { $0 + $1.records }), grouped(hidden.reduce(0) { $0 + $1.rejects }),
            ])
        }
        table.append([
            "total", grouped(summary.sources.reduce(0) { $0 + $1.files.count }),
            grouped(summary.sources.reduce(0) { $0 + $1.records }), grouped(counts.rejected),
        ])

        // Stage counts: label, number, detail.
        let skipped = counts.blocking.reduce(0) { $0 + $1.skipped.count }
        var passes = counts.blocking.map { "\($0.name) \(grouped($0.newPairs))" }.joined(separator: " · ")
        if skipped > 0 { passes += " (\(grouped(skipped)) \(skipped == 1 ? "block" : "blocks") skipped)" }
        let decisions = StageCounts.allDecisions.filter { counts.count($0) > 0 }
            .map { "\($0.rawValue) \(grouped(counts.count($0)))" }.joined(separator: " · ")
        let stages: [[String]] = [
            ["candidate pairs", grouped(counts.candidatePairs), passes],
            ["compared", grouped(counts.compared), decisions],
            ["merged clusters", grouped(counts.multiRecordClusters), "of \(grouped(counts.clusters)) clusters"],
            ["golden records", grouped(counts.goldenRecords), ""],
            ["review pairs", grouped(counts.reviewPairs), counts.reviewPairs > 0 ? "review.csv" : ""],
            ["flagged clusters", grouped(counts.flaggedClusters), counts.flaggedClusters > 0 ? "audit.jsonl" : ""],
        ]

        let labelWidth =
            (table.map { $0[0] } + stages.map { $0[0] } + ["timings (s)", "output", "match weights"])
            .map(\.count).max() ?? 0
        let sourceLines = aligned(table, labelWidth: labelWidth)
        lines += sourceLines
        // Stage numbers end under the source table's `records` column.
        func width(_ column: Int) -> Int { table.map { $0[column].count }.max() ?? 0 }
        lines += aligned(stages, labelWidth: labelWidth, minWidths: [1: width(1) + 2 + width(2)], leftAligned: [2])

        if let weights = summary.matchWeights, weights.total > 0 {
            lines.append(pad("match weights", labelWidth) + "  " + histogramLine(weights))
        }
        if !summary.timings.isEmpty {
            let total = summary.timings.reduce(0) { $0 + $1.seconds }
            let timing = [
                ["timings (s)"] + summary.timings.map(\.stage) + ["total"],
                [""] + summary.timings.map { ReportNumber.fixed($0.seconds, 3) } + [ReportNumber.fixed(total, 3)],
            ]
            lines += aligned(timing, labelWidth: labelWidth)
        }
        if !summary.outputDirectory.isEmpty {
            let folder =
                summary.outputDirectory.hasSuffix("/") ? summary.outputDirectory : summary.outputDirectory + "/"
            lines.append(
                pad("output", labelWidth) + "  " + folder + "  " + RunReportWriter.fileNames.joined(separator: " "))
        }
        if !summary.warnings.isEmpty {
            let count = summary.warnings.count
            lines.append(pad("warnings", labelWidth) + "  " + grouped(count))
            for warning in summary.warnings.prefix(3) { lines.append("  " + clipped(warning, 110)) }
            if count > 3 { lines.append("  … \(grouped(count - 3)) more in summary.json") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `-24 ▁▂▅█▃▁  ▁▂▄▂ +31 bits · merge 12.3% · review 2.1% · distinct 85.6%`: one bar per bin group (at
    /// most 40 bars, each `step` bits wide), heights on a log scale so that the small hump of matches shows beside
    /// the many non-matches; a space is an empty group.
    static func histogramLine(_ weights: WeightHistogram) -> String {
        let span = weights.span
        let step = max(1, (span.counts.count + 39) / 40)
        var groups: [Int] = []
        for start in stride(from: 0, to: span.counts.count, by: step) {
            groups.append(span.counts[start..<min(start + step, span.counts.count)].reduce(0, +))
        }
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = log(Double((groups.max() ?? 0) + 1))
        let line = String(
            groups.map { count -> Character in
                guard count > 0 else { return " " }
                let height = Int((log(Double(count + 1)) / top * Double(bars.count)).rounded(.up))
                return bars[min(max(height, 1), bars.count) - 1]
            })
        let upper = span.from + groups.count * step
        func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : "\(value)" }
        func share(_ count: Int) -> String { ReportNumber.fixed(100 * Double(count) / Double(weights.total), 1) + "%" }
        let unit = step == 1 ? "bits" : "bits, \(step) per bar"
        return "\(signed(span.from)) \(line) \(signed(upper)) \(unit) · merge \(share(weights.merge)) · review "
            + "\(share(weights.review)) · distinct \(share(weights.distinct))"
    }

    /// Rows as columns: the first left-aligned to `labelWidth`, the others right-aligned to their widest cell or
    /// `minWidths[column]` (left-aligned when listed in `leftAligned`), two spaces apart; trailing spaces trimmed.
    private static func aligned(
        _ rows: [[String]], labelWidth: Int, minWidths: [Int: Int] = [:], leftAligned: Set<Int> = []
    ) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [labelWidth] + [Int](repeating: 0, count: max(columns - 1, 0))
        for (column, width) in minWidths where column < columns { widths[column] = width }
        for row in rows {
            for (column, cell) in row.enumerated().dropFirst() { widths[column] = max(widths[column], cell.count) }
        }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                if column > 0 { line += "  " }
                line +=
                    column == 0 || leftAligned.contains(column)
                    ? pad(cell, widths[column]) : leftPad(cell, widths[column])
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `text` on one line (line breaks and tabs as spaces), cut to `limit` characters with `…`.
    private static func clipped(_ text: String, _ limit: Int) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    /// `1234567` → `1,234,567`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }
}
