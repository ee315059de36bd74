import Foundation

/// The character set a vCard value is written in: its `CHARSET` parameter, or unspecified (UTF-8, with a
/// Windows-1252 fallback for bytes that are not UTF-8).
///
/// Decoded on bytes: UTF-8 (and US-ASCII), ISO-8859-1 and Windows-1252. A few legacy sets seen in phone exports
/// (Shift_JIS, EUC-JP, ISO-2022-JP, ISO-8859-2, Windows-1250/1251/1253/1254) go through Foundation, once per
/// value. Any other name is `unsupported` and decodes like `unspecified`, with a warning.
enum VCardCharset: Equatable {
    case unspecified
    case utf8
    case latin1
    case windows1252
    case foundation(String.Encoding)
    case unsupported

    init(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        // The usual spellings without allocating.
        if VCardByte.equalsIgnoringCase(p, start, end, "UTF-8") {
            self = .utf8
            return
        }
        if VCardByte.equalsIgnoringCase(p, start, end, "WINDOWS-1252") {
            self = .windows1252
            return
        }
        if VCardByte.equalsIgnoringCase(p, start, end, "ISO-8859-1") {
            self = .latin1
            return
        }
        var name: [UInt8] = []
        name.reserveCapacity(end - start)
        for i in start..<end {
            let b = VCardByte.upper(p[i])
            if b != 0x2D && b != 0x5F && b != VCardByte.space { name.append(b) }  // drop `-`, `_`, spaces
        }
        switch String(decoding: name, as: UTF8.self) {
        case "UTF8", "USASCII", "ASCII", "ANSIX3.41968": self = .utf8
        case "ISO88591", "LATIN1", "L1", "ISO8859", "ISOLATIN1": self = .latin1
        case "WINDOWS1252", "CP1252", "WIN1252", "XCP1252", "MSANSI": self = .windows1252
        case "SHIFTJIS", "SJIS", "WINDOWS31J", "CP932", "MSKANJI": self = .foundation(.shiftJIS)
        case "EUCJP": self = .foundation(.japaneseEUC)
        case "ISO2022JP": self = .foundation(.iso2022JP)
        case "ISO88592", "LATIN2": self = .foundation(.isoLatin2)
        case "WINDOWS1250", "CP1250": self = .foundation(.windowsCP1250)
        case "WINDOWS1251", "CP1251": self = .foundation(.windowsCP1251)
        case "WINDOWS1253", "CP1253": self = .foundation(.windowsCP1253)
        case "WINDOWS1254", "CP1254": self = .foundation(.windowsCP1254)
        default: self = .unsupported
        }
    }

    /// Whether valid UTF-8 is taken as UTF-8 (unspecified and unknown sets fall back only when it is not).
    var isUTF8Compatible: Bool {
        switch self {
        case .unspecified, .utf8, .unsupported: return true
        case .latin1, .windows1252, .foundation: return false
        }
    }

    /// Whether printable ASCII bytes stand for themselves (false for ISO-2022-JP, whose escape sequences are
    /// ASCII bytes).
    var isASCIICompatible: Bool {
        if case .foundation(let encoding) = self { return encoding != .iso2022JP }
        return true
    }
}
