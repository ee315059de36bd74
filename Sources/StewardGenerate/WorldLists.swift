/// Cities, phone areas, mail providers, honorifics, job titles and company-name parts per locale: the raw lists
/// ``LocaleTables`` is built from. Adapted from scripts/truth/generate_contacts.py and widened for million-record
/// runs.
enum WorldLists {
    /// A city as written locally, other spellings exports use, and the national phone area codes (without the
    /// trunk 0) of its landlines.
    struct City {
        var name: String
        var alternates: [String]
        var areas: [String]
    }

    static let citiesUS: [City] = [
        City(name: "New York", alternates: ["NYC"], areas: ["212", "646", "718", "917", "347"]),
        City(name: "San Francisco", alternates: [], areas: ["415", "628"]),
        City(name: "Chicago", alternates: [], areas: ["312", "773", "872"]),
        City(name: "Boston", alternates: [], areas: ["617", "857"]),
        City(name: "Seattle", alternates: [], areas: ["206"]),
        City(name: "Austin", alternates: [], areas: ["512", "737"]),
        City(name: "Los Angeles", alternates: ["LA"], areas: ["213", "310", "323", "424"]),
        City(name: "Atlanta", alternates: [], areas: ["404", "678", "470"]),
        City(name: "Denver", alternates: [], areas: ["303", "720"]),
        City(name: "Dallas", alternates: [], areas: ["214", "469", "972"]),
        City(name: "Miami", alternates: [], areas: ["305", "786"]),
        City(name: "Houston", alternates: [], areas: ["713", "281", "832"]),
        City(name: "Philadelphia", alternates: [], areas: ["215", "267"]),
        City(name: "Phoenix", alternates: [], areas: ["602", "480"]),
        City(name: "Minneapolis", alternates: [], areas: ["612"]),
        City(name: "Portland", alternates: [], areas: ["503", "971"]),
        City(name: "San Diego", alternates: [], areas: ["619", "858"]),
        City(name: "Charlotte", alternates: [], areas: ["704", "980"]),
        City(name: "Nashville", alternates: [], areas: ["615"]),
    ]
    /// UK areas: 2-digit areas (20 London, 29 Cardiff, 28 Belfast) have 8-digit subscriber numbers, 3-digit ones 7.
    static let citiesUK: [City] = [
        City(name: "London", alternates: [], areas: ["20"]),
        City(name: "Manchester", alternates: [], areas: ["161"]),
        City(name: "Birmingham", alternates: [], areas: ["121"]),
        City(name: "Leeds", alternates: [], areas: ["113"]),
        City(name: "Bristol", alternates: [], areas: ["117"]),
        City(name: "Edinburgh", alternates: [], areas: ["131"]),
        City(name: "Glasgow", alternates: [], areas: ["141"]),
        City(name: "Liverpool", alternates: [], areas: ["151"]),
        City(name: "Sheffield", alternates: [], areas: ["114"]),
        City(name: "Newcastle upon Tyne", alternates: ["Newcastle"], areas: ["191"]),
        City(name: "Nottingham", alternates: [], areas: ["115"]),
        City(name: "Cardiff", alternates: [], areas: ["29"]),
        City(name: "Belfast", alternates: [], areas: ["28"]),
    ]
    static let citiesDE: [City] = [
        City(name: "Berlin", alternates: [], areas: ["30"]),
        City(name: "München", alternates: ["Muenchen", "Munich"], areas: ["89"]),
        City(name: "Hamburg", alternates: [], areas: ["40"]),
        City(name: "Frankfurt am Main", alternates: ["Frankfurt"], areas: ["69"]),
        City(name: "Köln", alternates: ["Koeln", "Cologne"], areas: ["221"]),
        City(name: "Stuttgart", alternates: [], areas: ["711"]),
        City(name: "Düsseldorf", alternates: ["Duesseldorf"], areas: ["211"]),
        City(name: "Leipzig", alternates: [], areas: ["341"]),
        City(name: "Dresden", alternates: [], areas: ["351"]),
        City(name: "Hannover", alternates: ["Hanover"], areas: ["511"]),
        City(name: "Nürnberg", alternates: ["Nuernberg", "Nuremberg"], areas: ["911"]),
        City(name: "Bremen", alternates: [], areas: ["421"]),
        City(name: "Essen", alternates: [], areas: ["201"]),
        City(name: "Dortmund", alternates: [], areas: ["231"]),
    ]
    /// FR areas: the first two digits of the 9-digit national number.
    static let citiesFR: [City] = [
        City(name: "Paris", alternates: [], areas: ["14", "15", "17"]),
        City(name: "Lyon", alternates: [], areas: ["47"]),
        City(name: "Marseille", alternates: [], areas: ["49"]),
        City(name: "Toulouse", alternates: [], areas: ["56"]),
        City(name: "Bordeaux", alternates: [], areas: ["55"]),
        City(name: "Lille", alternates: [], areas: ["32"]),
        City(name: "Nantes", alternates: [], areas: ["24"]),
        City(name: "Strasbourg", alternates: [], areas: ["38"]),
        City(name: "Nice", alternates: [], areas: ["49"]),
        City(name: "Rennes", alternates: [], areas: ["29"]),
        City(name: "Montpellier", alternates: [], areas: ["46"]),
    ]

