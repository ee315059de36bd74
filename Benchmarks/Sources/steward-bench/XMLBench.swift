import Foundation
import StewardIngest
import StewardModel

/// XML ingest throughput on one core (libxml2's streaming reader plus Steward's record assembly) over a generated
/// Salesforce-style contact export (~64 MB: attributes, nested address, two phones with a `type`, CDATA notes,
/// entities and character references, some non-ASCII names), with the explicit field paths a pipeline gives and
/// with auto-mapping; and a peak-RSS probe that streams one file (`rss(path:)`).
enum XMLBench {
    /// The field paths of `testdata/sources/xml/salesforce_export.yaml.fragment`.
    static let options = XMLOptions(
        recordPath: "/Export/Contacts/Contact",
        fields: [
            .init(field: "source_id", path: "@id"),
            .init(field: "name_prefix", path: "Salutation"),
            .init(field: "given_name", path: "FirstName"),
            .init(field: "family_name", path: "LastName"),
            .init(field: "title", path: "Title"),
            .init(field: "organization", path: "Account/@name"),
            .init(field: "emails", path: "Email"),
            .init(field: "phones", path: "Phones/Phone"),
            .init(field: "street", path: "MailingAddress/Street"),
            .init(field: "city", path: "MailingAddress/City"),
            .init(field: "region", path: "MailingAddress/State"),
            .init(field: "postal_code", path: "MailingAddress/PostalCode"),
            .init(field: "country", path: "MailingAddress/Country"),
            .init(field: "updated_at", path: "LastModifiedDate"),
            .init(field: "lead_source", path: "LeadSource"),
            .init(field: "notes", path: "Description"),
        ])

    /// Calls `body` with consecutive pieces of a deterministic export of about `targetBytes` bytes.
    static func generate(targetBytes: Int, _ body: ([UInt8]) -> Void) {
        let given = ["Robert", "Katherine", "J&#252;rgen", "François", "Elizabeth", "Priya", "Hans-Peter", "Zoë"]
        let family = ["Smith", "O&apos;Neil", "Müller", "Dupont", "Taylor", "Raman", "Schmidt", "Brandt", "Lee"]
        let companies = ["Acme, Inc.", "Globex Corporation", "Müller GmbH &amp; Co. KG", "Initech LLC", "Hooli"]
        let cities = ["San Francisco", "New York", "Berlin", "Paris", "Manchester", "Mumbai", "München"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        chunk += Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Export>\n  <Contacts>\n".utf8)
        var written = 0
        var i = 0
        while written + chunk.count < targetBytes {
            i += 1
            let g = given[next() % given.count]
            let f = family[next() % family.count]
            let note: String
            switch next() % 4 {
            case 0:
                note =
                    "<Description><![CDATA[Met at the \"Expo\" booth <B\(next() % 99)> & wants a demo]]></Description>"
            case 1: note = "<Description>Prefers email &amp; mornings</Description>"
            default: note = ""
            }
            let record = """
                    <Contact id="0035g\(String(format: "%012d", i))">
                      <Salutation>Mr.</Salutation>
                      <FirstName>\(g)</FirstName>
                      <LastName>\(f)</LastName>
                      <Title>Head of R&amp;D</Title>
                      <Account id="0015g\(next() % 100_000)" name="\(companies[next() % companies.count])"/>
                      <Email>contact\(i)@example.com</Email>
                      <Phones>
                        <Phone type="work">+1 (415) 555-\(1000 + next() % 9000)</Phone>
                        <Phone type="mobile">+1 650 555 \(1000 + next() % 9000)</Phone>
                      </Phones>
                      <MailingAddress>
                        <Street>\(next() % 999 + 1) Market St, Suite \(next() % 500)</Street>
                        <City>\(cities[next() % cities.count])</City>
                        <PostalCode>\(10000 + next() % 89999)</PostalCode>
                        <Country>United States</Country>
                      </MailingAddress>
                      <LastModifiedDate>2026-\(next() % 12 + 1)-\(next() % 28 + 1)T09:15:00Z</LastModifiedDate>
                      <LeadSource>Trade Show</LeadSource>
                      \(note)
                    </Contact>

                """
            chunk += Array(record.utf8)
            if chunk.count >= 1 << 20 {
                written += chunk.count
                body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk += Array("  </Contacts>\n</Export>\n".utf8)
        body(chunk)
    }

    static func makeInput(targetBytes: Int = 64_000_000) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(targetBytes + (2 << 20))
        generate(targetBytes: targetBytes) { out += $0 }
        return out
    }

    /// Writes a generated export of about `megabytes` MB to `path` (a piece at a time: flat memory).
    static func write(path: String, megabytes: Int) {
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            print("cannot write \(path)")
            return
        }
        generate(targetBytes: megabytes * 1_000_000) { handle.write(Data($0)) }
        try? handle.close()
    }

    static func run() {
        let input = makeInput()
        let bytes = Double(input.count)
        print(String(format: "xml input: %.1f MB", bytes / 1_000_000))
        _ = Bench.measure("xml ingest, field paths (steward)", runs: 5, units: bytes, unitName: "B") {
            let result = XMLIngester(options: options).ingest(bytes: input, displayPath: "bench.xml", source: "b")
            blackHole(result.records.count)
        }
        _ = Bench.measure("xml ingest, auto-mapped (steward)", runs: 5, units: bytes, unitName: "B") {
            let result = XMLIngester().ingest(bytes: input, displayPath: "bench.xml", source: "b")
            blackHole(result.records.count)
        }
        let path = NSTemporaryDirectory() + "steward-bench-\(getpid()).xml"
        FileManager.default.createFile(atPath: path, contents: Data(input))
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = Bench.measure("xml read(path:) streamed (steward)", runs: 5, units: bytes, unitName: "B") {
            var records = 0
            _ = try? XMLIngester(options: options).read(path: path, source: "b") { _ in records += 1 }
            blackHole(records)
        }
    }

    /// Peak-RSS probe: streams `path` through ``XMLIngester/read(path:source:_:)`` with the benchmark's field
    /// paths, keeping nothing, and prints records, rate and the process's peak RSS. Run it on files of different
    /// sizes: memory must not grow with the file.
    static func rss(path: String) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let start = DispatchTime.now().uptimeNanoseconds
        var records = 0
        var fieldBytes = 0
        do {
            let outcome = try XMLIngester(options: options).read(path: path, source: "rss") { record in
                records += 1
                fieldBytes &+= record.fields.emails.count
            }
            if !outcome.rejects.isEmpty {
                print("rejects: \(outcome.rejects.count), first: \(outcome.rejects[0].reason)")
            }
        } catch {
            print("error: \(error)")
            return
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        blackHole(fieldBytes)
        print(
            String(
                format: "xml rss: %@  %.1f MB  %d records  %.2f s  %.1f MB/s  peak RSS %.1f MiB", path as NSString,
                Double(size) / 1e6, records, seconds, Double(size) / 1e6 / seconds, Bench.peakRSSMiB()))
    }
}
