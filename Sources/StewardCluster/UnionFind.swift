/// Disjoint sets over record indices `0..<count`: union by size, full path compression.
///
/// The two flat arrays are the whole state, so a million records cost 8 MB and no allocation per operation.
/// - Complexity: `find` and `link` amortized O(α(n)).
struct UnionFind {
    private(set) var parent: ContiguousArray<Int32>
    private(set) var size: ContiguousArray<Int32>

    init(count: Int) {
        parent = ContiguousArray(0..<Int32(truncatingIfNeeded: count))
        size = ContiguousArray(repeating: 1, count: count)
    }

    /// The root of `x`'s set; every node on the way is re-pointed at the root.
    @inline(__always)
    mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while true {
            let up = parent[Int(root)]
            if up == root { break }
            root = up
        }
        var node = x
        while node != root {
            let up = parent[Int(node)]
            parent[Int(node)] = root
            node = up
        }
        return root
    }

    /// Joins the sets of two distinct roots, the smaller under the larger (ties: `b` under `a`).
    /// - Returns: the surviving root and the root that was attached under it.
    @inline(__always)
    mutating func link(roots a: Int32, _ b: Int32) -> (root: Int32, child: Int32) {
        let (root, child) = size[Int(a)] < size[Int(b)] ? (b, a) : (a, b)
        parent[Int(child)] = root
        size[Int(root)] += size[Int(child)]
        return (root, child)
    }

    /// Number of records in the set whose root is `root`.
    @inline(__always)
    func count(ofRoot root: Int32) -> Int { Int(size[Int(root)]) }
}
