#!/usr/bin/env python3
"""Generate a labelled, realistically messy contact data set for measuring Steward's matcher.

Usage:
    python3 scripts/truth/generate_contacts.py --entities 1200 --seed 7 -o testdata/truth/contacts

Writes three CSV exports of the same people with different real-world header layouts (`crm.csv` Salesforce-like,
`marketing.csv` Google-Contacts-like, `support.csv` Outlook-like), and `truth.csv` (`source,source_id,entity_id`)
naming the person behind every row. Duplicates carry the corruption real exports show (typos, nicknames, diacritics
dropped or transliterated, honorifics, "Last, First", phone and email format variants, company suffix variants,
job changes, missing fields); hard negatives (different people who look alike) are planted on purpose. See
scripts/truth/README.md for the rates.

Python 3 standard library only. Deterministic: every random choice comes from one `random.Random(seed)`; no set is
iterated where order matters and `hash()` of a string is never used, so the same seed gives byte-identical files.
"""
import argparse
import csv
import datetime
import io
import os
import random
import sys
import unicodedata
from collections import Counter, OrderedDict

# ---------------------------------------------------------------------------------------------------------------
# Reference lists. Names are in rough frequency order (most common first); picks are Zipf-skewed by rank, so common
# names repeat the way they do in real address books.
# ---------------------------------------------------------------------------------------------------------------

GIVEN = {
    "US": {
        "m": [
            "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher",
            "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew", "Paul", "Joshua",
            "Kenneth", "Kevin", "Brian", "Timothy", "Ronald", "George", "Jason", "Edward", "Jeffrey", "Ryan",
            "Jacob", "Nicholas", "Gary", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
            "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Frank", "Raymond", "Jack", "Dennis", "Jerry",
            "Tyler", "Aaron", "José", "Adam", "Nathan", "Henry", "Zachary", "Douglas", "Peter", "Kyle",
        ],
        "f": [
            "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Karen", "Sarah",
            "Lisa", "Nancy", "Sandra", "Betty", "Ashley", "Emily", "Kimberly", "Margaret", "Donna", "Michelle",
            "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia",
            "Dorothy", "Amy", "Kathleen", "Angela", "Shirley", "Emma", "Brenda", "Pamela", "Nicole", "Anna",
            "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Maria", "Olivia",
            "Heather", "Helen", "Catherine", "Diane", "Julie", "Victoria", "Joyce", "Lauren", "Kelly", "Christina",
            "Ruth", "Joan", "Virginia", "Judith", "Evelyn", "Hannah", "Andrea", "Megan", "Abigail", "Sophia",
        ],
    },
    "UK": {
        "m": [
            "David", "John", "Paul", "Mark", "James", "Andrew", "Richard", "Michael", "Peter", "Stephen",
            "Robert", "Christopher", "Thomas", "Daniel", "Matthew", "Ian", "Simon", "William", "Oliver", "George",
            "Harry", "Jack", "Charlie", "Oscar", "Henry", "Joshua", "Samuel", "Edward", "Joseph", "Alexander",
            "Benjamin", "Gareth", "Neil", "Stuart", "Graham", "Alan", "Nigel", "Colin", "Martin", "Gavin",
            "Darren", "Craig", "Callum", "Rhys", "Hamish", "Angus", "Declan", "Alfie", "Archie", "Freddie",
            "Ethan", "Isaac", "Leo", "Theo", "Arthur", "Lewis", "Owen", "Liam", "Ross", "Dominic",
        ],
        "f": [
            "Sarah", "Emma", "Claire", "Laura", "Rebecca", "Helen", "Katherine", "Elizabeth", "Victoria", "Rachel",
            "Nicola", "Joanne", "Karen", "Susan", "Margaret", "Alison", "Fiona", "Catherine", "Jennifer",
            "Charlotte", "Olivia", "Amelia", "Sophie", "Emily", "Grace", "Lucy", "Hannah", "Jessica", "Chloe",
            "Gemma", "Amy", "Lauren", "Zoe", "Holly", "Megan", "Eleanor", "Harriet", "Imogen", "Siobhan", "Niamh",
            "Caitlin", "Bethany", "Kirsty", "Deborah", "Philippa", "Georgina", "Abigail", "Poppy", "Freya", "Isla",
            "Jane", "Ruth", "Anne", "Julie", "Patricia", "Jacqueline", "Louise", "Ella", "Lily", "Ava",
        ],
    },
    "DE": {
        "m": [
            "Thomas", "Michael", "Andreas", "Peter", "Stefan", "Christian", "Klaus", "Wolfgang", "Jürgen", "Frank",
            "Markus", "Matthias", "Uwe", "Bernd", "Alexander", "Martin", "Ralf", "Jörg", "Dieter", "Manfred",
            "Sven", "Daniel", "Tobias", "Jan", "Sebastian", "Florian", "Dirk", "Holger", "Günter", "Gerhard",
            "Helmut", "Lukas", "Jonas", "Maximilian", "Felix", "Björn", "Sören", "Torsten", "Johann", "Johannes",
            "Karl-Heinz", "Hans-Peter", "Jens", "Heinz", "Horst", "Rüdiger", "Lars", "Niklas", "Moritz",
            "Philipp", "Timo", "Kai", "Oliver", "Patrick", "Benedikt", "Fabian", "Leon", "Till", "Volker", "Götz",
        ],
        "f": [
            "Sabine", "Petra", "Andrea", "Monika", "Claudia", "Susanne", "Birgit", "Nicole", "Stefanie", "Julia",
            "Katrin", "Anja", "Ursula", "Karin", "Gabriele", "Renate", "Christine", "Heike", "Martina", "Anna",
            "Sandra", "Brigitte", "Ute", "Jutta", "Elke", "Silke", "Kerstin", "Tanja", "Daniela", "Lena", "Laura",
            "Lea", "Sophie", "Marie", "Johanna", "Katharina", "Franziska", "Jana", "Svenja", "Bärbel", "Dörte",
            "Jasmin", "Carina", "Miriam", "Annika", "Hannelore", "Ingrid", "Barbara", "Melanie", "Simone",
            "Nadine", "Doris", "Angelika", "Britta", "Maren", "Antje", "Anke", "Frauke", "Gisela", "Henrike",
        ],
    },
    "FR": {
        "m": [
            "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Daniel",
            "Bernard", "Éric", "Frédéric", "Laurent", "Stéphane", "David", "Olivier", "Sébastien", "Julien",
            "Thierry", "Pascal", "François", "Jérôme", "Vincent", "Thomas", "Jacques", "Didier", "Christian",
            "Guillaume", "Antoine", "Alexandre", "Maxime", "Hugo", "Lucas", "Louis", "Mathieu", "Benoît", "Gérard",
            "René", "André", "Yves", "Jean-Pierre", "Jean-Luc", "Jean-François", "Jean-Marc", "Jean-Claude", "Loïc",
            "Gaël", "Cédric", "Rémi", "Hervé", "Raphaël", "Théo", "Clément", "Romain", "Arnaud", "Fabrice",
            "Lionel", "Régis", "Joël", "Aurélien",
        ],
        "f": [
            "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Christine", "Sandrine",
            "Véronique", "Anne", "Céline", "Sophie", "Stéphanie", "Nicole", "Monique", "Julie", "Camille",
            "Aurélie", "Émilie", "Hélène", "Laure", "Claire", "Chloé", "Léa", "Manon", "Inès", "Zoé", "Pauline",
            "Mathilde", "Élodie", "Agnès", "Brigitte", "Martine", "Chantal", "Dominique", "Josiane", "Geneviève",
            "Marie-Claire", "Marie-Hélène", "Anne-Sophie", "Marie-Christine", "Noémie", "Anaïs", "Océane",
            "Maëlle", "Virginie", "Caroline", "Florence", "Béatrice", "Corinne", "Karine", "Delphine", "Audrey",
            "Margaux", "Juliette", "Louise", "Charlotte", "Lucie", "Gaëlle",
        ],
    },
}

