/// One mailbox of an address-list header: the address as written (comments, white space and any source route
/// removed) and the display name decoded, or the comment that carries the name in the obsolete `addr (Name)` form.
struct EmailMailbox: Sendable, Equatable {
    var address: String
    /// Decoded display name as written (white space inside kept); `nil` when there is none or it could not be
    /// decoded (an unknown charset).
    var name: String?
    /// Byte offset of the address in the header value, to find its physical line.
    var offset: Int
}

/// Parses RFC 5322 §3.4 address lists (`From`, `To`, `Cc`, …) leniently, as mail in the wild is written.
///
/// Handled: display names as atoms, quoted strings (commas, `\"` escapes, `<` and `;` inside) or RFC 2047 encoded
/// words (decoded after the list is split, so an encoded comma never splits it); comments anywhere, nested, with
/// `\)` escapes (a comment after an angle-less address is its name, the obsolete `addr (Name)` form); groups
/// (`Team: a@x, b@y;`, `undisclosed-recipients:;`), whose names are dropped; angle-less addresses; and the
/// obsolete or broken forms RFC 5322 §4.4 and real mailers produce: source routes (`<@relay:user@host>`), white
/// space and comments inside an address (`jdoe@test . example`), a missing closing `>`, unquoted `@` in display
/// names, several `<…>` or addresses without commas between them, `;` as a separator, empty list elements,
/// trailing junk. 8-bit UTF-8 (RFC 6532) stays as written, so IDN domains are kept as UTF-8.
///
/// Not handled: an unquoted `:` inside a display name reads as a group name, as RFC 5322 says it must; an element
/// without `@` (`To: Mary Smith`, `From: foo`) yields no mailbox.
///
/// - Complexity: O(n) in the header value; one token array reused across calls.
struct EmailAddressParser {
    enum Kind: UInt8 {
        case atom, quoted, comment, literal, special, encoded
    }

    /// A lexical token: `start..<end` is the content (without the quotes of a quoted string or the parentheses of
    /// a comment); `space` says white space or a comment came before it.
    struct Token {
        var kind: Kind
        var start: Int32
        var end: Int32
        var space: Bool
    }

    private var tokens: [Token] = []

    init() {}

    /// Parses `value` (valid UTF-8, unfolded) and appends its mailboxes to `out`.
    mutating func parse(_ value: UnsafeBufferPointer<UInt8>, into out: inout [EmailMailbox]) {
        tokenize(value)
        var parse = ListParse(value: value, tokens: tokens)
        parse.run(into: &out)
    }

    /// Convenience for tests and cold paths.
    mutating func parse(_ value: String) -> [EmailMailbox] {
        var out: [EmailMailbox] = []
        var copy = value
        copy.withUTF8 { parse($0, into: &out) }
        return out
    }

    private mutating func tokenize(_ v: UnsafeBufferPointer<UInt8>) {
        tokens.removeAll(keepingCapacity: true)
        let n = v.count
        var i = 0
        var space = false
        func add(_ kind: Kind, _ start: Int, _ end: Int) {
            tokens.append(Token(kind: kind, start: Int32(start), end: Int32(end), space: space))
            space = false
        }
        while i < n {
            let b = v[i]
            switch b {
            case 0x20, 0x09, 0x0D, 0x0A:
                space = true
                i += 1
            case UInt8(ascii: "("):
                var depth = 1
                var j = i + 1
                while j < n {
                    let c = v[j]
                    if c == UInt8(ascii: "\\") {
                        j += 2
                        continue
                    }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j += 1
                }
                let close = min(j, n)
                add(.comment, i + 1, close)
                space = true
                i = close + 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < n, v[j] != UInt8(ascii: "\"") { j += v[j] == UInt8(ascii: "\\") ? 2 : 1 }
                let close = min(j, n)
                add(.quoted, i + 1, close)
                i = close + 1
            case UInt8(ascii: "["):
                var j = i + 1
                while j < n, v[j] != UInt8(ascii: "]") { j += v[j] == UInt8(ascii: "\\") ? 2 : 1 }
                let close = min(j + 1, n)
                add(.literal, i, close)
                i = close
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "@"), UInt8(ascii: "."):
                add(.special, i, i + 1)
                i += 1
            default:
                if b == UInt8(ascii: "="), let word = EmailEncodedWord.match(v, at: i, end: n) {
                    add(.encoded, i, word.end)
                    i = word.end
                    continue
                }
                var j = i + 1
                while j < n, !EmailAddressParser.endsAtom(v[j]) { j += 1 }
                add(.atom, i, j)
                i = j
            }
        }
    }

    @inline(__always)
    static func endsAtom(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "("), UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "@"),
            UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}

