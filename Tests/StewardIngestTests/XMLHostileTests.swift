import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardIngest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hostile and malformed XML: refused without expansion, file access or network access, with the records before
/// the problem kept and the loss reported with line and column.
@Suite("XML hostile and malformed input")
struct XMLHostileTests {
    static let contacts = XMLOptions(recordPath: "/Export/Contacts/Contact")

    func ingestBad(_ name: String, _ options: XMLOptions = XMLHostileTests.contacts) throws -> IngestResult {
        try XMLIngester(options: options).ingest(path: Fixtures.url("bad/\(name)").path, source: "bad")
    }

    /// `*` in `pattern` matches any text (libxml2's own wording and columns vary between versions).
    static func matches(_ pattern: String, _ text: String) -> Bool {
        let parts = pattern.components(separatedBy: "*")
        guard let first = parts.first, text.hasPrefix(first) else { return false }
        var rest = text.dropFirst(first.count)
        for (i, part) in parts.enumerated().dropFirst() {
            if i == parts.count - 1 { return part.isEmpty || rest.hasSuffix(part) }
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.isEmpty
    }

    @Test(
        "testdata/bad/xml_*: the expected rejects beside each file; records before the problem kept",
        arguments: [
            ("xml_billion_laughs.xml", [String]()),
            ("xml_xxe_file.xml", []),
            ("xml_parameter_entity_network.xml", []),
            ("xml_external_dtd_http.xml", ["D1"]),
            ("xml_deep_nesting.xml", ["N1"]),
            ("xml_truncated.xml", ["T1", "T2", "T3"]),
            ("xml_invalid_utf8.xml", ["U1"]),
            ("xml_undeclared_entity.xml", ["E1"]),
        ])
    func badFiles(name: String, kept: [String]) throws {
        let result = try ingestBad(name)
        #expect(result.records.map(\.sourceID) == kept)
        let expected = try Fixtures.referenceTable(
            "bad/" + name.replacingOccurrences(of: ".xml", with: ".expected-rejects.tsv"))
        #expect(result.rejects.count == expected.count)
        for (reject, row) in zip(result.rejects, expected) {
            #expect(reject.location.line.map(String.init) == row["line"], "\(name)")
            #expect(reject.reason.code == row["code"], "\(name)")
            let pattern = try #require(row["reason"])
            #expect(Self.matches(pattern, reject.reason.description), "\(name): \(reject.reason)")
        }
    }

    @Test("billion laughs: refused in well under a second, nothing expanded")
    func billionLaughs() throws {
        let clock = ContinuousClock()
        var result: IngestResult?
        let elapsed = try clock.measure { result = try ingestBad("xml_billion_laughs.xml") }
        #expect(elapsed < .seconds(1))
        let outcome = try #require(result)
        #expect(outcome.records.isEmpty)
        #expect(outcome.rejects.count == 1)
        #expect(!outcome.rejects[0].rawText.contains("lollol"))
        #expect(outcome.rejects[0].reason.description.hasPrefix("refused: the DOCTYPE declares entities (lol, lol1"))
    }

    @Test("external entity to file:///etc/passwd: refused, the file's contents appear nowhere")
    func externalEntityFile() throws {
        let result = try ingestBad("xml_xxe_file.xml")
        #expect(result.records.isEmpty)
        let everything = (result.rejects.map { "\($0.reason) \($0.rawText)" } + result.warnings).joined()
        #expect(!everything.contains("root:"))
        #expect(everything.contains(#"xxe → SYSTEM "file:///etc/passwd""#))
        // The same document without the DOCTYPE check in the way: libxml2 is never asked to load anything, so the
        // entity reference stays unexpanded and is refused too.
        let bare = """
            <Export><Contacts><Contact><Notes>&xxe;</Notes></Contact></Contacts></Export>
            """
        let refused = XMLIngester(options: Self.contacts).ingest(
            bytes: Array(bare.utf8), displayPath: "b.xml", source: "s")
        #expect(refused.records.isEmpty)
        #expect(refused.rejects.first?.reason.description.contains("Entity 'xxe' not defined") == true)
    }

    @Test("network: an external DTD, parameter entity and entity pointing at a listening port never connect")
    func noNetwork() throws {
        let listener = try #require(Listener())
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.port)"
        let documents = [
            """
            <!DOCTYPE Export SYSTEM "\(url)/crm.dtd">
            <Export><Contacts><Contact id="1"><Name>Ann</Name></Contact></Contacts></Export>
            """,
            """
            <!DOCTYPE Export [<!ENTITY % remote SYSTEM "\(url)/evil.dtd"> %remote;]>
            <Export><Contacts><Contact id="1"><Name>Ann</Name></Contact></Contacts></Export>
            """,
            """
            <!DOCTYPE Export [<!ENTITY ping SYSTEM "\(url)/ping">]>
            <Export><Contacts><Contact id="1"><Name>&ping;</Name></Contact></Contacts></Export>
            """,
            """
            <Export xmlns:xi="http://www.w3.org/2001/XInclude"><Contacts><Contact id="1">
            <Name>Ann</Name><xi:include href="\(url)/more.xml" parse="text"/></Contact></Contacts></Export>
            """,
        ]
        var outcomes: [String] = []
        for document in documents {
            let result = XMLIngester(options: Self.contacts).ingest(
                bytes: Array(document.utf8), displayPath: "net.xml", source: "s")
            outcomes.append("\(result.records.count) \(result.rejects.map(\.reason.code))")
        }
        #expect(outcomes == ["1 []", "0 [\"malformed\"]", "0 [\"malformed\"]", "1 []"])
        #expect(listener.connections() == 0)
    }