FAMILY = {
    "US": [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
        "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
        "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart",
        "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson",
        "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks",
        "Chavez", "Wood", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Patel", "Myers", "Long",
        "Ross", "Foster", "O'Brien", "O'Connor", "McDonald", "McCarthy", "Sullivan",
    ],
    "UK": [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
        "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
        "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly",
        "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox",
        "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Wilkinson", "Foster",
        "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Hussain", "Campbell", "Matthews",
        "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Fisher",
        "MacDonald", "MacLeod", "O'Neill", "Fitzgerald", "Llewellyn", "Ó Briain",
    ],
    "DE": [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
        "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann",
        "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher",
        "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas",
        "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch",
        "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "von Bülow", "Özdemir",
    ],
    "FR": [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
        "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
        "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour",
        "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
        "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
        "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
        "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Ménard", "Prévost", "Lévêque", "Le Gall", "Da Silva",
        "Le Goff", "Étienne", "Barthélemy", "Lemaître",
    ],
}

# Nicknames the way people write them in address books. "weak" ones are not in Steward's English nickname table
# (German hypocorisms), so only a shared email or phone can join them.
NICKNAMES = {
    "Robert": ["Bob", "Rob", "Bobby"], "William": ["Bill", "Will"], "Elizabeth": ["Liz", "Beth"],
    "Katherine": ["Katie", "Kate"], "Margaret": ["Peggy", "Maggie"], "Richard": ["Rick", "Dick"],
    "James": ["Jim", "Jimmy"], "Michael": ["Mike"], "Thomas": ["Tom"], "Christopher": ["Chris"],
    "Daniel": ["Dan", "Danny"], "David": ["Dave"], "Joseph": ["Joe"], "Jennifer": ["Jen", "Jenny"],
    "Jessica": ["Jess"], "Matthew": ["Matt"], "Anthony": ["Tony"], "Andrew": ["Andy", "Drew"],
    "Benjamin": ["Ben"], "Nicholas": ["Nick"], "Samuel": ["Sam"], "Stephen": ["Steve"], "Steven": ["Steve"],
    "Patricia": ["Pat", "Trish"], "Susan": ["Sue"], "Rebecca": ["Becky"], "Timothy": ["Tim"],
    "Edward": ["Ed", "Ted"], "Charles": ["Charlie", "Chuck"], "Alexander": ["Alex"], "Jonathan": ["Jon"],
    "Kenneth": ["Ken"], "Ronald": ["Ron"], "Gregory": ["Greg"], "Peter": ["Pete"], "Deborah": ["Debbie"],
    "Barbara": ["Barb"], "John": ["Jack", "Johnny"], "Catherine": ["Cathy", "Kate"], "Victoria": ["Vicky"],
    "Abigail": ["Abby"], "Henry": ["Harry", "Hank"], "Donald": ["Don"], "Philippa": ["Pippa"],
}
NICKNAMES_WEAK = {"Johann": ["Hans"], "Johannes": ["Hans"]}
ENGLISH_LOCALES = ("US", "UK")

CITIES = {
    # city (local spelling), other spellings seen in exports, phone areas
    "US": [
        ("New York", [], ["212", "646", "718", "917"]), ("San Francisco", [], ["415", "628"]),
        ("Chicago", [], ["312", "773"]), ("Boston", [], ["617", "857"]), ("Seattle", [], ["206"]),
        ("Austin", [], ["512"]), ("Los Angeles", [], ["213", "310", "323", "424"]), ("Atlanta", [], ["404", "678"]),
        ("Denver", [], ["303", "720"]), ("Dallas", [], ["214", "469", "972"]), ("Miami", [], ["305", "786"]),
    ],
    # UK landlines use Ofcom's numbers reserved for drama (e.g. 020 7946 0000-0999), so no real line is named.
    "UK": [
        ("London", [], ["2079460"]), ("Manchester", [], ["1614960"]), ("Birmingham", [], ["1214960"]),
        ("Leeds", [], ["1134960"]), ("Bristol", [], ["1174960"]), ("Edinburgh", [], ["1314960"]),
        ("Glasgow", [], ["1414960"]),
    ],
    "DE": [
        ("Berlin", [], ["30"]), ("München", ["Muenchen", "Munich"], ["89"]), ("Hamburg", [], ["40"]),
        ("Frankfurt am Main", ["Frankfurt"], ["69"]), ("Köln", ["Koeln", "Cologne"], ["221"]),
        ("Stuttgart", [], ["711"]), ("Düsseldorf", ["Duesseldorf"], ["211"]),
    ],
    "FR": [
        ("Paris", [], ["14", "15", "17"]), ("Lyon", [], ["47"]), ("Marseille", [], ["49"]),
        ("Toulouse", [], ["56"]), ("Bordeaux", [], ["55"]), ("Lille", [], ["32"]), ("Nantes", [], ["24"]),
        ("Strasbourg", [], ["38"]),
    ],
}
LOCALE_WEIGHTS = [("US", 35), ("UK", 20), ("DE", 25), ("FR", 20)]
PHONE_CC = {"US": "1", "UK": "44", "DE": "49", "FR": "33"}

# Country as each source writes it (weighted). All are names Steward's country table knows.
COUNTRY_NAMES = {
    "crm": {"US": [("United States", 8), ("USA", 2)], "UK": [("United Kingdom", 9), ("UK", 1)],
            "DE": [("Germany", 9), ("Deutschland", 1)], "FR": [("France", 1)]},
    "marketing": {"US": [("US", 5), ("United States", 4), ("USA", 1)], "UK": [("GB", 4), ("United Kingdom", 4),
                  ("UK", 2)], "DE": [("DE", 5), ("Germany", 3), ("Deutschland", 2)], "FR": [("FR", 6), ("France", 4)]},
    "support": {"US": [("United States of America", 6), ("United States", 4)],
                "UK": [("United Kingdom", 8), ("England", 2)], "DE": [("Germany", 7), ("Deutschland", 3)],
                "FR": [("France", 1)]},
}

FREE_MAIL = {
    "US": [("gmail.com", 45), ("yahoo.com", 20), ("hotmail.com", 10), ("outlook.com", 10), ("icloud.com", 10),
           ("aol.com", 5)],
    "UK": [("gmail.com", 40), ("hotmail.co.uk", 20), ("yahoo.co.uk", 15), ("btinternet.com", 10),
           ("outlook.com", 10), ("sky.com", 5)],
    "DE": [("gmx.de", 30), ("web.de", 25), ("gmail.com", 20), ("t-online.de", 15), ("googlemail.com", 5),
           ("yahoo.de", 5)],
    "FR": [("orange.fr", 30), ("gmail.com", 30), ("free.fr", 15), ("hotmail.fr", 10), ("laposte.net", 10),
           ("wanadoo.fr", 5)],
}

HONORIFIC = {
    "US": {"m": [("Mr.", 10)], "f": [("Ms.", 7), ("Mrs.", 3)], "dr": "Dr."},
    "UK": {"m": [("Mr", 6), ("Mr.", 4)], "f": [("Ms", 5), ("Mrs", 4), ("Miss", 1)], "dr": "Dr"},
    "DE": {"m": [("Herr", 10)], "f": [("Frau", 10)], "dr": "Dr."},
    "FR": {"m": [("M.", 10)], "f": [("Mme", 9), ("Mlle", 1)], "dr": "Dr"},
}

TITLES = {
    "EN": [
        "Sales Manager", "Account Executive", "VP of Sales", "Director of Marketing", "Marketing Manager",
        "Chief Financial Officer", "Financial Controller", "Procurement Manager", "Head of Purchasing",
        "IT Director", "Chief Technology Officer", "Software Engineer", "Operations Manager", "HR Manager",
        "Office Manager", "Executive Assistant", "Product Manager", "Senior Buyer", "Customer Success Manager",
        "General Counsel", "Managing Director", "Chief Executive Officer", "Project Manager", "Business Analyst",
        "Regional Sales Director", "Accounts Payable Specialist", "Facilities Manager", "Data Analyst",
    ],
    # (masculine, feminine)
    "DE": [
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
    ],
    "FR": [
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
    ],
}
# Same job, written differently (abbreviations, word order); used when a duplicate "changes" its title.
TITLE_VARIANTS = {
    "VP of Sales": ["Vice President, Sales", "VP Sales", "VP, Sales"],
    "Chief Financial Officer": ["CFO"], "Chief Technology Officer": ["CTO"], "Chief Executive Officer": ["CEO"],
    "Director of Marketing": ["Marketing Director"], "Head of Purchasing": ["Purchasing Manager"],
    "Managing Director": ["MD"], "Sales Manager": ["Senior Sales Manager"],
    "Software Engineer": ["Senior Software Engineer"], "Directeur général": ["DG", "PDG"],
    "Directrice générale": ["DG", "PDG"], "Directeur financier": ["DAF"], "Directrice financière": ["DAF"],
    "Geschäftsführer": ["Geschäftsführender Gesellschafter", "GF"],
    "Geschäftsführerin": ["Geschäftsführende Gesellschafterin", "GF"], "IT-Leiter": ["Leiter IT"],
    "IT-Leiterin": ["Leiterin IT"], "Vertriebsleiter": ["Leiter Vertrieb"],
    "Vertriebsleiterin": ["Leiterin Vertrieb"], "Responsable informatique": ["DSI"],
}