    /// Mobile prefixes of the national number (after the trunk 0), libphonenumber's mobile ranges.
    static let mobileUK = [
        "740", "741", "742", "743", "746", "747", "748", "749", "753", "754", "755", "756", "757", "758", "759",
        "771", "772", "773", "774", "775", "776", "777", "784", "785", "786", "787", "788", "789", "794", "795",
        "796", "797", "798", "799",
    ]
    static let mobileDE = [
        "151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "174", "175", "176", "177",
        "178", "179",
    ]
    static let mobileFR = ["60", "61", "62", "64", "65", "66", "67", "68", "73", "75", "76", "77", "78"]

    static let freeMail: [[(String, Int)]] = [
        [
            ("gmail.com", 45), ("yahoo.com", 20), ("hotmail.com", 10), ("outlook.com", 10), ("icloud.com", 10),
            ("aol.com", 5),
        ],
        [
            ("gmail.com", 40), ("hotmail.co.uk", 20), ("yahoo.co.uk", 15), ("btinternet.com", 10), ("outlook.com", 10),
            ("sky.com", 5),
        ],
        [
            ("gmx.de", 30), ("web.de", 25), ("gmail.com", 20), ("t-online.de", 15), ("googlemail.com", 5),
            ("yahoo.de", 5),
        ],
        [
            ("orange.fr", 30), ("gmail.com", 30), ("free.fr", 15), ("hotmail.fr", 10), ("laposte.net", 10),
            ("wanadoo.fr", 5),
        ],
    ]

    /// Honorifics per locale: male, female (weighted), and the doctor's title.
    static let honorificsMale: [[(String, Int)]] = [
        [("Mr.", 10)], [("Mr", 6), ("Mr.", 4)], [("Herr", 10)], [("M.", 10)],
    ]
    static let honorificsFemale: [[(String, Int)]] = [
        [("Ms.", 7), ("Mrs.", 3)], [("Ms", 5), ("Mrs", 4), ("Miss", 1)], [("Frau", 10)], [("Mme", 9), ("Mlle", 1)],
    ]
    static let doctor = ["Dr.", "Dr", "Dr.", "Dr"]

