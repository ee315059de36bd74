import StewardModel

/// The blocks of every blocking pass, and the per-record keys that decide which pass "owns" a candidate pair.
///
/// Each pass hashes each record's key (the bytes of its key functions joined by 0x1F; a record with several values,
/// say two emails, gets one key per combination, at most ``maxKeysPerRecord``) to 64 bits, sorts (hash, record)
/// and reads blocks off the runs of equal hashes. Blocks larger than the cap are skipped and reported.
///
/// A candidate pair is produced exactly once over all passes, without a global pair set: in pass p, block h emits
/// (a, b) only when no earlier pass gives a and b a common key and h is the smallest key a and b share in pass p
/// (skipped blocks don't count). So pairs can be streamed block by block, never materialized all at once.
/// - Complexity: building O(k · n log n) for k passes and n records; memory about 12 bytes per key per pass.
struct BlockingIndex {
    struct Pass {
        var spec: BlockingPassSpec
        /// (hash, record), sorted.
        var hashes: ContiguousArray<UInt64> = []
        var records: ContiguousArray<Int32> = []
        /// Blocks of 2…cap records: ranges into `hashes`/`records`.
        var blocks: ContiguousArray<Range<Int32>> = []
        /// Each record's distinct non-skipped key hashes, sorted: `keys[keyEnds[r-1]..<keyEnds[r]]`.
        var keyEnds: ContiguousArray<Int32> = []
        var keys: ContiguousArray<UInt64> = []
        var stats: BlockPassStats
    }

    static let maxKeysPerRecord = 16
    static let shownBlocks = 5

    var passes: [Pass]
    let maxBlockSize: Int

    init(table: RecordTable, model: MatchModel) {
        maxBlockSize = model.maxBlockSize
        passes = model.blocking.map { spec in
            Self.pass(spec, table: table, maxBlockSize: model.maxBlockSize)
        }
    }

    // MARK: Building

    private static func pass(_ spec: BlockingPassSpec, table: RecordTable, maxBlockSize: Int) -> Pass {
        let functions = spec.keys.map { KeyFunction($0, table: table) }
        var pass = Pass(spec: spec, stats: BlockPassStats(name: spec.name))
        var entries: [(hash: UInt64, record: Int32)] = []
        entries.reserveCapacity(table.count)
        var keyed = 0
        var scratch: [UInt8] = []
        var recordHashes: [UInt64] = []
        for record in 0..<table.count {
            recordHashes.removeAll(keepingCapacity: true)
            keys(functions, record: record, scratch: &scratch) { bytes in
                recordHashes.append(hash(bytes))
            }
            if recordHashes.isEmpty { continue }
            keyed += 1
            recordHashes.sort()
            var last: UInt64?
            for h in recordHashes where h != last {
                entries.append((h, Int32(record)))
                last = h
            }
        }
        entries.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.record < $1.record }
        pass.hashes.reserveCapacity(entries.count)
        pass.records.reserveCapacity(entries.count)
        for entry in entries {
            pass.hashes.append(entry.hash)
            pass.records.append(entry.record)
        }
        pass.stats.keyedRecords = keyed

