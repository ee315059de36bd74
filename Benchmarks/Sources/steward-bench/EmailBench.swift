import StewardNormalize

/// Email parsing and company match keys over a mix of realistic raw values.
enum EmailBench {
    static func run() {
        let emails = [
            "john.doe@example.com", " Jane.Roe+crm@GoogleMail.com ", "\"John Doe\" <jd@acme.co.uk>",
            "mailto:INFO@Example.ORG", "sales@acme-industries.de;", "n/a", "j.o.h.n+x@gmail.com",
            "first.last@sub.domain.example.net", "jd@bücher.de", "broken..dots@x.com", "no-at-sign.example.com",
            "user@[192.0.2.1]", "basename-keyword@yahoo.com", "\"quoted local\"@example.com", "a@b", "MÜLLER@web.de",
        ]
        let companies = [
            "Acme, Inc.", "The ACME Corporation", "Müller GmbH & Co. KG", "AT&T Inc.", "Procter & Gamble",
            "Foo Holdings Ltd.", "Ferrari S.p.A.", "Maersk A/S", "Nokia Oyj", "Société Générale S.A.",
            "J. P. Morgan & Co. Incorporated", "Tata Consultancy Services Pvt. Ltd.", "Unilever PLC",
            "Volvo AB (publ)", "Cemex, S.A.B. de C.V.", "Thermo Fisher Scientific",
        ]
        let email = EmailNormalizer()
        let company = CompanyNormalizer()
        _ = email.parse(emails[0])
        _ = company.key(companies[0])
        let n = 200_000
        _ = Bench.measure("email parse (mixed, 1/4 invalid)", units: Double(n), unitName: "emails") {
            var valid = 0
            for i in 0..<n where (try? email.parse(emails[i & 15]).get()) != nil { valid += 1 }
            blackHole(valid)
        }
        let ascii = emails.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        _ = Bench.measure("email parse (ascii only)", units: Double(n), unitName: "emails") {
            var length = 0
            for i in 0..<n { length &+= email.normalized(ascii[i % ascii.count])?.key.utf8.count ?? 0 }
            blackHole(length)
        }
        _ = Bench.measure("company key", units: Double(n), unitName: "keys") {
            var length = 0
            for i in 0..<n { length &+= company.key(companies[i & 15])?.utf8.count ?? 0 }
            blackHole(length)
        }
    }
}
