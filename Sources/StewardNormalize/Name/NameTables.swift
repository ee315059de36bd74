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
final class NameTables: Sendable {
    /// Folded nickname → canonical folded given names, most common first (`bob` → [`robert`]).
    let nicknames: [String: [String]]
    /// Affix key (folded token without dots, hyphens or spaces: `phd`, `dipling`) → affix.
    let affixes: [String: NameAffix]
    /// ``affixes`` with each key of at most 16 UTF-8 bytes packed into a ``PackedKey`` (every shipped key), so a
    /// token is looked up without building a `String`.
    let packedAffixes: PackedTable<NameAffix>
    /// First canonical of each nickname of at most 16 bytes (``nicknames`` keyed by ``PackedKey``).
    let packedFirstCanonical: PackedTable<String>

    init(nicknames: [String: [String]], affixes: [String: NameAffix]) {
        self.nicknames = nicknames
        self.affixes = affixes
        self.packedAffixes = PackedTable(affixes.compactMap { key, affix in PackedKey(key).map { ($0, affix) } })
        self.packedFirstCanonical = PackedTable(
            nicknames.compactMap { key, canonicals in
                guard let k = PackedKey(key), let first = canonicals.first else { return nil }
                return (k, first)
            })
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

/// An open-addressing hash table from ``PackedKey`` to `Value`, built once from a table file: a multiplicative
/// hash and linear probing, so a look-up costs a few multiplications and one or two comparisons (no `Hasher`).
struct PackedTable<Value: Sendable>: Sendable {
    private var keys: [PackedKey]
    private var values: [Value?]
    private var shift: UInt64
    private var emptyKeyValue: Value?

    init(_ pairs: [(PackedKey, Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = Array(repeating: PackedKey(), count: 1 << bits)
        values = Array(repeating: nil, count: 1 << bits)
        emptyKeyValue = nil
        for (key, value) in pairs {
            if key.low == 0 && key.high == 0 {
                emptyKeyValue = value
                continue
            }
            var slot = slotOf(key)
            while values[slot] != nil && keys[slot] != key { slot = (slot &+ 1) & (keys.count &- 1) }
            keys[slot] = key
            values[slot] = value
        }
    }

    @inline(__always)
    private func slotOf(_ key: PackedKey) -> Int {
        let h = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: ((h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) >> shift)
    }

    /// The value stored for `key` (which must hold at most 16 bytes).
    subscript(key: PackedKey) -> Value? {
        if key.low == 0 && key.high == 0 { return emptyKeyValue }
        var slot = slotOf(key)
        while true {
            guard let value = values[slot] else { return nil }
            if keys[slot] == key { return value }
            slot = (slot &+ 1) & (keys.count &- 1)
        }
    }
}
