import CSV
import StewardIngest
import SwiftCSV

/// CSV parsing throughput on one core: Steward's byte parser against CSV.swift (yaslab) and SwiftCSV on the same
/// generated contact-like input (~64 MB: quoted fields, commas and doubled quotes in quotes, some newlines in
/// quotes, some non-ASCII names).
enum CSVBench {
    /// A deterministic contact export of about `targetBytes` bytes.
    static func makeInput(targetBytes: Int = 64_000_000) -> [UInt8] {
        let given = [
            "Robert", "Katherine", "Jürgen", "François", "Elizabeth", "Priya", "Hans-Peter", "Zoë", "Tom", "Ann",
        ]
        let family = ["Smith", "O'Neil", "Müller", "Dupont", "Taylor", "Raman", "Schmidt", "Brandt", "Baker", "Lee"]
        let companies = ["\"Acme, Inc.\"", "Globex Corporation", "\"Müller GmbH & Co. KG\"", "Initech LLC", "Hooli"]
        let cities = ["San Francisco", "New York", "Berlin", "Paris", "Manchester", "Mumbai", "München"]
        var out: [UInt8] = []
        out.reserveCapacity(targetBytes + 1024)
        out += Array("id,first_name,last_name,email,phone,company,street,city,notes,updated_at\r\n".utf8)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var i = 0
        while out.count < targetBytes {
            i += 1
            let g = given[next() % given.count]
            let f = family[next() % family.count]
            let note: String
            switch next() % 10 {
            case 0: note = "\"Met at the \"\"Expo\"\" booth\nfollow up in Q\(next() % 4 + 1)\""
            case 1, 2: note = "\"Prefers email, not phone\""
            case 3: note = "\"Line one\r\nLine two, with a comma\""
            default: note = ""
            }
            let row =
                "\(i),\(g),\(f),\(g.lowercased()).\(f.lowercased())\(i)@example.com,+1 (415) 555-\(1000 + next() % 9000),"
                + "\(companies[next() % companies.count]),\"\(next() % 999 + 1) Market St, Suite \(next() % 500)\","
                + "\(cities[next() % cities.count]),\(note),2026-\(next() % 12 + 1)-\(next() % 28 + 1)T09:15:00Z\r\n"
            out += Array(row.utf8)
        }
        return out
    }

    static func run() {
        let input = makeInput()
        let bytes = Double(input.count)
        print(String(format: "csv input: %.1f MB", bytes / 1_000_000))

        _ = Bench.measure("csv rows, byte ranges (steward)", units: bytes, unitName: "B") {
            var fields = 0
            _ = try? CSVRowScanner.forEachRow(in: input) { row in fields &+= row.count }
            blackHole(fields)
        }
        _ = Bench.measure("csv rows of String (steward)", units: bytes, unitName: "B") {
            var cells = 0
            var scratch: [String] = []
            _ = try? CSVRowScanner.forEachRow(in: input) { row in
                scratch.removeAll(keepingCapacity: true)
                for k in 0..<row.count { scratch.append(row.string(at: k)) }
                cells &+= scratch.count
            }
            blackHole(cells)
        }
        _ = Bench.measure("csv ingest to records (steward)", runs: 5, units: bytes, unitName: "B") {
            let result = CSVIngester().ingest(bytes: input, displayPath: "bench.csv", source: "bench")
            blackHole(result.records.count)
        }

        let text = String(decoding: input, as: UTF8.self)
        _ = Bench.measure("csv rows of String (CSV.swift)", runs: 3, warmup: 0, units: bytes, unitName: "B") {
            var cells = 0
            if let reader = try? CSVReader(string: text, hasHeaderRow: false) {
                while let row = reader.next() { cells &+= row.count }
            }
            blackHole(cells)
        }
        _ = Bench.measure("csv rows of String (SwiftCSV)", runs: 3, warmup: 0, units: bytes, unitName: "B") {
            final class Counter: @unchecked Sendable { var cells = 0 }
            let counter = Counter()
            if let csv = try? CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 1) {
                try? csv.enumerateAsArray(startAt: 0, rowLimit: nil) { row in counter.cells &+= row.count }
            }
            blackHole(counter.cells)
        }
    }
}
