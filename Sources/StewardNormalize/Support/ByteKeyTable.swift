/// An immutable hash map from short byte strings (UTF-8 keys such as domains, local parts, name tokens) to values,
/// looked up straight from bytes, so a hot path needs no `String` (and no SipHash) to ask whether a key is known.
///
/// Open addressing with linear probing over a power-of-two slot array at most half full; keys hashed with 64-bit
/// FNV-1a and compared byte for byte. Built once (tables are `static let`s); lookups never allocate.
/// - Complexity: build O(total key bytes); lookup O(key length) expected.
struct ByteKeyTable<Value: Sendable>: Sendable {
    /// Entry index + 1 per slot; 0 is an empty slot.
    private let slots: [Int32]
    private let mask: Int
    /// All keys, back to back; entry `i` is `arena[starts[i]..<starts[i + 1]]`.
    private let arena: [UInt8]
    private let starts: [Int]
    private let hashes: [UInt64]
    let values: [Value]

    /// A table of `entries`; a later entry with the same key replaces the earlier one's value.
    init<Key: Collection<UInt8>>(_ entries: [(key: Key, value: Value)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        var arena: [UInt8] = []
        var starts: [Int] = [0]
        var hashes: [UInt64] = []
        var values: [Value] = []
        for (key, value) in entries {
            let bytes = Array(key)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] != 0 {
                let i = Int(slots[slot]) - 1
                if hashes[i] == hash && arena[starts[i]..<starts[i + 1]].elementsEqual(bytes) { break }
                slot = (slot + 1) & (capacity - 1)
            }
            if slots[slot] != 0 {
                values[Int(slots[slot]) - 1] = value
                continue
            }
            slots[slot] = Int32(values.count + 1)
            arena.append(contentsOf: bytes)
            starts.append(arena.count)
            hashes.append(hash)
            values.append(value)
        }
        self.slots = slots
        self.mask = capacity - 1
        self.arena = arena
        self.starts = starts
        self.hashes = hashes
        self.values = values
    }

    /// 64-bit FNV-1a.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }

    /// The index of `key`'s entry (into ``values``), or `nil`.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return nil }
                let i = entry - 1
                if hashes[i] == hash {
                    let start = starts[i]
                    let end = starts[i + 1]
                    if end - start == key.count {
                        var equal = true
                        for k in 0..<key.count where arena[start + k] != key[k] {
                            equal = false
                            break
                        }
                        if equal { return i }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The value of `key`, or `nil`.
    @inline(__always)
    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        index(of: key).map { values[$0] }
    }

    /// Whether `key` is in the table.
    @inline(__always)
    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        index(of: key) != nil
    }
}