    static let titlesEN: [String] = [
        "Sales Manager", "Account Executive", "VP of Sales", "Director of Marketing", "Marketing Manager",
        "Chief Financial Officer", "Financial Controller", "Procurement Manager", "Head of Purchasing",
        "IT Director", "Chief Technology Officer", "Software Engineer", "Operations Manager", "HR Manager",
        "Office Manager", "Executive Assistant", "Product Manager", "Senior Buyer", "Customer Success Manager",
        "General Counsel", "Managing Director", "Chief Executive Officer", "Project Manager", "Business Analyst",
        "Regional Sales Director", "Accounts Payable Specialist", "Facilities Manager", "Data Analyst",
    ]
    /// (masculine, feminine)
    static let titlesDE: [(String, String)] = [
        ("Geschäftsführer", "Geschäftsführerin"), ("Vertriebsleiter", "Vertriebsleiterin"),
        ("Leiter Einkauf", "Leiterin Einkauf"), ("Einkäufer", "Einkäuferin"),
        ("Key Account Manager", "Key Account Managerin"), ("Projektleiter", "Projektleiterin"),
        ("IT-Leiter", "IT-Leiterin"), ("Leiter Marketing", "Leiterin Marketing"), ("Prokurist", "Prokuristin"),
        ("Sachbearbeiter Buchhaltung", "Sachbearbeiterin Buchhaltung"),
        ("Assistenz der Geschäftsführung", "Assistenz der Geschäftsführung"),
        ("Technischer Leiter", "Technische Leiterin"), ("Head of Sales", "Head of Sales"),
        ("Personalreferent", "Personalreferentin"), ("Softwareentwickler", "Softwareentwicklerin"),
        ("Controller", "Controllerin"), ("Leiter Logistik", "Leiterin Logistik"),
        ("Vertriebsinnendienst", "Vertriebsinnendienst"), ("Bereichsleiter Finanzen", "Bereichsleiterin Finanzen"),
    ]
    static let titlesFR: [(String, String)] = [
        ("Directeur commercial", "Directrice commerciale"), ("Directeur marketing", "Directrice marketing"),
        ("Responsable achats", "Responsable achats"), ("Chef de projet", "Cheffe de projet"),
        ("Ingénieur commercial", "Ingénieure commerciale"), ("Directeur financier", "Directrice financière"),
        ("Assistant de direction", "Assistante de direction"),
        ("Responsable informatique", "Responsable informatique"), ("Président", "Présidente"),
        ("Directeur général", "Directrice générale"), ("Comptable", "Comptable"),
        ("Chargé de communication", "Chargée de communication"), ("Acheteur", "Acheteuse"),
        ("Responsable des ressources humaines", "Responsable des ressources humaines"),
        ("Développeur", "Développeuse"), ("Responsable logistique", "Responsable logistique"),
        ("Contrôleur de gestion", "Contrôleuse de gestion"),
    ]
    /// Same job, written differently; used when a duplicate shows another spelling of its title.
    static let titleVariants: [String: [String]] = [
        "VP of Sales": ["Vice President, Sales", "VP Sales", "VP, Sales"],
        "Chief Financial Officer": ["CFO"], "Chief Technology Officer": ["CTO"], "Chief Executive Officer": ["CEO"],
        "Director of Marketing": ["Marketing Director"], "Head of Purchasing": ["Purchasing Manager"],
        "Managing Director": ["MD"], "Sales Manager": ["Senior Sales Manager"],
        "Software Engineer": ["Senior Software Engineer", "Software Developer"],
        "Directeur général": ["DG", "PDG"], "Directrice générale": ["DG", "PDG"], "Directeur financier": ["DAF"],
        "Directrice financière": ["DAF"], "Geschäftsführer": ["Geschäftsführender Gesellschafter", "GF"],
        "Geschäftsführerin": ["Geschäftsführende Gesellschafterin", "GF"], "IT-Leiter": ["Leiter IT"],
        "IT-Leiterin": ["Leiterin IT"], "Vertriebsleiter": ["Leiter Vertrieb"],
        "Vertriebsleiterin": ["Leiterin Vertrieb"], "Responsable informatique": ["DSI"],
    ]

