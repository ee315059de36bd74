import StewardModel

/// Streaming access to parsed CSV rows without header mapping, for tools and benchmarks.
///
/// Decodes like the ingester (BOM, UTF-16, Windows-1252 fallback), honours a `sep=` line, detects the delimiter
/// unless given, and calls `body` once per row (blank lines skipped, header included) with a view whose fields are
/// byte ranges until asked for as `String`.
public enum CSVRowScanner {
    /// A parsed row. Valid only during the `body` call that received it: do not store it.
    public struct Row {
        let parser: CSVParser
        let row: CSVRow

        /// 1-based physical line the row starts on.
        public var line: Int { row.line }
        /// Number of fields.
        public var count: Int { row.fields.count }
        /// Whether the row has a structural problem (text after a closing quote, unterminated quote, NUL, field
        /// too long, too many fields); such rows are what the ingester rejects.
        public var hasIssue: Bool { row.issue != nil }
        /// The text of field `index` (doubled quotes unescaped).
        public func string(at index: Int) -> String { parser.string(row.fields[index]) }
        /// The byte length of field `index` as stored (doubled quotes counted twice).
        public func byteCount(at index: Int) -> Int { row.fields[index].end - row.fields[index].start }
    }

    /// Scans `bytes` row by row.
    ///
    /// - Returns: the decoding warnings.
    /// - Throws: `StewardError(.unsupportedEncoding)` for UTF-32 or BOM-less UTF-16 input.
    /// - Complexity: O(n).
    @discardableResult
    public static func forEachRow(
        in bytes: [UInt8], options: CSVOptions = CSVOptions(), _ body: (Row) -> Void
    ) throws -> [String] {
        let decoded: DecodedText
        do {
            decoded = try CSVDecoder.decode(bytes)
        } catch {
            throw StewardError(.unsupportedEncoding, error.message)
        }
        decoded.bytes.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(decoded: buffer, start: decoded.start, options: options)
            var row = CSVRow()
            while parser.next(into: &row) {
                if row.isBlankLine { continue }
                body(Row(parser: parser, row: row))
            }
        }
        return decoded.warnings
    }
}
