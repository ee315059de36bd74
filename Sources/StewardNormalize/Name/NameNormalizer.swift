import StewardModel
import StewardText

/// Normalizes person names into cleaned display parts and folded match keys.
///
/// Display parts: Unicode NFC, whitespace collapsed, honorifics and suffixes moved to `prefix`/`suffix` in their
/// canonical written form from `name-affixes.tsv` (several prefixes joined by a space: `Prof. Dr.`; several
/// suffixes by a comma: `Jr., PhD`), "Family, Given" order resolved, single-case parts re-cased (see
/// ``NameCasing``). Keys: ``TextFolding/foldedKey(_:)`` of each part; `familyKeyAlt` is the German variant when
/// it differs; `givenCanonical` the first canonical of the given key (or of its first word) in `nicknames.tsv`;
/// `initials` the first letter of each word of the given and middle keys; `familyPhonetic` the Double Metaphone
/// primary code (4 characters) of the family key; `key` the given, middle and family keys joined by spaces.
///
/// Parsing rules and limits are documented on ``NameParser``. Pure: the same input always gives the same output;
/// the tables are loaded once per process.
public struct NameNormalizer: Sendable {
    let tables: NameTables

    /// A normalizer over the shared, lazily loaded nickname and affix tables.
    public init() {
        self.tables = NameTables.shared
    }

    /// Normalizes any subset of the parts a source gave.
    ///
    /// `fullName` fills the parts that are missing (`"Dr. Hans Müller"`, `"MÜLLER, Hans"`,
    /// `"Müller, Dr. Hans-Peter Jr."`, `"J. R. R. Tolkien"`). Given parts win over what is parsed from `fullName`;
    /// a parsed part is not used when its key repeats a given part (`given: "Hans"`, `fullName: "Hans"`), and a
    /// parsed middle name only when the given name also came from (or agrees with) `fullName`. A prefix at the
    /// front or a suffix at the end of `given`/`family` is moved out (`given: "Dr. Hans"`).
    /// - Returns: `nil` when no given, middle or family name remains.
    /// - Complexity: O(n) in the total length; a Foundation NFC call only for non-ASCII input.
    public func normalized(
        fullName: String?, given: String?, middle: String?, family: String?, prefix: String?, suffix: String?
    ) -> NormalizedName? {
        var prefixes: [String] = []
        var suffixes: [String] = []
        appendAffixes(prefix, into: &prefixes)
        var givenPart = cleanedPart(given, prefixes: &prefixes, suffixes: &suffixes)
        var middlePart = cleanedPart(middle, prefixes: &prefixes, suffixes: &suffixes)
        var familyPart = cleanedPart(family, prefixes: &prefixes, suffixes: &suffixes)
        appendAffixes(suffix, into: &suffixes)

        // Keys are folded once: the parsed parts' keys are reused when a parsed part is taken.
        var givenKey = givenPart.map(TextFolding.foldedKey)
        var middleKey = middlePart.map(TextFolding.foldedKey)
        var familyKey = familyPart.map(TextFolding.foldedKey)
        let missing =
            givenPart == nil || middlePart == nil || familyPart == nil || prefixes.isEmpty
            || suffixes.isEmpty
        if missing, let fullName, case let cleaned = NameParser.cleaned(fullName), !cleaned.isEmpty {
            let parsed = NameParser.parse(cleaned, tables: tables)
            let inputGivenKey = givenKey
            let inputFamilyKey = familyKey
            let parsedGivenKey = parsed.given.map(TextFolding.foldedKey)
            let parsedFamilyKey = parsed.family.map(TextFolding.foldedKey)
            let givenFromParse = givenPart == nil || (parsedGivenKey != nil && parsedGivenKey == inputGivenKey)
            if familyPart == nil, let f = parsed.family, parsedFamilyKey != inputGivenKey {
                familyPart = f
                familyKey = parsedFamilyKey
            } else if givenPart == nil, parsed.given == nil, let f = parsed.family, parsedFamilyKey != inputFamilyKey {
                givenPart = f  // a lone token beside a known family name is the given name
                givenKey = parsedFamilyKey
            }
            if givenPart == nil, let g = parsed.given, parsedGivenKey != inputFamilyKey {
                givenPart = g
                givenKey = parsedGivenKey
            }
            if middlePart == nil && givenFromParse, let m = parsed.middle {
                middlePart = m
                middleKey = TextFolding.foldedKey(m)
            }
            if prefixes.isEmpty { prefixes = parsed.prefixes }
            if suffixes.isEmpty { suffixes = parsed.suffixes }
        }
        // A part without any letter or digit ("-", "?", ",") is no name.
        if givenKey?.isEmpty ?? true {
            givenPart = nil
            givenKey = nil
        }
        if middleKey?.isEmpty ?? true {
            middlePart = nil
            middleKey = nil
        }
        if familyKey?.isEmpty ?? true {
            familyPart = nil
            familyKey = nil
        }
        guard givenPart != nil || middlePart != nil || familyPart != nil else { return nil }

        var name = NormalizedName()
        name.prefix = prefixes.isEmpty ? nil : prefixes.count == 1 ? prefixes[0] : prefixes.joined(separator: " ")
        name.suffix = suffixes.isEmpty ? nil : suffixes.count == 1 ? suffixes[0] : suffixes.joined(separator: ", ")
        name.given = givenPart.map { NameCasing.display($0, isFamily: false) }
        name.middle = middlePart.map { NameCasing.display($0, isFamily: false) }
        name.family = familyPart.map { NameCasing.display($0, isFamily: true) }
        name.givenKey = givenKey
        name.middleKey = middleKey
        name.familyKey = familyKey
        if let familyPart, let familyKey {
            if familyPart.utf8.contains(where: { $0 >= 0x80 }) {
                let german = TextFolding.germanFoldedKey(familyPart)
                if german != familyKey && !german.isEmpty { name.familyKeyAlt = german }
            }
            name.familyPhonetic = nonEmpty(DoubleMetaphone.encode(familyKey).primary)
        }
        if let givenKey { name.givenCanonical = firstCanonicalGivenName(givenKey) }
        name.initials = Self.initials(givenKey, middleKey)
        name.key = Self.joinedKey(givenKey, middleKey, familyKey)
        return name
    }

