import Foundation

/// Golden-file comparison: `testdata/expected/<relative>` holds the expected text; with `STEWARD_UPDATE_GOLDENS=1`
/// the actual text is written there instead (review the diff before committing).
public enum Golden {
    /// Whether this run rewrites goldens rather than checking them.
    public static var updating: Bool { ProcessInfo.processInfo.environment["STEWARD_UPDATE_GOLDENS"] == "1" }

    /// Compares `actual` with the golden file; returns a readable description of the first difference, or nil.
    public static func mismatch(_ actual: String, golden relative: String) throws -> String? {
        let url = Fixtures.url("expected/" + relative)
        if updating {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return nil
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected == actual { return nil }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? e[i] : "<missing>", al = i < a.count ? a[i] : "<missing>"
            if el != al {
                return "testdata/expected/\(relative) line \(i + 1) differs (STEWARD_UPDATE_GOLDENS=1 to accept):\n"
                    + "expected: \(el)\nactual:   \(al)"
            }
        }
        return "testdata/expected/\(relative) differs"
    }
}
