import Foundation
import StewardText

/// The parts found in one free-text name, display forms cleaned but not yet re-cased.
struct ParsedName: Sendable, Equatable {
    var prefixes: [String] = []
    var given: String?
    var middle: String?
    var family: String?
    var suffixes: [String] = []
}

/// Splits free-text person names into parts.
///
/// Rules, in order:
/// 1. Clean: Unicode NFC, any run of whitespace or control characters → one space, zero-width characters
///    removed, trimmed.
/// 2. Split on commas. Trailing comma segments made only of suffixes are suffixes (`John Smith, Jr., PhD`).
///    If two or more segments remain, the order is "Family, Given Middle" (`MÜLLER, Hans`); otherwise
///    "Given Middle Family".
/// 3. Tokens are the space-separated words of a segment; a run of dotted initials without spaces is split
///    (`J.R.R.` → `J.` `R.` `R.`).
/// 4. Honorific prefixes are taken from the front of a segment, suffixes from its end (`name-affixes.tsv`); a
///    `both` affix (`Sr.`) is a prefix in front and a suffix at the end.
/// 5. Tokens wrapped in quotes or parentheses (`Robert "Bob" Smith`) are dropped as nicknames.
/// 6. "Given … Family" order: the first token is the given name, the last token the family name together with any
///    lower-case-able particles before it (`Hans van der Berg` → family `van der Berg`), the rest the middle name.
///    A single token is a family name.
/// Limits: no detection of Spanish double surnames (`García Márquez` ends up as middle + family), of East-Asian
/// family-first order without a comma, or of company names.
///
/// Implementation: names whose every scalar is a `Character` of its own (``isSimple(_:)``: Latin, Greek, Cyrillic,
/// Vietnamese, general punctuation — what nearly all records hold) are parsed on the UTF-8 bytes of the cleaned
/// name with tokens as byte spans and table look-ups through ``PackedKey``s; no `String` is built except the
/// returned parts. Other names go through ``GeneralNameParser``, the `Character`-based version of the same rules.
enum NameParser {
    /// NFC, whitespace runs collapsed to single spaces, zero-width characters removed, `;` read as `,`, trimmed.
    /// - Complexity: O(n); no Foundation call unless a scalar may change under NFC (``mayNeedNFC(_:)``).
    static func cleaned(_ raw: String) -> String {
        // A semicolon separates like a comma: semicolon-delimited exports write "Weiß; Dr." for "Weiß, Dr.".
        if raw.utf8.contains(UInt8(ascii: ";")) {
            let commas = raw.utf8.map { $0 == UInt8(ascii: ";") ? UInt8(ascii: ",") : $0 }
            return cleaned(String(decoding: commas, as: UTF8.self))
        }
        var isASCII = true
        var needsWork = false
        var previousSpace = true
        for byte in raw.utf8 {
            if byte >= 0x80 {
                isASCII = false
                break
            }
            let isSpace = byte <= 0x20 || byte == 0x7F
            if isSpace && (byte != 0x20 || previousSpace) { needsWork = true }
            previousSpace = isSpace
        }
        if isASCII {
            if !needsWork && !previousSpace { return raw }
            return collapseASCII(raw)
        }
        if mayNeedNFC(raw) { return cleanedScalars(raw.precomposedStringWithCanonicalMapping) }
        var copy = raw
        return copy.withUTF8 { isClean($0) } ? raw : copy.withUTF8 { cleanedUTF8($0) }
    }