        // Blocks; skipped ones are remembered so per-record keys leave them out.
        var skipped: Set<UInt64> = []
        var sizes: [(size: Int, start: Int)] = []
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].hash == entries[start].hash { end += 1 }
            let size = end - start
            if size > maxBlockSize {
                skipped.insert(entries[start].hash)
                pass.stats.skipped.append(
                    BlockPassStats.Block(
                        key: keyText(functions, record: Int(entries[start].record), hash: entries[start].hash),
                        size: size))
            } else if size >= 2 {
                pass.blocks.append(Int32(start)..<Int32(end))
                pass.stats.pairs += size * (size - 1) / 2
                sizes.append((size, start))
            }
            start = end
        }
        pass.stats.blocks = pass.blocks.count
        pass.stats.skipped.sort { $0.size != $1.size ? $0.size > $1.size : $0.key < $1.key }
        sizes.sort { $0.size != $1.size ? $0.size > $1.size : $0.start < $1.start }
        pass.stats.largest = sizes.prefix(shownBlocks).map {
            BlockPassStats.Block(
                key: keyText(functions, record: Int(entries[$0.start].record), hash: entries[$0.start].hash),
                size: $0.size)
        }

        // Per-record sorted keys (without skipped blocks).
        var counts = ContiguousArray<Int32>(repeating: 0, count: table.count)
        for entry in entries where !skipped.contains(entry.hash) { counts[Int(entry.record)] += 1 }
        pass.keyEnds.reserveCapacity(table.count)
        var total: Int32 = 0
        for count in counts {
            total += count
            pass.keyEnds.append(total)
        }
        pass.keys = ContiguousArray(repeating: 0, count: Int(total))
        var fill = ContiguousArray<Int32>(repeating: 0, count: table.count)
        for entry in entries where !skipped.contains(entry.hash) {
            let r = Int(entry.record)
            let base = r == 0 ? 0 : Int(pass.keyEnds[r - 1])
            pass.keys[base + Int(fill[r])] = entry.hash
            fill[r] += 1
        }
        for r in 0..<table.count {
            let range = keyRange(pass.keyEnds, r)
            if range.count > 1 { pass.keys[range].sort() }
        }
        return pass
    }

    /// Calls `body` with the bytes of each key combination of `record` (none when a key function has no value).
    private static func keys(
        _ functions: [KeyFunction], record: Int, scratch: inout [UInt8], _ body: (ArraySlice<UInt8>) -> Void
    ) {
        var produced = 0
        func expand(_ k: Int) {
            if produced >= maxKeysPerRecord { return }
            if k == functions.count {
                produced += 1
                body(scratch[...])
                return
            }
            let mark = scratch.count
            for value in functions[k].column.values(of: record) {
                if k > 0 { scratch.append(0x1F) }
                if functions[k].appendKey(value: value, to: &scratch) { expand(k + 1) }
                scratch.removeSubrange(mark...)
            }
        }
        scratch.removeAll(keepingCapacity: true)
        expand(0)
    }

    /// The key text of `record` whose hash is `hash` (`smith|j`), for people to read.
    private static func keyText(_ functions: [KeyFunction], record: Int, hash wanted: UInt64) -> String {
        var scratch: [UInt8] = []
        var text = ""
        keys(functions, record: record, scratch: &scratch) { bytes in
            if text.isEmpty && hash(bytes) == wanted {
                text = String(decoding: bytes.map { $0 == 0x1F ? UInt8(ascii: "|") : $0 }, as: UTF8.self)
            }
        }
        return text
    }

    /// FNV-1a 64 with a final avalanche (MurmurHash3 fmix64).
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x100_0000_01b3
        }
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    static func keyRange(_ ends: ContiguousArray<Int32>, _ record: Int) -> Range<Int> {
        (record == 0 ? 0 : Int(ends[record - 1]))..<Int(ends[record])
    }

    // MARK: Pairs

    /// Whether `a` and `b` share a key in pass `p` smaller than `hash` (then an earlier block of the pass owns
    /// the pair), or any key in an earlier pass.
    @inline(__always)
    func ownedElsewhere(_ a: Int, _ b: Int, pass p: Int, hash: UInt64) -> Bool {
        ownedByEarlierBlock(a, b, pass: p, hash: hash) || pairedByEarlierPass(a, b, pass: p)
    }

    /// Whether `a` and `b` share a key in pass `p` smaller than `hash`: an earlier block of the pass owns the pair.
    @inline(__always)
    func ownedByEarlierBlock(_ a: Int, _ b: Int, pass p: Int, hash: UInt64) -> Bool {
        let current = passes[p]
        let ra = Self.keyRange(current.keyEnds, a)
        let rb = Self.keyRange(current.keyEnds, b)
        guard ra.count > 1 || rb.count > 1, let shared = Self.smallestShared(current.keys, ra, rb) else { return false }
        return shared < hash
    }

    /// Whether `a` and `b` share a key in a pass before `p`.
    @inline(__always)
    func pairedByEarlierPass(_ a: Int, _ b: Int, pass p: Int) -> Bool {
        for q in 0..<p {
            let earlier = passes[q]
            if Self.smallestShared(
                earlier.keys, Self.keyRange(earlier.keyEnds, a), Self.keyRange(earlier.keyEnds, b)) != nil
            {
                return true
            }
        }
        return false
    }

    /// The smallest hash in both sorted ranges of `keys`, if any.
    @inline(__always)
    static func smallestShared(_ keys: ContiguousArray<UInt64>, _ a: Range<Int>, _ b: Range<Int>) -> UInt64? {
        var i = a.lowerBound
        var j = b.lowerBound
        while i < a.upperBound && j < b.upperBound {
            let x = keys[i]
            let y = keys[j]
            if x == y { return x }
            if x < y { i += 1 } else { j += 1 }
        }
        return nil
    }

    /// Calls `body(a, b)` for each pair block `block` of pass `p` owns, `a < b`.
    @inline(__always)
    func forEachPair(pass p: Int, block: Int, _ body: (Int32, Int32) -> Void) {
        let pass = passes[p]
        let range = pass.blocks[block]
        let hash = pass.hashes[Int(range.lowerBound)]
        let lower = Int(range.lowerBound)
        let upper = Int(range.upperBound)
        for i in lower..<upper {
            let a = pass.records[i]
            for j in (i + 1)..<upper {
                let b = pass.records[j]
                if !ownedElsewhere(Int(a), Int(b), pass: p, hash: hash) { body(a, b) }
            }
        }
    }

    /// Pairs block `block` of pass `p` generates before de-duplication.
    func pairCount(pass p: Int, block: Int) -> Int {
        let n = passes[p].blocks[block].count
        return n * (n - 1) / 2
    }

    /// The plan: per pass its statistics with `newPairs` counted (walks every pair, compares none).
    func plan() -> BlockingPlan {
        var stats = passes.map(\.stats)
        for p in passes.indices {
            var fresh = 0
            for block in passes[p].blocks.indices { forEachPair(pass: p, block: block) { _, _ in fresh += 1 } }
            stats[p].newPairs = fresh
        }
        return BlockingPlan(passes: stats, maxBlockSize: maxBlockSize)
    }
}