    /// The folded match key of one free-text name (`"Dr. Müller, Hans"` → `"hans muller"`), for
    /// `steward normalize name`; `nil` when there is no name.
    public func matchKey(_ raw: String) -> String? {
        normalized(fullName: raw, given: nil, middle: nil, family: nil, prefix: nil, suffix: nil)?.key
    }

    /// Canonical given names of a folded given name through the nickname table, most common first:
    /// `"bob"` → `["robert"]`, `"alex"` → `["alexander", "alexandra"]`; `[]` when it is not a nickname.
    /// A multi-word key that is not in the table is looked up by its first word (`"bob lee"` → `["robert"]`).
    public func canonicalGivenNames(_ foldedGiven: String) -> [String] {
        if let found = tables.nicknames[foldedGiven] { return found }
        if let space = foldedGiven.firstIndex(of: " "), let found = tables.nicknames[String(foldedGiven[..<space])] {
            return found
        }
        return []
    }

    // MARK: - Helpers

    /// `canonicalGivenNames(foldedGiven).first`, looked up by ``PackedKey`` without hashing a `String`.
    func firstCanonicalGivenName(_ foldedGiven: String) -> String? {
        var key = PackedKey()
        var firstWord: PackedKey?
        var isASCII = true
        for byte in foldedGiven.utf8 {
            if byte == 0x20 && firstWord == nil { firstWord = key }
            if byte >= 0x80 { isASCII = false }
            key.append(byte)
        }
        // Other keys go through the `Character` search of `canonicalGivenNames` (a space can join a mark).
        guard key.count <= 16, isASCII else { return canonicalGivenNames(foldedGiven).first }
        if let found = tables.packedFirstCanonical[key] { return found }
        if let firstWord { return tables.packedFirstCanonical[firstWord] }
        return nil
    }

    /// A cleaned given part with prefixes at its front and suffixes at its end moved out; `nil` when empty.
    func cleanedPart(_ raw: String?, prefixes: inout [String], suffixes: inout [String]) -> String? {
        guard let raw else { return nil }
        let cleaned = NameParser.cleaned(raw)
        guard !cleaned.isEmpty else { return nil }
        let tables = self.tables
        // One name with affixes after a comma ("Weiß, Dr.", "Smith, Jr."): the affixes move out, the name stays.
        if cleaned.utf8.contains(UInt8(ascii: ",")) {
            let parsed = NameParser.parse(cleaned, tables: tables)
            if let name = parsed.family, parsed.given == nil, parsed.middle == nil,
                !parsed.prefixes.isEmpty || !parsed.suffixes.isEmpty
            {
                prefixes += parsed.prefixes
                suffixes += parsed.suffixes
                return name
            }
        }
        var copy = cleaned
        return copy.withUTF8 { bytes -> String?? in
            guard NameParser.isSimple(bytes) else { return .none }
            if !bytes.contains(0x20) && NameParser.affix(bytes, tables: tables) == nil {
                return .some(cleaned)  // one token that is no affix: nothing to move out
            }
            var parser = SimpleNameParser(text: bytes, tables: tables)
            parser.appendTokens(0, bytes.count)
            var range = 0..<parser.tokens.count
            // One part of a name: a weak prefix before one more word is an honorific (`M. Hugo`).
            parser.takePrefixes(&range, into: &prefixes, weakFollowing: 1)
            parser.takeSuffixes(&range, into: &suffixes)
            if range.count == parser.tokens.count { return .some(cleaned) }
            return .some(parser.joined(range))
        } ?? generalCleanedPart(cleaned, prefixes: &prefixes, suffixes: &suffixes)
    }