    static let stemsUS: [String] = [
        "Northwind", "Bluestone", "Cascade", "Summit", "Pinnacle", "Redwood", "Ironbridge", "Silverline",
        "Brightpath", "Evergreen", "Harbor", "Keystone", "Lakeshore", "Meridian", "Oakridge", "Pioneer",
        "Riverside", "Sterling", "Granite", "Horizon", "Liberty", "Beacon", "Crescent", "Falcon", "Frontier",
        "Heritage", "Atlas", "Vertex", "Apex", "Cobalt", "Maple", "Sierra", "Trident", "Vanguard", "Willow",
        "Westbrook", "Clearwater", "Stonegate", "Bayview", "Highland", "Copperfield", "Blue Ridge", "Great Lakes",
        "Lone Star", "Golden Gate", "Empire", "Patriot", "Mesa", "Prairie", "Bridgewater", "Cedar Point",
        "Foxhollow", "Greenfield", "Hawthorne", "Juniper", "Kingsley", "Lighthouse", "Monarch", "Newport",
        "Orchard", "Pacific Crest", "Quarry", "Rockwell", "Silver Lake", "Tidewater", "Upland", "Valley Forge",
        "Whitfield", "Yellowstone", "Zenith", "Aspen", "Birchwood", "Canyon", "Driftwood", "Eastgate",
        "Fairmont", "Glenwood", "Hillcrest", "Ironwood", "Jefferson", "Kestrel", "Longview", "Mariner",
        "Northgate", "Overland", "Parkside", "Redstone", "Seaside", "Timberline", "Unity", "Windward", "Arrow",
    ]
    static let stemsUK: [String] = [
        "Thames", "Pennine", "Albion", "Cotswold", "Highgate", "Kingsbridge", "Mersey", "Severn", "Windsor",
        "Whitehall", "Camden", "Brompton", "Ashford", "Chiltern", "Clyde", "Dorset", "Fenwick", "Grafton",
        "Hadley", "Lancaster", "Mayfair", "Norfolk", "Pembroke", "Royal Oak", "Tyne", "Wessex", "Caledonian",
        "Ambleside", "Bramley", "Cheviot", "Dunmore", "Exmoor", "Farringdon", "Greenwich", "Harrowgate",
        "Islington", "Kendal", "Lindisfarne", "Malvern", "Northumbria", "Orkney", "Portland", "Quantock",
        "Richmond", "Stirling", "Trafalgar", "Ulster", "Wycombe", "Berkeley", "Cumbria", "Avon", "Marlow",
    ]
    static let stemsDE: [String] = [
        "Nordlicht", "Rheinland", "Alpenblick", "Elbtal", "Schwarzwald", "Bodensee", "Hansa", "Isar", "Spree",
        "Weser", "Mainufer", "Brandenburger", "Bavaria", "Saxonia", "Westfalen", "Harz", "Ostsee", "Taunus",
        "Eifel", "Donau", "Allgäu", "Lüneburger", "Nordsee", "Mosel", "Neckar", "Fichtel", "Erzgebirge",
        "Sauerland", "Kieler", "Wendland", "Rhön", "Spessart", "Odenwald", "Uckermark", "Havel", "Altmark",
    ]
    static let stemsFR: [String] = [
        "Lumière", "Horizon", "Atlantique", "Provence", "Méditerranée", "Bretagne", "Alpes", "Loire", "Seine",
        "Rhône", "Garonne", "Normandie", "Azur", "Étoile", "Vallée", "Aquitaine", "Bourgogne", "Champagne",
        "Vendée", "Océane", "Mistral", "Cévennes", "Ardèche", "Sologne", "Camargue", "Jura", "Vosges",
        "Auvergne", "Quercy", "Périgord", "Gascogne", "Lorraine", "Picardie", "Morvan",
    ]
    static let industriesUS: [String] = [
        "Logistics", "Systems", "Analytics", "Partners", "Health", "Software", "Capital", "Manufacturing", "Foods",
        "Energy", "Labs", "Networks", "Consulting", "Industries", "Media", "Biotech", "Solutions", "Supply",
        "Insurance", "Realty", "Robotics", "Pharma",
    ]
    static let industriesUK: [String] = [
        "Holdings", "Engineering", "Consulting", "Logistics", "Partners", "Analytics", "Foods", "Energy",
        "Estates", "Media", "Financial Services", "Software", "Healthcare", "Retail", "Surveyors", "Recruitment",
    ]
    static let industriesDE: [String] = [
        "Logistik", "Maschinenbau", "Software", "Energie", "Consulting", "Medizintechnik", "Handel", "Bau",
        "Versicherung", "Elektrotechnik", "Systeme", "Immobilien", "Automation", "Datentechnik", "Lebensmittel",
        "Metallbau", "Steuerberatung",
    ]
    static let industriesFR: [String] = [
        "Conseil", "Logistique", "Informatique", "Énergie", "Bâtiment", "Distribution", "Santé", "Assurances",
        "Ingénierie", "Transports", "Solutions", "Immobilier", "Industrie", "Services", "Technologies",
        "Emballages",
    ]
    /// Syllables of invented brand names (`Nova` + `tek` → `Novatek`).
    static let coinedHeads: [String] = [
        "Nova", "Zen", "Quant", "Veri", "Axi", "Lumi", "Cor", "Inno", "Opti", "Tera", "Vita", "Syn", "Omni",
        "Flex", "Prima", "Ultra", "Astra", "Cyber", "Data", "Eco", "Fusi", "Gen", "Hexa", "Intel", "Kine",
        "Lexi", "Medi", "Neo", "Orbi", "Pura", "Qual", "Sol", "Tech", "Uni", "Valo", "Xeno", "Agri", "Bio",
    ]
    static let coinedTails: [String] = [
        "tek", "ix", "ora", "ium", "link", "wave", "core", "nex", "gen", "sys", "logic", "ware", "works", "net",
        "metrics", "ify", "path", "sphere", "bridge", "tronic", "vance", "lytics", "data", "mark", "point",
        "stream", "scale", "view", "flow", "cast", "form", "serve",
    ]
    /// Legal forms: (canonical, weight, variants a duplicate may show instead).
    static let legalForms: [[(String, Int, [String])]] = [
        [
            ("Inc.", 45, ["Inc", ", Inc.", ", Inc", "Incorporated"]), ("LLC", 25, ["L.L.C.", ", LLC"]),
            ("Corp.", 20, ["Corp", "Corporation", ", Corp."]), ("Co.", 5, ["Company"]),
            ("LLP", 5, ["L.L.P."]),
        ],
        [
            ("Ltd", 50, ["Ltd.", "Limited", "LTD"]), ("PLC", 20, ["plc", "p.l.c.", "Public Limited Company"]),
            ("LLP", 10, ["L.L.P."]), ("Limited", 20, ["Ltd", "Ltd."]),
        ],
        [
            ("GmbH", 55, ["Gmbh", "GMBH"]), ("AG", 15, ["Aktiengesellschaft"]),
            ("GmbH & Co. KG", 20, ["GmbH & Co KG", "GmbH & Co.KG"]), ("KG", 5, ["Kommanditgesellschaft"]),
            ("SE", 5, ["S.E."]),
        ],
        [
            ("SA", 30, ["S.A."]), ("SAS", 40, ["S.A.S.", "Sas"]), ("SARL", 25, ["S.A.R.L.", "Sarl"]),
            ("SE", 5, ["S.E."]),
        ],
    ]
    static let domainTLD = [".com", ".co.uk", ".de", ".fr"]
    static let roleLocals: [[String]] = [
        ["info", "sales", "contact"], ["info", "sales", "enquiries"], ["info", "vertrieb", "kontakt"],
        ["contact", "accueil", "commercial"],
    ]

    /// Country as each source writes it (weighted), per locale. All are names Steward's country table knows.
    static let countryCRM: [[(String, Int)]] = [
        [("United States", 8), ("USA", 2)], [("United Kingdom", 9), ("UK", 1)],
        [("Germany", 9), ("Deutschland", 1)], [("France", 1)],
    ]
    static let countryCodes: [[(String, Int)]] = [
        [("US", 5), ("United States", 4), ("USA", 1)], [("GB", 4), ("United Kingdom", 4), ("UK", 2)],
        [("DE", 5), ("Germany", 3), ("Deutschland", 2)], [("FR", 6), ("France", 4)],
    ]
    static let countryCards: [[(String, Int)]] = [
        [("United States of America", 6), ("USA", 4)], [("United Kingdom", 8), ("England", 2)],
        [("Germany", 7), ("Deutschland", 3)], [("France", 1)],
    ]

    static let keyboard: [String: String] = [
        "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv",
        "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm", "o": "iklp",
        "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase",
        "x": "zsdc", "y": "tghu", "z": "asx",
    ]
}