    /// Whether cleaning leaves NFC text unchanged: no whitespace other than single inner spaces, no control or
    /// dropped character.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previousSpace = false
        var i = 0
        while i < bytes.count {
            let (value, length) = UTF8Scan.scalar(at: i, in: bytes)
            if value == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else {
                if isSpaceOrControl(value) || isDroppedInCleaning(value) { return false }
                previousSpace = false
            }
            i &+= length
        }
        return true
    }

    /// The cleaning loop over the scalars of an NFC string (the path for text that needed NFC).
    static func cleanedScalars(_ nfc: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in nfc.unicodeScalars {
            switch scalar.value {
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: continue
            default: break
            }
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                pendingSpace = true
                continue
            }
            if pendingSpace && !scalars.isEmpty { scalars.append(" ") }
            pendingSpace = false
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// The cleaning loop on UTF-8 bytes for text already in NFC: the same result as ``cleanedScalars(_:)``; the
    /// output is never longer than the input (a dropped or collapsed scalar is replaced by at most one byte).
    static func cleanedUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var pendingSpace = false
            var i = 0
            while i < bytes.count {
                let (value, length) = UTF8Scan.scalar(at: i, in: bytes)
                if isDroppedInCleaning(value) {
                    i &+= length
                    continue
                }
                if isSpaceOrControl(value) {
                    pendingSpace = true
                    i &+= length
                    continue
                }
                if pendingSpace && n > 0 {
                    out[n] = 0x20
                    n &+= 1
                }
                pendingSpace = false
                for k in 0..<length { out[n &+ k] = bytes[i &+ k] }
                n &+= length
                i &+= length
            }
            return n
        }
    }

    /// Zero-width characters, word joiner, BOM and soft hyphen: removed without a trace by cleaning.
    @inline(__always)
    static func isDroppedInCleaning(_ v: UInt32) -> Bool {
        switch v {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0xAD: return true
        default: return false
        }
    }

    /// Unicode `White_Space` or general category `Cc` (equal to `properties.isWhitespace ||
    /// generalCategory == .control`, checked for every scalar by the tests).
    @inline(__always)
    static func isSpaceOrControl(_ v: UInt32) -> Bool {
        if v <= 0x20 || (v >= 0x7F && v <= 0xA0) { return true }
        if v < 0x1680 { return false }
        switch v {
        case 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether `s` may change under NFC: it holds a combining mark, a conjoining Hangul jamo, or a scalar from
    /// the blocks where canonical singletons live (Ω, Å, K signs; CJK compatibility ideographs; Greek ano teleia).
    /// A conservative screen so that the Foundation call is made only when it can matter.
    static func mayNeedNFC(_ s: String) -> Bool {
        for scalar in s.unicodeScalars where scalar.value >= 0x300 {
            switch scalar.value {
            case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x1100...0x11FF, 0x1F71...0x1FFD, 0x2000...0x2FFF,
                0xF900...0xFAFF, 0x2F800...0x2FA1F:
                return true
            case 0x1E00...0x1EFF:
                continue  // Latin Extended Additional: precomposed letters, combining class 0
            default:
                if scalar.properties.canonicalCombiningClass != .notReordered { return true }
            }
        }
        return false
    }

    static func collapseASCII(_ raw: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var pendingSpace = false
        for byte in raw.utf8 {
            if byte <= 0x20 || byte == 0x7F {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Simple names on bytes

    /// Whether every scalar of `s` is a grapheme cluster of its own in any context (never joins a neighbour,
    /// space or comma into one `Character`): scalars below U+0300, Greek and Coptic, Cyrillic letters, Latin
    /// Extended Additional, Greek Extended and the dashes and quotes of General Punctuation. On such text bytes,
    /// scalars and `Character`s split alike, which is what the byte parser relies on.
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i &+= 1
                continue
            }
            let (value, length) = UTF8Scan.scalar(at: i, in: bytes)
            if !isSimpleScalar(value) { return false }
            i &+= length
        }
        return true
    }

    @inline(__always)
    static func isSimpleScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0..<0x300, 0x370..<0x483, 0x48A..<0x530, 0x1E00..<0x2000, 0x2010..<0x2028: return true
        default: return false
        }
    }

    /// Parses one cleaned free-text name (rules on the type).
    static func parse(_ cleanedName: String, tables: NameTables) -> ParsedName {
        var copy = cleanedName
        return copy.withUTF8 { bytes in
            if isSimple(bytes) {
                var parser = SimpleNameParser(text: bytes, tables: tables)
                return parser.parse()
            }
            return GeneralNameParser.parse(cleanedName, tables: tables)
        }
    }
}

/// UTF-8 helpers over text known to be valid (it comes from a `String`).
enum UTF8Scan {
    /// The scalar starting at byte `i` and its length in bytes.
    @inline(__always)
    static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[i &+ 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[i &+ 1] & 0x3F) << 6 | UInt32(bytes[i &+ 2] & 0x3F), 3)
        }
        let v =
            (b0 & 0x07) << 18 | UInt32(bytes[i &+ 1] & 0x3F) << 12 | UInt32(bytes[i &+ 2] & 0x3F) << 6
            | UInt32(bytes[i &+ 3] & 0x3F)
        return (v, 4)
    }

    /// The scalar ending just before byte `end`.
    @inline(__always)
    static func scalar(before end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = end &- 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start &-= 1 }
        return scalar(at: start, in: bytes).value
    }
}

