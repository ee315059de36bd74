import StewardText

/// Display casing of name parts.
///
/// Decision: a part written in one case only (`MÜLLER`, `o'brien`, `VAN DER BERG`) is re-cased; a part with any
/// mix of upper and lower case letters is kept exactly as the source wrote it (`McDonald`, `van der Berg`,
/// `DeVries`, `di Caprio` are spellings a person chose). Re-casing capitalizes the first letter after a start,
/// space, hyphen or apostrophe and lower-cases the rest (`JEAN-LUC` → `Jean-Luc`, `O'BRIEN` → `O'Brien`), writes
/// `Mc` names as `McX` (`MCDONALD` → `McDonald`; `Mac` is left alone: `Macy`, `Mack`, `Machado`), and keeps family
/// name particles lower case when more words follow (`VAN DER BERG` → `van der Berg`).
enum NameCasing {
    /// `text` re-cased when it is single-case; `isFamily` enables particle lower-casing.
    static func display(_ text: String, isFamily: Bool) -> String {
        var hasUpper = false
        var hasLower = false
        var isASCII = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { hasLower = true }
            if hasUpper && hasLower { return text }
        }
        for scalar in text.unicodeScalars where !isASCII {
            let p = scalar.properties
            if p.isUppercase { hasUpper = true } else if p.isLowercase { hasLower = true }
            if hasUpper && hasLower { return text }
        }
        guard hasUpper || hasLower else { return text }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var out: [String] = []
        out.reserveCapacity(words.count)
        for (i, word) in words.enumerated() {
            let lower = word.lowercased()
            if isFamily && i < words.count - 1 && NameTables.particles.contains(TextFolding.foldedKey(lower)) {
                out.append(lower)
            } else {
                out.append(titleCased(lower))
            }
        }
        return out.joined(separator: " ")
    }

    /// Title case of one lower-cased word: capital after start, hyphen and apostrophe; `Mc` prefix.
    static func titleCased(_ lower: String) -> String {
        var result = ""
        result.reserveCapacity(lower.utf8.count)
        var capitalizeNext = true
        var index = 0
        for ch in lower {
            if capitalizeNext && ch.isLetter {
                result += ch.uppercased()
                capitalizeNext = false
            } else {
                result.append(ch)
            }
            if ch == "-" || ch == "'" || ch == "’" { capitalizeNext = true }
            index += 1
            // McDonald: capital after a leading "mc" when more letters follow.
            if index == 2 && result.hasPrefix("Mc") && lower.count > 2 { capitalizeNext = true }
        }
        return result
    }
}
