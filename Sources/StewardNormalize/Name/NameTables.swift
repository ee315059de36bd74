import Foundation
import StewardText

/// An honorific prefix or post-nominal suffix from `name-affixes.tsv`.
struct NameAffix: Sendable, Hashable {
    enum Kind: String, Sendable {
        /// Only before the name (`Dr.`, `Mrs.`, `Herr`).
        case prefix
        /// Only after the name (`Jr.`, `PhD`, `III`).
        case suffix
        /// Position decides: `Sr.` first is Spanish *Señor*, last is *Senior*.
        case both
        /// A prefix only when two or more name tokens follow and the next is not an initial (French `M.`).
        case prefixWeak = "prefix-weak"
    }

    var kind: Kind
    /// Canonical written form (`Dr.`, `PhD`).
    var display: String
}

/// The reference tables of ``NameNormalizer``, loaded once from the module's resources.
///
/// Both files are tab-separated with `#` provenance lines and a header line; see the files themselves.
struct NameTables: Sendable {
    /// Folded nickname → canonical folded given names, most common first (`bob` → [`robert`]).
    var nicknames: [String: [String]]
    /// Affix key (folded token without dots, hyphens or spaces: `phd`, `dipling`) → affix.
    var affixes: [String: NameAffix]
    /// ``affixes`` with each key of at most 16 UTF-8 bytes packed into a ``PackedKey`` (every shipped key), so a
    /// token is looked up without building a `String`.
    var packedAffixes: [PackedKey: NameAffix]

    init(nicknames: [String: [String]], affixes: [String: NameAffix]) {
        self.nicknames = nicknames
        self.affixes = affixes
        var packed: [PackedKey: NameAffix] = [:]
        for (key, affix) in affixes {
            if let k = PackedKey(key) { packed[k] = affix }
        }
        self.packedAffixes = packed
    }

    /// Family-name particles kept lower-case and attached to the family name (`van der Berg`, `de la Cruz`).
    static let particles: Set<String> = [
        "van", "von", "der", "den", "de", "del", "della", "degli", "dei", "di", "da", "du", "la", "le", "los",
        "las", "dos", "das", "ter", "ten", "zu", "und", "af", "av", "bin", "ibn", "al", "el", "y", "st",
    ]

    /// ``particles`` packed into one word each (all are at most 8 bytes).
    static let packedParticles: Set<UInt64> = Set(particles.compactMap { PackedKey($0)?.low })

    /// Loaded on first use; a missing resource (a packaging bug, caught by the tests) leaves a table empty.
    static let shared = NameTables(
        nicknames: loadNicknames(resource("nicknames")), affixes: loadAffixes(resource("name-affixes")))

    static func resource(_ name: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv"),
            let data = try? Data(contentsOf: url)
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Rows of a TSV text without comments and header.
    static func rows(_ text: String) -> [[Substring]] {
        var result: [[Substring]] = []
        var sawHeader = false
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            if !sawHeader {
                sawHeader = true
                continue
            }
            result.append(line.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return result
    }

    static func loadNicknames(_ text: String) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for cells in rows(text) where cells.count >= 2 {
            let nickname = TextFolding.foldedKey(String(cells[0]))
            let canonical = TextFolding.foldedKey(String(cells[1]))
            guard !nickname.isEmpty, !canonical.isEmpty, nickname != canonical else { continue }
            if !(table[nickname]?.contains(canonical) ?? false) { table[nickname, default: []].append(canonical) }
        }
        return table
    }

    static func loadAffixes(_ text: String) -> [String: NameAffix] {
        var table: [String: NameAffix] = [:]
        for cells in rows(text) where cells.count >= 3 {
            guard let kind = NameAffix.Kind(rawValue: String(cells[1])) else { continue }
            table[String(cells[0])] = NameAffix(kind: kind, display: String(cells[2]))
        }
        return table
    }
}

/// A `String` of at most 16 UTF-8 bytes packed into two words (first byte lowest, zero padding), for table look-ups
/// of keys built on the stack. Keys never contain a NUL byte, so the padding is unambiguous.
struct PackedKey: Hashable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    /// Number of bytes appended so far; above 16 the key no longer fits.
    var count = 0

    init() {}

    /// `nil` when `s` is longer than 16 bytes.
    init?(_ s: String) {
        for byte in s.utf8 { append(byte) }
        if count > 16 { return nil }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count < 8 {
            low |= UInt64(byte) << (UInt64(count) &* 8)
        } else if count < 16 {
            high |= UInt64(byte) << (UInt64(count &- 8) &* 8)
        }
        count &+= 1
    }

    static func == (a: PackedKey, b: PackedKey) -> Bool { a.low == b.low && a.high == b.high }

    func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        hasher.combine(high)
    }
}