/// A token of a simple name: the bytes `start..<end` of the cleaned name.
struct TokenSpan: Sendable, Equatable {
    var start: Int
    var end: Int
}

/// The ``NameParser`` rules on the bytes of a cleaned name for which ``NameParser/isSimple(_:)`` holds (every
/// scalar is one `Character`). Tokens live in one array of byte spans; segments and the token runs being worked on
/// are index ranges into it.
struct SimpleNameParser {
    let text: UnsafeBufferPointer<UInt8>
    let tables: NameTables
    var tokens: [TokenSpan] = []

    init(text: UnsafeBufferPointer<UInt8>, tables: NameTables) {
        self.text = text
        self.tables = tables
        tokens.reserveCapacity(8)
    }

    // MARK: Tokens

    /// Appends the space-separated words of `start..<end`, dotted initials split (`J.R.R.` → `J.` `R.` `R.`).
    mutating func appendTokens(_ start: Int, _ end: Int) {
        var i = start
        while i < end {
            while i < end && text[i] == 0x20 { i &+= 1 }
            if i == end { break }
            var j = i
            while j < end && text[j] != 0x20 { j &+= 1 }
            appendExpanded(i, j)
            i = j
        }
    }

    /// One word, split into `X.` pairs when it is two or more dotted initials written without spaces.
    mutating func appendExpanded(_ start: Int, _ end: Int) {
        guard end &- start >= 4, text[end &- 1] == UInt8(ascii: ".") else {
            tokens.append(TokenSpan(start: start, end: end))
            return
        }
        var i = start
        var pairs = 0
        while i < end {
            let (letter, length) = UTF8Scan.scalar(at: i, in: text)
            let dot = i &+ length
            guard Self.isLetter(letter), dot < end, text[dot] == UInt8(ascii: ".") else {
                tokens.append(TokenSpan(start: start, end: end))
                return
            }
            pairs &+= 1
            i = dot &+ 1
        }
        guard pairs >= 2 else {
            tokens.append(TokenSpan(start: start, end: end))
            return
        }
        i = start
        while i < end {
            let length = UTF8Scan.scalar(at: i, in: text).length
            tokens.append(TokenSpan(start: i, end: i &+ length &+ 1))
            i &+= length &+ 1
        }
    }

    /// `Character.isLetter` of a one-scalar character.
    @inline(__always)
    static func isLetter(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return Unicode.Scalar(v)?.properties.isAlphabetic ?? false
    }