/// One pass over the tokens of one header value.
private struct ListParse {
    let value: UnsafeBufferPointer<UInt8>
    let tokens: [EmailAddressParser.Token]

    // The element being collected: tokens before `<`, inside `<…>`, and after `>`.
    var phrase: [Int] = []
    var angle: [Int] = []
    var after: [Int] = []
    var hasAngle = false
    var inAngle = false
    var angleStart = 0

    init(value: UnsafeBufferPointer<UInt8>, tokens: [EmailAddressParser.Token]) {
        self.value = value
        self.tokens = tokens
    }

    func byte(_ k: Int) -> UInt8 { value[Int(tokens[k].start)] }

    func isSpecial(_ k: Int, _ c: UInt8) -> Bool {
        tokens[k].kind == .special && byte(k) == c
    }

    mutating func run(into out: inout [EmailMailbox]) {
        var k = 0
        while k < tokens.count {
            let token = tokens[k]
            if inAngle {
                if token.kind == .special {
                    switch byte(k) {
                    case UInt8(ascii: ">"):
                        inAngle = false
                    case UInt8(ascii: ","):
                        // `<@a,@b:user@host>`: a route comma is followed by `@`; otherwise the `>` is missing.
                        var next = k + 1
                        while next < tokens.count, tokens[next].kind == .comment { next += 1 }
                        if next < tokens.count, isSpecial(next, .at) {
                            angle.append(k)
                        } else {
                            inAngle = false
                            flush(into: &out)
                        }
                    case UInt8(ascii: ";"):
                        inAngle = false
                        flush(into: &out)
                    case UInt8(ascii: "<"):
                        inAngle = false
                        flush(into: &out)
                        openAngle(k)
                    default:
                        angle.append(k)
                    }
                } else {
                    angle.append(k)
                }
                k += 1
                continue
            }
            if token.kind == .special {
                switch byte(k) {
                case UInt8(ascii: ","), UInt8(ascii: ";"):
                    flush(into: &out)
                case UInt8(ascii: ":"):
                    // A group: what came before is its name.
                    if !hasAngle {
                        phrase.removeAll(keepingCapacity: true)
                    } else {
                        after.append(k)
                    }
                case UInt8(ascii: "<"):
                    if hasAngle {
                        // `A <a@x> B <b@y>` without a comma: the words after `>` name the next mailbox.
                        let next = after
                        after.removeAll(keepingCapacity: true)
                        flush(into: &out)
                        phrase = next
                    }
                    openAngle(k)
                case UInt8(ascii: ">"):
                    // A stray `>` is junk.
                    break
                default:
                    if hasAngle { after.append(k) } else { phrase.append(k) }
                }
            } else if hasAngle {
                after.append(k)
            } else {
                phrase.append(k)
            }
            k += 1
        }
        inAngle = false
        flush(into: &out)
    }

    mutating func openAngle(_ k: Int) {
        hasAngle = true
        inAngle = true
        angleStart = Int(tokens[k].start)
    }

    mutating func flush(into out: inout [EmailMailbox]) {
        defer {
            phrase.removeAll(keepingCapacity: true)
            angle.removeAll(keepingCapacity: true)
            after.removeAll(keepingCapacity: true)
            hasAngle = false
        }
        guard hasAngle else {
            bare(phrase, into: &out)
            return
        }
        // Source route: the address starts after the last `:`.
        var first = 0
        for (i, k) in angle.enumerated() where isSpecial(k, .colon) { first = i + 1 }
        var address: [UInt8] = []
        var hasAt = false
        for k in angle[first...] where tokens[k].kind != .comment {
            if isSpecial(k, .at) { hasAt = true }
            appendRaw(k, to: &address)
        }
        if hasAt, address.count > 1 {
            // Comments around an angle address are not names (`John <j@x> (my dear friend)`).
            let name = phraseText(phrase)
            out.append(EmailMailbox(address: String(decoding: address, as: UTF8.self), name: name, offset: angleStart))
        }
        if after.contains(where: { isSpecial($0, .at) }) {
            bare(after, into: &out)
        }
    }

    func isWordLike(_ k: Int) -> Bool {
        switch tokens[k].kind {
        case .atom, .quoted, .encoded: return true
        case .special: return byte(k) == UInt8(ascii: ".")
        default: return false
        }
    }