COMPANY_STEMS = {
    "US": [
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
    ],
    "UK": [
        "Thames", "Pennine", "Albion", "Cotswold", "Highgate", "Kingsbridge", "Mersey", "Severn", "Windsor",
        "Whitehall", "Camden", "Brompton", "Ashford", "Chiltern", "Clyde", "Dorset", "Fenwick", "Grafton",
        "Hadley", "Lancaster", "Mayfair", "Norfolk", "Pembroke", "Royal Oak", "Tyne", "Wessex", "Caledonian",
        "Ambleside", "Bramley", "Cheviot", "Dunmore", "Exmoor", "Farringdon", "Greenwich", "Harrowgate",
        "Islington", "Kendal", "Lindisfarne", "Malvern", "Northumbria", "Orkney", "Portland", "Quantock",
        "Richmond", "Stirling", "Trafalgar", "Ulster", "Wycombe", "Berkeley", "Cumbria", "Avon", "Marlow",
    ],
    "DE": [
        "Nordlicht", "Rheinland", "Alpenblick", "Elbtal", "Schwarzwald", "Bodensee", "Hansa", "Isar", "Spree",
        "Weser", "Mainufer", "Brandenburger", "Bavaria", "Saxonia", "Westfalen", "Harz", "Ostsee", "Taunus",
        "Eifel", "Donau", "Allgäu", "Lüneburger", "Nordsee", "Mosel", "Neckar", "Fichtel", "Erzgebirge",
        "Sauerland", "Kieler", "Wendland",
    ],
    "FR": [
        "Lumière", "Horizon", "Atlantique", "Provence", "Méditerranée", "Bretagne", "Alpes", "Loire", "Seine",
        "Rhône", "Garonne", "Normandie", "Azur", "Étoile", "Vallée", "Aquitaine", "Bourgogne", "Champagne",
        "Vendée", "Océane", "Mistral", "Cévennes", "Ardèche", "Sologne", "Camargue", "Jura", "Vosges",
    ],
}
INDUSTRIES = {
    "US": ["Logistics", "Systems", "Analytics", "Partners", "Health", "Software", "Capital", "Manufacturing",
           "Foods", "Energy", "Labs", "Networks", "Consulting", "Industries", "Media", "Biotech", "Solutions",
           "Supply", "Insurance", "Realty"],
    "UK": ["Holdings", "Engineering", "Consulting", "Logistics", "Partners", "Group", "Analytics", "Foods",
           "Energy", "Estates", "Media", "Financial Services", "Software", "Healthcare", "Retail"],
    "DE": ["Logistik", "Maschinenbau", "Software", "Energie", "Consulting", "Medizintechnik", "Handel", "Bau",
           "Versicherung", "Elektrotechnik", "Systeme", "Immobilien", "Automation", "Datentechnik",
           "Lebensmittel"],
    "FR": ["Conseil", "Logistique", "Informatique", "Énergie", "Bâtiment", "Distribution", "Santé", "Assurances",
           "Ingénierie", "Transports", "Solutions", "Immobilier", "Industrie", "Services", "Technologies"],
}
# Legal form: (canonical, weight, variants a duplicate may show instead).
LEGAL = {
    "US": [("Inc.", 45, ["Inc", ", Inc.", ", Inc", "Incorporated"]), ("LLC", 25, ["L.L.C.", ", LLC"]),
           ("Corp.", 20, ["Corp", "Corporation", ", Corp."]), ("Co.", 5, ["Company", "& Co."])],
    "UK": [("Ltd", 50, ["Ltd.", "Limited", "LTD"]), ("PLC", 20, ["plc", "p.l.c.", "Public Limited Company"]),
           ("LLP", 10, ["L.L.P."]), ("Limited", 20, ["Ltd", "Ltd."])],
    "DE": [("GmbH", 55, ["Gmbh", "GMBH"]), ("AG", 15, ["Aktiengesellschaft"]),
           ("GmbH & Co. KG", 20, ["GmbH & Co KG", "GmbH & Co.KG"]),
           ("KG", 5, ["Kommanditgesellschaft"]), ("SE", 5, ["S.E."])],
    "FR": [("SA", 30, ["S.A."]), ("SAS", 40, ["S.A.S.", "Sas"]), ("SARL", 25, ["S.A.R.L.", "Sarl"]),
           ("SE", 5, ["S.E."])],
}
DOMAIN_TLD = {"US": ".com", "UK": ".co.uk", "DE": ".de", "FR": ".fr"}
ROLE_LOCALS = {"US": ["info", "sales", "contact"], "UK": ["info", "sales", "enquiries"],
               "DE": ["info", "vertrieb", "kontakt"], "FR": ["contact", "accueil", "commercial"]}

KEYBOARD = {
    "a": "qwsz", "b": "vghn", "c": "xdfv", "d": "serfcx", "e": "wsdr", "f": "drtgvc", "g": "ftyhbv",
    "h": "gyujnb", "i": "ujko", "j": "huikmn", "k": "jiolm", "l": "kop", "m": "njk", "n": "bhjm", "o": "iklp",
    "p": "ol", "q": "wa", "r": "edft", "s": "awedxz", "t": "rfgy", "u": "yhji", "v": "cfgb", "w": "qase",
    "x": "zsdc", "y": "tghu", "z": "asx",
}

SOURCES = ["crm", "marketing", "support"]
SOURCE_WEIGHTS = [40, 35, 25]
HEADERS = {
    "crm": ["Contact ID", "Salutation", "First Name", "Last Name", "Title", "Account Name", "Email", "Phone",
            "Mobile", "Mailing City", "Mailing Country", "Last Modified Date"],
    "marketing": ["ID", "Name", "Given Name", "Family Name", "E-mail 1 - Value", "E-mail 2 - Value",
                  "Phone 1 - Value", "Organization 1 - Name", "Organization 1 - Title", "Address 1 - Country"],
    "support": ["Record ID", "Title", "First Name", "Last Name", "Suffix", "Company", "Job Title",
                "E-mail Address", "Business Phone", "Mobile Phone", "Home Phone", "Business Country/Region"],
}

# Records per entity: 1, 2, 3, 4 with these weights (percent).
RECORD_COUNT_WEIGHTS = [(1, 45), (2, 30), (3, 18), (4, 7)]

# Corruption rates. "dup" rates apply to every record of an entity except its first (the reference rendering);
# "all" rates apply to every record.
RATES = OrderedDict([
    ("nickname", 0.30),          # dup, when the given name has a nickname
    ("typo", 0.10),              # dup: one insert/delete/substitute/transpose in given or family name
    ("diacritics", 0.50),        # dup, when the name has diacritics: dropped (Muller) or, in DE, transliterated
    ("case", 0.07),              # dup: family name in CAPS, or whole name upper/lower
    ("extra_spaces", 0.05),      # dup: doubled inner spaces / padding
    ("honorific_in_name", 0.08),  # dup: "Dr. Jürgen" / "Mme Hélène Dupont" inside the name fields
    ("swap", 0.02),              # dup, crm/support: given and family in each other's column
    ("initial", 0.03),           # dup, crm/support: given name as an initial ("J.")
    ("last_first", 0.35),        # marketing rows with only the Name column: "Family, Given"
    ("name_only_column", 0.20),  # marketing: Given/Family empty, only Name filled
    ("title_change", 0.20),      # dup: different job title (variant spelling or another role)
    ("email_case", 0.15),        # dup: email in mixed or upper case
    ("gmail_variant", 0.40),     # dup, gmail addresses: dots moved/removed or a +tag
    ("company_variant", 0.35),   # all: legal-suffix variant, suffix dropped, caps, "The"
    ("missing_email", 0.10),     # all
    ("missing_phone", 0.12),     # all
    ("missing_company", 0.06),   # all
    ("country_blank", 0.03),     # all: then every phone is written internationally
    ("moved", 0.05),             # entities with 2+ records: later records at a new company
])


# ---------------------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------------------

