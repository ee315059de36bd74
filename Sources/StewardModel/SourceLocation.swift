/// Where a record or a reject came from: a file plus a line (text formats) or a record ordinal (`file#n`).
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based line of the record's first line, for line-oriented formats.
    public var line: Int?
    /// 1-based ordinal of the record inside the file, for formats without meaningful lines.
    public var ordinal: Int?

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
        self.ordinal = nil
    }

    public init(file: String, ordinal: Int) {
        self.file = file
        self.line = nil
        self.ordinal = ordinal
    }

    /// Whole-file location, for errors that concern the file rather than one record.
    public init(file: String) {
        self.file = file
        self.line = nil
        self.ordinal = nil
    }

    /// `file:line`, `file#n`, or just `file`.
    public var description: String {
        if let line { return "\(file):\(line)" }
        if let ordinal { return "\(file)#\(ordinal)" }
        return file
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = SourceLocation.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Parses the `description` form back (`a.csv:12`, `a.xml#3`, `a.csv`).
    public static func parse(_ text: String) -> SourceLocation {
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            return SourceLocation(file: String(text[..<colon]), line: line)
        }
        if let hash = text.lastIndex(of: "#"), let ordinal = Int(text[text.index(after: hash)...]) {
            return SourceLocation(file: String(text[..<hash]), ordinal: ordinal)
        }
        return SourceLocation(file: text)
    }
}
