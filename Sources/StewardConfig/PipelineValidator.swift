import Foundation
import StewardModel
import Yams

/// Validates a pipeline file in two phases: lint the YAML node tree (every problem collected, each with its
/// line, column and key path), then resolve it (defaults, paths relative to the pipeline file, globs) into a
/// ``PipelineSpec``. Nothing is ingested or written.
public enum PipelineValidator {
    /// Top-level keys of a pipeline file.
    public static let topLevelKeys = [
        "version", "name", "store", "defaults", "sources", "blocking", "compare", "rules", "thresholds", "matching",
        "survivorship", "constraints", "output",
    ]
    /// Keys of one `sources[]` entry.
    public static let sourceKeys = [
        "name", "format", "path", "trust", "region", "delimiter", "columns", "fields", "record", "namespaces",
        "headers", "signatures",
    ]
    /// Keys of one `compare[]` entry.
    public static let compareKeys = ["field", "method", "levels", "m", "u", "term_frequency"]
    /// Keys of one `rules[]` entry (the keys of its `when` are field names).
    public static let ruleKeys = ["name", "when", "decision"]
    /// Keys of the `matching` section.
    public static let matchingKeys = ["prior", "max_block_size", "model"]

    /// The fields the match stage compares when a pipeline file has no `compare` section; `rules` may name these.
    public static let builtInComparedFields: [FieldReference] = MatchSettings.contactComparisons.map(\.field)

    /// Reads and validates the pipeline file at `path` (as the user gave it).
    public static func validate(file path: String) -> ValidationResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            let message = exists ? "cannot read the pipeline file" : "no such pipeline file"
            return ValidationResult(spec: nil, diagnostics: [fileError(path, message)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ValidationResult(spec: nil, diagnostics: [fileError(path, "the pipeline file is not UTF-8 text")])
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return validate(yaml: text, file: path, baseDirectory: base)
    }

    /// Validates pipeline text; relative paths in it resolve against `baseDirectory`.
    public static func validate(yaml: String, file: String, baseDirectory: String) -> ValidationResult {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return ValidationResult(spec: nil, diagnostics: [syntaxError(error, file: file)])
        } catch {
            return ValidationResult(spec: nil, diagnostics: [fileError(file, "cannot parse YAML: \(error)")])
        }
        guard let root else {
            return ValidationResult(spec: nil, diagnostics: [fileError(file, "the pipeline file is empty")])
        }
        var linter = PipelineLinter(file: file, baseDirectory: baseDirectory)
        let spec = linter.pipeline(root)
        let errors = linter.diagnostics.contains { $0.severity == .error }
        // In file order, as a compiler lists them (the sort is stable for problems on one node).
        let sorted = linter.diagnostics.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
        return ValidationResult(spec: errors ? nil : spec, diagnostics: sorted)
    }

    static func fileError(_ file: String, _ message: String) -> Diagnostic {
        Diagnostic(file: file, line: 0, column: 0, severity: .error, keyPath: "", message: message)
    }

    static func syntaxError(_ error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return Diagnostic(
                file: file, line: mark.line, column: mark.column, severity: .error, keyPath: "",
                message: "YAML syntax: \(problem)")
        case .composer(_, let problem, let mark, _):
            return Diagnostic(
                file: file, line: mark.line, column: mark.column, severity: .error, keyPath: "",
                message: "YAML: \(problem)")
        default:
            return fileError(file, "YAML: \(error)")
        }
    }
}
