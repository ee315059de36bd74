import Testing

@testable import StewardIngest

/// One parsed row as plain values, for comparisons.
struct ParsedRow: Equatable, CustomStringConvertible {
    var line: Int
    var cells: [String]
    var issue: CSVRowIssue?

    var description: String { "\(line): \(cells) \(issue.map { "\($0)" } ?? "")" }
}

/// Parses `text` with the byte parser (no decoding, no dialect detection).
func parseRows(_ text: String, delimiter: Character = ",", maxFieldBytes: Int = 1 << 20) -> [ParsedRow] {
    parseRows(Array(text.utf8), delimiter: delimiter, maxFieldBytes: maxFieldBytes)
}

func parseRows(_ bytes: [UInt8], delimiter: Character = ",", maxFieldBytes: Int = 1 << 20) -> [ParsedRow] {
    bytes.withUnsafeBufferPointer { buffer in
        var parser = CSVParser(
            buffer: buffer, start: 0, startLine: 1, delimiter: delimiter.asciiValue ?? 0,
            maxFieldBytes: maxFieldBytes)
        var row = CSVRow()
        var rows: [ParsedRow] = []
        while parser.next(into: &row) {
            rows.append(ParsedRow(line: row.line, cells: row.fields.map(parser.string), issue: row.issue))
        }
        return rows
    }
}