    func bytes(_ token: TokenSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[token.start..<token.end])
    }

    /// Number of scalars (= characters) of a token, counted up to `limit`.
    func scalarCount(_ token: TokenSpan, limit: Int) -> Int {
        var n = 0
        for i in token.start..<token.end where text[i] & 0xC0 != 0x80 {
            n &+= 1
            if n >= limit { break }
        }
        return n
    }

    /// A token that is one letter, optionally followed by a dot (`J.`, `J`).
    func isInitial(_ token: TokenSpan) -> Bool {
        let (first, length) = UTF8Scan.scalar(at: token.start, in: text)
        guard Self.isLetter(first) else { return false }
        let rest = token.end &- token.start &- length
        return rest == 0 || (rest == 1 && text[token.end &- 1] == UInt8(ascii: "."))
    }

    /// A token wrapped in quotes or parentheses (a nickname: `"Bob"`, `(Bob)`, `'Bob'`, `“Bob”`).
    func isWrapped(_ token: TokenSpan) -> Bool {
        guard scalarCount(token, limit: 3) >= 3 else { return false }
        let first = UTF8Scan.scalar(at: token.start, in: text).value
        let last = UTF8Scan.scalar(before: token.end, in: text)
        switch (first, last) {
        case (0x22, 0x22), (0x28, 0x29), (0x27, 0x27), (0x201C, 0x201D), (0x2018, 0x2019), (0xAB, 0xBB),
            (0x201E, 0x201C):
            return true
        default: return false
        }
    }

    // MARK: Tables

    /// The affix of a token (key: folded, separators removed; `nil` for tokens over 16 bytes).
    func affix(_ token: TokenSpan) -> NameAffix? {
        NameParser.affix(bytes(token), tables: tables)
    }

    /// Whether the folded word is a family-name particle.
    func isParticle(_ token: TokenSpan) -> Bool {
        NameParser.isParticle(bytes(token))
    }

    // MARK: Affixes

    /// Moves prefixes at the front of `tokens[range]` into `prefixes` (advancing the range's start).
    func takePrefixes(_ range: inout Range<Int>, into prefixes: inout [String], weakFollowing: Int = 2) {
        var lo = range.lowerBound
        scan: while lo < range.upperBound, let affix = affix(tokens[lo]) {
            switch affix.kind {
            case .prefix, .both: break
            case .suffix: break scan
            case .prefixWeak:
                if range.upperBound &- lo &- 1 < weakFollowing || isInitial(tokens[lo &+ 1]) { break scan }
            }
            prefixes.append(affix.display)
            lo &+= 1
        }
        range = lo..<range.upperBound
    }

    /// Moves suffixes at the end of `tokens[range]` to the front of `suffixes`, in order.
    func takeSuffixes(_ range: inout Range<Int>, into suffixes: inout [String]) {
        var hi = range.upperBound
        while hi > range.lowerBound, let affix = affix(tokens[hi &- 1]), affix.kind == .suffix || affix.kind == .both {
            hi &-= 1
        }
        if hi < range.upperBound {
            var found: [String] = []
            found.reserveCapacity(range.upperBound &- hi)
            for t in hi..<range.upperBound {
                if let affix = affix(tokens[t]) { found.append(affix.display) }
            }
            suffixes.insert(contentsOf: found, at: 0)
        }
        range = range.lowerBound..<hi
    }

    /// Removes the wrapped tokens of `tokens[range]` in place; with `keepIfAllWrapped` nothing is removed when
    /// every token is wrapped.
    mutating func removeWrapped(_ range: inout Range<Int>, keepIfAllWrapped: Bool) {
        var kept = 0
        for t in range where !isWrapped(tokens[t]) { kept &+= 1 }
        if kept == range.count || (kept == 0 && keepIfAllWrapped) { return }
        var w = range.lowerBound
        for t in range where !isWrapped(tokens[t]) {
            tokens[w] = tokens[t]
            w &+= 1
        }
        range = range.lowerBound..<w
    }

    // MARK: Output

    func string(_ token: TokenSpan) -> String {
        String(decoding: bytes(token), as: UTF8.self)
    }

    /// The tokens of `range` joined by single spaces; `nil` when the range is empty.
    func joined(_ range: Range<Int>) -> String? {
        if range.isEmpty { return nil }
        if range.count == 1 { return string(tokens[range.lowerBound]) }
        var length = range.count &- 1
        for t in range { length &+= tokens[t].end &- tokens[t].start }
        return String(unsafeUninitializedCapacity: length) { out in
            var n = 0
            for t in range {
                if t != range.lowerBound {
                    out[n] = 0x20
                    n &+= 1
                }
                for i in tokens[t].start..<tokens[t].end {
                    out[n] = text[i]
                    n &+= 1
                }
            }
            return n
        }
    }

    // MARK: Parse

    /// Whether every token of `range` is a suffix (`Jr.`, `PhD`) or a position-decided affix (`Sr.`).
    func allSuffixes(_ range: Range<Int>) -> Bool {
        for t in range {
            guard let affix = affix(tokens[t]), affix.kind == .suffix || affix.kind == .both else { return false }
        }
        return true
    }

    mutating func parse() -> ParsedName {
        var result = ParsedName()
        // Segments between commas, one space trimmed on either side, empty ones dropped; as token index ranges.
        var segments: [Range<Int>] = []
        var segmentStart = 0
        for i in 0...text.count where i == text.count || text[i] == UInt8(ascii: ",") {
            var s = segmentStart
            var e = i
            segmentStart = i &+ 1
            if s < e && text[s] == 0x20 { s &+= 1 }
            if s < e && text[e &- 1] == 0x20 { e &-= 1 }
            if s == e { continue }
            let first = tokens.count
            appendTokens(s, e)
            segments.append(first..<tokens.count)
        }
        // Trailing segments made only of suffixes: "John Smith, Jr., PhD".
        var trailing: [String] = []
        while segments.count > 1, let last = segments.last, allSuffixes(last) {
            var displays: [String] = []
            for t in last { if let affix = affix(tokens[t]) { displays.append(affix.display) } }
            trailing.insert(contentsOf: displays, at: 0)
            segments.removeLast()
        }
        guard let firstSegment = segments.first, let lastSegment = segments.last else { return result }
        if segments.count >= 2 {
            // "Family, Given Middle"
            var family = firstSegment
            takePrefixes(&family, into: &result.prefixes)
            takeSuffixes(&family, into: &result.suffixes)
            var rest = segments[1].lowerBound..<lastSegment.upperBound
            takePrefixes(&rest, into: &result.prefixes)
            takeSuffixes(&rest, into: &result.suffixes)
            removeWrapped(&rest, keepIfAllWrapped: false)
            result.family = joined(family)
            result.given = rest.isEmpty ? nil : string(tokens[rest.lowerBound])
            result.middle = rest.isEmpty ? nil : joined(rest.lowerBound &+ 1..<rest.upperBound)
        } else {
            var words = firstSegment
            takePrefixes(&words, into: &result.prefixes)
            takeSuffixes(&words, into: &result.suffixes)
            removeWrapped(&words, keepIfAllWrapped: true)
            if words.count == 1 {
                result.family = string(tokens[words.lowerBound])
            } else if words.count > 1 {
                var familyStart = words.upperBound &- 1
                while familyStart > words.lowerBound &+ 1, isParticle(tokens[familyStart &- 1]) {
                    familyStart &-= 1
                }
                result.given = string(tokens[words.lowerBound])
                result.middle = joined(words.lowerBound &+ 1..<familyStart)
                result.family = joined(familyStart..<words.upperBound)
            }
        }
        result.suffixes.append(contentsOf: trailing)
        return result
    }
}

