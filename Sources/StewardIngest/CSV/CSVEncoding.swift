/// Text encodings the CSV ingester recognises, and their decoding to UTF-8 bytes.
///
/// Detection order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides; without one the bytes are validated as
/// UTF-8 and, when invalid, decoded as Windows-1252 (the encoding Excel on Windows writes for "CSV (Comma
/// delimited)") with a warning. UTF-32 (with a BOM) and UTF-16 without a BOM are refused rather than guessed.
/// Not handled: other legacy code pages (ISO-8859-2, Shift-JIS, …), which decode as Windows-1252 mojibake.
public enum CSVEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case utf16LE = "UTF-16LE"
    case utf16BE = "UTF-16BE"
    case windows1252 = "Windows-1252"
}

/// The result of decoding a file: UTF-8 bytes starting at `start`, the encoding found, and warnings.
struct DecodedText: Sendable {
    /// UTF-8 bytes; the text starts at `start` (after a UTF-8 BOM the original array is kept, not copied).
    var bytes: [UInt8]
    var start: Int
    var encoding: CSVEncoding
    var warnings: [String]
}

/// A whole-file encoding failure (the message says what and how to fix).
struct EncodingFailure: Error, Sendable {
    var message: String
}

enum CSVDecoder {
    /// Decodes `bytes` to UTF-8 as described in ``CSVEncoding``.
    ///
    /// - Throws: ``EncodingFailure`` for UTF-32 and BOM-less UTF-16 input.
    /// - Complexity: O(n); valid UTF-8 input is validated in place (8 bytes at a time for ASCII) and not copied.
    static func decode(_ bytes: [UInt8]) throws(EncodingFailure) -> DecodedText {
        let n = bytes.count
        if n >= 4, bytes[0] == 0xFF, bytes[1] == 0xFE, bytes[2] == 0, bytes[3] == 0 {
            throw EncodingFailure(message: "UTF-32LE is not supported; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
        if n >= 4, bytes[0] == 0, bytes[1] == 0, bytes[2] == 0xFE, bytes[3] == 0xFF {
            throw EncodingFailure(message: "UTF-32BE is not supported; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return transcodeUTF16(bytes, bigEndian: false)
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return transcodeUTF16(bytes, bigEndian: true)
        }
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            if let bad = firstInvalidUTF8(bytes, from: 3) {
                let repaired = Array(String(decoding: bytes[3...], as: UTF8.self).utf8)
                let where_ = lineDescription(bytes, offset: bad)
                return DecodedText(
                    bytes: repaired, start: 0, encoding: .utf8BOM,
                    warnings: ["invalid UTF-8 after a UTF-8 byte-order mark (first at \(where_)); replaced with U+FFFD"]
                )
            }
            return DecodedText(bytes: bytes, start: 3, encoding: .utf8BOM, warnings: [])
        }
        if looksLikeUTF16WithoutBOM(bytes) {
            throw EncodingFailure(
                message: "looks like UTF-16 without a byte-order mark; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
        guard let bad = firstInvalidUTF8(bytes, from: 0) else {
            return DecodedText(bytes: bytes, start: 0, encoding: .utf8, warnings: [])
        }
        return DecodedText(
            bytes: windows1252ToUTF8(bytes), start: 0, encoding: .windows1252,
            warnings: [
                "decoded as Windows-1252: not valid UTF-8 (first invalid byte at \(lineDescription(bytes, offset: bad)))"
            ]
        )
    }

    /// `line L, byte B` for a byte offset (1-based line, counting LF, CR and CRLF as one break each).
    static func lineDescription(_ bytes: [UInt8], offset: Int) -> String {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                lineStart = i + 1
            }
            i += 1
        }
        return "line \(line), byte \(offset - lineStart + 1)"
    }

    /// Four ASCII characters each followed (or preceded) by a zero byte at the very start of the file.
    static func looksLikeUTF16WithoutBOM(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        var le = true
        var be = true
        for i in stride(from: 0, to: 8, by: 2) {
            let a = bytes[i]
            let b = bytes[i + 1]
            if !(a != 0 && a < 0x80 && b == 0) { le = false }
            if !(b != 0 && b < 0x80 && a == 0) { be = false }
        }
        return le || be
    }

    /// Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629: no overlongs, no
    /// surrogates, nothing above U+10FFFF), or `nil` when all of `bytes[from...]` is valid.
    ///
    /// - Complexity: O(n); ASCII runs are checked 8 bytes at a time.
    static func firstInvalidUTF8(_ bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0, from: from) }
    }

