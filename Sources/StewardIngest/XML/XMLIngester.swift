import CLibXML2
import Foundation
import StewardModel

/// Reads XML exports (CRM and marketing systems) into ``SourceRecord``s through libxml2's streaming reader
/// (`xmlTextReader`), so memory stays flat however large the file: only the current record and the elements above
/// it are held.
///
/// **Records and fields.** ``XMLOptions/recordPath`` names the repeated record element (`/Export/Contacts/Contact`,
/// or `//Contact` at any depth), matched by local name and namespace URI (prefixes declared in
/// ``XMLOptions/namespaces``; see ``XMLPathParser`` for the syntax). Each ``XMLOptions/fields`` path, relative to the
/// record element, feeds a field: `Email`, `Name/First`, `@id`, `Account/@name`, `Phones/Phone` (every match feeds
/// a list field; a single-valued field keeps a different later value as an extra field, as
/// ``RecordFields/set(_:_:)`` does). An email or phone element's `type`,
/// `kind` or `label` attribute gives its kind, else its name does (`MobilePhone` → `mobile`). Without `fields`,
/// every attribute (outside a namespace) and leaf element inside the record maps by name through the header alias
/// table (``XMLFieldRoles``); without `recordPath`, the record element is detected (``XMLRecordDetector``). Records
/// nested in a record are part of it. CDATA, character references and the five predefined entities are decoded;
/// any encoding libxml2 knows is read (declared, or by BOM; UTF-16, ISO-8859-1 …).
///
/// **Ids and locations.** A record's location is `file#n` (its ordinal among the record elements); its source id is
/// the `source_id` field (or auto-mapped `id`, `Contact ID` …), else its location. ``ingest(path:source:)`` rejects
/// a repeated id (`duplicate_source_id`, naming the first record); ``read(path:source:_:)`` does not (that needs
/// memory per record: the caller that keeps the records checks). A record without values is rejected
/// (`empty_record`), as is one with a value over ``XMLOptions/maxFieldBytes`` or over 16 MiB of text.
///
/// **Hostile input** is refused safely (``XMLReaderSession``): no entity substitution, DTD loading or network
/// access; a DOCTYPE that declares entities, and any entity reference XML does not predefine, stop reading with a
/// reject saying why; nesting is bounded by ``XMLOptions/maxDepth`` (and libxml2's own 256).
///
/// **Malformed XML** (truncated, a character XML forbids, bytes invalid in the declared encoding): libxml2 stops at
/// the first fatal error. Every record complete before the error is kept (including those libxml2 had parsed ahead
/// but not delivered), and one reject with reason `malformed` is added at the error's line: the libxml2 message
/// with line and column, how many records were read before it, and how many were lost (record start tags in the
/// file minus records read, from a byte scan). Only problems with the file itself (missing, a directory,
/// unreadable) and bad options throw.
///
/// - Complexity: O(n) in the file size. ``read(path:source:_:)`` holds O(largest record + depth) memory whatever
///   the file size; ``ingest(path:source:)`` holds the records plus 12–24 bytes per source id.
public struct XMLIngester: Sendable {
    public let options: XMLOptions

    public init(options: XMLOptions = XMLOptions()) {
        self.options = options
    }

    /// Problems in `options` (bad path syntax, undeclared namespace prefixes, limits), for `steward validate`.
    public static func problems(in options: XMLOptions) -> [String] {
        switch XMLPlan.compile(options) {
        case .success: return []
        case .failure(let error): return error.problems
        }
    }

    /// Reads a file into memory-held records. `path` is the path as the user gave it (used in locations).
    ///
    /// - Throws: `StewardError` `.fileNotFound` or `.fileUnreadable` for whole-file failures, `.badUsage` for bad
    ///   options. Malformed or hostile content is not thrown: it is a reject.
    public func ingest(path: String, source: String) throws -> IngestResult {
        var records: [SourceRecord] = []
        let outcome = try read(path: path, source: source, checkIDs: true) { records.append($0) }
        return IngestResult(records: records, rejects: outcome.rejects, warnings: outcome.warnings)
    }

