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

        let missing =
            givenPart == nil || middlePart == nil || familyPart == nil || prefixes.isEmpty
            || suffixes.isEmpty
        if missing, let fullName, case let cleaned = NameParser.cleaned(fullName), !cleaned.isEmpty {
            let parsed = NameParser.parse(cleaned, tables: tables)
            let givenKey = givenPart.map(TextFolding.foldedKey)
            let familyKey = familyPart.map(TextFolding.foldedKey)
            let parsedGivenKey = parsed.given.map(TextFolding.foldedKey)
            let parsedFamilyKey = parsed.family.map(TextFolding.foldedKey)
            let givenFromParse = givenPart == nil || (parsedGivenKey != nil && parsedGivenKey == givenKey)
            if familyPart == nil, let f = parsed.family, parsedFamilyKey != givenKey {
                familyPart = f
            } else if givenPart == nil, parsed.given == nil, let f = parsed.family, parsedFamilyKey != familyKey {
                givenPart = f  // a lone token beside a known family name is the given name
            }
            if givenPart == nil, let g = parsed.given, parsedGivenKey != familyKey { givenPart = g }
            if middlePart == nil && givenFromParse { middlePart = parsed.middle }
            if prefixes.isEmpty { prefixes = parsed.prefixes }
            if suffixes.isEmpty { suffixes = parsed.suffixes }
        }
        // Keys once; a part without any letter or digit ("-", "?", ",") is no name.
        let givenKey = givenPart.map(TextFolding.foldedKey) ?? ""
        let middleKey = middlePart.map(TextFolding.foldedKey) ?? ""
        let familyKey = familyPart.map(TextFolding.foldedKey) ?? ""
        if givenKey.isEmpty { givenPart = nil }
        if middleKey.isEmpty { middlePart = nil }
        if familyKey.isEmpty { familyPart = nil }
        guard givenPart != nil || middlePart != nil || familyPart != nil else { return nil }

        var name = NormalizedName()
        name.prefix = prefixes.isEmpty ? nil : prefixes.joined(separator: " ")
        name.suffix = suffixes.isEmpty ? nil : suffixes.joined(separator: ", ")
        name.given = givenPart.map { NameCasing.display($0, isFamily: false) }
        name.middle = middlePart.map { NameCasing.display($0, isFamily: false) }
        name.family = familyPart.map { NameCasing.display($0, isFamily: true) }
        name.givenKey = nonEmpty(givenKey)
        name.middleKey = nonEmpty(middleKey)
        name.familyKey = nonEmpty(familyKey)
        if let familyPart, !familyKey.isEmpty {
            if familyPart.utf8.contains(where: { $0 >= 0x80 }) {
                let german = TextFolding.germanFoldedKey(familyPart)
                if german != familyKey && !german.isEmpty { name.familyKeyAlt = german }
            }
            name.familyPhonetic = nonEmpty(DoubleMetaphone.encode(familyKey).primary)
        }
        if let givenKey = name.givenKey { name.givenCanonical = canonicalGivenNames(givenKey).first }
        name.initials = initials(name.givenKey, name.middleKey)
        let keys = [name.givenKey, name.middleKey, name.familyKey].compactMap { $0 }
        name.key = keys.isEmpty ? nil : keys.joined(separator: " ")
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

    /// A cleaned given part with prefixes at its front and suffixes at its end moved out; `nil` when empty.
    func cleanedPart(_ raw: String?, prefixes: inout [String], suffixes: inout [String]) -> String? {
        guard let raw else { return nil }
        let cleaned = NameParser.cleaned(raw)
        guard !cleaned.isEmpty else { return nil }
        if !cleaned.utf8.contains(UInt8(ascii: " ")) && tables.affixes[NameParser.affixKey(Substring(cleaned))] == nil {
            return cleaned  // one token that is no affix: nothing to move out
        }
        var tokens = NameParser.tokens(Substring(cleaned))
        let count = tokens.count
        NameParser.takePrefixes(&tokens, into: &prefixes, tables: tables)
        NameParser.takeSuffixes(&tokens, into: &suffixes, tables: tables)
        if tokens.count == count { return cleaned }
        return tokens.isEmpty ? nil : tokens.joined(separator: " ")
    }

    /// Adds the tokens of a given prefix or suffix field, in canonical form when known (`dr` → `Dr.`).
    func appendAffixes(_ raw: String?, into list: inout [String]) {
        guard let raw else { return }
        let cleaned = NameParser.cleaned(raw)
        guard !cleaned.isEmpty else { return }
        for segment in cleaned.split(separator: ",") {
            let tokens = NameParser.tokens(segment)
            if tokens.isEmpty { continue }
            let known = tokens.map { tables.affixes[NameParser.affixKey($0)] }
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
    func initials(_ keys: String?...) -> String? {
        var result = ""
        for key in keys {
            guard let key else { continue }
            for word in key.split(separator: " ") {
                if let first = word.first { result.append(first) }
            }
        }
        return result.isEmpty ? nil : result
    }
}
