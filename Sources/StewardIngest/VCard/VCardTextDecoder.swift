import Foundation

/// What happened while decoding one value, for the file's warnings and the card's rejects.
struct VCardDecodeNotes: OptionSet {
    let rawValue: UInt8
    /// Unspecified charset, not valid UTF-8: decoded as Windows-1252.
    static let windows1252Fallback = VCardDecodeNotes(rawValue: 1)
    /// `CHARSET=UTF-8` but not valid UTF-8: invalid sequences replaced with U+FFFD.
    static let replacedInvalidUTF8 = VCardDecodeNotes(rawValue: 2)
    /// A NUL byte in the value.
    static let nulByte = VCardDecodeNotes(rawValue: 4)
}

/// Decodes vCard property values to UTF-8: quoted-printable (RFC 2045 §6.7; soft line breaks are already joined
/// by the reader), the character set, then the text escapes `\\`, `\,`, `\;`, `\:` (Apple writes `http\://`),
/// `\"` (Google writes it), `\n`/`\N` (newline). Any other backslash pair is kept as written, so 2.1 values such
/// as `DOMAIN\user` survive.
///
/// Also splits structured values (`N`, `ADR`, `ORG`) into components at unescaped separators, before decoding, so
/// an escaped `\;` stays inside its component.
///
/// Cost: ASCII, and valid UTF-8 in an unspecified or UTF-8 charset, is appended in one pass (two with escapes);
/// quoted-printable and other charsets take one pass per stage through reused scratch buffers, without allocating.
struct VCardTextDecoder {
    private var quotedPrintable: [UInt8] = []
    private var transcoded: [UInt8] = []

    /// Appends `raw` decoded to UTF-8 to `out`.
    ///
    /// Fast paths: printable ASCII is appended as is (or unescaped); UTF-8 that is valid and not quoted-printable in
    /// an unspecified or UTF-8 charset is unescaped directly. Everything else goes through scratch buffers.
    mutating func append(
        _ raw: UnsafeBufferPointer<UInt8>, quotedPrintable qp: Bool, charset: VCardCharset, to out: inout [UInt8]
    ) -> VCardDecodeNotes {
        if charset.isASCIICompatible {
            var backslash = false
            var nonASCII = false
            for b in raw {
                if b >= 0x80 {
                    nonASCII = true
                } else if b == VCardByte.backslash {
                    backslash = true
                } else if b == 0 || (qp && b == VCardByte.equals) {
                    return appendSlow(raw, quotedPrintable: qp, charset: charset, to: &out)
                }
            }
            if !nonASCII || (charset.isUTF8Compatible && VCardTextDecoder.isValidUTF8(raw)) {
                if backslash {
                    VCardTextDecoder.appendUnescaped(raw, to: &out)
                } else {
                    out.append(contentsOf: raw)
                }
                return []
            }
        }
        return appendSlow(raw, quotedPrintable: qp, charset: charset, to: &out)
    }

    @inline(never)
    private mutating func appendSlow(
        _ raw: UnsafeBufferPointer<UInt8>, quotedPrintable qp: Bool, charset: VCardCharset, to out: inout [UInt8]
    ) -> VCardDecodeNotes {
        var decoded = quotedPrintable
        quotedPrintable = []
        var text = transcoded
        transcoded = []
        defer {
            quotedPrintable = decoded
            transcoded = text
        }
        decoded.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        if qp {
            VCardTextDecoder.decodeQuotedPrintable(raw, into: &decoded)
        } else {
            decoded.append(contentsOf: raw)
        }
        var notes = decoded.withUnsafeBufferPointer { VCardTextDecoder.transcode($0, charset, into: &text) }
        text.withUnsafeBufferPointer { utf8 in
            if utf8.contains(0) { notes.insert(.nulByte) }
            VCardTextDecoder.appendUnescaped(utf8, to: &out)
        }
        return notes
    }

