import Foundation

/// One field of a parsed row: a byte range into the parser's buffer, not yet a `String`.
struct CSVField: Sendable {
    /// Offset of the first content byte (after the opening quote for quoted fields).
    var start: Int
    /// Offset one past the last content byte (before the closing quote).
    var end: Int
    /// Whether the content contains doubled quotes (`""`) that must be unescaped.
    var hasEscapedQuote: Bool

    var isEmpty: Bool { start == end }
}

/// A structural problem found while parsing one row. The row is still delimited correctly so parsing continues.
enum CSVRowIssue: Sendable, Equatable {
    /// `"Eve"x`: text after a closing quote in the 1-based `column`.
    case textAfterClosingQuote(column: Int)
    /// A quoted field still open at the end of the input. The row is taken to end with the opening quote's line.
    case unterminatedQuote
    /// A field longer than the limit, in the 1-based `column`.
    case fieldTooLong(column: Int)
    /// A NUL byte somewhere in the row.
    case nulByte
    /// More than ``CSVParser/maxFieldsPerRow`` fields.
    case tooManyFields
}

/// A parsed row: where it starts (physical line, byte offset), its fields as ranges, and its first problem.
struct CSVRow: Sendable {
    /// 1-based physical line the row starts on.
    var line: Int = 0
    /// Byte offsets of the row's text, terminator excluded.
    var start: Int = 0
    var end: Int = 0
    var fields: [CSVField] = []
    var issue: CSVRowIssue?

    /// A line with no bytes at all (not even a quote).
    var isBlankLine: Bool { start == end && issue == nil }
}

/// RFC 4180 CSV parser over UTF-8 bytes, one pass, fields as byte ranges.
///
/// Implements RFC 4180 §2 with the usual relaxations: records end with CRLF, LF or a lone CR (old Mac files); the
/// delimiter is any byte (`,` `;` TAB `|` in practice); a quote inside an unquoted field is literal (`5" disk`);
/// text after a closing quote, an unterminated quote, a NUL byte and an over-long field are reported as a row
/// ``CSVRowIssue`` instead of failing, and parsing resumes at a well-defined place:
/// - text after a closing quote: the rest of that field is read as unquoted text; the row ends as usual;
/// - unterminated quote: the row ends at the end of the physical line holding the opening quote and parsing
///   resumes on the next line (so every later good row is still read; at most one scan to the end of input can
///   happen per file, because every quote run after an unterminated quote is even — the scan stays linear);
/// - too many fields: fields beyond ``maxFieldsPerRow`` are scanned but not stored (memory stays bounded).
///
/// Hot loop: unquoted bytes are skipped with one compare against the delimiter and one range check (`> 0x0D`);
/// quoted content with a table of four stop bytes (`"` LF CR NUL). No allocation per field; `row.fields` is reused.
///
/// - Complexity: O(n) over the input bytes.
struct CSVParser {
    static let maxFieldsPerRow = 1 << 14

    /// The input; UnsafeBufferPointer subscripts are unchecked in release builds.
    let base: UnsafeBufferPointer<UInt8>
    let count: Int
    let delimiter: UInt8
    let maxFieldBytes: Int
    /// Next byte to read.
    private(set) var position: Int
    /// Physical line (1-based) of `position`.
    private(set) var line: Int

    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// - Parameters:
    ///   - buffer: UTF-8 bytes; must outlive the parser.
    ///   - start: offset to start at (after a BOM or a `sep=` line); `startLine` its physical line.
    init(buffer: UnsafeBufferPointer<UInt8>, start: Int, startLine: Int, delimiter: UInt8, maxFieldBytes: Int) {
        self.base = buffer
        self.count = buffer.count
        self.position = min(start, buffer.count)
        self.line = startLine
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }

    /// A parser over decoded text (after its BOM) with the dialect detected, or overridden by `options`.
    init(decoded buffer: UnsafeBufferPointer<UInt8>, start: Int, options: CSVOptions) {
        let dialect = CSVDialect.detect(buffer, start: start, override: options.delimiter)
        self.init(
            buffer: buffer, start: dialect.dataStart, startLine: dialect.dataStartLine, delimiter: dialect.delimiter,
            maxFieldBytes: options.maxFieldBytes)
    }

