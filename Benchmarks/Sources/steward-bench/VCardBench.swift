import Foundation
import StewardIngest
import StewardModel

/// vCard ingest throughput on one core, on a generated ~64 MB file of business cards as Apple Contacts (3.0,
/// grouped, CRLF), Google Contacts (3.0, folded notes), Outlook (2.1, quoted-printable Windows-1252 with soft line
/// breaks) and a card-scanner app (4.0, LF, tab folding) write them; about one card in ten carries a base64 PHOTO of
/// 3–9 KB. The same cards without their photos are measured too, so the cost of skipping photos shows per card.
enum VCardBench {
    /// A deterministic vCard file of about `targetBytes` bytes (or `cardLimit` cards); `photos` adds a PHOTO to about
    /// one card in ten (without, the cards are otherwise the same).
    static func makeInput(
        targetBytes: Int = 64_000_000, cardLimit: Int = .max, photos: Bool = true
    ) -> (bytes: [UInt8], cards: Int) {
        let given = [
            "Robert", "Katherine", "Jürgen", "François", "Elizabeth", "Priya", "Hans-Peter", "Zoë", "Tom", "Ann",
        ]
        let family = ["Smith", "O'Neil", "Müller", "Dupont", "Taylor", "Raman", "Schmidt", "Brandt", "Baker", "Lee"]
        let companies = ["Acme\\, Inc.", "Globex Corporation", "Müller GmbH & Co. KG", "Initech LLC", "Hooli"]
        let cities = ["San Francisco", "New York", "Berlin", "Paris", "Manchester", "Mumbai", "München"]
        // Windows-1252 quoted-printable spellings of some of the names above (Outlook 2.1).
        let qpFamily = ["M=FCller", "Wei=DF", "Br=E4ndle", "Dupont", "Smith"]
        let qpGiven = ["J=FCrgen", "Fran=E7ois", "Ren=E9e", "Zo=EB", "Robert"]
        let base64 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        func pick(_ list: [String]) -> String { list[next() % list.count] }
        var out: [UInt8] = []
        out.reserveCapacity(min(targetBytes, 1 << 30) + 16_384)
        func line(_ text: String, _ eol: String = "\r\n") { out += Array(text.utf8) + Array(eol.utf8) }
        /// A folded base64 photo: first line after the head, then 74-byte lines starting with `indent`.
        func photo(_ head: String, indent: String, eol: String) {
            let length = 4_000 + next() % 8_000
            guard photos else {
                for _ in 0..<length { _ = next() }
                return
            }
            out += Array(head.utf8)
            var column = head.utf8.count
            for _ in 0..<length {
                if column >= 75 {
                    out += Array(eol.utf8) + Array(indent.utf8)
                    column = indent.utf8.count
                }
                out.append(base64[next() & 63])
                column += 1
            }
            out += Array(eol.utf8)
        }
        var cards = 0
        while out.count < targetBytes && cards < cardLimit {
            cards += 1
            let g = pick(given)
            let f = pick(family)
            let company = pick(companies)
            let email = "\(g.lowercased()).\(f.lowercased())\(cards)@example.com"
            let phone = "+1 415 555 \(String(format: "%04d", next() % 10_000))"
            let withPhoto = next() % 10 == 0
            switch next() % 10 {
            case 0...3:  // Apple Contacts 3.0
                line("BEGIN:VCARD")
                line("VERSION:3.0")
                line("PRODID:-//Apple Inc.//macOS 14.6//EN")
                line("N:\(f);\(g);;Mr.;")
                line("FN:\(g) \(f)")
                line("ORG:\(company);Sales")
                line("TITLE:VP Sales")
                line("item1.EMAIL;type=INTERNET;type=pref:\(email)")
                line("item1.X-ABLabel:_$!<Work>!$_")
                line("TEL;type=WORK;type=VOICE;type=pref:\(phone)")
                line("item2.TEL:+1 415 555 0199")
                line("item2.X-ABLabel:_$!<Mobile>!$_")
                let street = "Suite \(next() % 500);\(next() % 999 + 1) Market St"
                line("item3.ADR;type=WORK;type=pref:;\(street);\(pick(cities));CA;94105;United States")
                line("item3.X-ABADR:us")
                if withPhoto { photo("PHOTO;ENCODING=b;TYPE=JPEG:", indent: " ", eol: "\r\n") }
                line("UID:\(cards)-6B29A774-D124-4822-B8D0-2780EC117F60")
                line("REV:2026-10-01T08:00:00Z")
                line("END:VCARD")
            case 4...5:  // Google Contacts 3.0
                line("BEGIN:VCARD")
                line("VERSION:3.0")
                line("FN:\(g) \(f)")
                line("N:\(f);\(g);;;")
                line("EMAIL;TYPE=INTERNET;TYPE=WORK:\(email)")
                line("TEL;TYPE=CELL:\(phone)")
                line(
                    "ADR;TYPE=WORK:;;\(next() % 999 + 1) Market St\\, Suite 300;\(pick(cities));CA;94105;United States")
                line("ORG:\(company)")
                line("NOTE:Met at the Expo booth\\nFollow up in Q\(next() % 4 + 1) about the enterprise tier\\, budg")
                line(" et owner is Maria (assistant)\\; prefers email")
                if withPhoto { photo("PHOTO:", indent: " ", eol: "\r\n") }
                line("END:VCARD")
            case 6...7:  // Outlook 2.1, quoted-printable Windows-1252
                line("BEGIN:VCARD")
                line("VERSION:2.1")
                line("N;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:\(pick(qpFamily));\(pick(qpGiven));;Dr.;")
                line("FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:\(pick(qpGiven)) \(pick(qpFamily))")
                line("ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:\(company);Gesch=E4ftsf=FChrung")
                line("TITLE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Gesch=E4ftsf=FChrer und Leiter Vertrieb =")
                line("S=FCd (=84Gro=DFkunden=93)")
                line("TEL;WORK;VOICE:+49 30 \(1_000_000 + next() % 9_000_000)")
                line("TEL;CELL;VOICE:0171 2345678")
                let address = ";;Hauptstra=DFe \(next() % 99 + 1);Berlin;;10115;Deutschland"
                line("ADR;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:\(address)")
                line("EMAIL;PREF;INTERNET:\(email)")
                if withPhoto {
                    if photos { line("PHOTO;TYPE=JPEG;ENCODING=BASE64:") }
                    photo(" ", indent: " ", eol: "\r\n")
                    if photos { line("") }
                }
                line("REV:20261002T080000Z")
                line("END:VCARD")
            default:  // card scanner, 4.0, LF
                line("BEGIN:VCARD", "\n")
                line("VERSION:4.0", "\n")
                line("UID:urn:uuid:4f0a5c2e-6b1d-4e8a-9f3c-\(String(format: "%012d", cards))", "\n")
                line("FN:\(g) \(f)", "\n")
                line("N:\(f);\(g);;;", "\n")
                line("ORG:\(company);Sales", "\n")
                let number = String(format: "%04d", next() % 10_000)
                line("TEL;VALUE=uri;TYPE=\"work,voice\";PREF=1:tel:+1-415-555-\(number)", "\n")
                line("EMAIL;TYPE=work:\(email)", "\n")
                line("ADR;TYPE=work:;;\(next() % 999 + 1) Market St;", "\n")
                line("\t\(pick(cities));CA;94105;USA", "\n")
                line("NOTE:Scanned at SaaS Expo 2026\\, booth \(next() % 90 + 1).", "\n")
                if withPhoto { photo("PHOTO:data:image/jpeg;base64,", indent: " ", eol: "\n") }
                line("REV:20261104T101233Z", "\n")
                line("END:VCARD", "\n")
            }
        }
        return (out, cards)
    }

