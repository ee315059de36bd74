/// How a CSV text is laid out: its delimiter and where the data starts (after a BOM and an Excel `sep=` line).
struct CSVDialect: Sendable, Equatable {
    var delimiter: UInt8
    /// Offset of the first byte after the BOM and the `sep=` line.
    var dataStart: Int
    /// Physical line of `dataStart` (2 after a `sep=` line).
    var dataStartLine: Int
    /// Whether the delimiter came from a `sep=` line.
    var fromSepLine: Bool

    /// Delimiters tried by auto-detection, in order of preference on ties.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// Bytes of input sampled for detection.
    static let sampleBytes = 64 * 1024
    /// Rows sampled for detection (header included).
    static let sampleRows = 50

    /// Finds the dialect of `bytes[start...]`.
    ///
    /// - An Excel `sep=X` first line (optionally quoted, any case) sets the delimiter and is skipped; an explicit
    ///   `override` still wins over it, but the line is skipped either way.
    /// - Otherwise each candidate delimiter parses a sample (first 64 KiB, up to 50 rows); candidates whose header
    ///   has fewer than 2 fields are out; the winner has the most sampled rows with the header's field count, then
    ///   the most header fields, then comes first in `, ; TAB |`. With no winner the delimiter is `,`.
    ///
    /// - Complexity: O(min(n, 64 KiB)) per candidate.
    static func detect(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, override: UInt8?) -> CSVDialect {
        var dataStart = start
        var dataStartLine = 1
        var sepDelimiter: UInt8?
        if let (sep, next) = sepLine(buffer, start: start) {
            sepDelimiter = sep
            dataStart = next
            dataStartLine = 2
        }
        if let delimiter = override ?? sepDelimiter {
            return CSVDialect(
                delimiter: delimiter, dataStart: dataStart, dataStartLine: dataStartLine,
                fromSepLine: override == nil)
        }
        let sampleEnd = min(buffer.count, dataStart + sampleBytes)
        let truncated = sampleEnd < buffer.count
        let sample = UnsafeBufferPointer(rebasing: buffer[0..<sampleEnd])
        var best: (delimiter: UInt8, matching: Int, headerFields: Int)?
        for candidate in candidates {
            var parser = CSVParser(
                buffer: sample, start: dataStart, startLine: dataStartLine, delimiter: candidate,
                maxFieldBytes: Int.max)
            var row = CSVRow()
            var headerFields = 0
            var counts: [Int] = []
            while counts.count < sampleRows, parser.next(into: &row) {
                if row.isBlankLine { continue }
                if truncated && parser.position >= sampleEnd { break }  // last row may be cut off
                if headerFields == 0 {
                    headerFields = row.fields.count
                } else {
                    counts.append(row.fields.count)
                }
            }
            guard headerFields >= 2 else { continue }
            let matching = counts.filter { $0 == headerFields }.count
            if let current = best {
                if matching > current.matching
                    || (matching == current.matching && headerFields > current.headerFields)
                {
                    best = (candidate, matching, headerFields)
                }
            } else {
                best = (candidate, matching, headerFields)
            }
        }
        return CSVDialect(
            delimiter: best?.delimiter ?? UInt8(ascii: ","), dataStart: dataStart, dataStartLine: dataStartLine,
            fromSepLine: false)
    }

    /// Recognises an Excel `sep=X` first line (`sep=;`, `"sep=;"`, `SEP=|`), returning the delimiter and the offset
    /// after the line break.
    static func sepLine(_ buffer: UnsafeBufferPointer<UInt8>, start: Int) -> (UInt8, Int)? {
        var end = start
        while end < buffer.count && end - start < 16 && buffer[end] != 0x0A && buffer[end] != 0x0D { end += 1 }
        guard end - start <= 8 else { return nil }
        var text = Array(buffer[start..<end])
        if text.count >= 2 && text.first == UInt8(ascii: "\"") && text.last == UInt8(ascii: "\"") {
            text = Array(text.dropFirst().dropLast())
        }
        guard text.count == 5 else { return nil }
        let prefix = text[0..<4].map { $0 | 0x20 }  // ASCII lower case; '=' is unchanged by | 0x20
        guard prefix == Array("sep=".utf8) else { return nil }
        let delimiter = text[4]
        guard delimiter != 0x0A, delimiter != 0x0D, delimiter != UInt8(ascii: "\"") else { return nil }
        var next = end
        if next < buffer.count {
            next += (buffer[next] == 0x0D && next + 1 < buffer.count && buffer[next + 1] == 0x0A) ? 2 : 1
        }
        return (delimiter, next)
    }
}
