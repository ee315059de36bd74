/// The `UID`s of the records read so far from one file, to reject a repeated one, kept compactly so that memory
/// grows by little more than the UIDs' own bytes: their text in one buffer and an open-addressing table of 8-byte
/// slots (a `Dictionary<String, Int>` costs about 120 bytes per short UID: a heap string plus the entry).
///
/// Exact: UIDs are compared byte for byte (as `String` equality of ASCII UIDs; two spellings of the same non-ASCII
/// UID in different normalization forms count as different here).
///
/// Limits: 2^32 - 1 UIDs per file (the table's entry numbers are 32-bit).
///
/// - Complexity: ``insert(_:line:)`` O(UID length) amortized.
struct VCardUIDSet {
    /// The UIDs' bytes, one after the other.
    private var text: [UInt8] = []
    /// Entry `k` is `text[starts[k]..<starts[k + 1]]` (the last one ends at `text.count`).
    private var starts: [Int] = []
    /// The line where entry `k` was first seen.
    private var lines: [Int] = []
    /// Open addressing, linear probing: upper 32 bits a hash fragment, lower 32 bits entry index + 1 (0: empty).
    private var table: [UInt64] = []

    var count: Int { starts.count }

    /// Inserts `uid`, first seen at `line`; returns the line where an equal UID was first seen instead (and inserts
    /// nothing) when there was one.
    mutating func insert(_ uid: UnsafeBufferPointer<UInt8>, line: Int) -> Int? {
        if (starts.count + 1) * 2 > table.count { grow() }
        let hash = VCardUIDSet.hash(uid)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let fragment = UInt64(truncatingIfNeeded: hash >> 32) << 32
        while table[slot] != 0 {
            let value = table[slot]
            if value & 0xFFFF_FFFF_0000_0000 == fragment {
                let entry = Int(value & 0xFFFF_FFFF) - 1
                if bytes(of: entry).elementsEqual(uid) { return lines[entry] }
            }
            slot = (slot + 1) & mask
        }
        starts.append(text.count)
        lines.append(line)
        text.append(contentsOf: uid)
        table[slot] = fragment | UInt64(starts.count)
        return nil
    }

    private func bytes(of entry: Int) -> ArraySlice<UInt8> {
        let end = entry + 1 < starts.count ? starts[entry + 1] : text.count
        return text[starts[entry]..<end]
    }

    private mutating func grow() {
        let size = max(64, table.count * 2)
        table = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for entry in 0..<starts.count {
            let hash = bytes(of: entry).withUnsafeBufferPointer { VCardUIDSet.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != 0 { slot = (slot + 1) & mask }
            table[slot] = UInt64(truncatingIfNeeded: hash >> 32) << 32 | UInt64(entry + 1)
        }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
