import StewardText

/// Jaro-Winkler over folded ASCII name keys, the comparison hot path.
enum SimilarityBench {
    static func run() {
        let names: [[UInt8]] = [
            "martha", "marhta", "dwayne", "duane", "dixon", "dicksonx", "jonathan", "johnathan", "katherine",
            "catherine", "mueller", "muller", "schmidt", "schmitt", "robert", "roberto",
        ].map { Array($0.utf8) }
        let pairs = 1_000_000
        _ = Bench.measure("jaro-winkler (ascii keys)", units: Double(pairs), unitName: "pairs") {
            var sum = 0.0
            for i in 0..<pairs {
                let a = names[i & 15]
                let b = names[(i &* 7 &+ 3) & 15]
                sum += a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in JaroWinkler.similarity(x, y) }
                }
            }
            blackHole(sum)
        }
    }
}
