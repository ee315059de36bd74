import StewardNormalize
import StewardText

/// Person-name normalization: full `NameNormalizer.normalized` on messy free-text names, and the folding hot path
/// (`TextFolding.foldedKey`) on ASCII and non-ASCII names.
enum NameBench {
    static let fullNames = [
        "Dr. Hans Müller", "MÜLLER, Hans", "Müller, Dr. Hans-Peter Jr.", "hans  müller", "J. R. R. Tolkien",
        "John Smith", "Smith, John Q., Esq.", "Mrs. Jane Q. Public", "SEAN O'BRIEN", "Maria de la Cruz",
        "Robert \"Bob\" Smith III", "Łukasz Wałęsa", "Prof. Dr. Ludwig van Beethoven", "mary mcdonald",
        "Nguyễn Văn An", "Katherine Johnson",
    ]

    static func run() {
        let normalizer = NameNormalizer()
        _ = normalizer.matchKey("warm up the tables")
        let count = 200_000
        _ = Bench.measure("name normalized (full name)", units: Double(count), unitName: "names") {
            var total = 0
            for i in 0..<count {
                let name = normalizer.normalized(
                    fullName: fullNames[i & 15], given: nil, middle: nil, family: nil, prefix: nil, suffix: nil)
                total &+= name?.key?.utf8.count ?? 0
            }
            blackHole(total)
        }
        _ = Bench.measure("name normalized (given+family)", units: Double(count), unitName: "names") {
            var total = 0
            for i in 0..<count {
                let name = normalizer.normalized(
                    fullName: nil, given: i & 1 == 0 ? "John" : "Jürgen", middle: nil,
                    family: i & 2 == 0 ? "Smith" : "Müller", prefix: nil, suffix: nil)
                total &+= name?.key?.utf8.count ?? 0
            }
            blackHole(total)
        }
        let ascii = ["John Smith", "O'Brien-Smith", "Katherine Johnson", "J. R. R. Tolkien"]
        let accented = ["Hans Müller", "Łukasz Wałęsa", "José García", "Nguyễn Văn An"]
        let folds = 1_000_000
        _ = Bench.measure("foldedKey (ascii names)", units: Double(folds), unitName: "names") {
            var total = 0
            for i in 0..<folds { total &+= TextFolding.foldedKey(ascii[i & 3]).utf8.count }
            blackHole(total)
        }
        _ = Bench.measure("foldedKey (accented names)", units: Double(folds), unitName: "names") {
            var total = 0
            for i in 0..<folds { total &+= TextFolding.foldedKey(accented[i & 3]).utf8.count }
            blackHole(total)
        }
        let families = ["smith", "muller", "schmidt", "obrien"]
        _ = Bench.measure("double metaphone (family keys)", units: Double(folds), unitName: "names") {
            var total = 0
            for i in 0..<folds { total &+= DoubleMetaphone.encode(families[i & 3]).primary.utf8.count }
            blackHole(total)
        }
    }
}