    static func run() {
        let (input, cards) = makeInput()
        let bytes = Double(input.count)
        print(String(format: "vcard input: %.1f MB, %d cards", bytes / 1_000_000, cards))
        let ingest = Bench.measure("vcard ingest to records", runs: 5, units: bytes, unitName: "B") {
            let result = VCardIngester().ingest(bytes: input, displayPath: "bench.vcf", source: "bench")
            precondition(result.rejects.isEmpty && result.records.count == cards)
            blackHole(result.records.count)
        }
        print(String(format: "  = %.0f k cards/s", Double(cards) / ingest.median / 1000))
        _ = Bench.measure("vcard read, streaming (count only)", runs: 5, units: bytes, unitName: "B") {
            var count = 0
            _ = input.withUnsafeBufferPointer {
                VCardIngester().read(bytes: $0, displayPath: "bench.vcf", source: "bench") { _ in count += 1 }
            }
            blackHole(count)
        }

        // The same cards (same generator state) without photos: cards per second show what photos cost.
        let (plain, plainCards) = makeInput(targetBytes: .max, cardLimit: cards, photos: false)
        let plainBytes = Double(plain.count)
        print(String(format: "vcard input without PHOTO: %.1f MB, %d cards", plainBytes / 1_000_000, plainCards))
        let noPhoto = Bench.measure("vcard ingest to records, no PHOTO", runs: 5, units: plainBytes, unitName: "B") {
            let result = VCardIngester().ingest(bytes: plain, displayPath: "bench.vcf", source: "bench")
            blackHole(result.records.count)
        }
        print(String(format: "  = %.0f k cards/s", Double(plainCards) / noPhoto.median / 1000))
    }

    /// Writes the benchmark input (about `megabytes` MB) to `path`, for the peak-RSS probe.
    static func write(path: String, megabytes: Int) throws {
        try Data(makeInput(targetBytes: megabytes * 1_000_000).bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Streams one file through ``VCardIngester/read(path:source:_:)`` counting records, then prints the count,
    /// the time and the process's peak RSS: run it on files of different sizes to see that memory stays flat.
    static func rss(path: String) {
        let start = DispatchTime.now().uptimeNanoseconds
        var records = 0
        do {
            let (rejects, _, _) = try VCardIngester().read(path: path, source: "rss") { _ in records += 1 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            print(
                String(
                    format: "vcard rss: %@: %.1f MB, %d records, %d rejects, %.2f s (%.1f MB/s), peak RSS %.1f MiB",
                    path as NSString, Double(size) / 1_000_000, records, rejects.count, seconds,
                    Double(size) / seconds / 1_000_000, Bench.peakRSSMiB()))
        } catch {
            print("vcard rss: \(error)")
        }
    }
}
