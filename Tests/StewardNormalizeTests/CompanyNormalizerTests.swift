import StewardNormalize
import Testing

@Suite("CompanyNormalizer")
struct CompanyNormalizerTests {
    let normalizer = CompanyNormalizer()

    @Test(arguments: [
        ("Acme, Inc.", "acme"),
        ("ACME INC", "acme"),
        ("Acme Incorporated", "acme"),
        ("The ACME Corporation", "acme"),
        ("The Acme Corp., Inc.", "acme"),
        ("Acme Co., Ltd.", "acme"),
        ("Acme Holdings Ltd.", "acme holdings"),
        ("Foo Holdings Co., Ltd.", "foo holdings"),
        ("Müller GmbH & Co. KG", "muller"),
        ("Müller GmbH & Co KG", "muller"),
        ("Müller GmbH", "muller"),
        ("AT&T Inc.", "at and t"),
        ("AT&amp;T", "at and t"),
        ("AT and T", "at and t"),
        ("A.T. & T.", "at and t"),
        ("Procter & Gamble", "procter and gamble"),
        ("Procter and Gamble Co.", "procter and gamble"),
        ("Smith & Co.", "smith"),
        ("I.B.M. Corp", "ibm"),
        ("IBM", "ibm"),
        ("J. P. Morgan & Co. Incorporated", "jp morgan"),
        ("Ferrari S.p.A.", "ferrari"),
        ("Ferrari SpA", "ferrari"),
        ("Maersk A/S", "maersk"),
        ("Nokia Oyj", "nokia"),
        ("Kone Oy", "kone"),
        ("Volvo AB (publ)", "volvo"),
        ("Philips N.V.", "philips"),
        ("ASML Holding NV", "asml holding"),
        ("Unilever PLC", "unilever"),
        ("BHP Group Pty Ltd", "bhp group"),
        ("Société Générale S.A.", "societe generale"),
        ("L'Oréal SA", "loreal"),
        ("Renault S.A.S.", "renault"),
        ("Dupont SARL", "dupont"),
        ("Cemex, S.A.B. de C.V.", "cemex"),
        ("Grupo Bimbo S.A. de C.V.", "grupo bimbo"),
        ("Orlen sp. z o.o.", "orlen"),
        ("Škoda Auto a.s.", "skoda auto"),
        ("Tata Consultancy Services Pvt. Ltd.", "tata consultancy services"),
        ("Siemens AG", "siemens"),
        ("Allianz SE", "allianz"),
        ("Beispiel UG (haftungsbeschränkt)", "beispiel"),
        ("Example LLC", "example"),
        ("Example L.L.C.", "example"),
        ("McDonald's Corporation", "mcdonalds"),
        ("The Coca-Cola Company", "coca cola"),
        ("Thermo Fisher", "thermo fisher"),
        ("Theatre Ltd", "theatre"),
        ("トヨタ自動車株式会社", "トヨタ自動車"),
        ("  acme   inc  ", "acme"),
    ])
    func keys(raw: String, expected: String) {
        #expect(normalizer.key(raw) == expected)
    }

    /// Legal forms only at the end, "The" only at the start.
    @Test(arguments: [
        ("Inc. Magazine Group", "inc magazine group"),
        ("Limited Brands", "limited brands"),
        ("AG Barr plc", "ag barr"),
        ("Acme The Company", "acme the"),
        ("GmbH Consulting", "gmbh consulting"),
    ])
    func stripsOnlyAtTheEdges(raw: String, expected: String) {
        #expect(normalizer.key(raw) == expected)
    }

    /// A name that is nothing but a legal form keeps it rather than becoming empty.
    @Test(arguments: [
        ("Inc.", "inc"), ("The", "the"), ("The Inc.", "inc"), ("GmbH & Co. KG", "gmbh and co kg"), ("LLC", "llc"),
        ("Co., Ltd.", "co ltd"), ("株式会社", "株式会社"),
    ])
    func neverStripsToNothing(raw: String, expected: String) {
        #expect(normalizer.key(raw) == expected)
    }

    @Test(arguments: ["", "   ", "-", "—", "N/A", "n.a.", "none", "Unknown", "self-employed", "()", "&"])
    func emptyAndPlaceholdersHaveNoKey(raw: String) {
        #expect(normalizer.key(raw) == nil)
    }

    @Test(arguments: [
        ("Procter & Gamble", "Procter and Gamble"), ("AT&T", "AT and T"), ("The Acme Corporation", "ACME, INC."),
        ("Acme Co., Ltd.", "Acme Company Limited"), ("Ferrari S.p.A.", "FERRARI SPA"),
        ("Straße AG", "Strasse Aktiengesellschaft"), ("Nestlé S.A.", "NESTLE SA"), ("Crème & Co", "creme and co."),
    ])
    func spellingsOfOneCompanyShareAKey(a: String, b: String) throws {
        let key = try #require(normalizer.key(a))
        #expect(normalizer.key(b) == key)
    }

    /// The key folds diacritics (`ü` → `u`) but does not transliterate German (`ü` → `ue`): `Mueller` differs.
    @Test func germanTransliterationIsNotApplied() {
        #expect(normalizer.key("Müller GmbH") == "muller")
        #expect(normalizer.key("MUELLER GMBH") == "mueller")
    }
}
