import Foundation

/// Text decoding for email header and body bytes: the charsets RFC 2047 encoded words and MIME parts name, and the
/// fallback for raw 8-bit headers.
///
/// Decoded natively (no allocation beyond the output): UTF-8 (invalid sequences become U+FFFD), US-ASCII,
/// ISO-8859-1, ISO-8859-2, ISO-8859-15 and Windows-1252. Other common charsets (Windows-1250/1251/1253/1254,
/// KOI8-R, ISO-8859-5, ISO-2022-JP, Shift_JIS, EUC-JP, EUC-KR, GB2312/GBK, Big5) go through Foundation's
/// converters, a cold path. A charset nobody knows decodes as UTF-8 when the bytes are valid UTF-8 and otherwise
/// gives `nil`, so that an undecodable display name is dropped rather than stored as mojibake.
enum EmailCharset {
    /// Decodes `bytes` in the charset named `name` (case-insensitive, RFC 2231 `*lang` suffix ignored).
    static func decode(_ bytes: [UInt8], charset name: String) -> String? {
        var label = name.lowercased()
        if let star = label.firstIndex(of: "*") { label = String(label[..<star]) }
        switch label {
        case "utf-8", "utf8":
            return String(decoding: bytes, as: UTF8.self)
        case "us-ascii", "ascii", "ansi_x3.4-1968":
            if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
            return latin(bytes, table: nil)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819":
            return latin(bytes, table: nil)
        case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "iso_8859-15":
            return latin(bytes, table: latin9High)
        case "iso-8859-2", "iso8859-2", "latin2", "latin-2", "iso_8859-2":
            return latin(bytes, table: latin2High)
        case "windows-1252", "cp1252", "x-cp1252", "win-1252":
            return windows1252(bytes)
        default:
            if let encoding = foundationEncodings[label],
                let text = String(bytes: bytes, encoding: String.Encoding(rawValue: encoding))
            {
                return text
            }
            if CSVDecoder.firstInvalidUTF8(bytes, from: 0) == nil { return String(decoding: bytes, as: UTF8.self) }
            return nil
        }
    }

    /// Windows-1252 bytes as a `String` (WHATWG mapping, shared with the CSV decoder).
    static func windows1252(_ bytes: [UInt8]) -> String {
        String(decoding: CSVDecoder.windows1252ToUTF8(bytes), as: UTF8.self)
    }

    /// Raw 8-bit header bytes: UTF-8 when they are valid UTF-8, else Windows-1252 (what non-compliant Windows
    /// mailers write). Returns the bytes unchanged when they are ASCII or valid UTF-8.
    static func headerUTF8(_ bytes: [UInt8]) -> (bytes: [UInt8], transcoded: Bool) {
        if CSVDecoder.firstInvalidUTF8(bytes, from: 0) == nil { return (bytes, false) }
        return (CSVDecoder.windows1252ToUTF8(bytes), true)
    }

    /// A single-byte Latin charset: bytes below 0xA0 as in ISO-8859-1, 0xA0–0xFF from `table` (or Latin-1).
    private static func latin(_ bytes: [UInt8], table: [UInt16]?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else if b >= 0xA0, let table {
                CSVDecoder.appendUTF8(UInt32(table[Int(b) - 0xA0]), to: &out)
            } else {
                CSVDecoder.appendUTF8(UInt32(b), to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// ISO-8859-15 (Latin-9) bytes 0xA0–0xFF: Latin-1 with eight changes (€ Š š Ž ž Œ œ Ÿ).
    static let latin9High: [UInt16] = {
        var table = (0xA0...0xFF).map { UInt16($0) }
        for (byte, scalar) in [
            (0xA4, 0x20AC), (0xA6, 0x0160), (0xA8, 0x0161), (0xB4, 0x017D), (0xB8, 0x017E), (0xBC, 0x0152),
            (0xBD, 0x0153), (0xBE, 0x0178),
        ] {
            table[byte - 0xA0] = UInt16(scalar)
        }
        return table
    }()

    /// ISO-8859-2 (Latin-2) bytes 0xA0–0xFF (Unicode's mapping table 8859-2.TXT).
    static let latin2High: [UInt16] = [
        0x00A0, 0x0104, 0x02D8, 0x0141, 0x00A4, 0x013D, 0x015A, 0x00A7, 0x00A8, 0x0160, 0x015E, 0x0164, 0x0179,
        0x00AD, 0x017D, 0x017B, 0x00B0, 0x0105, 0x02DB, 0x0142, 0x00B4, 0x013E, 0x015B, 0x02C7, 0x00B8, 0x0161,
        0x015F, 0x0165, 0x017A, 0x02DD, 0x017E, 0x017C, 0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106,
        0x00C7, 0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E, 0x0110, 0x0143, 0x0147, 0x00D3,
        0x00D4, 0x0150, 0x00D6, 0x00D7, 0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF, 0x0155,
        0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7, 0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED,
        0x00EE, 0x010F, 0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7, 0x0159, 0x016F, 0x00FA,
        0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
    ]

    /// IANA charset names → `String.Encoding` raw values (NSStringEncoding; CoreFoundation encodings as
    /// `0x8000_0000 | CFStringEncoding`) for the charsets decoded through Foundation.
    static let foundationEncodings: [String: UInt] = {
        var table: [String: UInt] = [:]
        func add(_ names: [String], _ raw: UInt) { for name in names { table[name] = raw } }
        add(["windows-1250", "cp1250"], String.Encoding.windowsCP1250.rawValue)
        add(["windows-1251", "cp1251"], String.Encoding.windowsCP1251.rawValue)
        add(["windows-1253", "cp1253"], String.Encoding.windowsCP1253.rawValue)
        add(["windows-1254", "cp1254"], String.Encoding.windowsCP1254.rawValue)
        add(["iso-2022-jp", "csiso2022jp"], String.Encoding.iso2022JP.rawValue)
        add(["shift_jis", "shift-jis", "sjis", "cp932", "windows-31j", "x-sjis"], String.Encoding.shiftJIS.rawValue)
        add(["euc-jp", "x-euc-jp"], String.Encoding.japaneseEUC.rawValue)
        add(["koi8-r"], 0x8000_0A02)
        add(["koi8-u"], 0x8000_0A08)
        add(["iso-8859-5", "iso8859-5"], 0x8000_0205)
        add(["iso-8859-7", "iso8859-7"], 0x8000_0207)
        add(["iso-8859-9", "iso8859-9", "latin5"], 0x8000_0209)
        add(["euc-kr", "ks_c_5601-1987", "ks_c_5601", "cp949"], 0x8000_0940)
        add(["gb2312", "euc-cn", "x-gbk", "gbk", "cp936"], 0x8000_0631)
        add(["gb18030"], 0x8000_0632)
        add(["big5", "big5-hkscs"], 0x8000_0A03)
        return table
    }()
}