def strip_marks(s):
    s = s.replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae").replace("Œ", "OE").replace("œ", "oe")
    s = s.replace("Ø", "O").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def de_translit(s):
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue"), ("ß", "ss")):
        s = s.replace(a, b)
    return strip_marks(s)


def fold(s):
    """Lower case, no diacritics, apostrophes dropped, other punctuation as one space (like Steward's keys)."""
    out = []
    for c in strip_marks(s).lower():
        if c.isalnum():
            out.append(c)
        elif c in "'’":
            continue
        else:
            out.append(" ")
    return " ".join("".join(out).split())


def has_marks(s):
    return strip_marks(s) != s


def osa_distance(a, b):
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def slug(s, sep=""):
    """ASCII local part / domain label: German umlauts transliterated, other marks dropped."""
    out = []
    for c in de_translit(s).lower():
        if c.isalnum():
            out.append(c)
        elif c in "'’":
            continue
        else:
            out.append(sep)
    return "".join(out).strip(".-_")


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for value, w in pairs:
        x -= w
        if x < 0:
            return value
    return pairs[-1][0]


def zipf_pick(rng, items, exponent=0.8, offset=5):
    return weighted(rng, [(it, 1.0 / (i + offset) ** exponent) for i, it in enumerate(items)])


def typo(rng, s):
    """One keyboard-plausible edit (substitute a neighbour key, delete, insert, transpose), never the first letter."""
    positions = [i for i in range(1, len(s)) if s[i].isalpha()]
    if len(positions) < 3:
        return s
    for _ in range(10):
        i = rng.choice(positions)
        c = s[i]
        low = strip_marks(c.lower())
        op = weighted(rng, [("sub", 35), ("del", 25), ("ins", 20), ("swap", 20)])
        if op == "sub" and low in KEYBOARD:
            n = rng.choice(KEYBOARD[low])
            out = s[:i] + (n.upper() if c.isupper() else n) + s[i + 1:]
        elif op == "del":
            out = s[:i] + s[i + 1:]
        elif op == "ins":
            n = c if rng.random() < 0.5 or low not in KEYBOARD else rng.choice(KEYBOARD[low])
            out = s[:i] + n + s[i:]
        elif op == "swap" and i + 1 < len(s) and s[i + 1].isalpha() and s[i + 1] != c:
            out = s[:i] + s[i + 1] + c + s[i + 2:]
        else:
            continue
        if out != s and fold(out) != fold(s):
            return out
    return s


# ---------------------------------------------------------------------------------------------------------------
# Phones: a number is (locale, national significant number); rendering picks one of the formats people write.
# ---------------------------------------------------------------------------------------------------------------

class PhoneBook:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def _unique(self, make):
        for _ in range(10000):
            nsn = make()
            if nsn not in self.used:
                self.used.add(nsn)
                return nsn
        raise RuntimeError("phone number space exhausted")

    def landline(self, locale, area):
        r = self.rng
        if locale == "US":
            # 555-0100..0199 is reserved for fiction in every NANP area code.
            return self._unique(lambda: area + "55501" + "%02d" % r.randrange(100))
        if locale == "UK":
            return self._unique(lambda: area + "%03d" % r.randrange(1000))
        if locale == "DE":
            length = 7 + (r.choice([0, 1]) if len(area) == 2 else 0)
            return self._unique(lambda: area + str(r.randint(2, 9)) + "".join(
                str(r.randrange(10)) for _ in range(length - 1)))
        # FR: 9 digits after the trunk 0.
        return self._unique(lambda: area + "".join(str(r.randrange(10)) for _ in range(9 - len(area))))

    def mobile(self, locale, city_areas):
        r = self.rng
        if locale == "US":
            return self.landline("US", r.choice(city_areas))
        if locale == "UK":
            prefix = r.choice(["740", "741", "742", "743", "746", "747", "748", "749", "753", "754", "755", "756",
                               "757", "758", "759", "771", "772", "773", "774", "775", "776", "777", "784", "785",
                               "786", "787", "788", "789", "794", "795", "796", "797", "798", "799"])
            return self._unique(lambda: prefix + "".join(str(r.randrange(10)) for _ in range(7)))
        if locale == "DE":
            prefix = r.choice(["151", "152", "160", "162", "170", "171", "172", "173", "174", "175", "176", "177",
                               "178", "179"])
            n = 7 if prefix in ("160", "162") and r.random() < 0.5 else 8
            return self._unique(lambda: prefix + "".join(str(r.randrange(10)) for _ in range(n)))
        # libphonenumber's FR mobile ranges: 6[0-24-8], 63[0-8], 69[589], 7[3-9].
        prefix = r.choice(["60", "61", "62", "64", "65", "66", "67", "68", "73", "75", "76", "77", "78"])
        return self._unique(lambda: prefix + "".join(str(r.randrange(10)) for _ in range(9 - len(prefix))))


def e164(locale, nsn):
    return "+" + PHONE_CC[locale] + nsn


def _groups(nsn, sizes):
    out, i = [], 0
    for s in sizes:
        out.append(nsn[i:i + s])
        i += s
    if i < len(nsn):
        out.append(nsn[i:])
    return out


def phone_parts(locale, nsn):
    """(area, subscriber groups) as the country writes them."""
    if locale == "US":
        return nsn[:3], [nsn[3:6], nsn[6:]]
    if locale == "UK":
        if nsn.startswith("20"):
            return "20", [nsn[2:6], nsn[6:]]
        if nsn.startswith("7"):
            return nsn[:4], [nsn[4:]]
        return nsn[:3], [nsn[3:6], nsn[6:]]
    if locale == "DE":
        if nsn[:2] in ("30", "89", "40", "69"):
            area = nsn[:2]
        else:
            area = nsn[:3]
        return area, [nsn[len(area):]]
    return nsn[0], _groups(nsn[1:], [2, 2, 2, 2])


def render_phone(rng, locale, nsn, ext=None, international=False):
    area, rest = phone_parts(locale, nsn)
    cc = PHONE_CC[locale]
    sub = " ".join(rest)
    if locale == "US":
        a, b = rest
        national = ["(%s) %s-%s" % (area, a, b), "%s-%s-%s" % (area, a, b), "%s.%s.%s" % (area, a, b),
                    "%s %s %s" % (area, a, b), nsn, "1-%s-%s-%s" % (area, a, b)]
        intl = ["+1 (%s) %s-%s" % (area, a, b), "+1 %s %s %s" % (area, a, b), "+1-%s-%s-%s" % (area, a, b),
                "+1" + nsn, "+1 %s-%s-%s" % (area, a, b)]
    elif locale == "UK":
        national = ["0%s %s" % (area, sub), "0" + nsn, "0%s %s" % (area, "".join(rest))]
        if not nsn.startswith("7"):
            national.append("(0%s) %s" % (area, sub))
        intl = ["+44 %s %s" % (area, sub), "+44 (0)%s %s" % (area, sub), "0044 %s %s" % (area, sub), "+44" + nsn]
    elif locale == "DE":
        s = rest[0]
        spaced = " ".join(_groups(s, [3, 2, 2])) if len(s) == 7 else " ".join(_groups(s, [4, 4]))
        national = ["0%s %s" % (area, s), "0%s/%s" % (area, s), "0%s-%s" % (area, s), "(0%s) %s" % (area, s),
                    "0%s %s" % (area, spaced)]
        intl = ["+49 %s %s" % (area, s), "+49 (0)%s %s" % (area, spaced), "0049 %s %s" % (area, s),
                "+49-%s-%s" % (area, s), "+49%s %s" % (area, s)]
    else:
        pairs = rest
        national = ["0%s %s" % (area, " ".join(pairs)), "0%s.%s" % (area, ".".join(pairs)), "0" + nsn,
                    "0%s-%s" % (area, "-".join(pairs))]
        intl = ["+33 %s %s" % (area, " ".join(pairs)), "+33 (0)%s %s" % (area, " ".join(pairs)),
                "0033 %s %s" % (area, " ".join(pairs)), "+33" + nsn]
    if international:
        # No country on the record: only "+" tells the country ("00" needs a known region to be read).
        text = rng.choice([t for t in intl if t.startswith("+")])
    else:
        text = rng.choice(national) if rng.random() < 0.6 else rng.choice(intl)
    if ext:
        text += rng.choice([" x", " ext. ", " ext ", " Ext. "]) + ext
    return text


# ---------------------------------------------------------------------------------------------------------------
# World: companies and people
# ---------------------------------------------------------------------------------------------------------------

