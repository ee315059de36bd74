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
enum NameParser {
    /// NFC, whitespace runs collapsed to single spaces, zero-width characters removed, trimmed.
    /// - Complexity: O(n); no Foundation call for ASCII input.
    static func cleaned(_ raw: String) -> String {
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
        let nfc = mayNeedNFC(raw) ? raw.precomposedStringWithCanonicalMapping : raw
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

    /// Whether `s` may change under NFC: it holds a combining mark, a conjoining Hangul jamo, or a scalar from
    /// the blocks where canonical singletons live (Ω, Å, K signs; CJK compatibility ideographs; Greek ano teleia).
    /// A conservative screen so that the Foundation call is made only when it can matter.
    static func mayNeedNFC(_ s: String) -> Bool {
        for scalar in s.unicodeScalars where scalar.value >= 0x300 {
            switch scalar.value {
            case 0x0340...0x0344, 0x0374, 0x037E, 0x0387, 0x1100...0x11FF, 0x1F71...0x1FFD, 0x2000...0x2FFF,
                0xF900...0xFAFF, 0x2F800...0x2FA1F:
                return true
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

    /// The affix-table key of a token: folded, wrapping punctuation and inner dots/hyphens/spaces removed
    /// (`Ph.D.` → `phd`, `(Jr.)` → `jr`, `Dipl.-Ing.` → `dipling`).
    static func affixKey(_ token: Substring) -> String {
        if token.utf8.count > 16 { return "" }  // longer than any affix ("Dott.ssa", "Dipl.-Ing.")
        var key = TextFolding.foldedKey(String(token))
        key.removeAll { $0 == " " }
        return key
    }

    /// Whether a token is an initial: one letter, optionally followed by a dot (`J.`, `J`).
    static func isInitial(_ token: Substring) -> Bool {
        var it = token.makeIterator()
        guard let first = it.next(), first.isLetter else { return false }
        guard let second = it.next() else { return true }
        return second == "." && it.next() == nil
    }

    /// Splits `J.R.R.` into `J.` `R.` `R.`; other tokens unchanged.
    static func expandInitials(_ token: Substring) -> [Substring] {
        guard token.utf8.count >= 4, token.utf8.last == UInt8(ascii: ".") else { return [token] }
        let chars = Array(token)
        guard chars.count >= 4, chars.count % 2 == 0 else { return [token] }
        var i = 0
        while i < chars.count {
            guard chars[i].isLetter, chars[i + 1] == "." else { return [token] }
            i += 2
        }
        var parts: [Substring] = []
        var start = token.startIndex
        for _ in 0..<(chars.count / 2) {
            let end = token.index(start, offsetBy: 2)
            parts.append(token[start..<end])
            start = end
        }
        return parts
    }

    static func tokens(_ segment: Substring) -> [Substring] {
        segment.split(separator: " ").flatMap(expandInitials)
    }

    /// Whether a token is wrapped in quotes or parentheses (a nickname: `"Bob"`, `(Bob)`, `'Bob'`).
    static func isWrapped(_ token: Substring) -> Bool {
        guard token.count >= 3, let first = token.first, let last = token.last else { return false }
        switch (first, last) {
        case ("\"", "\""), ("(", ")"), ("'", "'"), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"): return true
        default: return false
        }
    }

    /// Removes prefixes from the front of `tokens` (appending their display forms to `prefixes`).
    static func takePrefixes(_ tokens: inout [Substring], into prefixes: inout [String], tables: NameTables) {
        var taken = 0
        scan: while taken < tokens.count, let affix = tables.affixes[affixKey(tokens[taken])] {
            switch affix.kind {
            case .prefix, .both: break
            case .suffix: break scan
            case .prefixWeak:
                if tokens.count - taken - 1 < 2 || isInitial(tokens[taken + 1]) { break scan }
            }
            prefixes.append(affix.display)
            taken += 1
        }
        tokens.removeFirst(taken)
    }

    /// Removes suffixes from the end of `tokens` (inserting their display forms in order into `suffixes`).
    static func takeSuffixes(_ tokens: inout [Substring], into suffixes: inout [String], tables: NameTables) {
        var found: [String] = []
        while let last = tokens.last, let affix = tables.affixes[affixKey(last)],
            affix.kind == .suffix || affix.kind == .both
        {
            found.append(affix.display)
            tokens.removeLast()
        }
        suffixes.insert(contentsOf: found.reversed(), at: 0)
    }

    static func joined(_ tokens: ArraySlice<Substring>) -> String? {
        tokens.isEmpty ? nil : tokens.joined(separator: " ")
    }

    /// Parses one cleaned free-text name.
    static func parse(_ cleanedName: String, tables: NameTables) -> ParsedName {
        var result = ParsedName()
        // The name is cleaned: at most one space on either side of a comma.
        var segments: [Substring] = cleanedName.split(separator: ",").compactMap { segment in
            var s = segment
            if s.first == " " { s = s.dropFirst() }
            if s.last == " " { s = s.dropLast() }
            return s.isEmpty ? nil : s
        }
        // Trailing segments made only of suffixes: "John Smith, Jr., PhD".
        var trailing: [String] = []
        while segments.count > 1, let last = segments.last {
            let parts = tokens(last)
            let affixes = parts.compactMap { tables.affixes[affixKey($0)] }
            guard affixes.count == parts.count, affixes.allSatisfy({ $0.kind == .suffix || $0.kind == .both })
            else { break }
            trailing.insert(contentsOf: affixes.map(\.display), at: 0)
            segments.removeLast()
        }
        guard let firstSegment = segments.first else { return result }
        if segments.count >= 2 {
            // "Family, Given Middle"
            var family = tokens(firstSegment)
            takePrefixes(&family, into: &result.prefixes, tables: tables)
            takeSuffixes(&family, into: &result.suffixes, tables: tables)
            var rest = segments.dropFirst().flatMap(tokens)
            takePrefixes(&rest, into: &result.prefixes, tables: tables)
            takeSuffixes(&rest, into: &result.suffixes, tables: tables)
            rest.removeAll(where: isWrapped)
            result.family = joined(family[...])
            result.given = rest.first.map(String.init)
            result.middle = joined(rest.dropFirst())
        } else {
            var words = tokens(firstSegment)
            takePrefixes(&words, into: &result.prefixes, tables: tables)
            takeSuffixes(&words, into: &result.suffixes, tables: tables)
            let unwrapped = words.filter { !isWrapped($0) }
            if !unwrapped.isEmpty { words = unwrapped }
            if words.count == 1 {
                result.family = String(words[0])
            } else if words.count > 1 {
                var familyStart = words.count - 1
                while familyStart > 1,
                    NameTables.particles.contains(TextFolding.foldedKey(String(words[familyStart - 1])))
                {
                    familyStart -= 1
                }
                result.given = String(words[0])
                result.middle = joined(words[1..<familyStart])
                result.family = joined(words[familyStart...])
            }
        }
        result.suffixes.append(contentsOf: trailing)
        return result
    }
}
