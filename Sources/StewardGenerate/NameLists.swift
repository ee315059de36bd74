/// Given and family names per locale, most common first (rough frequency order from national name statistics:
/// US Census / SSA, ONS, Gesellschaft für deutsche Sprache, INSEE). Picks are Zipf-skewed by rank, so common names
/// repeat the way they do in real address books. Repeats inside a list are dropped when the tables are built.
enum NameLists {
    static let givenUSMale: [String] = [
        "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Christopher",
        "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Donald", "Steven", "Andrew", "Paul", "Joshua",
        "Kenneth", "Kevin", "Brian", "Timothy", "Ronald", "George", "Jason", "Edward", "Jeffrey", "Ryan",
        "Jacob", "Nicholas", "Gary", "Eric", "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon",
        "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Frank", "Raymond", "Jack", "Dennis", "Jerry",
        "Tyler", "Aaron", "José", "Adam", "Nathan", "Henry", "Zachary", "Douglas", "Peter", "Kyle",
        "Noah", "Ethan", "Jeremy", "Christian", "Walter", "Keith", "Austin", "Roger", "Terry", "Sean",
        "Gerald", "Carl", "Dylan", "Harold", "Jordan", "Jesse", "Bryan", "Lawrence", "Arthur", "Gabriel",
        "Bruce", "Logan", "Billy", "Joe", "Alan", "Juan", "Elijah", "Willie", "Albert", "Wayne",
        "Randy", "Mason", "Vincent", "Liam", "Roy", "Bobby", "Caleb", "Bradley", "Russell", "Lucas",
        "Marcus", "Carlos", "Luis", "Philip", "Howard", "Eugene", "Trevor", "Derek", "Shawn", "Travis",
    ]
    static let givenUSFemale: [String] = [
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Karen", "Sarah",
        "Lisa", "Nancy", "Sandra", "Betty", "Ashley", "Emily", "Kimberly", "Margaret", "Donna", "Michelle",
        "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Dorothy",
        "Amy", "Kathleen", "Angela", "Shirley", "Emma", "Brenda", "Pamela", "Nicole", "Anna", "Samantha",
        "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Maria", "Olivia", "Heather", "Helen",
        "Catherine", "Diane", "Julie", "Victoria", "Joyce", "Lauren", "Kelly", "Christina", "Ruth", "Joan",
        "Virginia", "Judith", "Evelyn", "Hannah", "Andrea", "Megan", "Abigail", "Sophia", "Cheryl", "Martha",
        "Frances", "Gloria", "Ann", "Teresa", "Kathryn", "Sara", "Janice", "Jean", "Alice", "Madison",
        "Doris", "Julia", "Grace", "Judy", "Denise", "Marilyn", "Amber", "Danielle", "Beverly", "Isabella",
        "Theresa", "Diana", "Natalie", "Brittany", "Charlotte", "Marie", "Kayla", "Alexis", "Lori", "Tiffany",
        "Rose", "Jacqueline", "Monica", "Erin", "Crystal", "Wendy", "Tammy", "Vanessa",
    ]
    static let familyUS: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
        "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
        "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes",
        "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez",
        "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
        "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander", "Hamilton",
        "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera",
        "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall",
        "Owens", "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells", "Vargas",
        "Henry", "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson", "Simpson",
        "Porter", "Hunter", "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Muñoz",
        "Hunt", "Hicks", "Holmes", "Palmer", "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone",
        "O'Brien", "O'Connor", "McCarthy", "O'Neil", "McKenzie", "DeLuca", "Van Dyke", "Schwartz", "Kowalski",
    ]
    static let givenUKMale: [String] = [
        "David", "John", "Paul", "Mark", "James", "Andrew", "Richard", "Michael", "Peter", "Stephen",
        "Robert", "Christopher", "Thomas", "Daniel", "Matthew", "Ian", "Simon", "William", "Oliver", "George",
        "Harry", "Jack", "Charlie", "Oscar", "Henry", "Joshua", "Samuel", "Edward", "Joseph", "Alexander",
        "Benjamin", "Gareth", "Neil", "Stuart", "Graham", "Alan", "Nigel", "Colin", "Martin", "Gavin",
        "Darren", "Craig", "Callum", "Rhys", "Hamish", "Angus", "Declan", "Alfie", "Archie", "Freddie",
        "Ethan", "Isaac", "Leo", "Theo", "Arthur", "Lewis", "Owen", "Liam", "Ross", "Dominic",
        "Adrian", "Anthony", "Barry", "Brian", "Keith", "Kevin", "Lee", "Philip", "Roger", "Russell",
        "Scott", "Shaun", "Trevor", "Wayne", "Jonathan", "Jamie", "Luke", "Ryan", "Adam", "Alistair",
        "Duncan", "Fraser", "Euan", "Ewan", "Kieran", "Connor", "Aidan", "Dylan", "Rory", "Finlay",
        "Harvey", "Jacob", "Logan", "Max", "Noah", "Reuben", "Toby", "Tom", "Dean", "Carl",
        "Clive", "Derek", "Geoffrey", "Malcolm", "Rupert", "Hugh", "Gordon", "Tristan",
    ]
    static let givenUKFemale: [String] = [
        "Sarah", "Emma", "Claire", "Laura", "Rebecca", "Helen", "Katherine", "Elizabeth", "Victoria", "Rachel",
        "Nicola", "Joanne", "Karen", "Susan", "Margaret", "Alison", "Fiona", "Catherine", "Jennifer", "Charlotte",
        "Olivia", "Amelia", "Sophie", "Emily", "Grace", "Lucy", "Hannah", "Jessica", "Chloe", "Gemma",
        "Amy", "Lauren", "Zoe", "Holly", "Megan", "Eleanor", "Harriet", "Imogen", "Siobhan", "Niamh",
        "Caitlin", "Bethany", "Kirsty", "Deborah", "Philippa", "Georgina", "Abigail", "Poppy", "Freya", "Isla",
        "Jane", "Ruth", "Anne", "Julie", "Patricia", "Jacqueline", "Louise", "Ella", "Lily", "Ava",
        "Alice", "Amanda", "Angela", "Beverley", "Carol", "Caroline", "Clare", "Dawn", "Denise", "Diane",
        "Donna", "Elaine", "Gillian", "Hayley", "Heather", "Jill", "Joanna", "Kate", "Kathryn", "Kelly",
        "Leanne", "Linda", "Lisa", "Lorraine", "Lynn", "Mandy", "Michelle", "Natalie", "Paula", "Sally",
        "Samantha", "Sharon", "Stephanie", "Tracey", "Vanessa", "Wendy", "Yvonne", "Ellie", "Evie", "Florence",
        "Isabella", "Jasmine", "Matilda", "Millie", "Rosie", "Scarlett", "Zara", "Bronwen",
    ]
    static let familyUK: [String] = [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Hussain",
        "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler",
        "Russell", "Fisher", "MacDonald", "MacLeod", "O'Neill", "Fitzgerald", "Llewellyn", "Stevens", "Jenkins",
        "Murray", "Dixon", "Pearson", "Graham", "Harvey", "Ali", "Kaur", "Reid", "Watts", "Ross",
        "Atkinson", "Ahmed", "Dawson", "Hamilton", "Pearce", "Gibson", "Walsh", "Burton", "Kennedy", "Knowles",
        "Barker", "Berry", "Fletcher", "Day", "Stewart", "Lawrence", "Hudson", "Sutton", "Rees", "Holland",
        "Gill", "Payne", "Morton", "Howard", "Jordan", "Hart", "West", "Cole", "Armstrong", "Grant",
        "Ford", "Lane", "Newman", "Sharp", "Spencer", "Bradley", "Hayes", "Booth", "Brooks", "Hopkins",
        "Reynolds", "Wallace", "Thornton", "Fraser", "Lowe", "Carr", "Hardy", "Chambers", "Saunders",
        "Pritchard", "Gordon", "Docherty", "Sinclair", "McKenzie", "McLean", "Fitzpatrick", "Ó Briain",
    ]
    static let givenDEMale: [String] = [
        "Thomas", "Michael", "Andreas", "Peter", "Stefan", "Christian", "Klaus", "Wolfgang", "Jürgen", "Frank",
        "Markus", "Matthias", "Uwe", "Bernd", "Alexander", "Martin", "Ralf", "Jörg", "Dieter", "Manfred",
        "Sven", "Daniel", "Tobias", "Jan", "Sebastian", "Florian", "Dirk", "Holger", "Günter", "Gerhard",
        "Helmut", "Lukas", "Jonas", "Maximilian", "Felix", "Björn", "Sören", "Torsten", "Johann", "Johannes",
        "Karl-Heinz", "Hans-Peter", "Jens", "Heinz", "Horst", "Rüdiger", "Lars", "Niklas", "Moritz", "Philipp",
        "Timo", "Kai", "Oliver", "Patrick", "Benedikt", "Fabian", "Leon", "Till", "Volker", "Götz",
        "Hans", "Werner", "Walter", "Karl", "Rainer", "Joachim", "Günther", "Harald", "Reinhard", "Norbert",
        "Hartmut", "Detlef", "Carsten", "Steffen", "Thorsten", "Marco", "Mario", "Dennis", "Marcel", "René",
        "Nils", "Marius", "Paul", "Elias", "Noah", "Ben", "Finn", "Luca", "Emil", "Anton",
        "Henrik", "Konstantin", "Julian", "David", "Simon", "Erik", "Tim", "Robin", "Pascal", "Dominik",
        "Kevin", "Benjamin", "Hendrik", "Ulrich", "Wilhelm", "Friedrich", "Ernst", "Gregor",
    ]
    static let givenDEFemale: [String] = [
        "Sabine", "Petra", "Andrea", "Monika", "Claudia", "Susanne", "Birgit", "Nicole", "Stefanie", "Julia",
        "Katrin", "Anja", "Ursula", "Karin", "Gabriele", "Renate", "Christine", "Heike", "Martina", "Anna",
        "Sandra", "Brigitte", "Ute", "Jutta", "Elke", "Silke", "Kerstin", "Tanja", "Daniela", "Lena",
        "Laura", "Lea", "Sophie", "Marie", "Johanna", "Katharina", "Franziska", "Jana", "Svenja", "Bärbel",
        "Dörte", "Jasmin", "Carina", "Miriam", "Annika", "Hannelore", "Ingrid", "Barbara", "Melanie", "Simone",
        "Nadine", "Doris", "Angelika", "Britta", "Maren", "Antje", "Anke", "Frauke", "Gisela", "Henrike",
        "Helga", "Erika", "Elisabeth", "Marianne", "Waltraud", "Gertrud", "Christa", "Cornelia", "Beate",
        "Manuela", "Sonja", "Yvonne", "Bettina", "Iris", "Alexandra", "Kathrin", "Nina", "Sarah", "Lisa",
        "Vanessa", "Jennifer", "Jessica", "Christina", "Michaela", "Marion", "Regina", "Dagmar", "Edith",
        "Hildegard", "Irene", "Emma", "Mia", "Hannah", "Emilia", "Clara", "Charlotte", "Leonie", "Amelie",
        "Luisa", "Maja", "Paula", "Greta", "Frieda", "Merle", "Pia", "Carolin", "Jördis", "Tabea",
    ]
    static let familyDE: [String] = [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
        "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
        "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
        "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
        "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert",
        "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz",
        "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin",
        "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich",
        "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl",
        "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer",
        "von Bülow", "Özdemir", "Kraft", "Thiel", "Hein", "Walther", "Kurz", "Seifert", "Böhme", "Schilling",
        "Ernst", "Förster", "Haase", "Lindner", "Schröter", "Kühne", "Marx", "Schütz", "Lenz", "Dietz",
        "Nowak", "Yılmaz", "Kaya", "Demir", "Jansen", "Hansen", "Petersen", "Brinkmann", "Fink", "Reuter",
        "Ebert", "Götz", "Riedel", "Wendt", "Bock", "Kretschmer", "Stephan", "Hübner", "Wolter", "Wiegand",
        "Gärtner", "Thiele", "Scherer", "Witt", "Bruns", "Kramer", "Schenk", "Jakob", "Mohr", "Grimm",
        "Kern", "Schade", "Beyer", "Rudolph", "Wegner", "Ott", "Eckert", "Dittrich", "Behrens", "Freitag",
        "Hempel", "Reinhardt", "Stark", "Lindemann", "Meißner", "Schott", "Brenner", "Wirth", "Noack",
    ]
    static let givenFRMale: [String] = [
        "Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Patrick", "Daniel", "Bernard",
        "Éric", "Frédéric", "Laurent", "Stéphane", "David", "Olivier", "Sébastien", "Julien", "Thierry", "Pascal",
        "François", "Jérôme", "Vincent", "Thomas", "Jacques", "Didier", "Christian", "Guillaume", "Antoine",
        "Alexandre", "Maxime", "Hugo", "Lucas", "Louis", "Mathieu", "Benoît", "Gérard", "René", "André",
        "Yves", "Jean-Pierre", "Jean-Luc", "Jean-François", "Jean-Marc", "Jean-Claude", "Loïc", "Gaël", "Cédric",
        "Rémi", "Hervé", "Raphaël", "Théo", "Clément", "Romain", "Arnaud", "Fabrice", "Lionel", "Régis",
        "Joël", "Aurélien", "Sylvain", "Franck", "Bruno", "Denis", "Marc", "Serge", "Jean-Paul", "Emmanuel",
        "Xavier", "Dominique", "Ludovic", "Mickaël", "Jonathan", "Kévin", "Anthony", "Damien", "Jérémy",
        "Grégory", "Florian", "Benjamin", "Adrien", "Quentin", "Valentin", "Paul", "Arthur", "Jules", "Nathan",
        "Gabriel", "Léo", "Martin", "Tristan", "Bastien", "Victor", "Baptiste", "Matthieu", "Gilles", "Claude",
        "Marcel", "Henri", "Roger", "Georges", "Joseph", "Francis", "Guy", "Patrice", "Jean-Michel",
        "Jean-Louis", "Jean-Jacques", "Timothée", "Noël", "Cyril", "Étienne",
    ]
    static let givenFRFemale: [String] = [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Valérie", "Christine", "Sandrine",
        "Véronique", "Anne", "Céline", "Sophie", "Stéphanie", "Nicole", "Monique", "Julie", "Camille", "Aurélie",
        "Émilie", "Hélène", "Laure", "Claire", "Chloé", "Léa", "Manon", "Inès", "Zoé", "Pauline", "Mathilde",
        "Élodie", "Agnès", "Brigitte", "Martine", "Chantal", "Josiane", "Geneviève", "Marie-Claire",
        "Marie-Hélène", "Anne-Sophie", "Marie-Christine", "Noémie", "Anaïs", "Océane", "Maëlle", "Virginie",
        "Caroline", "Florence", "Béatrice", "Corinne", "Karine", "Delphine", "Audrey", "Margaux", "Juliette",
        "Louise", "Charlotte", "Lucie", "Gaëlle", "Patricia", "Sabine", "Nadine", "Danielle", "Jacqueline",
        "Michèle", "Christiane", "Colette", "Odile", "Annie", "Éliane", "Marguerite", "Jeanne", "Simone",
        "Yvette", "Élise", "Amandine", "Marion", "Laetitia", "Mélanie", "Sarah", "Léna", "Jade", "Alice",
        "Lina", "Rose", "Ambre", "Agathe", "Clémence", "Capucine", "Éloïse", "Margot", "Victoire", "Solène",
        "Morgane", "Justine", "Laurence", "Pascale", "Christelle", "Nadia", "Fabienne", "Muriel", "Bernadette",
        "Josette", "Madeleine", "Paulette", "Vanessa", "Estelle", "Maud",
    ]
    static let familyFR: [String] = [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
        "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
        "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André",
        "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
        "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
        "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour",
        "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
        "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal",
        "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
        "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Ménard", "Prévost", "Lévêque", "Le Gall",
        "Da Silva", "Le Goff", "Étienne", "Barthélemy", "Lemaître", "Mallet", "Lebrun", "Dupuis", "Fleury",
        "Collet", "Maréchal", "Carpentier", "Moulin", "Perret", "Hubert", "Julien", "Poirier", "Renault",
        "Charpentier", "Bouvier", "Baron", "Royer", "Huet", "Tessier", "Bailly", "Hervé", "Schneider",
        "Lecomte", "Langlois", "Guillot", "Deschamps", "Besson", "Germain", "Bouchet", "Maillard", "Aubry",
        "Rolland", "Hamon", "Jacob", "Collin", "Daniel", "Bertin", "Cordier", "Humbert", "Chauvin", "Dupuy",
        "Guillaume", "Gilbert", "Leblanc", "Marty", "Boucher", "Bousquet", "Pons", "Gaudin", "Lefort",
        "Teixeira", "Pereira", "Ferreira", "Rodrigues", "Lopes", "Nguyen", "Benali", "Haddad", "Kergoat",
    ]

    /// English hypocorisms as address books write them; every pair is in Steward's nickname table.
    static let englishNicknames: [(String, [String])] = [
        ("Robert", ["Bob", "Rob", "Bobby"]), ("William", ["Bill", "Will"]), ("Elizabeth", ["Liz", "Beth"]),
        ("Katherine", ["Katie", "Kate"]), ("Margaret", ["Peggy", "Maggie"]), ("Richard", ["Rick", "Dick"]),
        ("James", ["Jim", "Jimmy"]), ("Michael", ["Mike"]), ("Thomas", ["Tom"]), ("Christopher", ["Chris"]),
        ("Daniel", ["Dan", "Danny"]), ("David", ["Dave"]), ("Joseph", ["Joe"]), ("Jennifer", ["Jen", "Jenny"]),
        ("Jessica", ["Jess"]), ("Matthew", ["Matt"]), ("Anthony", ["Tony"]), ("Andrew", ["Andy", "Drew"]),
        ("Benjamin", ["Ben"]), ("Nicholas", ["Nick"]), ("Samuel", ["Sam"]), ("Stephen", ["Steve"]),
        ("Steven", ["Steve"]), ("Patricia", ["Pat", "Trish"]), ("Susan", ["Sue"]), ("Rebecca", ["Becky"]),
        ("Timothy", ["Tim"]), ("Edward", ["Ed", "Ted"]), ("Charles", ["Charlie", "Chuck"]),
        ("Alexander", ["Alex"]), ("Jonathan", ["Jon"]), ("Kenneth", ["Ken"]), ("Ronald", ["Ron"]),
        ("Gregory", ["Greg"]), ("Peter", ["Pete"]), ("Deborah", ["Debbie"]), ("Barbara", ["Barb"]),
        ("John", ["Jack", "Johnny"]), ("Catherine", ["Cathy", "Kate"]), ("Victoria", ["Vicky"]),
        ("Abigail", ["Abby"]), ("Henry", ["Harry", "Hank"]), ("Donald", ["Don"]), ("Philippa", ["Pippa"]),
        ("Jeffrey", ["Jeff"]), ("Lawrence", ["Larry"]), ("Raymond", ["Ray"]), ("Zachary", ["Zach"]),
        ("Kimberly", ["Kim"]), ("Pamela", ["Pam"]), ("Cynthia", ["Cindy"]), ("Jacqueline", ["Jackie"]),
        ("Samantha", ["Sam"]), ("Christine", ["Chris"]), ("Kathleen", ["Kathy"]), ("Douglas", ["Doug"]),
        ("Gerald", ["Gerry"]), ("Frederick", ["Fred"]), ("Alfred", ["Alf"]), ("Dominic", ["Dom"]),
        ("Philip", ["Phil"]), ("Nathan", ["Nate"]), ("Judith", ["Judy"]), ("Teresa", ["Terri"]),
    ]
    /// German short forms Steward's English nickname table does not know: only a shared email or phone joins them.
    static let germanNicknames: [(String, [String])] = [
        ("Johann", ["Hans"]), ("Johannes", ["Hans"]), ("Alexander", ["Alex"]), ("Christian", ["Chris"]),
        ("Katharina", ["Kathi"]), ("Maximilian", ["Max"]), ("Franziska", ["Franzi"]),
    ]

    /// Parts of plausible family names beyond the common ones above (`Whit` + `worth`, `Stein` + `bach`,
    /// `Beau` + `champ`): the long tail real name distributions have, so that at a million records two different
    /// people share a full name about as rarely as they do in a real CRM, not hundreds of times more often.
    static let familyParts: [([String], [String])] = [
        (
            [
                "Ash", "Black", "Brad", "Brook", "Bur", "Cald", "Cole", "Crom", "Dun", "Edge", "Fair", "Farn", "Gold",
                "Hart", "Haw", "Hol", "Kings", "Lang", "Lock", "Mid", "Mor", "Nor", "Oak", "Pem", "Ram", "Red",
                "Ross", "Shel", "Stan", "Stock", "Sut", "Thorn", "Wal", "Wes", "Whit", "Win", "Wood", "Brom", "Hamp",
                "Chat",
            ],
            [
                "ley", "ton", "ford", "field", "wood", "worth", "by", "ham", "well", "stone", "more", "dale", "wick",
                "combe", "bury", "hurst", "land", "low", "shaw", "ridge",
            ]
        ),
        (
            [
                "Stein", "Berg", "Wald", "Feld", "Hof", "Kirch", "Brunn", "Linden", "Rosen", "Eichen", "Buch", "Tann",
                "Hagen", "Mühl", "Holz", "Sonnen", "Grün", "Alt", "Neu", "Ober", "Unter", "Wein", "Lauter", "Kalten",
                "Hohen", "Schön", "Rot", "Blum", "Eisen", "Haber", "Kraut", "Stroh", "Fisch", "Vogel", "Bach", "Rein",
                "Ehren", "Frei", "Lieb", "Dorn",
            ],
            [
                "mann", "er", "berger", "feld", "bach", "hausen", "meier", "huber", "brink", "kamp", "ler", "hofer",
                "thal", "bauer", "schmidt", "hagen", "lein", "reiter", "wald", "acker",
            ]
        ),
        (
            [
                "Beau", "Bel", "Bon", "Chau", "Dela", "Des", "Du", "Font", "Gal", "Lab", "Lach", "Lam", "Mar", "Mont",
                "Roch", "Val", "Ver", "Bou", "Cha", "Bar", "Cour", "Fer", "Gar", "Lan", "Mal", "Per", "Sau", "Tour",
                "Vil", "Bri",
            ],
            [
                "champ", "court", "fort", "lard", "mont", "val", "roche", "pierre", "bois", "vert", "lieu", "ville",
                "rue", "noir", "lin", "det", "geon", "nier", "teau", "chet", "ret", "quet",
            ]
        ),
    ]

    /// The synthesized tail of a locale's family names (English parts for US and UK), in a fixed scrambled order.
    static func familyTail(_ locale: Int) -> [String] {
        let (heads, tails) = familyParts[locale <= 1 ? 0 : locale - 1]
        var out: [String] = []
        let count = heads.count * tails.count
        // 37 is coprime to every count here (product of the list sizes), so this visits each combination once.
        for k in 0..<count {
            let i = (k * 37 + locale * 11) % count
            let head = heads[i / tails.count]
            let tail = tails[i % tails.count]
            // "Stein" + "er" → "Steiner"; "Bach" + "bach" → skip doubled parts.
            if head.lowercased() == tail { continue }
            out.append(head + tail)
        }
        return out
    }
}