class Company:
    def __init__(self, cid, locale, base, legal, legal_variants, domain, city, switchboard, pattern):
        self.cid, self.locale, self.base = cid, locale, base
        self.legal, self.legal_variants = legal, legal_variants
        self.domain, self.city, self.switchboard, self.pattern = domain, city, switchboard, pattern
        self.work_locals = set()
        self.next_ext = 100

    @property
    def name(self):
        return self.base + ("" if self.legal.startswith(",") else " ") + self.legal

    def variant(self, rng):
        """A company name as another system writes it; the company key stays the same."""
        kind = weighted(rng, [("suffix", 45), ("drop", 25), ("caps", 15), ("the", 5), ("spaces", 10)])
        if kind == "suffix" and self.legal_variants:
            v = rng.choice(self.legal_variants)
            return self.base + ("" if v.startswith(",") else " ") + v
        if kind == "drop":
            return self.base
        if kind == "caps":
            name = self.base.upper() + rng.choice([" ", ", "]) + self.legal.upper().strip(", ")
            return name
        if kind == "the" and self.locale in ENGLISH_LOCALES:
            return "The " + self.name
        return self.name.replace(" ", "  ", 1)


def make_companies(rng, phones, count):
    per_locale = {"US": 0.36, "UK": 0.20, "DE": 0.24, "FR": 0.20}
    companies = []
    used_keys, used_domains = set(), set()
    for locale, share in per_locale.items():
        n = round(count * share)
        stems = list(COMPANY_STEMS[locale])
        rng.shuffle(stems)
        made = 0
        attempts = 0
        while made < n and attempts < 10000:
            attempts += 1
            style = rng.random()
            if locale in ("DE", "FR") and style < 0.35:
                # Family-name firms: "Schröder Logistik", "Bernard & Fils", "Groupe Lefèvre".
                fam = zipf_pick(rng, FAMILY[locale][:60], 0.5, 3)
                if locale == "DE":
                    base = rng.choice([fam + " " + rng.choice(INDUSTRIES["DE"]), fam + " & Söhne",
                                       fam + " & " + zipf_pick(rng, FAMILY["DE"][:60], 0.5, 3)])
                else:
                    base = rng.choice([fam + " " + rng.choice(INDUSTRIES["FR"]), "Groupe " + fam, fam + " & Fils",
                                       "Établissements " + fam])
            else:
                if not stems:
                    stems = list(COMPANY_STEMS[locale])
                    rng.shuffle(stems)
                stem = stems.pop()
                base = stem + " " + rng.choice(INDUSTRIES[locale]) if rng.random() < 0.8 else stem
            key = fold(base)
            if key in used_keys:
                continue
            legal, _, variants = weighted(rng, [((a, w, v), w) for a, w, v in LEGAL[locale]])
            if locale == "US" and legal == "Co." and " & " in base:
                continue
            dom_label = slug(base.replace(" & ", " and "), rng.choice(["", "-"]))
            if rng.random() < 0.3 and " " in base:
                dom_label = slug(base.split(" ")[0]) if locale != "FR" or not base.startswith("Groupe") else \
                    slug(base.split(" ")[1])
            domain = dom_label + DOMAIN_TLD[locale]
            if domain in used_domains or len(dom_label) < 3:
                continue
            used_keys.add(key)
            used_domains.add(domain)
            city = rng.choice(CITIES[locale])
            area = rng.choice(city[2])
            switch = phones.landline(locale, area)
            pattern = weighted(rng, [("first.last", 55), ("f.last", 20), ("flast", 15), ("first", 5),
                                     ("last.first", 5)])
            companies.append(Company("C%03d" % (len(companies) + 1), locale, base, legal, variants, domain, city,
                                     switch, pattern))
            made += 1
    return companies


class Person:
    def __init__(self, eid, locale, gender):
        self.eid, self.locale, self.gender = eid, locale, gender
        self.given = self.family = None
        self.suffix = None
        self.doctor = False
        self.company = None
        self.title = None
        self.city = None
        self.work_email = None
        self.personal_email = None
        self.role_email = None       # colleagues sharing info@/sales@ as their only email in some records
        self.work_phone = None       # nsn
        self.work_ext = None         # extension when the work phone is the company switchboard
        self.switchboard = False
        self.mobile = None
        self.home = None
        self.moved = None            # (company, title, work_email, work_phone) after the move
        self.move_at = None
        self.hn_group = None         # hard-negative group id
        self.n_records = 1


class World:
    def __init__(self, rng):
        self.rng = rng
        self.phones = PhoneBook(rng)
        self.personal_keys = set()
        self.people = []
        self.companies = []
        self.by_locale = {}

    def email_key(self, address):
        local, domain = address.lower().split("@")
        if domain in ("gmail.com", "googlemail.com"):
            domain = "gmail.com"
            local = local.split("+")[0].replace(".", "")
        return local + "@" + domain

    def work_email(self, person, company):
        g = slug(person.given, "-")
        f = slug(person.family, "")
        p = company.pattern
        local = {"first.last": g + "." + f, "f.last": g[0] + "." + f, "flast": g[0] + f, "first": g,
                 "last.first": f + "." + g}[p]
        base = local
        n = 2
        while local in company.work_locals:
            local = base + str(n)
            n += 1
        company.work_locals.add(local)
        return local + "@" + company.domain

    def personal_email(self, person):
        rng = self.rng
        domain = weighted(rng, FREE_MAIL[person.locale])
        g, f = slug(person.given, ""), slug(person.family, "")
        for attempt in range(50):
            style = rng.randrange(6)
            if style == 0:
                local = g + "." + f
            elif style == 1:
                local = g + f + str(rng.randint(1, 99))
            elif style == 2:
                local = g[0] + "." + f + str(rng.randint(60, 99))
            elif style == 3:
                local = f + "." + g
            elif style == 4:
                local = g + "_" + f
            else:
                local = g + "." + f + str(rng.randint(1960, 2005))
            if attempt > 5:
                local += str(rng.randint(1, 999))
            address = local + "@" + domain
            if self.email_key(address) not in self.personal_keys:
                self.personal_keys.add(self.email_key(address))
                return address
        raise RuntimeError("no free personal email")

    def new_person(self, locale=None, gender=None, given=None, family=None, company="pick", home=None,
                   personal="maybe"):
        rng = self.rng
        locale = locale or weighted(rng, LOCALE_WEIGHTS)
        gender = gender or rng.choice("mf")
        p = Person("E%04d" % (len(self.people) + 1), locale, gender)
        p.given = given or zipf_pick(rng, GIVEN[locale][gender])
        p.family = family or zipf_pick(rng, FAMILY[locale])
        p.doctor = rng.random() < 0.06
        if company == "pick":
            company = None if rng.random() < 0.05 else self.pick_company(locale)
        p.company = company
        p.city = company.city if company else rng.choice(CITIES[locale])
        p.title = self.pick_title(locale, gender) if company else None
        if company:
            p.work_email = self.work_email(p, company)
            r = rng.random()
            if r < 0.72:
                p.work_phone = self.phones.landline(locale, rng.choice(company.city[2]))
            elif r < 0.80:
                p.work_phone = company.switchboard
                p.work_ext = str(company.next_ext + rng.randint(0, 3))
                company.next_ext = int(p.work_ext) + 1
                p.switchboard = True
        if personal == "yes" or (personal == "maybe" and (company is None or rng.random() < 0.35)):
            p.personal_email = self.personal_email(p)
        if rng.random() < 0.70 or (company is None and p.personal_email is None):
            p.mobile = self.phones.mobile(locale, p.city[2])
        p.home = home
        if p.home is None and rng.random() < 0.06:
            p.home = self.phones.landline(locale, rng.choice(p.city[2]))
        self.people.append(p)
        return p

    def pick_company(self, locale):
        pool = self.by_locale[locale]
        return zipf_pick(self.rng, pool, 1.0, 3)

    def pick_title(self, locale, gender):
        key = "EN" if locale in ENGLISH_LOCALES else locale
        if key != "EN" and self.rng.random() < 0.15:
            key = "EN"
        title = zipf_pick(self.rng, TITLES[key], 0.5, 3)
        return title if key == "EN" else title[0 if gender == "m" else 1]


# ---------------------------------------------------------------------------------------------------------------
# Rendering one record of a person for one source, with corruption
# ---------------------------------------------------------------------------------------------------------------

