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
        if isASCII {
            var copy = text
            return copy.withUTF8 { displayASCII($0, isFamily: isFamily) }
        }
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

    /// ``display(_:isFamily:)`` of single-case ASCII text, on bytes: words lower-cased, particles kept lower case,
    /// other words title-cased (capital after start, `-` and `'`; `McX`), joined by single spaces.
    static func displayASCII(_ text: UnsafeBufferPointer<UInt8>, isFamily: Bool) -> String {
        String(unsafeUninitializedCapacity: text.count) { out in
            var n = 0
            var i = 0
            while i < text.count {
                while i < text.count && text[i] == 0x20 { i &+= 1 }
                if i == text.count { break }
                var end = i
                while end < text.count && text[end] != 0x20 { end &+= 1 }
                var next = end
                while next < text.count && text[next] == 0x20 { next &+= 1 }
                let isLast = next == text.count
                if n > 0 {
                    out[n] = 0x20
                    n &+= 1
                }
                let wordStart = n
                for k in i..<end {
                    let b = text[k]
                    out[n] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                    n &+= 1
                }
                let keepLower =
                    isFamily && !isLast
                    && NameParser.isParticle(UnsafeBufferPointer(rebasing: UnsafeBufferPointer(out)[wordStart..<n]))
                if !keepLower { titleCaseASCII(out, wordStart, n) }
                i = end
            }
            return n
        }
    }

    /// ``titleCased(_:)`` in place on the lower-case ASCII word `out[start..<end]`.
    @inline(__always)
    static func titleCaseASCII(_ out: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var capitalizeNext = true
        let mcWord = end &- start > 2 && out[start] == UInt8(ascii: "m") && out[start &+ 1] == UInt8(ascii: "c")
        for k in start..<end {
            let b = out[k]
            if capitalizeNext && b >= 0x61 && b <= 0x7A {
                out[k] = b & ~0x20
                capitalizeNext = false
            }
            if b == UInt8(ascii: "-") || b == UInt8(ascii: "'") { capitalizeNext = true }
            if k &- start == 1 && mcWord { capitalizeNext = true }
        }
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
