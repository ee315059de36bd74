/// How users write a CSV delimiter, on the command line and in pipeline files: one ASCII character, or one of
/// the names `tab`, `comma`, `semicolon`, `pipe` (and `\t`).
public enum DelimiterName {
    public static let named: [String: UInt8] = [
        "tab": 0x09, "\\t": 0x09, "\t": 0x09, "comma": 0x2C, "semicolon": 0x3B, "pipe": 0x7C,
    ]

    /// The delimiter byte, or nil when the text is neither a name nor a single usable ASCII character
    /// (quote, CR and LF cannot delimit fields).
    public static func byte(_ text: String) -> UInt8? {
        if let byte = named[text.lowercased()] { return byte }
        guard text.utf8.count == 1, let byte = text.utf8.first, byte < 0x80, byte != 0x22, byte != 0x0A, byte != 0x0D
        else { return nil }
        return byte
    }
}
