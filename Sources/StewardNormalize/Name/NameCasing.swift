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
    /// - Complexity: O(n); on bytes for ASCII and Latin text (``LatinCase``), else through ``displayGeneral(_:isFamily:)``.
    static func display(_ text: String, isFamily: Bool) -> String {
        var hasUpper = false
        var hasLower = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                return LatinCase.display(text, isFamily: isFamily) ?? displayGeneral(text, isFamily: isFamily)
            }
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { hasUpper = true }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { hasLower = true }
            if hasUpper && hasLower { return text }
        }
        guard hasUpper || hasLower else { return text }
        var copy = text
        return copy.withUTF8 { displayASCII($0, isFamily: isFamily) }
    }

    /// The `Character`-based definition of ``display(_:isFamily:)``, for any text; the byte paths give the same
    /// results (asserted by the tests).
    static func displayGeneral(_ text: String, isFamily: Bool) -> String {
        var hasUpper = false
        var hasLower = false
        for scalar in text.unicodeScalars {
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

/// Case facts of the scalars below U+0250 and of Latin Extended Additional (U+1E00…U+1EFF), taken once from the
/// standard library (`Unicode.Scalar.Properties`, `Character.isLetter`, `String.lowercased()`,
/// `Character.uppercased()`), so ``NameCasing/display(_:isFamily:)`` of Latin text runs on bytes with exactly the
/// results of its `Character` path.
struct LatinCase: Sendable {
    static let isUpper: UInt8 = 1
    static let isLower: UInt8 = 2
    static let isLetter: UInt8 = 4
    /// Lower-cases to one scalar of the table ranges (so the lower-cased text stays in the fast path).
    static let simpleLower: UInt8 = 8

    var flags: [UInt8]
    /// UTF-8 of the lower-case mapping (1–3 bytes, low byte first).
    var lower: [UInt32]
    /// UTF-8 of the upper-case mapping, `Character.uppercased()` (1–4 bytes, low byte first).
    var upper: [UInt32]

    static let shared = LatinCase()

    /// Table index of `v`, or `nil` outside the two ranges.
    @inline(__always)
    static func index(_ v: UInt32) -> Int? {
        if v < 0x250 { return Int(v) }
        if v >= 0x1E00 && v < 0x1F00 { return Int(v &- 0x1E00 &+ 0x250) }
        return nil
    }

    init() {
        let count = 0x250 + 0x100
        flags = Array(repeating: 0, count: count)
        lower = Array(repeating: 0, count: count)
        upper = Array(repeating: 0, count: count)
        for v in UInt32(0)..<0x1F00 {
            guard let i = Self.index(v), let scalar = Unicode.Scalar(v) else { continue }
            var f: UInt8 = 0
            if scalar.properties.isUppercase { f |= Self.isUpper }
            if scalar.properties.isLowercase { f |= Self.isLower }
            if Character(scalar).isLetter { f |= Self.isLetter }
            let lowered = String(scalar).lowercased()
            let lowerScalars = Array(lowered.unicodeScalars)
            if lowerScalars.count == 1, Self.index(lowerScalars[0].value) != nil, lowered.utf8.count <= 3 {
                f |= Self.simpleLower
                lower[i] = Self.pack(lowered)
            }
            let uppered = Character(scalar).uppercased()
            if uppered.utf8.count <= 4 { upper[i] = Self.pack(uppered) } else { f &= ~Self.simpleLower }
            flags[i] = f
        }
    }

    static func pack(_ s: String) -> UInt32 {
        var packed: UInt32 = 0
        for (k, byte) in s.utf8.enumerated() { packed |= UInt32(byte) << (UInt32(k) * 8) }
        return packed
    }

    /// ``NameCasing/display(_:isFamily:)`` of non-ASCII text whose every scalar is in the table ranges and
    /// lower-cases simply; `nil` for any other text (the caller's `Character` path handles it).
    static func display(_ text: String, isFamily: Bool) -> String? {
        var copy = text
        return copy.withUTF8 { bytes in shared.display(bytes, text: text, isFamily: isFamily) }
    }

    func display(_ bytes: UnsafeBufferPointer<UInt8>, text: String, isFamily: Bool) -> String? {
        // Single case?
        var hasUpper = false
        var hasLower = false
        var i = 0
        while i < bytes.count {
            let (v, length) = UTF8Scan.scalar(at: i, in: bytes)
            guard let index = Self.index(v), flags[index] & Self.simpleLower != 0 else { return nil }
            let f = flags[index]
            if f & Self.isUpper != 0 { hasUpper = true } else if f & Self.isLower != 0 { hasLower = true }
            i &+= length
        }
        if hasUpper && hasLower { return text }
        guard hasUpper || hasLower else { return text }
        // Lower-case mappings are never longer than their scalar; upper-case ones at most twice as long.
        let result = String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var n = 0
            var i = 0
            while i < bytes.count {
                while i < bytes.count && bytes[i] == 0x20 { i &+= 1 }
                if i == bytes.count { break }
                var end = i
                while end < bytes.count && bytes[end] != 0x20 { end &+= 1 }
                var next = end
                while next < bytes.count && bytes[next] == 0x20 { next &+= 1 }
                if n > 0 {
                    out[n] = 0x20
                    n &+= 1
                }
                // The lower-cased word, then title case unless it is a particle of a family name with more words.
                let wordStart = n
                var scalars = 0
                var k = i
                while k < end {
                    let (v, length) = UTF8Scan.scalar(at: k, in: bytes)
                    var packed = lower[Self.index(v) ?? 0]
                    while packed != 0 {
                        out[n] = UInt8(truncatingIfNeeded: packed)
                        n &+= 1
                        packed >>= 8
                    }
                    scalars &+= 1
                    k &+= length
                }
                let lowerWord = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(out)[wordStart..<n])
                if isFamily && next < bytes.count && NameParser.isParticle(lowerWord) {
                    i = end
                    continue
                }
                let mc =
                    scalars > 2 && n &- wordStart >= 2 && out[wordStart] == UInt8(ascii: "m")
                    && out[wordStart &+ 1] == UInt8(ascii: "c")
                // Title case in place; an upper-case mapping longer than its scalar shifts the rest right.
                var capitalizeNext = true
                var position = wordStart
                var index = 0
                while position < n {
                    let (v, length) = UTF8Scan.scalar(at: position, in: UnsafeBufferPointer(out))
                    let table = Self.index(v) ?? 0
                    if capitalizeNext && flags[table] & Self.isLetter != 0 {
                        var packed = upper[table]
                        var upperBytes: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                        var upperCount = 0
                        while packed != 0 {
                            withUnsafeMutableBytes(of: &upperBytes) {
                                $0[upperCount] = UInt8(truncatingIfNeeded: packed)
                            }
                            upperCount &+= 1
                            packed >>= 8
                        }
                        let grow = upperCount &- length
                        if grow > 0 {
                            var m = n &- 1
                            while m >= position &+ length {
                                out[m &+ grow] = out[m]
                                m &-= 1
                            }
                        } else if grow < 0 {
                            for m in (position &+ length)..<n { out[m &+ grow] = out[m] }
                        }
                        n &+= grow
                        withUnsafeBytes(of: upperBytes) { raw in
                            for m in 0..<upperCount { out[position &+ m] = raw[m] }
                        }
                        position &+= upperCount
                        capitalizeNext = false
                    } else {
                        position &+= length
                    }
                    if v == UInt32(UInt8(ascii: "-")) || v == UInt32(UInt8(ascii: "'")) { capitalizeNext = true }
                    index &+= 1
                    if index == 2 && mc { capitalizeNext = true }
                }
                i = end
            }
            return n
        }
        return result
    }
}
