import Foundation

/// Locates files under the repository's `testdata/` (and `../shared/corpus` when present) from any test.
public enum Fixtures {
    /// The repository root, found from this source file's path.
    public static let repositoryRoot: URL = {
        URL(fileURLWithPath: #filePath)  // …/Sources/StewardTestSupport/Fixtures.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    /// `testdata/<relative>`.
    public static func url(_ relative: String) -> URL {
        repositoryRoot.appendingPathComponent("testdata").appendingPathComponent(relative)
    }

    /// The contents of `testdata/<relative>`.
    public static func data(_ relative: String) throws -> Data {
        try Data(contentsOf: url(relative))
    }

    /// `../shared/corpus/<relative>` beside the repository, or `nil` when the corpus is absent
    /// (a user's clone has none; tests that need it skip).
    public static func corpusURL(_ relative: String) -> URL? {
        let url = repositoryRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpus").appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether the shared corpus is present beside the repository.
    public static var hasCorpus: Bool { corpusURL("README.md") != nil }

    /// Reads a tab-separated reference table (first line is the header) into dictionaries keyed by column name.
    /// Lines starting with `#` are comments.
    public static func referenceTable(_ relative: String) throws -> [[String: String]] {
        let text = String(decoding: try data(relative), as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.hasPrefix("#") }
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().components(separatedBy: "\t")
        return lines.map { line in
            let cells = line.components(separatedBy: "\t")
            var row: [String: String] = [:]
            for (i, name) in header.enumerated() { row[name] = i < cells.count ? cells[i] : "" }
            return row
        }
    }
}
