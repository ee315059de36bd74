import CLibXML2
import Foundation

/// One message libxml2 reported while reading a document.
struct XMLParseIssue: Sendable, Hashable {
    /// 1 warning, 2 error (reading goes on), 3 fatal (reading stops).
    var level: Int
    /// libxml2's `xmlParserErrors` code.
    var code: Int
    var line: Int
    var column: Int
    var message: String

    /// `line 4, column 57`.
    var position: String { column > 0 ? "line \(line), column \(column)" : "line \(line)" }
}

/// Collects what libxml2 reports for one reader (through `xmlTextReaderSetStructuredErrorHandler`), so nothing is
/// printed and every message keeps its line and column.
final class XMLErrorSink {
    /// The first fatal error: libxml2 stops parsing there.
    private(set) var fatal: XMLParseIssue?
    /// The first message that means the document tries something Steward refuses (an entity it would have to expand
    /// or load): reading stops at the next node.
    private(set) var refusal: XMLParseIssue?
    /// Warnings and recoverable errors, at most ``maxNotes``.
    private(set) var notes: [XMLParseIssue] = []
    private(set) var droppedNotes = 0
    /// The elements the parser had open when the first fatal error came (start tag read, end tag not), from the
    /// parser context the error names; `nil` when unknown.
    private(set) var openElements: Set<UnsafeMutableRawPointer>?
    /// The innermost of those elements (its name as written).
    private(set) var innermostOpen: String?

    static let maxNotes = 20

    /// libxml2 codes that end reading even when libxml2 would go on: an undeclared entity (`&nbsp;` without a DTD
    /// declaring it, error 26, or warning 27 when an unread external DTD might declare it), an entity loop (89), an
    /// external entity or network load attempt (I/O errors 1543, 1549).
    static let refusedCodes: Set<Int> = [
        Int(XML_ERR_UNDECLARED_ENTITY.rawValue), Int(XML_WAR_UNDECLARED_ENTITY.rawValue),
        Int(XML_ERR_ENTITY_LOOP.rawValue), Int(XML_IO_NETWORK_ATTEMPT.rawValue), Int(XML_IO_LOAD_ERROR.rawValue),
    ]

    func record(_ error: UnsafePointer<xmlError>) {
        let e = error.pointee
        var message = e.message.map { String(cString: $0) } ?? "unknown libxml2 error \(e.code)"
        while message.last?.isWhitespace == true { message.removeLast() }
        message = message.replacingOccurrences(of: "\n", with: " ")
        let issue = XMLParseIssue(
            level: Int(e.level.rawValue), code: Int(e.code), line: Int(e.line), column: Int(e.int2),
            message: message)
        if XMLErrorSink.refusedCodes.contains(issue.code), refusal == nil { refusal = issue }
        if issue.level >= Int(XML_ERR_FATAL.rawValue) {
            if fatal == nil {
                fatal = issue
                if e.domain == Int32(XML_FROM_PARSER.rawValue), let context = e.ctxt {
                    let parser = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee
                    var open = Set<UnsafeMutableRawPointer>()
                    if let stack = parser.nodeTab {
                        for i in 0..<Int(max(parser.nodeNr, 0)) {
                            if let node = stack[i] { open.insert(UnsafeMutableRawPointer(node)) }
                        }
                    }
                    openElements = open
                    innermostOpen = parser.node.flatMap { $0.pointee.name }.map { XMLNodes.string($0) }
                }
            }
            return
        }
        if notes.count < XMLErrorSink.maxNotes {
            notes.append(issue)
        } else {
            droppedNotes += 1
        }
    }
}

/// Owns one libxml2 streaming reader (`xmlTextReader`) and its error sink; freed when the session ends.
///
/// Security settings (see ``parserOptions``): no entity substitution, no DTD loading, no network, libxml2's
/// default limits kept (no `XML_PARSE_HUGE`: depth 256, names 50,000 bytes, text nodes 10 MB, entity
/// amplification checks). While a session runs on a thread, the process-wide external entity loader refuses every
/// load on that thread (libxml2 2.9 has no `XML_PARSE_NO_XXE`), so even a setting missed here cannot fetch a file
/// or URL. libxml2's global error printing is silenced; messages go to the session's ``XMLErrorSink``.
final class XMLReaderSession {
    let reader: OpaquePointer
    let sink: XMLErrorSink
    /// The document, when ``takeDocument()`` took it over from the reader (freed with the session).
    private var document: UnsafeMutablePointer<xmlDoc>?