@Suite("CSV parser (RFC 4180 on bytes)")
struct CSVParserTests {
    @Test("RFC 4180 §2 examples: plain, quoted, doubled quotes, delimiters and line breaks inside quotes")
    func rfcExamples() {
        #expect(
            parseRows("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n") == [
                ParsedRow(line: 1, cells: ["aaa", "bbb", "ccc"]), ParsedRow(line: 2, cells: ["zzz", "yyy", "xxx"]),
            ])
        #expect(parseRows("aaa,bbb,ccc") == [ParsedRow(line: 1, cells: ["aaa", "bbb", "ccc"])])
        #expect(
            parseRows("\"aaa\",\"b\r\nbb\",\"ccc\"\r\nzzz,yyy,xxx") == [
                ParsedRow(line: 1, cells: ["aaa", "b\r\nbb", "ccc"]), ParsedRow(line: 3, cells: ["zzz", "yyy", "xxx"]),
            ])
        #expect(parseRows("\"aaa\",\"b\"\"bb\",\"ccc\"") == [ParsedRow(line: 1, cells: ["aaa", "b\"bb", "ccc"])])
        #expect(parseRows("\"a,b\",\"\",c") == [ParsedRow(line: 1, cells: ["a,b", "", "c"])])
    }

    @Test(
        "line endings: CRLF, LF and lone CR each end a row and count as one line",
        arguments: [
            ("a\r\nb\nc\rd", [1, 2, 3, 4]),
            ("a\n\nb", [1, 2, 3]),
            ("\"x\ny\"\nb\r\n\"p\rq\r\nr\"\ns", [1, 3, 4, 7]),
        ])
    func lineEndings(text: String, lines: [Int]) {
        #expect(parseRows(text).map(\.line) == lines)
    }

    @Test("a blank line is one empty field; a final line break adds no row; a trailing delimiter adds an empty field")
    func edges() {
        #expect(parseRows("") == [])
        #expect(parseRows("\n") == [ParsedRow(line: 1, cells: [""])])
        #expect(parseRows("a,\n") == [ParsedRow(line: 1, cells: ["a", ""])])
        #expect(parseRows("a,") == [ParsedRow(line: 1, cells: ["a", ""])])
        #expect(parseRows(",") == [ParsedRow(line: 1, cells: ["", ""])])
        #expect(parseRows("\"\"") == [ParsedRow(line: 1, cells: [""])])
    }

    @Test("a quote inside an unquoted field is literal")
    func literalQuote() {
        #expect(parseRows("5\" disk, \"Dee\" ,x") == [ParsedRow(line: 1, cells: ["5\" disk", " \"Dee\" ", "x"])])
    }

    @Test("other delimiters", arguments: [";", "\t", "|"] as [Character])
    func delimiters(delimiter: Character) {
        let d = String(delimiter)
        let text = "a\(d)\"b\(d)c\"\(d)d,e\nf\(d)g\(d)h"
        #expect(
            parseRows(text, delimiter: delimiter) == [
                ParsedRow(line: 1, cells: ["a", "b\(d)c", "d,e"]), ParsedRow(line: 2, cells: ["f", "g", "h"]),
            ])
    }

    @Test("text after a closing quote: reported with its column, the rest of the field read literally")
    func textAfterClosingQuote() {
        #expect(
            parseRows("\"Eve\"x,b\nc,d") == [
                ParsedRow(line: 1, cells: ["Eve\"x", "b"], issue: .textAfterClosingQuote(column: 1)),
                ParsedRow(line: 2, cells: ["c", "d"]),
            ])
        #expect(
            parseRows("a,\"b\" \"c\",d\n") == [
                ParsedRow(line: 1, cells: ["a", "b\" \"c\"", "d"], issue: .textAfterClosingQuote(column: 2))
            ])
    }

    @Test("unterminated quote: the row ends with the opening quote's line and parsing resumes on the next line")
    func unterminatedQuote() {
        #expect(
            parseRows("name,email\nAnn,a@x\n\"Bob,b@x\nCy,c@x\n") == [
                ParsedRow(line: 1, cells: ["name", "email"]), ParsedRow(line: 2, cells: ["Ann", "a@x"]),
                ParsedRow(line: 3, cells: ["Bob,b@x"], issue: .unterminatedQuote),
                ParsedRow(line: 4, cells: ["Cy", "c@x"]),
            ])
        // The opening quote on a later line than the row start (after a quoted newline).
        #expect(
            parseRows("\"a\nb\",\"c\nd,e\nf,g") == [
                ParsedRow(line: 1, cells: ["a\nb", "c"], issue: .unterminatedQuote),
                ParsedRow(line: 3, cells: ["d", "e"]), ParsedRow(line: 4, cells: ["f", "g"]),
            ])
    }

    @Test("NUL anywhere in a row is an issue of that row only")
    func nul() {
        #expect(
            parseRows([0x61, 0x00, 0x62, 0x2C, 0x63, 0x0A, 0x22, 0x00, 0x22, 0x0A, 0x64]) == [
                ParsedRow(line: 1, cells: ["a\u{0}b", "c"], issue: .nulByte),
                ParsedRow(line: 2, cells: ["\u{0}"], issue: .nulByte),
                ParsedRow(line: 3, cells: ["d"]),
            ])
    }

    @Test("field limit: exactly the limit passes, one byte more is an issue naming the column")
    func fieldLimit() {
        let at = String(repeating: "x", count: 8)
        let over = String(repeating: "y", count: 9)
        #expect(parseRows("\(at),\"\(at)\"", maxFieldBytes: 8).map(\.issue) == [nil])
        #expect(parseRows("a,\(over)\nb,c", maxFieldBytes: 8).map(\.issue) == [.fieldTooLong(column: 2), nil])
        #expect(parseRows("\"\(over)\",b", maxFieldBytes: 8).map(\.issue) == [.fieldTooLong(column: 1)])
    }

    @Test("more fields than the row limit: an issue, and no more than the limit are stored")
    func tooManyFields() {
        let text = String(repeating: ",", count: CSVParser.maxFieldsPerRow + 5) + "\nok"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var parser = CSVParser(buffer: buffer, start: 0, startLine: 1, delimiter: 0x2C, maxFieldBytes: 10)
            var row = CSVRow()
            let first = parser.next(into: &row)
            #expect(first)
            #expect(row.issue == .tooManyFields)
            #expect(row.fields.count == CSVParser.maxFieldsPerRow)
            let second = parser.next(into: &row)
            #expect(second)
            #expect(row.issue == nil && row.line == 2)
        }
    }

    @Test("a file where every line opens a quote: rows pair up, each reported, in one pass")
    func hostileQuotes() {
        // Line k's quote closes at line k+1's opening quote, which is followed by text: 10 000 rows with issues.
        let rows = parseRows(String(repeating: "\"a,b\n", count: 20_000))
        #expect(rows.count == 10_000)
        #expect(rows.allSatisfy { $0.issue == .textAfterClosingQuote(column: 1) })
        #expect(rows.last?.line == 19_999)
        #expect(rows.first?.cells == ["a,b\n\"a", "b"])
    }
}
