import StewardText

/// The Character-based parser: the reference behaviour of ``NameParser`` for names whose grapheme clusters are not
/// plain Unicode scalars (combining marks, Hangul jamo, emoji, scripts outside the ranges of
/// ``NameParser/isSimple(_:)``).
///
/// ``NameParser`` runs the same rules on UTF-8 bytes when every scalar of the cleaned name is one `Character` on
/// its own; this type is kept for the remaining names so both paths give identical results (asserted by
/// `testdata/reference/names.tsv`). Tokens are `Substring`s split on the `Character` `" "`, so a space followed by a
/// combining mark does not split.
enum GeneralNameParser {
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

    /// Removes prefixes from the front of `tokens` (appending their display forms to `prefixes`). A weak prefix
    /// (`M.`, which may be an initial) goes only when `weakFollowing` tokens or more follow it, the next not an
    /// initial: two in a full name (`M. Jean Dupont`), one in a given-name column (`M. Hugo`).
    static func takePrefixes(
        _ tokens: inout [Substring], into prefixes: inout [String], tables: NameTables, weakFollowing: Int = 2
    ) {
        var taken = 0
        scan: while taken < tokens.count, let affix = tables.affixes[affixKey(tokens[taken])] {
            switch affix.kind {
            case .prefix, .both: break
            case .suffix: break scan
            case .prefixWeak:
                if tokens.count - taken - 1 < weakFollowing || isInitial(tokens[taken + 1]) { break scan }
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
