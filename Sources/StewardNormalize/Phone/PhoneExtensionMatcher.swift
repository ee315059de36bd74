/// libphonenumber's extension pattern (`EXTN_PATTERNS_FOR_PARSING`, case-insensitive, anchored at the end),
/// hand-compiled.
///
/// Every alternative is *label part* + `(\d{1,N})` + optional `#`, and no label part contains a digit, so the
/// extension digits are always the maximal digit run at the end (before an optional `#`). What remains is
/// whether the text between a candidate start and that run is one of the label parts:
///
/// | alternative | label part | N | `#` |
/// |---|---|---|---|
/// | RFC 3966 | `;ext=` | 20 | no |
/// | explicit | `[ \u00A0\t,]*` (`e?xt(ensi(ó|ó)?)?n?` \| `ｅ?ｘｔｎ?` \| `доб` \| `anexo`) `[:.．]?[ \u00A0\t,-]*` | 20 | optional |
/// | ambiguous | `[ \u00A0\t,]*` (`[xｘ#＃~～]` \| `int` \| `ｉｎｔ`) `[:.．]?[ \u00A0\t,-]*` | 9 | optional |
/// | American | `[- ]+` | 6 | required |
/// | auto-dial | `[ \u00A0\t]*` (`,,` \| `;`) `[:.．]?[ \u00A0\t,-]*` | 15 | optional |
/// | commas | `[ \u00A0\t]*` `,+` `[:.．]?[ \u00A0\t,-]*` | 9 | optional |
struct PhoneExtensionMatcher {
    /// The extension digits at the end of `text[..<end]`: `digitStart..<digitEnd`, and whether a `#` follows.
    struct Tail {
        var digitStart: Int
        var digitEnd: Int
        var hasHash: Bool
        var count: Int { digitEnd - digitStart }
    }

    /// The trailing digit run of `text[0..<end]`, or nil when the text does not end in digits (or digits + `#`).
    static func tail(_ text: UnsafeBufferPointer<UInt32>, end: Int) -> Tail? {
        guard end > 0 else { return nil }
        var digitEnd = end
        var hasHash = false
        if text[end - 1] == 0x23 {
            hasHash = true
            digitEnd -= 1
        }
        var start = digitEnd
        while start > 0 && PhoneCharacters.isDigit(text[start - 1]) { start -= 1 }
        guard start < digitEnd else { return nil }
        return Tail(digitStart: start, digitEnd: digitEnd, hasHash: hasHash)
    }

    /// Leftmost `p` such that `text[p..<end]` is an extension (Python `EXTN_PATTERN.search`), if any.
    static func leftmostStart(_ text: UnsafeBufferPointer<UInt32>, end: Int, tail: Tail) -> Int? {
        var lower = tail.digitStart
        var strong = tail.hasHash  // every label part but the American one has a character beyond [ .:-]
        while lower > 0 && mayBeInLabel(text[lower - 1]) {
            lower -= 1
            switch text[lower] {
            case 0x20, 0xA0, 0x09, 0x3A, 0x2E, 0xFF0E, 0x2D: break
            default: strong = true
            }
        }
        guard strong else { return nil }
        var p = lower
        while p < tail.digitStart {
            if labelMatches(text, from: p, to: tail.digitStart, tail: tail) { return p }
            p += 1
        }
        return nil
    }

    /// Whether `text[from..<end]` fully matches the extension pattern.
    static func fullMatch(_ text: UnsafeBufferPointer<UInt32>, from: Int, end: Int, tail: Tail) -> Bool {
        from < tail.digitStart && labelMatches(text, from: from, to: tail.digitStart, tail: tail)
    }

    @inline(__always)
    private static func mayBeInLabel(_ c: UInt32) -> Bool {
        switch PhoneCharacters.folded(c) {
        case 0x20, 0xA0, 0x09, 0x2C, 0x3A, 0x2E, 0xFF0E, 0x2D, 0x3B, 0x3D, 0x23, 0xFF03, 0x7E, 0xFF5E: return true
        case 0x61, 0x65, 0x69, 0x6E, 0x6F, 0x73, 0x74, 0x78, 0xF3, 0x301: return true
        case 0xFF45, 0xFF49, 0xFF4E, 0xFF54, 0xFF58, 0x434, 0x43E, 0x431: return true
        default: return false
        }
    }