    /// ``cleanedPart(_:prefixes:suffixes:)`` of a cleaned part that is not simple (``NameParser/isSimple(_:)``).
    func generalCleanedPart(_ cleaned: String, prefixes: inout [String], suffixes: inout [String]) -> String? {
        if !cleaned.utf8.contains(UInt8(ascii: " "))
            && tables.affixes[GeneralNameParser.affixKey(Substring(cleaned))] == nil
        {
            return cleaned  // one token that is no affix: nothing to move out
        }
        var tokens = GeneralNameParser.tokens(Substring(cleaned))
        let count = tokens.count
        GeneralNameParser.takePrefixes(&tokens, into: &prefixes, tables: tables, weakFollowing: 1)
        GeneralNameParser.takeSuffixes(&tokens, into: &suffixes, tables: tables)
        if tokens.count == count { return cleaned }
        return tokens.isEmpty ? nil : tokens.joined(separator: " ")
    }

    /// Adds the tokens of a given prefix or suffix field, in canonical form when known (`dr` → `Dr.`).
    func appendAffixes(_ raw: String?, into list: inout [String]) {
        guard let raw else { return }
        let cleaned = NameParser.cleaned(raw)
        guard !cleaned.isEmpty else { return }
        let tables = self.tables
        var copy = cleaned
        let done = copy.withUTF8 { bytes -> Bool in
            guard NameParser.isSimple(bytes) else { return false }
            var parser = SimpleNameParser(text: bytes, tables: tables)
            var segmentStart = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: ",") {
                let first = parser.tokens.count
                parser.appendTokens(segmentStart, i)
                segmentStart = i &+ 1
                let range = first..<parser.tokens.count
                if range.isEmpty { continue }
                if range.allSatisfy({ parser.affix(parser.tokens[$0]) != nil }) {
                    for t in range { if let affix = parser.affix(parser.tokens[t]) { list.append(affix.display) } }
                } else if let joined = parser.joined(range) {
                    list.append(joined)
                }
            }
            return true
        }
        if done { return }
        for segment in cleaned.split(separator: ",") {
            let tokens = GeneralNameParser.tokens(segment)
            if tokens.isEmpty { continue }
            let known = tokens.map { tables.affixes[GeneralNameParser.affixKey($0)] }
            if known.allSatisfy({ $0 != nil }) {
                list.append(contentsOf: known.compactMap { $0?.display })
            } else {
                list.append(tokens.joined(separator: " "))
            }
        }
    }

    func nonEmpty(_ s: String) -> String? {
        s.isEmpty ? nil : s
    }

    /// First character of each word of the given and middle keys (`john q` → `jq`).
    static func initials(_ given: String?, _ middle: String?) -> String? {
        let g = given ?? ""
        let m = middle ?? ""
        if g.isEmpty && m.isEmpty { return nil }
        if g.utf8.allSatisfy({ $0 < 0x80 }) && m.utf8.allSatisfy({ $0 < 0x80 }) {
            var result = PackedKey()
            appendInitials(g, to: &result)
            appendInitials(m, to: &result)
            if result.count <= 16 {
                return withUnsafeBytes(of: (result.low.littleEndian, result.high.littleEndian)) { raw in
                    String(decoding: raw.prefix(result.count), as: UTF8.self)
                }
            }
        }
        var result = ""
        for key in [given, middle] {
            guard let key else { continue }
            for word in key.split(separator: " ") {
                if let first = word.first { result.append(first) }
            }
        }
        return result.isEmpty ? nil : result
    }

    /// Appends the first byte of each space-separated word of ASCII `key`.
    static func appendInitials(_ key: String, to result: inout PackedKey) {
        var atStart = true
        for b in key.utf8 {
            if b == 0x20 {
                atStart = true
            } else if atStart {
                result.append(b)
                atStart = false
            }
        }
    }

    /// The non-nil keys joined by single spaces; `nil` when there is none.
    static func joinedKey(_ given: String?, _ middle: String?, _ family: String?) -> String? {
        switch (given, middle, family) {
        case (nil, nil, nil): return nil
        case (let g?, nil, nil): return g
        case (nil, let m?, nil): return m
        case (nil, nil, let f?): return f
        default:
            var g = given ?? ""
            var m = middle ?? ""
            var f = family ?? ""
            let capacity = g.utf8.count + m.utf8.count + f.utf8.count + 2
            return g.withUTF8 { gb in
                m.withUTF8 { mb in
                    f.withUTF8 { fb in
                        String(unsafeUninitializedCapacity: capacity) { out in
                            var n = 0
                            func append(_ part: UnsafeBufferPointer<UInt8>) {
                                if part.isEmpty { return }
                                if n > 0 {
                                    out[n] = 0x20
                                    n &+= 1
                                }
                                for byte in part {
                                    out[n] = byte
                                    n &+= 1
                                }
                            }
                            append(gb)
                            append(mb)
                            append(fb)
                            return n
                        }
                    }
                }
            }
        }
    }
}