def nickname_of(rng, person):
    if person.given in NICKNAMES and person.locale in ENGLISH_LOCALES:
        return rng.choice(NICKNAMES[person.given]), False
    if person.given in NICKNAMES_WEAK:
        return rng.choice(NICKNAMES_WEAK[person.given]), True
    return None, False


def gmail_variant(rng, address):
    local, domain = address.split("@")
    if domain not in ("gmail.com", "googlemail.com"):
        return address
    plain = local.replace(".", "")
    kind = rng.randrange(3)
    if kind == 0:
        local = plain
    elif kind == 1 and len(plain) > 4:
        i = rng.randint(1, len(plain) - 2)
        local = plain[:i] + "." + plain[i:]
    else:
        local = local + "+" + rng.choice(["news", "crm", "work", "shop", "events"])
    return local + "@" + domain


def email_case(rng, address):
    local, domain = address.split("@")
    if rng.random() < 0.4:
        return address.upper()
    parts = [p[:1].upper() + p[1:] for p in local.split(".")]
    return ".".join(parts) + "@" + (domain.capitalize() if rng.random() < 0.5 else domain)


def with_spaces(rng, s):
    if " " in s.strip() and rng.random() < 0.6:
        return s.replace(" ", "  ", 1)
    return rng.choice(["  ", " "]) + s + rng.choice([" ", "  "])


class Record:
    def __init__(self, person, source):
        self.person, self.source = person, source
        self.values = {}
        self.flags = []
        # Evidence for the findability check (what a careful matcher could see).
        self.given_key = self.family_key = None
        self.given_raw = self.family_raw = None
        self.name_weak = False
        self.swapped = False
        self.email_keys = []
        self.role_keys = []
        self.phone_keys = []
        self.other_phones = []
        self.company_id = None
        self.initial = False
        self.source_id = None
        self.updated = None


def render(rng, world, person, source, index, complete=False):
    """One record of `person` in `source`. Index 0 is the reference rendering (format noise only); `complete`
    leaves no field out (the fallback when no corrupted rendering is findable)."""
    dup = index > 0 and not complete
    rec = Record(person, source)
    flag = rec.flags.append
    moved = person.moved is not None and index >= person.move_at
    company = person.moved[0] if moved else person.company
    title = person.moved[1] if moved else person.title
    work_email = person.moved[2] if moved else person.work_email
    work_phone = person.moved[3] if moved else person.work_phone
    work_ext = None if moved else person.work_ext
    if moved:
        flag("moved")

    # --- name ----------------------------------------------------------------------------------------------
    given, family = person.given, person.family
    weak = False
    if dup and rng.random() < RATES["nickname"]:
        nick, nick_weak = nickname_of(rng, person)
        if nick:
            given = nick
            weak = weak or nick_weak
            flag("nickname")
    if dup and rng.random() < RATES["typo"]:
        if rng.random() < 0.6 and len(family) >= 4:
            new = typo(rng, family)
            if new != family:
                family = new
                flag("typo")
        elif len(given) >= 4:
            new = typo(rng, given)
            if new != given:
                given = new
                flag("typo")
    if dup and has_marks(given + family) and rng.random() < RATES["diacritics"]:
        if person.locale == "DE" and rng.random() < 0.5:
            given, family = de_translit(given), de_translit(family)
            flag("transliterated")
        else:
            given, family = strip_marks(given), strip_marks(family)
            flag("diacritics_dropped")
    rec.given_raw, rec.family_raw = given, family
    rec.given_key, rec.family_key = given, family
    initial = False
    if dup and source != "marketing" and rng.random() < RATES["initial"]:
        given = given[0] + "."
        initial = True
        weak = True
        flag("initial")
    if dup and rng.random() < RATES["case"]:
        kind = rng.randrange(3)
        if kind == 0:
            family = family.upper()
        elif kind == 1:
            given, family = given.upper(), family.upper()
        else:
            given, family = given.lower(), family.lower()
        flag("case")
    rec.name_weak = weak
    rec.initial = initial

    honorific = None
    if person.doctor and rng.random() < 0.5:
        honorific = HONORIFIC[person.locale]["dr"]
    elif rng.random() < 0.5:
        honorific = weighted(rng, HONORIFIC[person.locale][person.gender])
    honorific_in_name = dup and rng.random() < RATES["honorific_in_name"]
    if honorific_in_name:
        honorific = honorific or weighted(rng, HONORIFIC[person.locale][person.gender])
        flag("honorific_in_name")
    suffix = person.suffix
    spaces = dup and rng.random() < RATES["extra_spaces"]
    if spaces:
        flag("extra_spaces")
    swapped = dup and source != "marketing" and not initial and rng.random() < RATES["swap"]
    if swapped:
        flag("swapped")
    rec.swapped = swapped

    # --- company, title -------------------------------------------------------------------------------------
    company_text = ""
    if company is not None:
        if not complete and rng.random() < RATES["missing_company"]:
            flag("missing_company")
        else:
            if rng.random() < RATES["company_variant"]:
                company_text = company.variant(rng)
                flag("company_variant")
            else:
                company_text = company.name
            if person.locale == "DE" and has_marks(company_text) and dup and rng.random() < 0.3:
                company_text = strip_marks(company_text)
            rec.company_id = company.cid
    title_text = title or ""
    if title and dup and rng.random() < RATES["title_change"]:
        variants = TITLE_VARIANTS.get(title)
        if variants and rng.random() < 0.6:
            title_text = rng.choice(variants)
        else:
            title_text = world.pick_title(person.locale, person.gender)
        flag("title_change")
    if title and rng.random() < 0.08:
        title_text = ""

    # --- emails ---------------------------------------------------------------------------------------------
    emails = []  # (address shown, identity key or None for role addresses)
    work = work_email
    role_only = person.role_email is not None and not moved and not complete and rng.random() < 0.5
    if role_only:
        work = None
    candidates = []
    if work:
        candidates.append(("work", work))
    if person.personal_email:
        candidates.append(("personal", person.personal_email))
    if source == "marketing":
        if rng.random() < 0.5:
            candidates.reverse()
        chosen = candidates[:1] + ([candidates[1]] if len(candidates) > 1 and (complete or rng.random() < 0.4) else [])
    else:
        if len(candidates) > 1 and rng.random() < (0.15 if source == "crm" else 0.3):
            candidates.reverse()
        chosen = candidates[:1]
    if role_only:
        chosen = [("role", person.role_email)]
        flag("role_email_only")
    if not complete and rng.random() < RATES["missing_email"]:
        chosen = []
        flag("missing_email")
    for kind, address in chosen:
        shown = address
        if dup and kind == "personal" and rng.random() < RATES["gmail_variant"]:
            new = gmail_variant(rng, shown)
            if new != shown:
                shown = new
                flag("gmail_variant")
        if dup and rng.random() < RATES["email_case"]:
            shown = email_case(rng, shown)
            flag("email_case")
        emails.append(shown)
        if kind != "role":
            rec.email_keys.append(address.lower())
        else:
            rec.role_keys.append(address.lower())

    # --- phones ---------------------------------------------------------------------------------------------
    country_blank = rng.random() < RATES["country_blank"]
    if country_blank:
        flag("country_blank")
    phone_slots = {}  # "work" / "mobile" / "home" → (nsn, ext)
    if work_phone:
        ext = work_ext
        if ext and not complete and rng.random() < 0.25:
            ext = None  # extension left off: only the switchboard number remains
        phone_slots["work"] = (work_phone, ext)
    if person.mobile:
        phone_slots["mobile"] = (person.mobile, None)
    if person.home:
        phone_slots["home"] = (person.home, None)
    if phone_slots and not complete and rng.random() < RATES["missing_phone"]:
        if len(phone_slots) > 1 and rng.random() < 0.5:
            drop = rng.choice(sorted(phone_slots))
            del phone_slots[drop]
        else:
            phone_slots = {}
        flag("missing_phone")

    def shown_phone(slot):
        nsn, ext = phone_slots[slot]
        if not (person.switchboard and slot == "work" and not moved):
            rec.phone_keys.append(e164(person.locale, nsn))
        elif ext:
            rec.phone_keys.append(e164(person.locale, nsn) + "x" + ext)  # switchboard + own extension
        else:
            rec.other_phones.append(e164(person.locale, nsn))  # bare switchboard: shared with colleagues
        return render_phone(rng, person.locale, nsn, ext, international=country_blank)

    # At least one way to reach the person must survive, or the record is a bare name.
    if not emails and not phone_slots and not rec.company_id:
        if company is not None:
            company_text = company.name
            rec.company_id = company.cid
        elif person.personal_email:
            emails.append(person.personal_email)
            rec.email_keys.append(person.personal_email.lower())

    country = "" if country_blank else weighted(rng, COUNTRY_NAMES[source][person.locale])

    # --- lay out per source ----------------------------------------------------------------------------------
    g_text, f_text = given, family
    if spaces:
        if rng.random() < 0.5:
            f_text = with_spaces(rng, f_text)
        else:
            g_text = with_spaces(rng, g_text)
    v = rec.values
    if source == "crm":
        first, last = (f_text, g_text) if swapped else (g_text, f_text)
        if suffix:
            last = last + " " + suffix
        salutation = honorific or ""
        if honorific_in_name:
            first = honorific + " " + first
            salutation = ""
        v["Salutation"] = salutation
        v["First Name"], v["Last Name"] = first, last
        v["Title"] = title_text
        v["Account Name"] = company_text
        v["Email"] = emails[0] if emails else ""
        v["Phone"] = shown_phone("work") if "work" in phone_slots else (
            shown_phone("home") if "home" in phone_slots else "")
        v["Mobile"] = shown_phone("mobile") if "mobile" in phone_slots else ""
        city_names = [person.city[0]] + person.city[1]
        v["Mailing City"] = "" if rng.random() < 0.1 else (
            city_names[0] if rng.random() < 0.8 else rng.choice(city_names))
        v["Mailing Country"] = country
    elif source == "marketing":
        full_given = (honorific + " " if honorific_in_name else "") + g_text
        only_name = rng.random() < RATES["name_only_column"]
        if only_name:
            flag("name_only_column")
        if only_name and rng.random() < RATES["last_first"]:
            full = f_text + (" " + suffix if suffix else "") + ", " + full_given
            flag("last_first")
        else:
            full = full_given + " " + f_text + (" " + suffix if suffix else "")
        v["Name"] = full
        v["Given Name"] = "" if only_name else g_text
        v["Family Name"] = "" if only_name else f_text
        v["E-mail 1 - Value"] = emails[0] if emails else ""
        v["E-mail 2 - Value"] = emails[1] if len(emails) > 1 else ""
        order = ["mobile", "work", "home"] if rng.random() < 0.6 else ["work", "mobile", "home"]
        slots = [s for s in order if s in phone_slots]
        slots = slots[:2] if len(slots) > 1 and (complete or rng.random() < 0.15) else slots[:1]
        # Two phones share one cell the way Google exports them (" ::: "); phones not shown are no evidence.
        v["Phone 1 - Value"] = " ::: ".join(shown_phone(s) for s in slots)
        v["Organization 1 - Name"] = company_text
        v["Organization 1 - Title"] = title_text
        v["Address 1 - Country"] = country
    else:
        first, last = (f_text, g_text) if swapped else (g_text, f_text)
        v["Title"] = honorific or ""
        if honorific_in_name:
            first = honorific + " " + first
            v["Title"] = ""
        v["First Name"], v["Last Name"] = first, last
        v["Suffix"] = suffix or ""
        v["Company"] = company_text
        v["Job Title"] = title_text
        v["E-mail Address"] = emails[0] if emails else ""
        v["Business Phone"] = shown_phone("work") if "work" in phone_slots else ""
        v["Mobile Phone"] = shown_phone("mobile") if "mobile" in phone_slots else ""
        v["Home Phone"] = shown_phone("home") if "home" in phone_slots else ""
        v["Business Country/Region"] = country
    return rec


