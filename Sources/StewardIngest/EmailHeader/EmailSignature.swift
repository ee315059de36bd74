import StewardModel

/// Phone numbers and a job title read from the signature block of a message body.
///
/// The block: the text before any quoted reply (lines starting with `>`, an `On … wrote:` line, an Outlook
/// `-----Original Message-----` or `From:`/`Sent:` block, a line of underscores, a forwarded-message marker); within
/// it, the lines after the last `-- ` delimiter (RFC 3676 §4.3), else the last ``tailLines`` non-empty lines.
///
/// Phones: a label (`Tel`, `Phone`, `Telefon`, `Tél`, `Office`, `Direct`, `Mobile`, `Mob`, `Cell`, `Handy`, `Fax`,
/// and `T:`, `P:`, `M:`, `F:` with their colon) followed by a number, or a number starting with `+`; at least 7
/// digits. The kind is `mobile` (Mobile, Mob, Mobil, Cell, Handy, Portable, M:), `fax` (Fax, Telefax, F:) or `work`
/// (every other label, and unlabelled `+` numbers, which in a business signature are office lines). The number is
/// kept as written (the phone normalizer reads it later), an extension (`ext. 12`, `x12`) included.
///
/// Title: the first line after the sender's name line in the block, when it is short (≤ 60 characters, ≤ 8 words),
/// has a letter, and is not a phone, email, web address or the name again. The name line is a short line without
/// digits or `@` sharing a word with the sender's display name or the address's local part (`robert.smith`).
///
/// Limits: a title written on the name line (`Robert Smith | VP Sales`) or before it is not found; the line after
/// the name may be the company rather than the title when a signature gives no title.
///
/// - Complexity: O(body bytes) to find the block, on bytes; `String`s only for the block's lines.
struct EmailSignature: Sendable, Equatable {
    var phones: [ContactPoint] = []
    var title: String?

    var isEmpty: Bool { phones.isEmpty && title == nil }

    /// Lines considered when the body has no `-- ` delimiter.
    static let tailLines = 10
    /// Lines considered after a `-- ` delimiter.
    static let blockLines = 16

    /// Reads the signature of `text` (UTF-8), the plain-text body of a message from `address` whose display name
    /// is `senderName`. `mbox` undoes `>From ` quoting first.
    static func extract(from text: [UInt8], senderName: String?, address: String, mbox: Bool) -> EmailSignature {
        text.withUnsafeBufferPointer { extract(from: $0, senderName: senderName, address: address, mbox: mbox) }
    }

    static func extract(
        from text: UnsafeBufferPointer<UInt8>, senderName: String?, address: String, mbox: Bool
    ) -> EmailSignature {
        var lines: [Range<Int>] = []
        var pos = 0
        let n = text.count
        while pos < n {
            var end = pos
            while end < n, text[end] != 0x0A { end += 1 }
            let next = end + 1
            var start = pos
            // Trailing CR, spaces and tabs, except the space of "-- ".
            while end > start,
                text[end - 1] == 0x0D || text[end - 1] == 0x09
                    || (text[end - 1] == 0x20 && !(end - start == 3 && text[start] == 0x2D && text[start + 1] == 0x2D))
            {
                end -= 1
            }
            if mbox, end - start > 5, text[start] == UInt8(ascii: ">") {
                var q = start
                while q < end, text[q] == UInt8(ascii: ">") { q += 1 }
                if hasPrefix(text, q..<end, "from ") { start += 1 }
            }
            let line = start..<end
            pos = next
            if isReplyMarker(text, line) { break }
            if start < end, text[start] == UInt8(ascii: ">") { continue }
            lines.append(line)
        }
        // Outlook's header block of the quoted message: "From: …" followed within two lines by "Sent:"/"Date:".
        for (i, line) in lines.enumerated() where hasPrefix(text, line, "from:") {
            if lines[(i + 1)..<min(i + 3, lines.count)].contains(where: {
                hasPrefix(text, $0, "sent:") || hasPrefix(text, $0, "date:") || hasPrefix(text, $0, "gesendet:")
            }) {
                lines.removeSubrange(i...)
                break
            }
        }
        func isBlank(_ r: Range<Int>) -> Bool { r.allSatisfy { text[$0] == 0x20 || text[$0] == 0x09 } }
        var block: [Range<Int>]
        func isDelimiter(_ r: Range<Int>) -> Bool {
            (r.count == 2 || (r.count == 3 && text[r.lowerBound + 2] == 0x20)) && hasPrefix(text, r, "--")
        }
        if let delimiter = lines.lastIndex(where: isDelimiter) {
            block = Array(lines[(delimiter + 1)...].lazy.filter { !isBlank($0) }.prefix(blockLines))
        } else {
            block = Array(lines.filter { !isBlank($0) }.suffix(tailLines))
        }
        var signature = EmailSignature()
        for k in block.indices {
            while block[k].lowerBound < block[k].upperBound,
                text[block[k].lowerBound] == 0x20 || text[block[k].lowerBound] == 0x09
            {
                block[k] = (block[k].lowerBound + 1)..<block[k].upperBound
            }
            for phone in phones(in: UnsafeBufferPointer(rebasing: text[block[k]]))
            where !signature.phones.contains(phone) {
                signature.phones.append(phone)
            }
        }
        signature.title = title(text, block, senderName: senderName, address: address)
        return signature
    }

