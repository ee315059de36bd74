/// One problem found in a pipeline file, compiler style: `file:line:col: error: keyPath: message`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var file: String
    /// 1-based line and column of the offending node (0 when the problem concerns the whole file).
    public var line: Int
    public var column: Int
    public var severity: Severity
    /// Dotted path to the key, with list indices: `sources[1].columns.given_name`.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        let path = keyPath.isEmpty ? "" : "\(keyPath): "
        return "\(place): \(severity.rawValue): \(path)\(message)"
    }
}

/// The outcome of validating a pipeline file: the resolved spec when there is no error, and every diagnostic.
public struct ValidationResult: Sendable {
    public var spec: PipelineSpec?
    public var diagnostics: [Diagnostic]

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

/// "Did you mean" suggestions by edit distance, for unknown keys and registry values.
enum Suggestion {
    /// The closest candidate within a distance of about a third of the word, if any.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(Array(word.lowercased().utf8), Array(candidate.utf8))
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    static func hint(_ word: String, _ candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance over bytes. - Complexity: O(|a|·|b|); names are short.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
