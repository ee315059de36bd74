/// Numbers as exports write them (amounts, counts, revenues), and their relative difference for the `numeric`
/// comparison.
///
/// `parse(_:)` reads, over UTF-8 bytes:
/// - an optional sign (`-`, `+`, or U+2212 `−`) and at most one currency, before or after the number, with spaces
///   around them: a run of currency symbols (`$`, `¢ £ ¤ ¥`, `฿`, U+20A0–U+20CF such as `€ ₹ ₽ ₩ ₪`), optionally after
///   up to three ASCII letters (`US$`, `R$`), or a code of two or three ASCII letters (`EUR`, `usd`, `kr`);
/// - digits with at most one decimal separator and one kind of grouping separator (`,` `.` space, no-break space
///   U+00A0, U+2009, U+202F, `'` or U+2019).
///
/// Which separator is decimal: the last `,` when one or two digits follow it (European `1.234,50`, `12,5`); else the
/// `.` when there is exactly one (`1,234.50`, `-12.5`, and also `1.234`, read as 1.234); else none (`1,234`,
/// `1.234.567`, `1 234`). Grouping must look like grouping: a first group of 1–3 digits not starting with 0, then
/// groups of 2–3 digits (Indian `12,34,567` included) and a last group of exactly 3 (`1,2345` and `0,123` are
/// rejected, not guessed). A leading decimal separator is allowed (`.5`).
///
/// Not handled (`nil`): exponents (`1e5`), percent signs, accounting parentheses (`(12.50)`), a trailing sign,
/// words (`n/a`, `ca. 500`), and values too large for a finite `Double`.
public enum NumericValue {
    /// The number written in `s`, or `nil`.
    public static func parse(_ s: String) -> Double? {
        var s = s
        return s.withUTF8 { parse($0) }
    }