extension NameParser {
    /// The affix of one token of a simple name: its key is the folded token without separators (`Ph.D.` → `phd`,
    /// `Dipl.-Ing.` → `dipling`); tokens longer than 16 bytes are no affix (longer than any: `Dott.ssa`).
    static func affix(_ token: UnsafeBufferPointer<UInt8>, tables: NameTables) -> NameAffix? {
        if token.count > 16 { return tables.affixes[""] }
        var key = PackedKey()
        var isASCII = true
        TextFolding.asciiActions.withUnsafeBufferPointer { actions in
            for byte in token {
                let action = actions[Int(byte)]
                if action > 2 {
                    key.append(action)
                } else if action == 2 {
                    isASCII = false
                    break
                }
            }
        }
        if isASCII { return tables.packedAffixes[key] }
        // The folded key of a token of at most 16 bytes fits in 16 bytes (TextFolding.foldUTF8).
        let packed = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { out -> PackedKey? in
            guard let n = TextFolding.foldUTF8(token, german: false, into: out) else { return nil }
            var packed = PackedKey()
            for byte in out[..<n] where byte != 0x20 { packed.append(byte) }
            return packed
        }
        if let packed { return tables.packedAffixes[packed] }
        var folded = TextFolding.foldedKey(utf8: token)
        folded.removeAll { $0 == " " }
        guard let packedKey = PackedKey(folded) else { return tables.affixes[folded] }
        return tables.packedAffixes[packedKey]
    }

    /// Whether the folded key of a word is a family-name particle (`van`, `de`, `Della`, `D'`-less `dos`).
    static func isParticle(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        var key = PackedKey()
        var pendingSpace = false
        var isASCII = true
        TextFolding.asciiActions.withUnsafeBufferPointer { actions in
            for byte in word {
                let action = actions[Int(byte)]
                if action > 2 {
                    if pendingSpace && key.count > 0 { key.append(0x20) }
                    pendingSpace = false
                    key.append(action)
                    if key.count > 8 { break }
                } else if action == 0 {
                    pendingSpace = true
                } else if action == 2 {
                    isASCII = false
                    break
                }
            }
        }
        if isASCII { return key.count <= 8 && NameTables.packedParticles.contains(key.low) }
        guard let packed = PackedKey(TextFolding.foldedKey(utf8: word)), packed.count <= 8
        else { return false }
        return NameTables.packedParticles.contains(packed.low)
    }
}