    /// ``firstInvalidUTF8(_:from:)`` over a buffer, so a slice of a larger input is checked without copying.
    static func firstInvalidUTF8(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        do {
            guard let base = buffer.baseAddress else { return nil }
            let n = buffer.count
            var i = from
            let raw = UnsafeRawPointer(base)
            while i < n {
                // ASCII fast path, 8 bytes at a time.
                while i + 8 <= n {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                let b0 = base[i]
                if b0 < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80
                var upper: UInt8 = 0xBF
                switch b0 {
                case 0xC2...0xDF: length = 2
                case 0xE0:
                    length = 3
                    lower = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED:
                    length = 3
                    upper = 0x9F
                case 0xF0:
                    length = 4
                    lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4:
                    length = 4
                    upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                let b1 = base[i + 1]
                guard b1 >= lower && b1 <= upper else { return i }
                var k = 2
                while k < length {
                    guard base[i + k] & 0xC0 == 0x80 else { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }

    /// Unicode scalars for Windows-1252 bytes 0x80–0x9F (WHATWG mapping: the five unassigned bytes map to the C1
    /// controls of the same value). Bytes 0xA0–0xFF are Latin-1.
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Transcodes Windows-1252 bytes to UTF-8.
    ///
    /// - Complexity: O(n); output at most 3 × n bytes.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                let scalar = b < 0xA0 ? windows1252High[Int(b) - 0x80] : UInt32(b)
                appendUTF8(scalar, to: &out)
            }
        }
        return out
    }

    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80:
            out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Transcodes UTF-16 (after its BOM) to UTF-8; unpaired surrogates and an odd trailing byte become U+FFFD
    /// with a warning.
    static func transcodeUTF16(_ bytes: [UInt8], bigEndian: Bool) -> DecodedText {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2 + 16)
        var warnings: [String] = []
        var replaced = 0
        let units = (bytes.count - 2) / 2
        func unit(_ k: Int) -> UInt32 {
            let a = UInt32(bytes[2 + 2 * k])
            let b = UInt32(bytes[3 + 2 * k])
            return bigEndian ? (a << 8 | b) : (b << 8 | a)
        }
        var k = 0
        while k < units {
            let u = unit(k)
            k += 1
            if u >= 0xD800 && u <= 0xDBFF {
                if k < units {
                    let low = unit(k)
                    if low >= 0xDC00 && low <= 0xDFFF {
                        k += 1
                        appendUTF8(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), to: &out)
                        continue
                    }
                }
                appendUTF8(0xFFFD, to: &out)
                replaced += 1
            } else if u >= 0xDC00 && u <= 0xDFFF {
                appendUTF8(0xFFFD, to: &out)
                replaced += 1
            } else {
                appendUTF8(u, to: &out)
            }
        }
        if (bytes.count - 2) % 2 != 0 {
            appendUTF8(0xFFFD, to: &out)
            warnings.append("UTF-16 input has an odd number of bytes; the last byte was replaced with U+FFFD")
        }
        if replaced > 0 {
            warnings.append("\(replaced) unpaired UTF-16 surrogate(s) replaced with U+FFFD")
        }
        return DecodedText(
            bytes: out, start: 0, encoding: bigEndian ? .utf16BE : .utf16LE, warnings: warnings)
    }
}
