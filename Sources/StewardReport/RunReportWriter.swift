import Dispatch
import StewardModel

/// Writes a run's output folder, all files at once (see ``AtomicDirectory``).
///
/// Files: `golden.csv` (``GoldenCSV``), `lineage.csv` (``LineageCSV``), `crosswalk.csv` (``CrosswalkCSV``),
/// `audit.jsonl` (``AuditLog``), `review.csv` (``ReviewCSV``), `rejects.csv` (``RejectsCSV``) and `summary.json`
/// (``RunSummary/json()``). Every file is written on every run, with its header when it has no rows. CSV files are
/// RFC 4180 with `\r\n` line ends and formula-safe (``CSVWriter``).
public enum RunReportWriter {
    /// The files of an output folder, in the order they are written and listed.
    public static let fileNames = [
        "golden.csv", "lineage.csv", "crosswalk.csv", "audit.jsonl", "review.csv", "rejects.csv", "summary.json",
    ]

    /// Writes `output` as the complete content of the folder `directory`, replacing a previous run's output.
    /// - Throws: ``StewardError``: `internal_failure` when the stage outputs are inconsistent
    ///   (``RunOutput/validate()``), `file_unreadable` when the folder cannot be written or holds files Steward did
    ///   not write. Nothing is changed on disk when it throws.
    public static func write(_ output: RunOutput, to directory: String) throws {
        try AtomicDirectory.replace(directory, with: try files(output), replaceable: replaceable)
    }

    /// The folder's files, rendered.
    static func files(_ output: RunOutput) throws -> [(name: String, bytes: [UInt8])] {
        try output.validate()
        let summary: [UInt8]
        do {
            summary = try output.summary.json()
        } catch {
            throw StewardError(.internalFailure, "cannot encode summary.json", underlying: error)
        }
        // The files are independent: render them in parallel (largest first), each into its own slot, so the
        // bytes are the same at any thread count.
        let renderers: [(name: String, render: @Sendable (RunOutput) -> [UInt8])] = [
            ("lineage.csv", LineageCSV.render), ("audit.jsonl", AuditLog.render), ("golden.csv", GoldenCSV.render),
            ("crosswalk.csv", CrosswalkCSV.render), ("review.csv", ReviewCSV.render),
            ("rejects.csv", { RejectsCSV.render($0.rejects) }),
        ]
        let rendered = ParallelSlots<[UInt8]>(count: renderers.count)
        DispatchQueue.concurrentPerform(iterations: renderers.count) { i in
            rendered.set(i, renderers[i].render(output))
        }
        var files = Dictionary(uniqueKeysWithValues: zip(renderers.map(\.name), rendered.all()))
        files["summary.json"] = summary
        return fileNames.map { ($0, files[$0] ?? []) }
    }

    /// What a previous output folder may hold and still be replaced: this version's files, the HTML report later
    /// versions add, and the `.DS_Store` macOS Finder leaves in folders it shows.
    static let replaceable = Set(fileNames + ["report.html", ".DS_Store"])
}