    /// `=XX` (either case) becomes the byte; an `=` not followed by two hex digits is kept; a final lone `=`
    /// (a soft line break with nothing after it) is dropped.
    static func decodeQuotedPrintable(_ raw: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = raw.count
        var i = 0
        while i < n {
            let b = raw[i]
            if b == VCardByte.equals {
                if i + 2 < n, let high = hex(raw[i + 1]), let low = hex(raw[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                    continue
                }
                if i == n - 1 { break }
            }
            out.append(b)
            i += 1
        }
    }

    @inline(__always)
    static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Transcodes `bytes` in `charset` to UTF-8.
    static func transcode(
        _ bytes: UnsafeBufferPointer<UInt8>, _ charset: VCardCharset, into out: inout [UInt8]
    ) -> VCardDecodeNotes {
        if charset.isASCIICompatible && !bytes.contains(where: { $0 >= 0x80 }) {
            out.append(contentsOf: bytes)
            return []
        }
        switch charset {
        case .unspecified, .unsupported:
            if isValidUTF8(bytes) {
                out.append(contentsOf: bytes)
                return []
            }
            appendWindows1252(bytes, to: &out)
            return .windows1252Fallback
        case .utf8:
            if isValidUTF8(bytes) {
                out.append(contentsOf: bytes)
                return []
            }
            out.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf8)
            return .replacedInvalidUTF8
        case .latin1:
            for b in bytes {
                if b < 0x80 {
                    out.append(b)
                } else {
                    CSVDecoder.appendUTF8(UInt32(b), to: &out)
                }
            }
            return []
        case .windows1252:
            appendWindows1252(bytes, to: &out)
            return []
        case .foundation(let encoding):
            if let text = String(bytes: bytes, encoding: encoding) {
                out.append(contentsOf: text.utf8)
                return []
            }
            // Not valid in the declared set either: keep what UTF-8 / Windows-1252 make of it.
            return transcode(bytes, .unspecified, into: &out)
        }
    }

    /// Windows-1252 to UTF-8 with the CSV ingester's table (WHATWG mapping).
    static func appendWindows1252(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for b in bytes {
            if b < 0x80 {
                out.append(b)
            } else {
                let scalar = b < 0xA0 ? CSVDecoder.windows1252High[Int(b) - 0x80] : UInt32(b)
                CSVDecoder.appendUTF8(scalar, to: &out)
            }
        }
    }

    /// Appends `text` with the vCard escapes resolved (runs without a backslash are copied whole).
    static func appendUnescaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let n = text.count
        var run = 0
        var i = 0
        while i < n {
            guard text[i] == VCardByte.backslash && i + 1 < n else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
            let c = text[i + 1]
            switch c {
            case 0x6E, 0x4E: out.append(VCardByte.lf)  // \n \N
            case VCardByte.backslash, VCardByte.comma, VCardByte.semicolon, VCardByte.colon, VCardByte.quote:
                out.append(c)
            default:
                out.append(VCardByte.backslash)
                out.append(c)
            }
            i += 2
            run = i
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<n]))
    }

    /// Calls `body` with each part of `raw` between unescaped `separator`s (a backslash escapes the next byte).
    @inline(__always)
    static func forEachComponent(
        _ raw: UnsafeBufferPointer<UInt8>, separator: UInt8, _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) {
        let n = raw.count
        var start = 0
        var index = 0
        var i = 0
        while i < n {
            let b = raw[i]
            if b == VCardByte.backslash {
                i += 2
                continue
            }
            if b == separator {
                body(index, UnsafeBufferPointer(rebasing: raw[start..<i]))
                index += 1
                start = i + 1
            }
            i += 1
        }
        body(index, UnsafeBufferPointer(rebasing: raw[start..<n]))
    }

    /// Whether `bytes` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or values above U+10FFFF).
    ///
    /// Through `CSVDecoder.firstInvalidUTF8`'s buffer form: a slice of the input is checked without copying.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        CSVDecoder.firstInvalidUTF8(bytes, from: 0) == nil
    }
}