    /// Ingests bytes already in memory (`xmlReaderForMemory`). Bad options become one whole-file reject.
    public func ingest(bytes: [UInt8], displayPath: String, source: String) -> IngestResult {
        var records: [SourceRecord] = []
        let plan: XMLPlan
        switch XMLPlan.compile(options) {
        case .success(let compiled): plan = compiled
        case .failure(let error):
            return IngestResult(rejects: [
                Reject(
                    source: source, location: SourceLocation(file: displayPath),
                    reason: .malformed("bad XML options: \(error.message)"), rawText: "")
            ])
        }
        let outcome = bytes.withUnsafeBufferPointer { buffer in
            let record =
                plan.record
                ?? XMLReaderSession.withMemory(
                    UnsafeBufferPointer(rebasing: buffer.prefix(XMLRecordDetector.sniffBytes)), url: displayPath
                ) { XMLRecordDetector.detect(session: $0, maxDepth: options.maxDepth)?.path } ?? nil
            return XMLReaderSession.withMemory(buffer, url: displayPath) { session in
                run(
                    session, plan: plan, record: record, input: .bytes(buffer), displayPath: displayPath,
                    source: source, checkIDs: true
                ) { records.append($0) }
            }
        }
        guard let outcome else {
            return IngestResult(rejects: [
                Reject(
                    source: source, location: SourceLocation(file: displayPath),
                    reason: .malformed("libxml2 could not start reading (empty input?)"), rawText: "")
            ])
        }
        return IngestResult(records: records, rejects: outcome.rejects, warnings: outcome.warnings)
    }

    /// Streams a file: `body` gets each record as its end tag is read; nothing is kept, so memory stays flat however
    /// large the file (repeated ids are not rejected here: the caller that keeps records checks). `read` counts the
    /// records delivered plus the rejects, as ``IngestResult/recordsRead`` does.
    ///
    /// - Throws: as ``ingest(path:source:)``.
    public func read(
        path: String, source: String, _ body: (SourceRecord) -> Void
    ) throws -> (rejects: [Reject], warnings: [String], read: Int) {
        try read(path: path, source: source, checkIDs: false, body)
    }

    func read(
        path: String, source: String, checkIDs: Bool, _ body: (SourceRecord) -> Void
    ) throws -> (rejects: [Reject], warnings: [String], read: Int) {
        let plan: XMLPlan
        switch XMLPlan.compile(options) {
        case .success(let compiled): plan = compiled
        case .failure(let error):
            throw StewardError(.badUsage, "XML options: \(error.message)", location: SourceLocation(file: path))
        }
        try XMLIngester.checkReadable(path)
        var record = plan.record
        if record == nil {
            let prefix = try XMLIngester.prefix(of: path, count: XMLRecordDetector.sniffBytes)
            record =
                prefix.withUnsafeBufferPointer { buffer in
                    XMLReaderSession.withMemory(buffer, url: path) {
                        XMLRecordDetector.detect(session: $0, maxDepth: options.maxDepth)?.path
                    }
                } ?? nil
        }
        let outcome = XMLReaderSession.withFile(path) { session in
            run(
                session, plan: plan, record: record, input: .file(path), displayPath: path, source: source,
                checkIDs: checkIDs, body)
        }
        guard let outcome else {
            throw StewardError(.fileUnreadable, "libxml2 cannot open the file", location: SourceLocation(file: path))
        }
        return (outcome.rejects, outcome.warnings, outcome.read)
    }

    /// The record element the ingester would pick in a file when no record path is given, as a path and the
    /// namespace prefixes it uses (`nil`: none found in the first 4 MiB). For `steward inspect` and diagnostics.
    public func detectedRecordPath(path: String) throws -> (record: String, namespaces: [String: String])? {
        try XMLIngester.checkReadable(path)
        let prefix = try XMLIngester.prefix(of: path, count: XMLRecordDetector.sniffBytes)
        let detection = prefix.withUnsafeBufferPointer { buffer in
            XMLReaderSession.withMemory(buffer, url: path) {
                XMLRecordDetector.detect(session: $0, maxDepth: options.maxDepth)
            }
        }
        guard let found = detection ?? nil else { return nil }
        return (found.path.description, found.namespaces)
    }

    // MARK: - Implementation

    struct Outcome {
        var rejects: [Reject]
        var warnings: [String]
        var read: Int
    }