    @Test("deep nesting: stopped at the depth limit (libxml2's 256 or a lower max depth), earlier records kept")
    func deepNesting() throws {
        let result = try ingestBad(
            "xml_deep_nesting.xml", XMLOptions(recordPath: "/Export/Contacts/Contact", maxDepth: 50))
        #expect(result.records.map(\.sourceID) == ["N1"])
        #expect(result.rejects.map(\.location.line) == [7])
        #expect(result.rejects.first?.reason.description.hasPrefix("elements nested deeper than 50 levels") == true)
        if let corpus = Fixtures.corpusURL("xml/hostile_deep_nesting.xml") {
            let clock = ContinuousClock()
            let elapsed = try clock.measure {
                let refused = try XMLIngester().ingest(path: corpus.path, source: "c")
                #expect(refused.records.isEmpty && refused.rejects.count == 1)
            }
            #expect(elapsed < .seconds(1))
        }
    }

    @Test("truncated inside one 512-byte parse block: the three complete records libxml2 parsed ahead are kept")
    func truncatedSalvage() throws {
        let result = try ingestBad("xml_truncated.xml")
        #expect(result.records.map(\.sourceID) == ["T1", "T2", "T3"])
        #expect(result.records[2].fields.emails == [ContactPoint("cy@example.com")])
        let reject = try #require(result.rejects.first)
        #expect(reject.location.description.hasSuffix("xml_truncated.xml:7"))
        #expect(reject.reason.description.contains("the file ends inside <Email> (truncated?)"))
        #expect(
            reject.reason.description.hasSuffix(
                "Reading stopped: the rest of the file after line 7 was not read; 3 complete records before it were "
                    + "read, about 1 record was lost (4 <Contact> start tags in the file)"))
        #expect(
            reject.rawText == #"    <Contact id="T4"><FirstName>Di</FirstName><LastName>Four</LastName><Email>di@exa"#)
    }

    @Test("cut at every byte: never a crash, never a half record, records read + lost = records in the file")
    func cutEverywhere() throws {
        let bytes = Array(try Fixtures.data("sources/xml/salesforce_export.xml"))
        let ingester = XMLIngester(options: XMLSampleOptions.salesforce)
        let full = ingester.ingest(bytes: bytes, displayPath: "s.xml", source: "s").records
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            let result = ingester.ingest(bytes: Array(bytes[..<cut]), displayPath: "s.xml", source: "s")
            #expect(result.records == Array(full.prefix(result.records.count)), "cut at \(cut)")
            guard cut > 200 else { continue }
            #expect(result.rejects.count == 1, "cut at \(cut)")
            #expect(
                result.rejects.first?.reason.description.contains("\(result.records.count) complete record") == true,
                "cut at \(cut)")
        }
    }

    @Test("libxml2 prints nothing: its messages go to rejects and warnings only")
    func nothingPrinted() throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("xml-stderr-\(getpid()).txt")
        FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        let saved = dup(2)
        let file = open(capture.path, O_WRONLY)
        dup2(file, 2)
        let folder = Fixtures.url("bad")
        var inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasPrefix("xml_") && $0.hasSuffix(".xml") }.map { folder.appendingPathComponent($0).path }
        if let corpus = Fixtures.corpusURL("xml") {
            inputs += try FileManager.default.contentsOfDirectory(atPath: corpus.path)
                .map { corpus.appendingPathComponent($0).path }
        }
        var rejects = 0
        for input in inputs {
            rejects += (try? XMLIngester().ingest(path: input, source: "s"))?.rejects.count ?? 0
        }
        fflush(nil)
        dup2(saved, 2)
        close(saved)
        close(file)
        #expect(rejects >= 8)
        let printed = try String(contentsOf: capture, encoding: .utf8)
        // libxml2's own report format (`file:line: parser error : message`); other tests may print meanwhile.
        for marker in [
            " parser error : ", " parser warning : ", " namespace error : ", " validity error : ", "I/O error : ",
            "Entity: line ",
        ] {
            #expect(!printed.contains(marker), "libxml2 printed: \(printed.prefix(300))")
        }
    }
}

/// A TCP listener on 127.0.0.1 that counts connection attempts without answering them.
final class Listener {
    let descriptor: Int32
    let port: Int

    init?() {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            closeDescriptor(descriptor)
            return nil
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
    }

    /// Connections waiting to be accepted (each accepted and closed).
    func connections() -> Int {
        var count = 0
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return count }
            count += 1
            closeDescriptor(client)
        }
    }

    func close() {
        closeDescriptor(descriptor)
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
