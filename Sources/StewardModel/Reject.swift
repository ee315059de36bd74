/// Why an input record could not be used. Typed, so reports can group by reason.
public enum RejectReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A row with a different number of fields than the header.
    case wrongColumnCount(expected: Int, found: Int)
    /// A quoted field with text after its closing quote (`"Eve"x`).
    case textAfterClosingQuote(column: Int)
    /// A quoted field still open at the end of the file.
    case unterminatedQuote
    /// A field longer than the configured limit.
    case fieldTooLong(column: Int, limit: Int)
    /// Bytes that cannot be part of text (NUL).
    case invalidBytes(String)
    /// The same source id appeared earlier in the same source.
    case duplicateSourceID(String, firstSeen: String)
    /// A record with no usable value at all.
    case emptyRecord
    /// Anything else a format-specific ingester reports.
    case malformed(String)

    public var description: String {
        switch self {
        case .wrongColumnCount(let expected, let found):
            return "wrong column count: expected \(expected), found \(found)"
        case .textAfterClosingQuote(let column):
            return "text after closing quote in column \(column)"
        case .unterminatedQuote:
            return "unterminated quoted field: no closing quote before the end of the file; the row ends at its line"
        case .fieldTooLong(let column, let limit):
            return "field in column \(column) longer than \(limit) bytes"
        case .invalidBytes(let what):
            return "invalid bytes: \(what)"
        case .duplicateSourceID(let id, let firstSeen):
            return "duplicate source id '\(id)' (first seen at \(firstSeen))"
        case .emptyRecord:
            return "record has no values"
        case .malformed(let message):
            return message
        }
    }

    /// A short stable code for grouping (`wrong_column_count`, …).
    public var code: String {
        switch self {
        case .wrongColumnCount: return "wrong_column_count"
        case .textAfterClosingQuote: return "text_after_closing_quote"
        case .unterminatedQuote: return "unterminated_quote"
        case .fieldTooLong: return "field_too_long"
        case .invalidBytes: return "invalid_bytes"
        case .duplicateSourceID: return "duplicate_source_id"
        case .emptyRecord: return "empty_record"
        case .malformed: return "malformed"
        }
    }
}

/// An input record that could not be used: where it was, why, and its raw text (truncated, control characters escaped).
public struct Reject: Sendable, Hashable {
    public var source: String
    public var location: SourceLocation
    public var reason: RejectReason
    public var rawText: String

    /// Longest raw text kept with a reject, in characters.
    public static let maxRawTextLength = 200

    public init(source: String, location: SourceLocation, reason: RejectReason, rawText: String) {
        self.source = source
        self.location = location
        self.reason = reason
        self.rawText = Reject.sanitized(rawText)
    }

    /// Truncates to ``maxRawTextLength`` and escapes control characters (`\n`, `\r`, `\t`, `\u{0}`…).
    public static func sanitized(_ raw: String) -> String {
        var out = ""
        var count = 0
        for scalar in raw.unicodeScalars {
            if count >= maxRawTextLength {
                out += "…"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out
    }
}

/// What one ingester produced from one file: the good records, the rejects, and counts.
public struct IngestResult: Sendable {
    public var records: [SourceRecord]
    public var rejects: [Reject]
    /// Non-fatal notes the user should see (e.g. "decoded as Windows-1252: not valid UTF-8").
    public var warnings: [String]
    /// Records read, including rejected ones. Always `records.count + rejects.count`.
    public var recordsRead: Int { records.count + rejects.count }

    public init(records: [SourceRecord] = [], rejects: [Reject] = [], warnings: [String] = []) {
        self.records = records
        self.rejects = rejects
        self.warnings = warnings
    }
}