    /// Angle-less addresses among `list` (several when commas are missing); words before an address name it
    /// unless a comment right after the address does.
    func bare(_ list: [Int], into out: inout [EmailMailbox]) {
        var from = 0
        var i = 0
        while i < list.count {
            guard isSpecial(list[i], .at) else {
                i += 1
                continue
            }
            // Local part, backwards from the `@`: words joined by `.` or without white space between them.
            var j = i - 1
            while j >= from, tokens[list[j]].kind == .comment { j -= 1 }
            guard j >= from, isWordLike(list[j]) else {
                i += 1
                continue
            }
            var localStart = j
            while true {
                var p = localStart - 1
                while p >= from, tokens[list[p]].kind == .comment { p -= 1 }
                guard p >= from, isWordLike(list[p]) else { break }
                let current = list[localStart]
                let previous = list[p]
                let joined =
                    isSpecial(current, .dot) || isSpecial(previous, .dot)
                    || !tokens[current].space
                guard joined else { break }
                localStart = p
            }
            // Domain, forwards: atoms and literals joined by `.`.
            var d = i + 1
            while d < list.count, tokens[list[d]].kind == .comment { d += 1 }
            guard d < list.count, tokens[list[d]].kind == .atom || tokens[list[d]].kind == .literal else {
                i += 1
                continue
            }
            var domainEnd = d
            while true {
                var p = domainEnd + 1
                while p < list.count, tokens[list[p]].kind == .comment { p += 1 }
                guard p < list.count else { break }
                let next = list[p]
                let last = list[domainEnd]
                if isSpecial(next, .dot) && !isSpecial(last, .dot) {
                    domainEnd = p
                } else if isSpecial(last, .dot)
                    && (tokens[next].kind == .atom || tokens[next].kind == .literal)
                {
                    domainEnd = p
                } else {
                    break
                }
            }
            var address: [UInt8] = []
            for k in list[localStart..<i] where tokens[k].kind != .comment { appendRaw(k, to: &address) }
            address.append(UInt8(ascii: "@"))
            var domainLast = domainEnd
            if isSpecial(list[domainLast], .dot) { domainLast -= 1 }  // `user@example.com.`
            for k in list[d...domainLast] where tokens[k].kind != .comment { appendRaw(k, to: &address) }
            // Name: a comment right after the address, else the words before it.
            var next = domainEnd + 1
            var name: String?
            if next < list.count, tokens[list[next]].kind == .comment {
                name = commentText(list[next])
                next += 1
            }
            if name == nil || name?.isEmpty == true {
                name = phraseText(Array(list[from..<localStart]))
            }
            out.append(
                EmailMailbox(
                    address: String(decoding: address, as: UTF8.self), name: name,
                    offset: Int(tokens[list[localStart]].start)))
            from = next
            i = next
        }
    }

    /// Appends a token's bytes as they stand in an address (a quoted local part keeps its quotes).
    func appendRaw(_ k: Int, to out: inout [UInt8]) {
        let t = tokens[k]
        let start = Int(t.start)
        let end = Int(t.end)
        if t.kind == .quoted {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: value[start..<end]))
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: value[start..<end]))
        }
    }

    /// The display name: words joined by one space where the header had white space, quoted strings unescaped,
    /// comments dropped, encoded words decoded. `nil` when empty or undecodable.
    func phraseText(_ list: [Int]) -> String? {
        var text: [UInt8] = []
        for k in list {
            let t = tokens[k]
            if t.kind == .comment { continue }
            if t.space && !text.isEmpty { text.append(0x20) }
            if t.kind == .quoted {
                unescape(Int(t.start)..<Int(t.end), into: &text)
            } else {
                text.append(contentsOf: UnsafeBufferPointer(rebasing: value[Int(t.start)..<Int(t.end)]))
            }
        }
        guard !text.isEmpty else { return nil }
        return EmailEncodedWord.decode(text)
    }

    func commentText(_ k: Int) -> String? {
        var text: [UInt8] = []
        unescape(Int(tokens[k].start)..<Int(tokens[k].end), into: &text)
        guard !text.isEmpty else { return nil }
        return EmailEncodedWord.decode(text)
    }

    /// Copies `range`, removing the backslash of each quoted pair.
    func unescape(_ range: Range<Int>, into out: inout [UInt8]) {
        var i = range.lowerBound
        while i < range.upperBound {
            let b = value[i]
            if b == UInt8(ascii: "\\"), i + 1 < range.upperBound {
                out.append(value[i + 1])
                i += 2
                continue
            }
            out.append(b)
            i += 1
        }
    }
}

extension UInt8 {
    fileprivate static let at = UInt8(ascii: "@")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let colon = UInt8(ascii: ":")
}
