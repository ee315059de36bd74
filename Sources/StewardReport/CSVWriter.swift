/// Writes RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// Every field is quoted when it contains the delimiter, a quote, CR or LF (quotes doubled). Fields that a
/// spreadsheet would run as a formula (OWASP "CSV injection": first character `=`, `+`, `-`, `@`, TAB or CR)
/// get a leading apostrophe, which spreadsheets show as text. Numbers with a leading sign (`+4930…`, `-5`) are
/// treated the same way on purpose: a spreadsheet would otherwise turn a phone number into arithmetic.
public struct CSVWriter: Sendable {
    public var delimiter: UInt8
    public private(set) var bytes: [UInt8] = []

    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// Appends one row; `\r\n` line ends, as spreadsheets expect.
    public mutating func writeRow<S: Sequence>(_ fields: S) where S.Element == String {
        var first = true
        for field in fields {
            if !first { bytes.append(delimiter) }
            first = false
            append(field)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The text of everything written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether a spreadsheet would interpret this field as a formula.
    public static func isFormulaLike(_ field: String) -> Bool {
        guard let first = field.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    private mutating func append(_ field: String) {
        // Over the contiguous UTF-8 bytes: no copy of the cell, one scan for the quoting decision.
        let formula = CSVWriter.isFormulaLike(field)
        let delimiter = self.delimiter
        var text = field
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { byte in
                byte == delimiter || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
            }
            if !needsQuotes {
                if formula { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: utf8)
                return
            }
            bytes.append(UInt8(ascii: "\""))
            if formula { bytes.append(UInt8(ascii: "'")) }
            for byte in utf8 {
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
