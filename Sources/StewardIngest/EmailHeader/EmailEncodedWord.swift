/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in display names, comments and quoted strings.
///
/// Decoding follows RFC 2047 §4–§6 with the leniency real mail needs: encoded words are decoded inside quoted
/// strings too (forbidden by §5, written by many mailers), white space between two adjacent encoded words is dropped
/// (§6.2), and adjacent words in the same charset are decoded together so that a multi-byte character split across
/// two words survives. Base64 tolerates missing padding and stray characters; an `=` in Q text that does not start a
/// hex pair is kept as written. RFC 2231 language suffixes (`utf-8*en`) are ignored. A word in a charset
/// ``EmailCharset`` cannot decode makes the whole text undecodable (`nil`).
enum EmailEncodedWord {
    /// The parts of an encoded word found at `start`: byte ranges of the charset and the encoded text, the
    /// encoding letter (upper-cased), and the index after the closing `?=`.
    struct Match {
        var charset: Range<Int>
        var encoding: UInt8
        var text: Range<Int>
        var end: Int
    }

    /// Whether `bytes[start...]` (bounded by `end`) begins with an encoded word.
    ///
    /// - Complexity: O(length of the word).
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> Match? {
        guard start + 8 <= end, bytes[start] == UInt8(ascii: "="), bytes[start + 1] == UInt8(ascii: "?") else {
            return nil
        }
        var i = start + 2
        let charsetStart = i
        while i < end, bytes[i] != UInt8(ascii: "?"), bytes[i] > 0x20, bytes[i] < 0x7F { i += 1 }
        guard i > charsetStart, i + 3 < end, bytes[i] == UInt8(ascii: "?") else { return nil }
        let charset = charsetStart..<i
        let letter = bytes[i + 1] & 0xDF
        guard letter == UInt8(ascii: "B") || letter == UInt8(ascii: "Q"), bytes[i + 2] == UInt8(ascii: "?") else {
            return nil
        }
        i += 3
        let textStart = i
        while i < end, bytes[i] != UInt8(ascii: "?"), bytes[i] > 0x20 { i += 1 }
        guard i + 1 < end, bytes[i] == UInt8(ascii: "?"), bytes[i + 1] == UInt8(ascii: "=") else { return nil }
        return Match(charset: charset, encoding: letter, text: textStart..<i, end: i + 2)
    }

    /// The bytes an encoded word's text stands for.
    static func payload(_ bytes: UnsafeBufferPointer<UInt8>, _ match: Match) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(match.text.count)
        if match.encoding == UInt8(ascii: "B") {
            EmailBase64.decode(UnsafeBufferPointer(rebasing: bytes[match.text]), into: &out)
            return out
        }
        var i = match.text.lowerBound
        let end = match.text.upperBound
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "_") {
                out.append(0x20)
            } else if b == UInt8(ascii: "="), i + 2 < end, let high = hexValue(bytes[i + 1]),
                let low = hexValue(bytes[i + 2])
            {
                out.append(high << 4 | low)
                i += 3
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        default: return nil
        }
    }

    /// Decodes text that may hold encoded words among ordinary (UTF-8) text, as in a display name, comment or
    /// quoted string. White space between two encoded words is dropped; other white space is kept as written.
    /// Returns `nil` when an encoded word names a charset that cannot be decoded.
    static func decode(_ text: [UInt8]) -> String? {
        // Fast path: no "=?" at all.
        var hasMarker = false
        if text.count >= 8 {
            for i in 0..<(text.count - 1) where text[i] == UInt8(ascii: "=") && text[i + 1] == UInt8(ascii: "?") {
                hasMarker = true
                break
            }
        }
        guard hasMarker else { return String(decoding: text, as: UTF8.self) }
        return text.withUnsafeBufferPointer { bytes -> String? in
            var out = ""
            var plain: [UInt8] = []
            // Encoded bytes not yet decoded, and their charset (adjacent words in one charset decode together).
            var pending: [UInt8] = []
            var pendingCharset = ""
            var afterWord = false
            // White space seen after an encoded word; written only if ordinary text follows.
            var heldSpace: [UInt8] = []
            func flushPending() -> Bool {
                guard !pending.isEmpty || !pendingCharset.isEmpty else { return true }
                guard let decoded = EmailCharset.decode(pending, charset: pendingCharset) else { return false }
                out += decoded
                pending.removeAll(keepingCapacity: true)
                pendingCharset = ""
                return true
            }
            var i = 0
            let end = bytes.count
            while i < end {
                let b = bytes[i]
                if b == UInt8(ascii: "="), let word = match(bytes, at: i, end: end) {
                    let charset = String(decoding: UnsafeBufferPointer(rebasing: bytes[word.charset]), as: UTF8.self)
                    if !afterWord || charset.lowercased() != pendingCharset.lowercased() {
                        guard flushPending() else { return nil }
                    }
                    if !plain.isEmpty {
                        out += String(decoding: plain, as: UTF8.self)
                        plain.removeAll(keepingCapacity: true)
                    }
                    heldSpace.removeAll(keepingCapacity: true)
                    if pendingCharset.isEmpty { pendingCharset = charset }
                    pending += payload(bytes, word)
                    afterWord = true
                    i = word.end
                    continue
                }
                if afterWord && (b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A) {
                    heldSpace.append(b)
                    i += 1
                    continue
                }
                if afterWord {
                    guard flushPending() else { return nil }
                    afterWord = false
                    plain += heldSpace
                    heldSpace.removeAll(keepingCapacity: true)
                }
                plain.append(b)
                i += 1
            }
            guard flushPending() else { return nil }
            plain += heldSpace
            if !plain.isEmpty { out += String(decoding: plain, as: UTF8.self) }
            return out
        }
    }
}

/// Lenient base64 (RFC 4648 alphabet): characters outside the alphabet are skipped, decoding stops at `=`, and a
/// final partial group yields the bytes it holds.
enum EmailBase64 {
    static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// - Complexity: O(n).
    static func decode(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var accumulator: UInt32 = 0
        var bits = 0
        for c in text {
            if c == UInt8(ascii: "=") { break }
            let v = values[Int(c)]
            if v == 0xFF { continue }
            accumulator = accumulator << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
    }
}
