import StewardModel
import StewardText
import Testing

@testable import StewardNormalize

/// Expected parts of a normalized name, compared field by field; `nil` fields must be `nil`.
struct ExpectedName: Sendable, CustomTestStringConvertible {
    var raw: String
    var prefix: String? = nil
    var given: String? = nil
    var middle: String? = nil
    var family: String? = nil
    var suffix: String? = nil
    var key: String? = nil

    var testDescription: String { raw }
}

@Suite("Name normalizer")
struct NameNormalizerTests {
    let normalizer = NameNormalizer()

    @Test(
        "free-text names split into parts",
        arguments: [
            ExpectedName(raw: "Dr. Hans Müller", prefix: "Dr.", given: "Hans", family: "Müller", key: "hans muller"),
            ExpectedName(raw: "MÜLLER, Hans", given: "Hans", family: "Müller", key: "hans muller"),
            ExpectedName(
                raw: "Müller, Dr. Hans-Peter Jr.", prefix: "Dr.", given: "Hans-Peter", family: "Müller", suffix: "Jr.",
                key: "hans peter muller"),
            ExpectedName(raw: "hans  müller", given: "Hans", family: "Müller", key: "hans muller"),
            ExpectedName(
                raw: "J. R. R. Tolkien", given: "J.", middle: "R. R.", family: "Tolkien", key: "j r r tolkien"),
            ExpectedName(raw: "J.R.R. Tolkien", given: "J.", middle: "R. R.", family: "Tolkien", key: "j r r tolkien"),
            ExpectedName(
                raw: "John Smith, Jr., PhD", given: "John", family: "Smith", suffix: "Jr., PhD", key: "john smith"),
            ExpectedName(
                raw: "Prof. Dr. Ludwig van Beethoven", prefix: "Prof. Dr.", given: "Ludwig", family: "van Beethoven",
                key: "ludwig van beethoven"),
            ExpectedName(
                raw: "HANS VAN DER BERG", given: "Hans", family: "van der Berg", key: "hans van der berg"),
            ExpectedName(raw: "Van der Berg, Anna", given: "Anna", family: "Van der Berg", key: "anna van der berg"),
            ExpectedName(raw: "SEAN O'BRIEN", given: "Sean", family: "O'Brien", key: "sean obrien"),
            ExpectedName(raw: "mary mcdonald", given: "Mary", family: "McDonald", key: "mary mcdonald"),
            ExpectedName(raw: "Mary MacDonald", given: "Mary", family: "MacDonald", key: "mary macdonald"),
            ExpectedName(
                raw: "Sr. José García", prefix: "Sr.", given: "José", family: "García", key: "jose garcia"),
            ExpectedName(
                raw: "José García Sr.", given: "José", family: "García", suffix: "Sr.", key: "jose garcia"),
            ExpectedName(
                raw: "Robert \"Bob\" Smith III", given: "Robert", family: "Smith", suffix: "III", key: "robert smith"),
            ExpectedName(
                raw: "Mrs.\tJane\u{00A0}Q.  Public", prefix: "Mrs.", given: "Jane", middle: "Q.", family: "Public",
                key: "jane q public"),
            ExpectedName(raw: "M. Jean Dupont", prefix: "M.", given: "Jean", family: "Dupont", key: "jean dupont"),
            ExpectedName(raw: "M. Dupont", given: "M.", family: "Dupont", key: "m dupont"),
            ExpectedName(raw: "Madonna", family: "Madonna", key: "madonna"),
            ExpectedName(
                raw: "Maria de la Cruz", given: "Maria", family: "de la Cruz", key: "maria de la cruz"),
            ExpectedName(
                raw: "Herr Dipl.-Ing. Jürgen Groß", prefix: "Herr Dipl.-Ing.", given: "Jürgen", family: "Groß",
                key: "jurgen gross"),
            ExpectedName(
                raw: "Ms. ANNE-MARIE DUBOIS, MBA", prefix: "Ms.", given: "Anne-Marie", family: "Dubois",
                suffix: "MBA", key: "anne marie dubois"),
            ExpectedName(raw: "Mu\u{308}ller, Jo\u{308}rg", given: "Jörg", family: "Müller", key: "jorg muller"),
        ])
    func parses(expected: ExpectedName) throws {
        let name = try #require(
            normalizer.normalized(
                fullName: expected.raw, given: nil, middle: nil, family: nil, prefix: nil, suffix: nil))
        #expect(name.prefix == expected.prefix)
        #expect(name.given == expected.given)
        #expect(name.middle == expected.middle)
        #expect(name.family == expected.family)
        #expect(name.suffix == expected.suffix)
        #expect(name.key == expected.key)
    }

    @Test("every key field of one name")
    func allFields() throws {
        let name = try #require(
            normalizer.normalized(
                fullName: "Dr. Bob Q. Müller Jr.", given: nil, middle: nil, family: nil, prefix: nil, suffix: nil))
        var expected = NormalizedName()
        expected.prefix = "Dr."
        expected.given = "Bob"
        expected.middle = "Q."
        expected.family = "Müller"
        expected.suffix = "Jr."
        expected.givenKey = "bob"
        expected.givenCanonical = "robert"
        expected.middleKey = "q"
        expected.familyKey = "muller"
        expected.familyKeyAlt = "mueller"
        expected.initials = "bq"
        expected.familyPhonetic = "MLR"
        expected.key = "bob q muller"
        #expect(name == expected)
    }

    @Test("familyKeyAlt only when the German variant differs; phonetic of the family key")
    func germanVariant() throws {
        let smith = try #require(
            normalizer.normalized(fullName: nil, given: "John", middle: nil, family: "Smith", prefix: nil, suffix: nil))
        #expect(smith.familyKeyAlt == nil)
        #expect(smith.familyPhonetic == "SM0")
        let schroeder = try #require(
            normalizer.normalized(
                fullName: nil, given: "Gerhard", middle: nil, family: "SCHRÖDER", prefix: nil, suffix: nil))
        #expect(schroeder.family == "Schröder")
        #expect(schroeder.familyKey == "schroder")
        #expect(schroeder.familyKeyAlt == "schroeder")
        #expect(schroeder.familyPhonetic == "XRTR")
    }

    @Test("given parts win; fullName fills the gaps; affixes move out of given and family")
    func partsAndFullName() throws {
        // Given family wins over the parsed one; the parsed given fills the gap.
        let a = try #require(
            normalizer.normalized(
                fullName: "Hans Mueller", given: nil, middle: nil, family: "Müller", prefix: nil, suffix: nil))
        #expect(a.given == "Hans")
        #expect(a.family == "Müller")
        // A lone token beside a known family name is the given name.
        let b = try #require(
            normalizer.normalized(fullName: "Hans", given: nil, middle: nil, family: "Müller", prefix: nil, suffix: nil)
        )
        #expect(b.given == "Hans")
        #expect(b.key == "hans muller")
        // The same token is not used twice.
        let c = try #require(
            normalizer.normalized(fullName: "Hans", given: "Hans", middle: nil, family: nil, prefix: nil, suffix: nil))
        #expect(c.family == nil)
        #expect(c.key == "hans")
        // Prefix in the given field, suffix in the family field; given prefix field canonicalized.
        let d = try #require(
            normalizer.normalized(
                fullName: nil, given: "Dr. Hans", middle: nil, family: "Müller PhD", prefix: "prof", suffix: nil))
        #expect(d.prefix == "Prof. Dr.")
        #expect(d.given == "Hans")
        #expect(d.family == "Müller")
        #expect(d.suffix == "PhD")
        // A given name spread over given and middle is not doubled from fullName.
        let e = try #require(
            normalizer.normalized(
                fullName: "Hans Peter Müller", given: "Hans Peter", middle: nil, family: nil, prefix: nil, suffix: nil))
        #expect(e.middle == nil)
        #expect(e.family == "Müller")
        #expect(e.key == "hans peter muller")
        // Parsed prefix/suffix fill empty fields.
        let f = try #require(
            normalizer.normalized(
                fullName: "Dr. Jane Doe Jr.", given: "Jane", middle: nil, family: "Doe", prefix: nil, suffix: nil))
        #expect(f.prefix == "Dr.")
        #expect(f.suffix == "Jr.")
    }

    @Test("no name at all", arguments: ["", "   ", "Mr.", "Dr. Jr.", ",", "\u{200B}"])
    func noName(raw: String) {
        #expect(
            normalizer.normalized(fullName: raw, given: nil, middle: nil, family: nil, prefix: nil, suffix: nil) == nil)
        #expect(normalizer.matchKey(raw) == nil)
        #expect(
            normalizer.normalized(fullName: nil, given: raw, middle: nil, family: "", prefix: "Dr.", suffix: nil)
                == nil)
    }

    @Test(
        "match keys for steward normalize name",
        arguments: [
            ("Dr. Müller, Hans", "hans muller"), ("  MÜLLER,   HANS ", "hans muller"),
            ("O'Neill, Siobhán", "siobhan oneill"),
            ("Łukasz Wałęsa", "lukasz walesa"), ("Ms. Zoë Saldaña-Nazario", "zoe saldana nazario"),
            ("Nguyễn Văn An", "nguyen van an"), ("Smith, John Q., Esq.", "john q smith"),
        ])
    func matchKeys(raw: String, expected: String) {
        #expect(normalizer.matchKey(raw) == expected)
    }

    @Test(
        "nickname table",
        arguments: [
            ("bob", ["robert"]), ("bill", ["william"]), ("kate", ["katherine", "catherine"]), ("liz", ["elizabeth"]),
            ("peggy", ["margaret"]), ("dick", ["richard"]), ("ted", ["edward", "theodore"]), ("jim", ["james"]),
            ("alex", ["alexander", "alexandra"]), ("robert", []), ("xyzzy", []), ("bob lee", ["robert"]),
        ])
    func nicknames(nickname: String, expected: [String]) {
        #expect(normalizer.canonicalGivenNames(nickname) == expected)
    }

    @Test("the shipped tables load and are large enough")
    func tables() {
        let tables = NameTables.shared
        let pairs = tables.nicknames.values.reduce(0) { $0 + $1.count }
        #expect(pairs >= 300)
        #expect(tables.affixes["phd"]?.kind == .suffix)
        #expect(tables.affixes["sr"]?.kind == .both)
        #expect(tables.affixes["dr"]?.display == "Dr.")
        #expect(tables.affixes["m"]?.kind == .prefixWeak)
        // Every nickname key and canonical is already folded.
        for (nickname, canonicals) in tables.nicknames {
            #expect(TextFolding.foldedKey(nickname) == nickname)
            for canonical in canonicals { #expect(TextFolding.foldedKey(canonical) == canonical) }
        }
    }

    @Test(
        "display casing",
        arguments: [
            ("MÜLLER", false, "Müller"), ("o'brien", false, "O'Brien"), ("MCDONALD", false, "McDonald"),
            ("VAN DER BERG", true, "van der Berg"), ("van der berg", true, "van der Berg"),
            ("van der Berg", true, "van der Berg"), ("DeVries", true, "DeVries"), ("JEAN-LUC", false, "Jean-Luc"),
            ("VAN", true, "Van"), ("王小明", true, "王小明"), ("ÉLODIE", false, "Élodie"),
        ])
    func casing(input: String, isFamily: Bool, expected: String) {
        #expect(NameCasing.display(input, isFamily: isFamily) == expected)
    }
}