    private static func labelMatches(_ t: UnsafeBufferPointer<UInt32>, from: Int, to: Int, tail: Tail) -> Bool {
        let n = tail.count
        // RFC 3966 ";ext=".
        if !tail.hasHash && n <= 20 && to - from == 5 && t[from] == 0x3B && PhoneCharacters.folded(t[from + 1]) == 0x65
            && PhoneCharacters.folded(t[from + 2]) == 0x78 && PhoneCharacters.folded(t[from + 3]) == 0x74
            && t[from + 4] == 0x3D
        {
            return true
        }
        // Explicit and ambiguous labels, after [ \u00A0\t,]*.
        if n <= 20 {
            var i = from
            while i < to && isSpaceTabComma(t[i]) { i += 1 }
            if explicitLabelMatches(t, i, to) { return true }
            if n <= 9 && ambiguousLabelMatches(t, i, to) { return true }
        }
        // American style "- 503#".
        if tail.hasHash && n <= 6 && from < to {
            var i = from
            while i < to && (t[i] == 0x2D || t[i] == 0x20) { i += 1 }
            if i == to { return true }
        }
        // Auto-dialling ",," or ";" and plain commas, after [ \u00A0\t]*.
        var i = from
        while i < to && (t[i] == 0x20 || t[i] == 0xA0 || t[i] == 0x09) { i += 1 }
        if n <= 15 && i < to {
            if t[i] == 0x3B && afterLabel(t, i + 1, to) { return true }
            if i + 1 < to && t[i] == 0x2C && t[i + 1] == 0x2C && afterLabel(t, i + 2, to) { return true }
        }
        if n <= 9 && i < to && t[i] == 0x2C {
            var j = i
            while j < to && t[j] == 0x2C {
                j += 1
                if afterLabel(t, j, to) { return true }
            }
        }
        return false
    }

    @inline(__always)
    private static func isSpaceTabComma(_ c: UInt32) -> Bool { c == 0x20 || c == 0xA0 || c == 0x09 || c == 0x2C }

    /// `[:\.．]?[ \u00A0\t,-]*` matches `t[i..<to]` completely.
    private static func afterLabel(_ t: UnsafeBufferPointer<UInt32>, _ start: Int, _ to: Int) -> Bool {
        var i = start
        if i < to && (t[i] == 0x3A || t[i] == 0x2E || t[i] == 0xFF0E) { i += 1 }
        while i < to {
            let c = t[i]
            guard c == 0x20 || c == 0xA0 || c == 0x09 || c == 0x2C || c == 0x2D else { return false }
            i += 1
        }
        return true
    }

    /// An explicit label starts at `i` and `afterLabel` matches the rest, for some way of matching the label.
    private static func explicitLabelMatches(_ t: UnsafeBufferPointer<UInt32>, _ i: Int, _ to: Int) -> Bool {
        @inline(__always) func at(_ k: Int) -> UInt32 { k < to ? PhoneCharacters.folded(t[k]) : 0 }
        // Tries a label ending at `b` followed by an optional `n`.
        @inline(__always) func withOptionalN(_ b: Int) -> Bool {
            afterLabel(t, b, to) || (at(b) == 0x6E && afterLabel(t, b + 1, to))
        }
        // e?xt(?:ensi(?:o\u0301?|ó))?n?
        var start = at(i) == 0x65 ? i + 1 : i
        if at(start) == 0x78 && at(start + 1) == 0x74 {
            let k = start + 2
            if withOptionalN(k) { return true }
            if at(k) == 0x65 && at(k + 1) == 0x6E && at(k + 2) == 0x73 && at(k + 3) == 0x69 {
                if at(k + 4) == 0x6F {
                    if withOptionalN(k + 5) { return true }
                    if at(k + 5) == 0x301 && withOptionalN(k + 6) { return true }
                } else if at(k + 4) == 0xF3 && withOptionalN(k + 5) {
                    return true
                }
            }
        }
        // \uFF45?\uFF58\uFF54\uFF4E?
        start = at(i) == 0xFF45 ? i + 1 : i
        if at(start) == 0xFF58 && at(start + 1) == 0xFF54 {
            if afterLabel(t, start + 2, to) || (at(start + 2) == 0xFF4E && afterLabel(t, start + 3, to)) {
                return true
            }
        }
        // доб, anexo
        if at(i) == 0x434 && at(i + 1) == 0x43E && at(i + 2) == 0x431 && afterLabel(t, i + 3, to) { return true }
        return at(i) == 0x61 && at(i + 1) == 0x6E && at(i + 2) == 0x65 && at(i + 3) == 0x78 && at(i + 4) == 0x6F
            && afterLabel(t, i + 5, to)
    }

    /// An ambiguous label (`x`, `#`, `~`, `int`, full-width forms) starts at `i`, followed by `afterLabel`.
    private static func ambiguousLabelMatches(_ t: UnsafeBufferPointer<UInt32>, _ i: Int, _ to: Int) -> Bool {
        guard i < to else { return false }
        @inline(__always) func at(_ k: Int) -> UInt32 { k < to ? PhoneCharacters.folded(t[k]) : 0 }
        switch at(i) {
        case 0x78, 0xFF58, 0x23, 0xFF03, 0x7E, 0xFF5E: return afterLabel(t, i + 1, to)
        case 0x69 where at(i + 1) == 0x6E && at(i + 2) == 0x74: return afterLabel(t, i + 3, to)
        case 0xFF49 where at(i + 1) == 0xFF4E && at(i + 2) == 0xFF54: return afterLabel(t, i + 3, to)
        default: return false
        }
    }
}