    /// Parses the next row into `row` (reusing its storage). Returns `false` at the end of input.
    mutating func next(into row: inout CSVRow) -> Bool {
        guard position < count else { return false }
        row.fields.removeAll(keepingCapacity: true)
        row.issue = nil
        row.line = line
        row.start = position
        var p = position
        let delimiter = self.delimiter
        let count = self.count
        let base = self.base
        while true {
            let column = row.fields.count + 1
            if p < count && base[p] == CSVParser.quote {
                // Quoted field.
                let openLine = line
                let openAt = p
                let contentStart = p + 1
                var q = contentStart
                var escaped = false
                var closed = false
                while q < count {
                    q = firstSpecial(from: q, stop: CSVParser.quote)
                    guard q < count else { break }
                    let b = base[q]
                    if b == CSVParser.quote {
                        if q + 1 < count && base[q + 1] == CSVParser.quote {
                            escaped = true
                            q += 2
                            continue
                        }
                        closed = true
                        break
                    } else if b == CSVParser.lf {
                        line += 1
                    } else if b == CSVParser.cr {
                        if !(q + 1 < count && base[q + 1] == CSVParser.lf) { line += 1 }
                    } else if b == 0 {
                        if row.issue == nil { row.issue = .nulByte }
                    }
                    q += 1
                }
                guard closed else {
                    // Unterminated: the row ends with the opening quote's physical line.
                    row.issue = .unterminatedQuote
                    line = openLine
                    var e = openAt
                    while e < count && base[e] != CSVParser.lf && base[e] != CSVParser.cr { e += 1 }
                    row.end = e
                    finishLine(at: e)
                    appendField(CSVField(start: contentStart, end: min(e, count), hasEscapedQuote: false), to: &row)
                    return true
                }
                var field = CSVField(start: contentStart, end: q, hasEscapedQuote: escaped)
                p = q + 1
                if p < count {
                    let b = base[p]
                    if b != delimiter && b != CSVParser.lf && b != CSVParser.cr {
                        // Text after the closing quote: read the rest as unquoted text.
                        if row.issue == nil { row.issue = .textAfterClosingQuote(column: column) }
                        p = scanUnquoted(from: p, row: &row)
                        field.end = p
                    }
                }
                if field.end - field.start > maxFieldBytes, row.issue == nil {
                    row.issue = .fieldTooLong(column: column)
                }
                appendField(field, to: &row)
            } else {
                let e = scanUnquoted(from: p, row: &row)
                if e - p > maxFieldBytes, row.issue == nil { row.issue = .fieldTooLong(column: column) }
                appendField(CSVField(start: p, end: e, hasEscapedQuote: false), to: &row)
                p = e
            }
            // p is at a delimiter, a line break or the end.
            if p >= count {
                row.end = count
                position = count
                return true
            }
            let b = base[p]
            if b == delimiter {
                p += 1
                if p >= count {
                    // A trailing delimiter at the end of input ends with an empty last field.
                    appendField(CSVField(start: p, end: p, hasEscapedQuote: false), to: &row)
                    row.end = count
                    position = count
                    return true
                }
                continue
            }
            row.end = p
            finishLine(at: p)
            return true
        }
    }

    /// Skips unquoted field bytes from `p`; returns the offset of the delimiter, line break or end of input.
    @inline(__always)
    private func scanUnquoted(from start: Int, row: inout CSVRow) -> Int {
        var p = start
        let delimiter = self.delimiter
        while true {
            p = firstSpecial(from: p, stop: delimiter)
            guard p < count else { return p }
            let b = base[p]
            if b == delimiter || b == CSVParser.lf || b == CSVParser.cr { return p }
            if b == 0 && row.issue == nil { row.issue = .nulByte }
            p += 1
        }
    }

