/// Character classes of libphonenumber's parser, on Unicode scalar values.
///
/// Source: the constants of `PhoneNumberUtil` (`VALID_PUNCTUATION`, `PLUS_CHARS`, `VALID_ALPHA`, the E.161 keypad
/// mapping). `\d` is Unicode `Nd` as in Java's `\p{Nd}`; ASCII is tested first so the common case costs a compare.
enum PhoneCharacters {
    @inline(__always)
    static func isPlus(_ c: UInt32) -> Bool { c == 0x2B || c == 0xFF0B }

    @inline(__always)
    static func isASCIIDigit(_ c: UInt32) -> Bool { c &- 0x30 < 10 }

    @inline(__always)
    static func isASCIILetter(_ c: UInt32) -> Bool { (c | 0x20) &- 0x61 < 26 }

    /// `\d` with Unicode semantics: a decimal digit (`Nd`) of any script.
    @inline(__always)
    static func isDigit(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIDigit(c) }
        return isNonASCIIDecimal(c)
    }

    @inline(never)
    static func isNonASCIIDecimal(_ c: UInt32) -> Bool {
        guard let s = Unicode.Scalar(c) else { return false }
        return s.properties.numericType == .decimal
    }

    /// The value of a digit as libphonenumber's `normalizeDigits` sees it (Python `unicodedata.digit`): decimal
    /// digits of any script and other digits such as superscripts; nil for anything else.
    @inline(__always)
    static func digitValue(_ c: UInt32) -> UInt8? {
        if c < 0x80 { return isASCIIDigit(c) ? UInt8(c &- 0x30) : nil }
        return nonASCIIDigitValue(c)
    }

    @inline(never)
    static func nonASCIIDigitValue(_ c: UInt32) -> UInt8? {
        guard let s = Unicode.Scalar(c), let type = s.properties.numericType, type == .decimal || type == .digit,
            let v = s.properties.numericValue, v >= 0, v <= 9
        else { return nil }
        return UInt8(v)
    }

    /// E.161 keypad value of an ASCII letter (`A`–`C` → 2 … `W`–`Z` → 9).
    @inline(__always)
    static func keypadValue(_ c: UInt32) -> UInt8 {
        let i = Int((c | 0x20) &- 0x61)
        return keypad[i]
    }

    private static let keypad: [UInt8] = [
        2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 7, 8, 8, 8, 9, 9, 9, 9,
    ]

    /// `VALID_PUNCTUATION` (matched case-insensitively, so `X` too).
    @inline(__always)
    static func isPunctuation(_ c: UInt32) -> Bool {
        if c < 64 { return (UInt64(0xe30100000000) >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (UInt64(0x4100000029000000) >> UInt64(c - 64)) & 1 != 0 }
        return isNonASCIIPunctuation(c)
    }

    /// The characters `VALID_PHONE_NUMBER` allows after its first three digits: punctuation, `*`, ASCII letters,
    /// digits.
    @inline(__always)
    static func isViableBody(_ c: UInt32) -> Bool {
        if c < 64 { return (UInt64(0x3ffe70100000000) >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (UInt64(0x47fffffe2ffffffe) >> UInt64(c - 64)) & 1 != 0 }
        return isNonASCIIPunctuation(c) || isNonASCIIDecimal(c) || isCaseInsensitiveLetter(c)
    }

    /// `ı`, `ſ` and the Kelvin sign match `[A-Za-z]` case-insensitively in the reference implementation (Python's
    /// `re.IGNORECASE` folds them to `i`, `s`, `k`).
    @inline(__always)
    static func isCaseInsensitiveLetter(_ c: UInt32) -> Bool {
        c == 0x131 || c == 0x17F || c == 0x212A
    }

    @inline(never)
    static func isNonASCIIPunctuation(_ c: UInt32) -> Bool {
        switch c {
        case 0x00A0, 0x00AD, 0x200B, 0x2060, 0x3000, 0x2053, 0x223C, 0xFF5E, 0x30FC, 0x2212: return true
        case 0x2010...0x2015, 0xFF0D...0xFF0F, 0xFF08, 0xFF09, 0xFF3B, 0xFF3D: return true
        default: return false
        }
    }

    /// Python `str.isalnum()` (letters and numbers of any script), used for trailing-junk removal.
    @inline(__always)
    static func isAlphanumeric(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIDigit(c) || isASCIILetter(c) }
        guard let s = Unicode.Scalar(c) else { return false }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber:
            return true
        default:
            return s.properties.numericType != nil
        }
    }

    /// Simple case folding for the extension labels (`EXT`, `Ｅｘｔ`, `ДОБ`, `Ó`).
    @inline(__always)
    static func folded(_ c: UInt32) -> UInt32 {
        switch c {
        case 0x41...0x5A: return c | 0x20
        case 0xFF21...0xFF3A: return c + 0x20
        case 0x0410...0x042F: return c + 0x20
        case 0xD3: return 0xF3
        case 0x131: return 0x69
        case 0x17F: return 0x73
        case 0x212A: return 0x6B
        default: return c
        }
    }
}
