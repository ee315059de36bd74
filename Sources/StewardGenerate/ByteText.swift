/// Byte-level text helpers of the generator: appending numbers without `String`, and the spelling variants of
/// names (diacritics dropped, German transliteration, case) computed once per table entry.
enum ByteText {
    /// Replacements for the non-ASCII letters in the name and company lists: (scalar, marks dropped, German
    /// transliteration).
    private static let letters: [Unicode.Scalar: (String, String)] = {
        var table: [Unicode.Scalar: (String, String)] = [:]
        let plain: [(String, String)] = [
            ("ÀÁÂÃÅ", "A"), ("àáâãå", "a"), ("Ç", "C"), ("ç", "c"), ("ÈÉÊË", "E"), ("èéêë", "e"), ("ÌÍÎÏ", "I"),
            ("ìíîïı", "i"), ("Ñ", "N"), ("ñ", "n"), ("ÒÓÔÕ", "O"), ("òóôõ", "o"), ("ÙÚÛ", "U"), ("ùúû", "u"),
            ("Ý", "Y"), ("ýÿ", "y"), ("Ş", "S"), ("ş", "s"), ("Ø", "O"), ("ø", "o"),
        ]
        for (chars, ascii) in plain {
            for scalar in chars.unicodeScalars { table[scalar] = (ascii, ascii) }
        }
        let special: [(Unicode.Scalar, String, String)] = [
            ("Ä", "A", "Ae"), ("ä", "a", "ae"), ("Ö", "O", "Oe"), ("ö", "o", "oe"), ("Ü", "U", "Ue"),
            ("ü", "u", "ue"), ("ß", "ss", "ss"), ("Æ", "AE", "AE"), ("æ", "ae", "ae"), ("Œ", "OE", "OE"),
            ("œ", "oe", "oe"),
        ]
        for (scalar, stripped, translit) in special { table[scalar] = (stripped, translit) }
        return table
    }()

    /// `text` with diacritics dropped (`Müller` → `Muller`, `François` → `Francois`).
    static func stripped(_ text: String) -> String {
        replaced(text, transliterate: false)
    }

    /// German transliteration (`Müller` → `Mueller`, `Weiß` → `Weiss`), other marks dropped.
    static func transliterated(_ text: String) -> String {
        replaced(text, transliterate: true)
    }

    private static func replaced(_ text: String, transliterate: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let r = letters[scalar] {
                out += transliterate ? r.1 : r.0
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An ASCII mail local part or domain label: transliterated, lower case, letters and digits, other characters
    /// as `separator` (apostrophes dropped).
    static func slug(_ text: String, separator: String) -> String {
        var out = ""
        var pending = false
        for scalar in transliterated(text).lowercased().unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) {
                if pending && !out.isEmpty { out += separator }
                pending = false
                out.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "\u{2019}" {
                pending = true
            }
        }
        return out
    }

    static func hasMarks(_ text: String) -> Bool {
        text.unicodeScalars.contains { !$0.isASCII }
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// A non-negative number in decimal, at least `width` digits (zero-padded).
    mutating func appendDecimal(_ value: Int, width: Int = 1) {
        var divisor = 1
        var digits = 1
        while divisor <= value / 10 {
            divisor *= 10
            digits += 1
        }
        var pad = width - digits
        while pad > 0 {
            append(48)
            pad -= 1
        }
        var n = value
        while divisor > 0 {
            append(UInt8(48 + n / divisor))
            n %= divisor
            divisor /= 10
        }
    }

    /// `value` as `count` lower-case hexadecimal digits (the low ones).
    mutating func appendHex(_ value: UInt64, count: Int) {
        let hex: StaticString = "0123456789abcdef"
        var shift = (count - 1) * 4
        while shift >= 0 {
            append(hex.utf8Start[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }
}
