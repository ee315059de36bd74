import StewardModel

extension BlockingIndex {
    /// Calls `body(a, b, firstPass)` for each pair block `block` of pass `p` owns within the pass (a pair sharing
    /// several keys of the pass comes from the block of its smallest key only), `a < b`; `firstPass` is false when
    /// an earlier pass also pairs the two records. Unlike ``forEachPair(pass:block:_:)``, a pair an earlier pass
    /// produced is still visited: training estimates m per pass over all of that pass's pairs.
    /// `keep(a, b)` is asked first and skips a pair cheaply (sampling).
    @inline(__always)
    func forEachPassPair(
        pass p: Int, block: Int, keep: (Int32, Int32) -> Bool, _ body: (Int32, Int32, Bool) -> Void
    ) {
        let current = passes[p]
        let range = current.blocks[block]
        let hash = current.hashes[Int(range.lowerBound)]
        let lower = Int(range.lowerBound)
        let upper = Int(range.upperBound)
        for i in lower..<upper {
            let a = current.records[i]
            for j in (i + 1)..<upper {
                let b = current.records[j]
                guard keep(a, b) else { continue }
                let ra = Self.keyRange(current.keyEnds, Int(a))
                let rb = Self.keyRange(current.keyEnds, Int(b))
                if ra.count > 1 || rb.count > 1, let shared = Self.firstShared(current.keys, ra, rb), shared < hash {
                    continue
                }
                var first = true
                for q in 0..<p {
                    let earlier = passes[q]
                    if Self.firstShared(
                        earlier.keys, Self.keyRange(earlier.keyEnds, Int(a)), Self.keyRange(earlier.keyEnds, Int(b)))
                        != nil
                    {
                        first = false
                        break
                    }
                }
                body(a, b, first)
            }
        }
    }

    /// The smallest hash in both sorted ranges of `keys`, if any.
    @inline(__always)
    static func firstShared(_ keys: ContiguousArray<UInt64>, _ a: Range<Int>, _ b: Range<Int>) -> UInt64? {
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
}