    /// Whether `text[range]` starts with `prefix` (written in lower case), ASCII letters compared ignoring case.
    static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where lower(text[range.lowerBound + k]) != p[k] { return false }
        return true
    }

    static func hasSuffix(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        let p = suffix.utf8Start
        let start = range.upperBound - count
        for k in 0..<count where lower(text[start + k]) != p[k] { return false }
        return true
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    static func isReplyMarker(_ text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
        guard line.count >= 3 else { return false }
        switch lower(text[line.lowerBound]) {
        case UInt8(ascii: "-"):
            return hasPrefix(text, line, "-----original message") || hasPrefix(text, line, "----- original message")
                || hasPrefix(text, line, "---------- forwarded message")
        case UInt8(ascii: "b"):
            return hasPrefix(text, line, "begin forwarded message")
        case UInt8(ascii: "o"):
            return hasPrefix(text, line, "on ") && hasSuffix(text, line, "wrote:")
        case UInt8(ascii: "a"):
            return hasPrefix(text, line, "am ") && hasSuffix(text, line, "schrieb:")
        case UInt8(ascii: "l"):
            return hasPrefix(text, line, "le ")
                && (hasSuffix(text, line, "a écrit :") || hasSuffix(text, line, "a écrit:"))
        case UInt8(ascii: "_"):
            return line.count >= 10 && line.allSatisfy { text[$0] == UInt8(ascii: "_") }
        default:
            return false
        }
    }

    // MARK: Phones

    /// Labels (lower-case UTF-8), longest first, with the kind they give and whether they need a colon right after.
    private static let labels: [(label: [UInt8], kind: String, needsColon: Bool)] = [
        ("telephone", "work", false), ("téléphone", "work", false), ("telefon", "work", false),
        ("telefax", "fax", false), ("portable", "mobile", false), ("mobile", "mobile", false),
        ("office", "work", false), ("direct", "work", false), ("phone", "work", false), ("handy", "mobile", false),
        ("mobil", "mobile", false), ("cell", "mobile", false), ("work", "work", false), ("tél", "work", false),
        ("tel", "work", false), ("mob", "mobile", false), ("fax", "fax", false), ("ph", "work", true),
        ("t", "work", true), ("p", "work", true), ("m", "mobile", true), ("f", "fax", true), ("o", "work", true),
    ].map { (Array($0.0.utf8), $0.1, $0.2) }

    @inline(__always)
    private static func isLetterOrDigit(_ b: UInt8) -> Bool {
        let l = b | 0x20
        return (l >= UInt8(ascii: "a") && l <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
            || b >= 0x80
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    /// The phone numbers in one signature line (UTF-8).
    static func phones(in line: UnsafeBufferPointer<UInt8>) -> [ContactPoint] {
        var out: [ContactPoint] = []
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            let atWordStart = i == 0 || !isLetterOrDigit(line[i - 1])
            if atWordStart, isLetterOrDigit(b), !isDigit(b), let (kind, numberStart) = label(line, at: i),
                let (number, end) = number(line, from: numberStart)
            {
                out.append(ContactPoint(number, kind: kind))
                i = end
                continue
            }
            if b == UInt8(ascii: "+"), i + 1 < n, isDigit(line[i + 1]) || line[i + 1] == 0x20 || line[i + 1] == 0x28,
                let (number, end) = number(line, from: i)
            {
                out.append(ContactPoint(number, kind: "work"))
                i = end
                continue
            }
            i += 1
        }
        return out
    }

    /// A label at `i` (a whole word, ASCII case ignored), then `.`, `:`, `-`, spaces or a parenthesised word
    /// (`Phone (work):`): its kind and where the number starts.
    private static func label(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> (String, Int)? {
        let n = line.count
        for (label, kind, needsColon) in labels {
            let count = label.count
            guard i + count <= n, lower(line[i]) == label[0] else { continue }
            var matches = true
            for k in 1..<max(count, 1) where lower(line[i + k]) != label[k] {
                matches = false
                break
            }
            guard matches else { continue }
            var j = i + count
            if j < n, isLetterOrDigit(line[j]) && !isDigit(line[j]) { continue }
            var sawColon = false
            while j < n {
                let c = line[j]
                if c == UInt8(ascii: ":") {
                    sawColon = true
                    j += 1
                } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == 0x20 || c == 0x09 {
                    j += 1
                } else if c == 0xC2, j + 1 < n, line[j + 1] == 0xA0 {
                    j += 2
                } else if c == UInt8(ascii: "("), let close = (j..<n).first(where: { line[$0] == UInt8(ascii: ")") }),
                    close > j + 1, ((j + 1)..<close).allSatisfy({ isLetterOrDigit(line[$0]) && !isDigit(line[$0]) })
                {
                    j = close + 1
                } else {
                    break
                }
            }
            if needsColon && !sawColon { continue }
            guard j < n, isDigit(line[j]) || line[j] == UInt8(ascii: "+") || line[j] == UInt8(ascii: "(") else {
                continue
            }
            return (kind, j)
        }
        return nil
    }

    /// A phone number starting at `start`: digits, `+` first, spaces, `()-./` and no-break spaces, then an optional
    /// extension; at least 7 digits. Returns the number as written and the index after it.
    private static func number(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        let n = line.count
        var j = start
        var digits = 0
        var lastDigit = start
        while j < n {
            let c = line[j]
            if isDigit(c) {
                digits += 1
                lastDigit = j
            } else if c == UInt8(ascii: "+") && j == start {
            } else if c == 0xC2, j + 1 < n, line[j + 1] == 0xA0 {
                j += 1
            } else if !(c == 0x20 || c == UInt8(ascii: "(") || c == UInt8(ascii: ")") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: ".") || c == UInt8(ascii: "/"))
            {
                break
            }
            j += 1
        }
        guard digits >= 7 else { return nil }
        var end = lastDigit + 1
        // Extension: "ext. 12", "ext 12", "extension 12", "x12", "x 12", "#12".
        var k = end
        while k < n, line[k] == 0x20 { k += 1 }
        for marker in ["extension", "ext.", "ext", "x", "#"] {
            let m = Array(marker.utf8)
            guard k + m.count <= n, (0..<m.count).allSatisfy({ lower(line[k + $0]) == m[$0] }) else { continue }
            var e = k + m.count
            while e < n, line[e] == 0x20 || line[e] == UInt8(ascii: ":") { e += 1 }
            let digitsStart = e
            while e < n, isDigit(line[e]) { e += 1 }
            if e > digitsStart { end = e }
            break
        }
        var first = start
        // "(212) 555-0142" keeps its "("; a "(" with no ")" after it is dropped.
        if line[first] == UInt8(ascii: "("), !(first..<end).contains(where: { line[$0] == UInt8(ascii: ")") }) {
            first += 1
        }
        return (String(decoding: UnsafeBufferPointer(rebasing: line[first..<end]), as: UTF8.self), end)
    }

    // MARK: Title

    /// Words of `bytes`: runs of ASCII letters (lower-cased) and non-ASCII bytes, at least two bytes long.
    static func words(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [[UInt8]]) {
        var word: [UInt8] = []
        for b in bytes {
            let l = b | 0x20
            if (l >= UInt8(ascii: "a") && l <= UInt8(ascii: "z")) || b >= 0x80 {
                word.append(b < 0x80 ? l : b)
            } else if !word.isEmpty {
                if word.count >= 2 { out.append(word) }
                word.removeAll(keepingCapacity: true)
            }
        }
        if word.count >= 2 { out.append(word) }
    }

    /// The line after the sender's name line in `block` (ranges of `text`), when it reads as a job title.
    static func title(
        _ text: UnsafeBufferPointer<UInt8>, _ block: [Range<Int>], senderName: String?, address: String
    ) -> String? {
        var nameWords: [[UInt8]] = []
        var sender = senderName ?? ""
        sender.withUTF8 { words($0, into: &nameWords) }
        var local = String(address.split(separator: "@").first ?? "")
        local.withUTF8 { words($0, into: &nameWords) }
        guard !nameWords.isEmpty else { return nil }
        var scratch: [[UInt8]] = []
        func isNameLine(_ line: Range<Int>) -> Bool {
            guard !line.isEmpty, line.count <= 120,
                !line.contains(where: { text[$0] == UInt8(ascii: "@") || isDigit(text[$0]) })
            else { return false }
            scratch.removeAll(keepingCapacity: true)
            words(UnsafeBufferPointer(rebasing: text[line]), into: &scratch)
            guard !scratch.isEmpty, scratch.count <= 6 else { return false }
            return scratch.contains { nameWords.contains($0) }
        }
        guard var k = block.firstIndex(where: isNameLine) else { return nil }
        while k < block.count, isNameLine(block[k]) { k += 1 }
        guard k < block.count else { return nil }
        let line = block[k]
        let bytes = UnsafeBufferPointer(rebasing: text[line])
        let characters = bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        let spaces = bytes.reduce(0) { $0 + ($1 == 0x20 ? 1 : 0) }
        let hasLetter = bytes.contains {
            ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || $0 >= 0x80
        }
        var lowered = bytes.map(lower)
        let web = lowered.withUnsafeMutableBufferPointer { buffer -> Bool in
            let all = UnsafeBufferPointer(buffer)
            return (0..<all.count).contains {
                hasPrefix(all, $0..<all.count, "http") || hasPrefix(all, $0..<all.count, "www.")
            }
        }
        guard characters <= 60, hasLetter, spaces < 8, !bytes.contains(UInt8(ascii: "@")), !web,
            phones(in: bytes).isEmpty, bytes.filter(isDigit).count < 5
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