    /// Offset of the first byte at or after `start` that is below `0x0E` (NUL, LF, CR and the other controls up to
    /// CR) or equal to `stop`; `count` when there is none.
    ///
    /// Eight bytes per step (SWAR): for a little-endian word `w`, `(w - 0x0E…) & ~w & 0x80…` flags bytes below
    /// `0x0E` and the same test on `w ^ stop…` flags bytes equal to `stop`. Borrows only run upwards, so the lowest
    /// flag is exact (higher ones may be spurious and are not used). The last few bytes go one at a time.
    @inline(__always)
    private func firstSpecial(from start: Int, stop: UInt8) -> Int {
        var p = start
        if let address = base.baseAddress {
            let raw = UnsafeRawPointer(address)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs = ones &* 0x80
            let stops = ones &* UInt64(stop)
            let below = ones &* 0x0E
            while p + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
                let x = word ^ stops
                let flags = (((word &- below) & ~word) | ((x &- ones) & ~x)) & highs
                if flags != 0 { return p + (flags.trailingZeroBitCount >> 3) }
                p += 8
            }
        }
        while p < count {
            let b = base[p]
            if b < 0x0E || b == stop { return p }
            p += 1
        }
        return p
    }

    /// Consumes the line break at `p` (CRLF, LF or CR) and moves to the next line.
    private mutating func finishLine(at p: Int) {
        var next = p
        if next < count {
            if base[next] == CSVParser.cr && next + 1 < count && base[next + 1] == CSVParser.lf {
                next += 2
            } else {
                next += 1
            }
            line += 1
        }
        position = next
    }

    @inline(__always)
    private func appendField(_ field: CSVField, to row: inout CSVRow) {
        if row.fields.count < CSVParser.maxFieldsPerRow {
            row.fields.append(field)
        } else if row.issue == nil {
            row.issue = .tooManyFields
        }
    }

    /// The text of `field`, with doubled quotes unescaped. The bytes are valid UTF-8 (the decoder ensured it).
    func string(_ field: CSVField) -> String {
        if field.isEmpty { return "" }
        let bytes = UnsafeBufferPointer(rebasing: base[field.start..<field.end])
        guard field.hasEscapedQuote else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var i = 0
            while i < bytes.count {
                out[n] = bytes[i]
                n += 1
                i += bytes[i] == CSVParser.quote && i + 1 < bytes.count && bytes[i + 1] == CSVParser.quote ? 2 : 1
            }
            return n
        }
    }

    /// `field` without ASCII spaces, tabs and line breaks around it.
    func trimmed(_ field: CSVField) -> CSVField {
        var f = field
        while f.start < f.end && CSVParser.isASCIISpace(base[f.start]) { f.start += 1 }
        while f.end > f.start && CSVParser.isASCIISpace(base[f.end - 1]) { f.end -= 1 }
        return f
    }

    @inline(__always)
    static func isASCIISpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// Calls `body` with each string of `field` split at Google's multi-value separator ` ::: ` (once, with the
    /// whole field, when there is none), each trimmed of ASCII spaces and controls as in ``forEachPartRange(_:_:)``.
    ///
    /// - Complexity: O(field length); no allocation beyond the strings.
    @inline(__always)
    func forEachPart(_ field: CSVField, _ body: (_ index: Int, _ part: String) -> Void) {
        forEachPartRange(field) { index, part in body(index, string(part)) }
    }

    /// Calls `body` with the byte range of each part of `field` split at Google's multi-value separator ` ::: `,
    /// exactly the parts ``forEachPart(_:_:)`` makes strings of, each trimmed of bytes `<= 0x20` (ASCII space and
    /// controls) at both ends; a part that was all such bytes comes as an empty range. `index` counts every part.
    ///
    /// - Complexity: O(field length); allocates nothing.
    @inline(__always)
    func forEachPartRange(_ field: CSVField, _ body: (_ index: Int, _ part: CSVField) -> Void) {
        let colon = UInt8(ascii: ":")
        let space = UInt8(ascii: " ")
        var index = 0
        var pieceStart = field.start
        var i = field.start + 1
        while i + 3 < field.end {
            // Jump to the next colon (a separator can start nowhere else); most fields have none.
            guard let address = base.baseAddress,
                let hit = memchr(address + i, Int32(colon), field.end - 3 - i)
            else { break }
            i = UnsafeRawPointer(hit) - UnsafeRawPointer(address)
            if base[i + 1] == colon && base[i + 2] == colon && base[i - 1] == space && base[i + 3] == space {
                body(
                    index,
                    paddingTrimmed(CSVField(start: pieceStart, end: i - 1, hasEscapedQuote: field.hasEscapedQuote)))
                index += 1
                pieceStart = i + 4
                i += 4
                continue
            }
            i += 1
        }
        body(index, paddingTrimmed(CSVField(start: pieceStart, end: field.end, hasEscapedQuote: field.hasEscapedQuote)))
    }

    /// Calls `body` with the content bytes of `field`: the input itself, or, when the field has doubled quotes,
    /// its unescaped copy in `scratch` (reused between calls).
    @inline(__always)
    func withBytes(
        _ field: CSVField, scratch: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let raw = UnsafeBufferPointer(rebasing: base[field.start..<field.end])
        guard field.hasEscapedQuote else { return body(raw) }
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        while i < raw.count {
            scratch.append(raw[i])
            i += raw[i] == CSVParser.quote && i + 1 < raw.count && raw[i + 1] == CSVParser.quote ? 2 : 1
        }
        scratch.withUnsafeBufferPointer(body)
    }

    /// `field` without bytes `<= 0x20` (ASCII space and C0 controls) at either end: the ASCII part of what
    /// `RecordFields` trims, so values can be made into strings already trimmed in the common case.
    @inline(__always)
    func paddingTrimmed(_ field: CSVField) -> CSVField {
        var f = field
        while f.start < f.end && base[f.start] <= 0x20 { f.start += 1 }
        while f.end > f.start && base[f.end - 1] <= 0x20 { f.end -= 1 }
        return f
    }

    /// Whether the field holds only spaces, tabs or other ASCII control characters (blank once trimmed).
    func isBlank(_ field: CSVField) -> Bool {
        var i = field.start
        while i < field.end {
            if base[i] > 0x20 { return false }
            i += 1
        }
        return true
    }

    /// The row's raw text for a reject, at most `limit` bytes (the reject truncates further and escapes controls).
    func rawText(_ row: CSVRow, limit: Int = 1024) -> String {
        let end = min(row.end, row.start + limit)
        guard end > row.start else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: base[row.start..<end]), as: UTF8.self)
    }
}