    /// `XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOCDATA`, plus `XML_PARSE_NO_XXE` on libxml2 2.13 and
    /// later. Never `XML_PARSE_NOENT` (entity substitution), `XML_PARSE_DTDLOAD`/`DTDATTR`/`DTDVALID` (loading or
    /// applying a DTD), `XML_PARSE_XINCLUDE` or `XML_PARSE_HUGE` (lifting the limits).
    static let parserOptions: Int32 = {
        var options = XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_NOCDATA.rawValue
        if LIBXML_VERSION >= 21300 { options |= 1 << 23 }  // XML_PARSE_NO_XXE, absent from older headers
        return Int32(bitPattern: options)
    }()

    private init(reader: OpaquePointer, sink: XMLErrorSink) {
        self.reader = reader
        self.sink = sink
        let handler: xmlStructuredErrorFunc = { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLErrorSink>.fromOpaque(context).takeUnretainedValue().record(error)
        }
        xmlTextReaderSetStructuredErrorHandler(reader, handler, Unmanaged.passUnretained(sink).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        if let document { xmlFreeDoc(document) }
    }

    /// Runs `body` with a reader over a file, read with plain `read(2)` calls in 4 KiB blocks (`xmlReaderForFd`:
    /// unlike `xmlReaderForFile`, no transparent gzip decompression); `nil` when the file cannot be opened.
    static func withFile<T>(_ path: String, _ body: (XMLReaderSession) -> T) -> T? {
        XMLLibrary.prepareThread()
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        return XMLLibrary.refusingExternalLoads {
            guard let reader = xmlReaderForFd(descriptor, path, nil, parserOptions) else { return nil }
            return body(XMLReaderSession(reader: reader, sink: XMLErrorSink()))
        }
    }

    /// Runs `body` with a reader over bytes in memory (not copied; they must outlive `body`).
    static func withMemory<T>(
        _ bytes: UnsafeBufferPointer<UInt8>, url: String, _ body: (XMLReaderSession) -> T
    ) -> T? {
        XMLLibrary.prepareThread()
        return XMLLibrary.refusingExternalLoads {
            let start = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer(bitPattern: 1))
            guard
                let reader = xmlReaderForMemory(
                    start?.assumingMemoryBound(to: CChar.self), Int32(clamping: bytes.count), url, nil,
                    parserOptions)
            else { return nil }
            return body(XMLReaderSession(reader: reader, sink: XMLErrorSink()))
        }
    }

    /// The reader's dictionary copy of `name`: element and attribute names of nodes are these very pointers, so a
    /// name test is a pointer comparison.
    func intern(_ name: String) -> UnsafePointer<UInt8>? {
        let bytes = Array(name.utf8) + [0]
        return bytes.withUnsafeBufferPointer { xmlTextReaderConstString(reader, $0.baseAddress) }
    }

    /// The document being read; from then on the reader keeps every node, so call it only once reading has
    /// stopped (to look at what was parsed before an error).
    func takeDocument() -> UnsafeMutablePointer<xmlDoc>? {
        if document == nil { document = xmlTextReaderCurrentDoc(reader) }
        return document
    }
}

/// Process-wide libxml2 settings, made once: parser initialised, generic error printing silenced, and an external
/// entity loader that refuses every load on a thread running an ``XMLReaderSession`` (and defers to libxml2's own
/// loader elsewhere, so other libxml2 users in the process are unaffected).
enum XMLLibrary {
    private static let setup: Void = {
        xmlInitParser()
        defaultLoader = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader { url, id, context in
            if XMLLibrary.isReadingOnThisThread { return nil }
            return XMLLibrary.defaultLoader?(url, id, context)
        }
        xmlThrDefSetGenericErrorFunc(nil, silentGeneric)
        xmlThrDefSetStructuredErrorFunc(nil, silentStructured)
    }()

    /// libxml2's loader before ours; written once inside `setup`, read afterwards.
    nonisolated(unsafe) private static var defaultLoader: xmlExternalEntityLoader?

    private static let threadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// A generic error function that prints nothing. libxml2 declares the type variadic, which Swift cannot
    /// define; a two-argument C function called through a variadic pointer only ignores the extra arguments
    /// (x86-64 and arm64 calling conventions).
    nonisolated(unsafe) private static let silentGeneric: OpaquePointer = {
        let silent: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
        return unsafeBitCast(silent, to: OpaquePointer.self)
    }()

    private static let silentStructured: xmlStructuredErrorFunc = { _, _ in }

    static var isReadingOnThisThread: Bool { pthread_getspecific(threadKey) != nil }

    /// Makes the process-wide settings (once) and silences libxml2's per-thread error printing on this thread.
    static func prepareThread() {
        _ = setup
        xmlSetGenericErrorFunc(nil, silentGeneric)
        xmlSetStructuredErrorFunc(nil, silentStructured)
    }

    /// Runs `body` with external loads refused on this thread.
    static func refusingExternalLoads<T>(_ body: () -> T) -> T {
        let previous = pthread_getspecific(threadKey)
        pthread_setspecific(threadKey, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(threadKey, previous) }
        return body()
    }
}