# ---------------------------------------------------------------------------------------------------------------
# Findability: could a careful matcher join these two records of one person without the truth?
# ---------------------------------------------------------------------------------------------------------------

NICK_CANON = {}
for _canon, _nicks in list(NICKNAMES.items()) + list(NICKNAMES_WEAK.items()):
    for _n in _nicks:
        NICK_CANON.setdefault(fold(_n), set()).add(fold(_canon))


def part_distance(a, b):
    """0 when equal after folding (or German transliteration, or nickname), 1 for one edit, else 9."""
    fa, fb = fold(a), fold(b)
    if fa == fb or fold(de_translit(a)) == fold(de_translit(b)):
        return 0
    ca = NICK_CANON.get(fa, set()) | {fa}
    cb = NICK_CANON.get(fb, set()) | {fb}
    if ca & cb:
        return 0
    if fa.replace(" ", "") == fb.replace(" ", ""):
        return 0
    if osa_distance(fold(de_translit(a)), fold(de_translit(b))) <= 1 or osa_distance(fa, fb) <= 1:
        return 1
    return 9


def findable(a, b):
    if a.initial or b.initial:
        g = 0 if fold(a.given_key)[:1] == fold(b.given_key)[:1] else 9
    else:
        g = part_distance(a.given_key, b.given_key)
    f = part_distance(a.family_key, b.family_key)
    edits = g + f
    strong = bool(set(a.email_keys) & set(b.email_keys)) or bool(set(a.phone_keys) & set(b.phone_keys))
    if strong:
        return edits <= 2
    same_company = a.company_id is not None and a.company_id == b.company_id
    if same_company:
        return edits <= 1 and not (a.name_weak or b.name_weak or a.swapped or b.swapped)
    return False


def evidence(a, b):
    kinds = []
    if set(a.email_keys) & set(b.email_keys):
        kinds.append("email")
    if set(a.phone_keys) & set(b.phone_keys):
        kinds.append("phone")
    if a.company_id is not None and a.company_id == b.company_id:
        kinds.append("company")
    return "+".join(kinds) or "name only"


# ---------------------------------------------------------------------------------------------------------------
# Building the data set
# ---------------------------------------------------------------------------------------------------------------

def render_entity(rng, world, p):
    """All records of one person, each findable from an earlier one (so the entity is connected); None when a
    record cannot be made findable in 100 draws (the caller starts the person over)."""
    used = []
    mine = []
    for idx in range(p.n_records):
        options = [s for s in SOURCES if s not in used]
        if options and rng.random() < 0.85:
            w = [(s, SOURCE_WEIGHTS[SOURCES.index(s)]) for s in options]
        else:
            w = list(zip(SOURCES, SOURCE_WEIGHTS))
        source = weighted(rng, w)
        used.append(source)
        rec = None
        for attempt in range(100):
            cand = render(rng, world, p, source, idx, complete=attempt >= 90)
            if idx == 0 or any(findable(cand, prev) for prev in mine):
                rec = cand
                break
        if rec is None:
            return None
        mine.append(rec)
    return mine