    func run(
        _ session: XMLReaderSession, plan: XMLPlan, record: XMLRecordPath?, input: XMLDamageScan.Input,
        displayPath: String, source: String, checkIDs: Bool, _ body: (SourceRecord) -> Void
    ) -> Outcome {
        // A record path that matches nothing when none was found: the document is still read, so errors and
        // refusals are reported as usual.
        let path = record ?? XMLRecordPath(steps: [], anchored: true)
        var reader = XMLRecordReader(
            plan: plan, record: path, options: options, session: session, displayPath: displayPath, source: source,
            checkIDs: checkIDs)
        var refusal: XMLRefusal?
        var failed = false
        switch XMLNodePump.run(session, &reader, emit: body) {
        case .complete: break
        case .failed: failed = true
        case .refused(let error): refusal = error
        }
        let sink = session.sink
        var rejects = reader.rejects
        if refusal != nil || failed {
            rejects.append(
                damageReject(
                    refusal: refusal, fatal: sink.fatal, innermostOpen: sink.innermostOpen, reader: reader,
                    record: record, input: input, displayPath: displayPath, source: source))
        } else if record == nil {
            reader.warnings.append(
                "\(displayPath): no record element found (no repeated element with name, email or phone fields in "
                    + "the first \(XMLRecordDetector.sniffBytes >> 20) MiB); name it with `record:` "
                    + "(e.g. /Export/Contacts/Contact)")
        }
        var warnings = reader.warnings
        for note in sink.notes {
            let kind = note.level == 1 ? "warning" : "error (reading went on)"
            warnings.append("\(displayPath):\(note.line):\(max(note.column, 1)): XML \(kind): \(note.message)")
        }
        if sink.droppedNotes > 0 {
            warnings.append("\(displayPath): \(sink.droppedNotes) more XML warnings not listed")
        }
        return Outcome(rejects: rejects, warnings: warnings, read: reader.delivered + rejects.count)
    }

    /// The one reject that says where and why reading stopped, and what that cost.
    func damageReject(
        refusal: XMLRefusal?, fatal: XMLParseIssue?, innermostOpen: String?, reader: XMLRecordReader,
        record: XMLRecordPath?, input: XMLDamageScan.Input, displayPath: String, source: String
    ) -> Reject {
        var line = refusal.map { $0.line } ?? fatal?.line
        if refusal != nil, line == nil { line = XMLDamageScan.doctypeLine(input) }
        let localName = record?.steps.last?.localName
        let scan = XMLDamageScan.scan(input, localName: localName, line: line)
        var message: String
        if let refusal {
            message = refusal.message
        } else if let fatal {
            message = "malformed XML at \(fatal.position): \(fatal.message)"
            if fatal.code == Int(XML_ERR_DOCUMENT_END.rawValue), let open = innermostOpen {
                // libxml2 2.9 words a file that ends inside an element this way.
                message =
                    "malformed XML at \(fatal.position): the file ends inside <\(open)> (truncated?); libxml2: "
                    + fatal.message
            } else if !reader.sawElement {
                message = "not XML, or empty: no element found (libxml2 at \(fatal.position): \(fatal.message))"
            }
        } else {
            message = "malformed XML: libxml2 stopped without a message"
        }
        let read = reader.ordinal
        let readText =
            read == 1 ? "1 complete record before it was read" : "\(read) complete records before it were read"
        let stopText =
            line.map { "the rest of the file after line \($0) was not read" } ?? "the rest of the file was not read"
        let lostText: String
        if let tags = scan.startTags, let localName {
            let lost = max(0, tags - read)
            lostText =
                (lost == 1 ? "about 1 record was lost" : "about \(lost) records were lost")
                + " (\(tags) <\(localName)> start tag\(tags == 1 ? "" : "s") in the file)"
        } else {
            lostText = "an unknown number of records after it were lost"
        }
        message += ". Reading stopped: \(stopText); \(readText), \(lostText)"
        let location = line.map { SourceLocation(file: displayPath, line: $0) } ?? SourceLocation(file: displayPath)
        return Reject(source: source, location: location, reason: .malformed(message), rawText: scan.lineText ?? "")
    }

    static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StewardError(.fileNotFound, "no such file; check the path", location: SourceLocation(file: path))
        }
        guard !isDirectory.boolValue else {
            throw StewardError(
                .fileUnreadable, "is a directory; give an XML file", location: SourceLocation(file: path))
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw StewardError(
                .fileUnreadable, "cannot read the file; check its permissions", location: SourceLocation(file: path))
        }
    }

    /// The first `count` bytes of a file.
    static func prefix(of path: String, count: Int) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StewardError(
                .fileUnreadable, "cannot read the file; check its permissions", location: SourceLocation(file: path))
        }
        defer { try? handle.close() }
        return [UInt8](handle.readData(ofLength: count))
    }
}