    /// The number written in UTF-8 `bytes`, or `nil`.
    /// - Complexity: O(n); no allocation for numbers of up to 15 significant digits with at most 22 decimals
    ///   (converted exactly, as strtod's fast path does); longer ones go through `Double.init(_: String)`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let end = bytes.count
        var i = 0
        var negative = false
        var signSeen = false
        var currencySeen = false
        // prefix: spaces, a sign, a currency, in any order
        while i < end {
            if let n = spaceLength(bytes, at: i) {
                i += n
            } else if !signSeen, let (n, minus) = signLength(bytes, at: i) {
                i += n
                negative = minus
                signSeen = true
            } else if !currencySeen, let n = currencyLength(bytes, at: i) {
                i += n
                currencySeen = true
            } else {
                break
            }
        }
        // the number: digits and separators, ending with a digit
        let coreStart = i
        var coreEnd = i
        while i < end {
            if isDigit(bytes[i]) {
                i += 1
                coreEnd = i
            } else if let (_, n) = separator(bytes, at: i) {
                i += n
            } else {
                break
            }
        }
        // suffix: spaces and a currency
        i = coreEnd
        while i < end {
            if let n = spaceLength(bytes, at: i) {
                i += n
            } else if !currencySeen, let n = currencyLength(bytes, at: i) {
                i += n
                currencySeen = true
            } else {
                return nil
            }
        }
        guard coreEnd > coreStart else { return nil }
        return number(UnsafeBufferPointer(rebasing: bytes[coreStart..<coreEnd]), negative: negative)
    }

    /// `|a − b| / max(|a|, |b|)`: 0 for equal values (both 0 included), 1 when one is 0 and the other is not, up to 2
    /// for opposite signs. Meant for finite inputs.
    public static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        let scale = max(abs(a), abs(b))
        return scale == 0 ? 0 : abs(a - b) / scale
    }

    enum Separator: Equatable {
        case dot, comma, space, apostrophe
    }

    /// Interprets the digits and separators of `core` (which starts with a digit or separator and ends with a digit).
    static func number(_ core: UnsafeBufferPointer<UInt8>, negative: Bool) -> Double? {
        // Pass 1: the last separator, the number of dots, no two separators in a row.
        var last: (kind: Separator, at: Int, length: Int)?
        var dots = 0
        var i = 0
        var previousWasSeparator = false
        while i < core.count {
            if let (kind, n) = separator(core, at: i) {
                if previousWasSeparator { return nil }
                last = (kind, i, n)
                if kind == .dot { dots += 1 }
                previousWasSeparator = true
                i += n
            } else {
                previousWasSeparator = false
                i += 1
            }
        }
        var decimal: (kind: Separator, at: Int, length: Int)?
        if let last {
            let trailing = core.count - last.at - last.length
            if (last.kind == .comma && trailing <= 2) || (last.kind == .dot && dots == 1) { decimal = last }
        }
        let integerEnd = decimal?.at ?? core.count
        // Pass 2: grouping in the integer part; collect the digits into an exact integer while they fit.
        var grouping: Separator?
        var groupLength = 0
        var groups = 0
        var mantissa = 0
        var significant = 0
        i = 0
        while i < integerEnd {
            if let (kind, n) = separator(core, at: i) {
                if grouping == nil {
                    guard kind != decimal?.kind, (1...3).contains(groupLength), core[0] != UInt8(ascii: "0")
                    else { return nil }
                    grouping = kind
                } else {
                    guard kind == grouping, (2...3).contains(groupLength) else { return nil }
                }
                groups += 1
                groupLength = 0
                i += n
            } else {
                mantissa = mantissa &* 10 &+ Int(core[i] &- UInt8(ascii: "0"))
                significant += 1
                groupLength += 1
                i += 1
            }
        }
        if grouping != nil && groupLength != 3 { return nil }
        let fraction = decimal.map { UnsafeBufferPointer(rebasing: core[($0.at + $0.length)...]) }
        let fractionDigits = fraction?.count ?? 0
        for byte in fraction ?? UnsafeBufferPointer(start: nil, count: 0) {
            mantissa = mantissa &* 10 &+ Int(byte &- UInt8(ascii: "0"))
        }
        significant += fractionDigits
        if significant <= 15 && fractionDigits <= 22 {
            let value = Double(mantissa) / powersOfTen[fractionDigits]
            return negative ? -value : value
        }
        return slowPath(core, integerEnd: integerEnd, fraction: fraction, negative: negative)
    }

    /// Exact powers of ten as `Double` (10^22 is the largest one that is exact).
    static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    /// Long numbers: the digits as plain text (`-1234.5`) parsed by the standard library, correctly rounded.
    @inline(never)
    static func slowPath(
        _ core: UnsafeBufferPointer<UInt8>, integerEnd: Int, fraction: UnsafeBufferPointer<UInt8>?, negative: Bool
    ) -> Double? {
        var text = negative ? "-" : ""
        text.reserveCapacity(core.count + 3)
        var sawDigit = false
        for byte in core[0..<integerEnd] where isDigit(byte) {
            text.unicodeScalars.append(Unicode.Scalar(byte))
            sawDigit = true
        }
        if !sawDigit { text += "0" }
        if let fraction {
            text += "."
            for byte in fraction { text.unicodeScalars.append(Unicode.Scalar(byte)) }
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// A separator at `i` and its length in bytes.
    static func separator(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Separator, Int)? {
        switch bytes[i] {
        case UInt8(ascii: "."): return (.dot, 1)
        case UInt8(ascii: ","): return (.comma, 1)
        case UInt8(ascii: "'"): return (.apostrophe, 1)
        case 0xE2 where matches(bytes, at: i, 0xE2, 0x80, 0x99): return (.apostrophe, 3)  // U+2019
        default: return spaceLength(bytes, at: i).map { (.space, $0) }
        }
    }

    /// The length of a space at `i`: ASCII space or tab, U+00A0, U+2009 or U+202F.
    static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        switch bytes[i] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"): return 1
        case 0xC2 where matches(bytes, at: i, 0xC2, 0xA0): return 2
        case 0xE2 where matches(bytes, at: i, 0xE2, 0x80, 0x89) || matches(bytes, at: i, 0xE2, 0x80, 0xAF): return 3
        default: return nil
        }
    }

    /// The length of a sign at `i` and whether it is a minus.
    static func signLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Bool)? {
        switch bytes[i] {
        case UInt8(ascii: "-"): return (1, true)
        case UInt8(ascii: "+"): return (1, false)
        case 0xE2 where matches(bytes, at: i, 0xE2, 0x88, 0x92): return (3, true)  // U+2212 MINUS SIGN
        default: return nil
        }
    }

    /// The length of a currency at `i`: up to three ASCII letters then currency symbols, or two or three letters.
    static func currencyLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        var j = i
        while j < bytes.count && isLetter(bytes[j]) && j - i < 4 { j += 1 }
        let letters = j - i
        guard letters <= 3 else { return nil }
        var symbols = 0
        while j < bytes.count, let n = symbolLength(bytes, at: j) {
            j += n
            symbols += 1
        }
        if symbols > 0 { return j - i }
        return letters >= 2 ? letters : nil
    }

    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    /// The length of a currency symbol at `i`.
    static func symbolLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b0 = bytes[i]
        if b0 == UInt8(ascii: "$") { return 1 }
        guard i + 1 < bytes.count else { return nil }
        let b1 = bytes[i + 1]
        if b0 == 0xC2 && (0xA2...0xA5).contains(b1) { return 2 }  // ¢ £ ¤ ¥
        guard i + 2 < bytes.count else { return nil }
        let b2 = bytes[i + 2]
        if b0 == 0xE2 && ((b1 == 0x82 && b2 >= 0xA0) || (b1 == 0x83 && b2 <= 0x8F)) { return 3 }  // U+20A0–U+20CF
        if b0 == 0xE0 && b1 == 0xB8 && b2 == 0xBF { return 3 }  // ฿
        return nil
    }

    /// Whether `bytes[i...]` starts with the two given bytes.
    @inline(__always)
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ b0: UInt8, _ b1: UInt8) -> Bool {
        i + 1 < bytes.count && bytes[i] == b0 && bytes[i + 1] == b1
    }

    /// Whether `bytes[i...]` starts with the three given bytes.
    @inline(__always)
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        i + 2 < bytes.count && bytes[i] == b0 && bytes[i + 1] == b1 && bytes[i + 2] == b2
    }
}