def build(entities, seed):
    rng = random.Random(seed)
    world = World(rng)
    world.companies = make_companies(rng, world.phones, max(20, round(entities * 250 / 1200)))
    for c in world.companies:
        world.by_locale.setdefault(c.locale, []).append(c)
    for loc in world.by_locale:
        rng.shuffle(world.by_locale[loc])
    groups = OrderedDict()  # group id → (kind, [people])

    def group(kind, members):
        gid = "H%02d" % (len(groups) + 1)
        for m in members:
            m.hn_group = gid
        groups[gid] = (kind, members)

    scale = entities / 1200.0
    # 1. Same common full name, different people (other company, emails, phones).
    for i in range(max(1, round(14 * scale))):
        locale = weighted(rng, LOCALE_WEIGHTS)
        gender = rng.choice("mf")
        given = rng.choice(GIVEN[locale][gender][:6])
        family = rng.choice(FAMILY[locale][:6])
        members = [world.new_person(locale, gender, given, family) for _ in range(3 if i % 5 == 0 else 2)]
        group("same_name", members)
    # 2. Family members: shared surname and home phone, different given names.
    for i in range(max(1, round(8 * scale))):
        locale = weighted(rng, LOCALE_WEIGHTS)
        family = zipf_pick(rng, FAMILY[locale])
        city = rng.choice(CITIES[locale])
        home = world.phones.landline(locale, rng.choice(city[2]))
        a = world.new_person(locale, "m", None, family, home=home)
        b = world.new_person(locale, "f", None, family, home=home,
                             company=None if rng.random() < 0.4 else "pick")
        for m in (a, b):
            m.city = city if m.company is None else m.company.city
            # Reached at home more often than at work, so the shared line shows up.
            if rng.random() < 0.5:
                m.work_phone, m.work_ext, m.switchboard = None, None, False
        if i % 4 == 0:
            shared = world.personal_email(a)
            a.personal_email = b.personal_email = shared  # one family mailbox
        group("family", [a, b])
    # 3. Colleagues: one company, the switchboard as their phone, sometimes a role address as their only email.
    for i in range(max(1, round(8 * scale))):
        locale = weighted(rng, LOCALE_WEIGHTS)
        company = rng.choice(world.by_locale[locale])
        role = rng.choice(ROLE_LOCALS[locale]) + "@" + company.domain
        same_surname = i % 3 == 0
        n = 3 if i % 2 == 0 else 2
        members = []
        family = rng.choice(FAMILY[locale][:8]) if same_surname else None
        initial_letter = None
        for _ in range(n):
            gender = rng.choice("mf")
            given = None
            if same_surname:
                pool = [g for g in GIVEN[locale][gender]
                        if initial_letter is None or (g[0] == initial_letter and g not in [m.given for m in members])]
                given = zipf_pick(rng, pool) if pool else None
                if initial_letter is None and given:
                    initial_letter = given[0]
            p = world.new_person(locale, gender, given, family, company=company)
            p.work_phone = company.switchboard
            p.switchboard = True
            p.work_ext = None if rng.random() < 0.5 else str(company.next_ext)
            company.next_ext += 1
            p.role_email = role
            members.append(p)
        group("colleagues", members)
    # 4. Father and son: same name, Sr./Jr., same home phone.
    for i in range(max(1, round(3 * scale))):
        locale = "US"
        given = rng.choice(GIVEN["US"]["m"][:10])
        family = zipf_pick(rng, FAMILY["US"])
        city = rng.choice(CITIES["US"])
        home = world.phones.landline("US", rng.choice(city[2]))
        sr = world.new_person(locale, "m", given, family, home=home)
        jr = world.new_person(locale, "m", given, family, home=home)
        sr.suffix, jr.suffix = "Sr.", "Jr."
        for m in (sr, jr):
            if rng.random() < 0.5:
                m.work_phone, m.work_ext, m.switchboard = None, None, False
        group("father_son", [sr, jr])
    while len(world.people) < entities:
        world.new_person()

    # Record counts and moves.
    for p in world.people:
        p.n_records = weighted(rng, RECORD_COUNT_WEIGHTS)
        if p.n_records >= 2 and p.company is not None and p.hn_group is None and rng.random() < RATES["moved"]:
            new_company = world.pick_company(p.locale)
            if new_company is p.company:
                continue
            p.move_at = rng.randint(1, p.n_records - 1)
            new_email = world.work_email(p, new_company)
            new_phone = world.phones.landline(p.locale, rng.choice(new_company.city[2]))
            p.moved = (new_company, world.pick_title(p.locale, p.gender), new_email, new_phone)
            if p.mobile is None and p.personal_email is None:
                p.mobile = world.phones.mobile(p.locale, p.city[2])

    # Records.
    records = []
    for p in world.people:
        mine = None
        for entity_attempt in range(30):
            if entity_attempt == 20 and p.moved is not None:
                p.moved = p.move_at = None  # no rendering of this move keeps the person findable
            mine = render_entity(rng, world, p)
            if mine is not None:
                break
        if mine is None:
            raise RuntimeError("cannot make findable duplicates for %s" % p.eid)
        # Last-modified times grow with the record index (a move happens between two of them).
        day = rng.randint(0, 400)  # day 0 = 2023-01-01; the last record is at most 1,200 days later
        for rec in mine:
            day += rng.randint(1, 200)
            rec.updated = day
        records.extend(mine)
    return world, groups, records


def assign_ids(rng, records):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    seen = {s: set() for s in SOURCES}
    for rec in records:
        while True:
            if rec.source == "crm":
                sid = "0035g00000" + "".join(rng.choice(alphabet) for _ in range(5))
            elif rec.source == "marketing":
                sid = "c" + "%016x" % rng.getrandbits(64)
            else:
                sid = str(rng.randint(100000000, 999999999))
            if sid.lower() not in seen[rec.source]:
                seen[rec.source].add(sid.lower())
                rec.source_id = sid
                break


def iso_time(rng, day):
    # Day 0 = 2023-01-01.
    t = datetime.datetime(2023, 1, 1) + datetime.timedelta(days=day, seconds=rng.randint(7 * 3600, 19 * 3600))
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_csv(path, header, rows, quote_all=False):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entities", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", required=True, help="output folder")
    args = ap.parse_args(argv)

    world, groups, records = build(args.entities, args.seed)
    rng = random.Random(args.seed * 7919 + 1)  # ids, times and row order: independent of the corruption draws
    rng.shuffle(records)
    assign_ids(rng, records)
    os.makedirs(args.output, exist_ok=True)

    by_source = OrderedDict((s, []) for s in SOURCES)
    for rec in records:
        if rec.source == "crm":
            rec.values["Last Modified Date"] = iso_time(rng, rec.updated)
        rec.values[HEADERS[rec.source][0]] = rec.source_id
        by_source[rec.source].append(rec)
    for source, recs in by_source.items():
        rows = [[r.values.get(h, "") for h in HEADERS[source]] for r in recs]
        write_csv(os.path.join(args.output, source + ".csv"), HEADERS[source], rows, quote_all=source == "support")
    truth_rows = [[s, r.source_id, r.person.eid] for s, recs in by_source.items() for r in recs]
    with open(os.path.join(args.output, "truth.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "source_id", "entity_id"])
        w.writerows(truth_rows)

    # Summary.
    per_entity = OrderedDict()
    for rec in records:
        per_entity.setdefault(rec.person.eid, []).append(rec)
    pairs = 0
    direct = 0
    evidence_counts = Counter()
    for recs in per_entity.values():
        for i in range(len(recs)):
            for j in range(i + 1, len(recs)):
                pairs += 1
                if findable(recs[i], recs[j]):
                    direct += 1
                    evidence_counts[evidence(recs[i], recs[j])] += 1
    sizes = Counter(len(v) for v in per_entity.values())
    # Look-alikes: record pairs of different people that share a phone number (extension ignored), an email
    # address (role addresses and family mailboxes included) or a full name.
    shared = Counter()
    for label, keys_of in (
            ("phone", lambda r: sorted({k.split("x")[0] for k in r.phone_keys} | set(r.other_phones))),
            ("email", lambda r: sorted(set(r.email_keys) | set(r.role_keys))),
            ("full name", lambda r: [fold(r.person.given) + "|" + fold(r.person.family)])):
        index = OrderedDict()
        for rec in records:
            for k in keys_of(rec):
                index.setdefault(k, []).append(rec)
        for recs in index.values():
            for i in range(len(recs)):
                for j in range(i + 1, len(recs)):
                    if recs[i].person is not recs[j].person:
                        shared[label] += 1
    flags = Counter(f for rec in records for f in rec.flags)
    kinds = Counter(kind for kind, _ in groups.values())
    hn_entities = sum(len(m) for _, m in groups.values())
    locales = Counter(p.locale for p in world.people)
    name_twins = Counter((p.locale, fold(p.given), fold(p.family)) for p in world.people)
    print("records: " + ", ".join("%s %d" % (s, len(r)) for s, r in by_source.items()) + ", total %d" % len(records))
    print("entities: %d (%s); records per entity: %s" % (
        len(world.people), ", ".join("%s %d" % kv for kv in sorted(locales.items())),
        ", ".join("%d×%d" % (k, sizes[k]) for k in sorted(sizes))))
    print("companies: %d" % len(world.companies))
    print("true duplicate pairs: %d (directly findable %d; the rest only through a third record)" % (pairs, direct))
    print("  shared evidence of directly findable pairs: " + ", ".join(
        "%s %d" % kv for kv in sorted(evidence_counts.items(), key=lambda kv: -kv[1])))
    print("hard-negative groups: %d (%s), %d entities" % (
        len(groups), ", ".join("%s %d" % kv for kv in kinds.items()), hn_entities))
    print("entity pairs sharing a full name (incl. planted): %d" % sum(
        n * (n - 1) // 2 for n in name_twins.values()))
    print("record pairs of different people sharing: " + ", ".join("%s %d" % kv for kv in shared.items()))
    print("people who changed company: %d" % sum(1 for p in world.people if p.moved is not None))
    same_company = Counter((fold(p.given), fold(p.family), p.company.cid) for p in world.people if p.company)
    print("entity pairs with the same full name at the same company (natural, not planted): %d" % sum(
        n * (n - 1) // 2 for n in same_company.values()))
    print("corruption (records affected): " + ", ".join("%s %d" % kv for kv in sorted(flags.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
