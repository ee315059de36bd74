/// FNV-1a 64 (Fowler, Noll, Vo; draft-eastlake-fnv), the hash behind golden ids, content hashes and fingerprints.
///
/// Not cryptographic: 64 bits tell "changed" from "unchanged" with a chance of 2⁻⁶⁴ of missing a change, and
/// make ids that are checked for collisions against every id ever issued. Fields are length-prefixed before
/// hashing (``add(_:)``), so `("ab", "c")` and `("a", "bc")` differ.
struct FNV1a64 {
    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    private(set) var value: UInt64 = FNV1a64.offsetBasis

    /// Hashes raw bytes, no length prefix.
    mutating func raw<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = value
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= FNV1a64.prime
        }
        value = hash
    }

    /// Hashes a length (as 8 little-endian bytes).
    mutating func add(_ number: Int) {
        var hash = value
        var remaining = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 {
            hash ^= remaining & 0xFF
            hash &*= FNV1a64.prime
            remaining >>= 8
        }
        value = hash
    }

    /// Hashes a string's UTF-8, prefixed with its length.
    mutating func add(_ text: String) {
        add(text.utf8.count)
        raw(text.utf8)
    }

    /// Hashes an optional string: a marker byte, then the string when present.
    mutating func add(_ text: String?) {
        if let text {
            raw(CollectionOfOne(1))
            add(text)
        } else {
            raw(CollectionOfOne(0))
        }
    }

    /// 16 lower-case hex digits.
    var hex: String { Self.hex(value) }

    /// `prefix` followed by 16 lower-case hex digits of `value`.
    static func hex(_ value: UInt64, prefix: UInt8? = nil) -> String {
        let count = prefix == nil ? 16 : 17
        return String(unsafeUninitializedCapacity: count) { buffer in
            var at = 0
            if let prefix {
                buffer[0] = prefix
                at = 1
            }
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(index))) & 0xF
                buffer[at + index] = nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
            }
            return count
        }
    }
}
