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
                if ownedByEarlierBlock(Int(a), Int(b), pass: p, hash: hash) { continue }
                body(a, b, !pairedByEarlierPass(Int(a), Int(b), pass: p))
            }
        }
    }

}
