import Foundation
import StewardModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the people who write to (and are copied on) a company's mail: `.eml` files, folders of them, and mbox
/// files, into one record per distinct address.
///
/// Per message: the header is unfolded and checked (``EmailHeaderScan``); the configured address headers
/// (``EmailHeaderOptions/headers``, by default From, Sender, Reply-To, To, Cc) are parsed as RFC 5322 address lists
/// (``EmailAddressParser``), display names decoded from RFC 2047 encoded words (``EmailEncodedWord``) or, for raw
/// 8-bit headers, from UTF-8 with a Windows-1252 fallback; `Date` is read as an RFC 5322 date (``EmailDate``) and
/// `Message-ID` kept for provenance. Across the messages of one call, each address (compared ignoring case) becomes
/// one ``SourceRecord`` (``EmailContactBook``):
///
/// - `source_id`: the address lower-cased; `location`: the file and physical line where it was first seen;
/// - `emails`: the address as first written, its kind the best header it appeared in (`from` > `reply-to` >
///   `sender` > `to` > `cc`);
/// - `full_name`: the most frequent person-like display name (``EmailDisplayName``), ties to the newest;
/// - `updated_at`: the newest message date, ISO 8601 in UTC;
/// - extras `message_id` (of the newest message), `header` (where the address was first seen) and `messages`
///   (how many messages it appears in);
/// - with ``EmailHeaderOptions/signatures``: `phones` (with kinds) and `title` from the signature of the newest
///   message the address sent (``EmailSignature``).
///
/// A message whose header is broken (no blank line before the body, binary data, a header line over 1 MiB) is a
/// reject with its file, line and reason; the other messages still flow. Files are read in chunks and only one
/// message is held at a time, so memory follows the number of distinct addresses, not the size of the mailbox.
///
/// - Complexity: O(n) in the input size.
public struct EmailHeaderIngester: Sendable {
    public let options: EmailHeaderOptions

    public init(options: EmailHeaderOptions = EmailHeaderOptions()) {
        self.options = options
    }

    /// Ingests a `.eml` file, an mbox file (told by a first line starting with `From `), or a folder (its `*.eml`
    /// files, recursively, in sorted order). Every address across the files becomes one record.
    ///
    /// - Throws: `StewardError` `.fileNotFound` or `.fileUnreadable` for a path that is missing or cannot be read.
    public func ingest(path: String, source: String) throws -> IngestResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StewardError(.fileNotFound, "no such file; check the path", location: SourceLocation(file: path))
        }
        var run = EmailIngestRun(options: options, source: source)
        if isDirectory.boolValue {
            for file in try EmailHeaderIngester.emlFiles(in: path) {
                try run.readFile(path: file.path, displayPath: file.displayPath)
            }
        } else {
            try run.readFile(path: path, displayPath: path)
        }
        return run.result()
    }

    /// Ingests one `.eml` message or one mbox (told by a first line starting with `From `) held in memory.
    public func ingest(bytes: [UInt8], displayPath: String, source: String) -> IngestResult {
        var run = EmailIngestRun(options: options, source: source)
        bytes.withUnsafeBufferPointer { run.readBuffer($0, displayPath: displayPath) }
        return run.result()
    }

    /// The `.eml` files under `folder`, sorted by their path relative to it.
    static func emlFiles(in folder: String) throws -> [(path: String, displayPath: String)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw StewardError(
                .fileUnreadable, "cannot list the folder; check its permissions", location: SourceLocation(file: folder)
            )
        }
        var relative: [String] = []
        while let next = enumerator.nextObject() as? String {
            if next.lowercased().hasSuffix(".eml") { relative.append(next) }
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return relative.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let full = prefix + name
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
            else { return nil }
            return (full, full)
        }
    }
}

/// The state of one ingest call: the contact book, rejects, warnings, and scratch space reused per message.
struct EmailIngestRun {
    let options: EmailHeaderOptions
    let source: String
    var book: EmailContactBook
    var rejects: [Reject] = []
    var warnings: [String] = []
    private var scanner: EmailHeaderScan
    private var parser = EmailAddressParser()
    private var sequence = 0
    private let fromHeader: Int?
    // Scratch, reused.
    private var value: [UInt8] = []
    private var lineStarts: [Int] = []
    private var mailboxes: [EmailMailbox] = []
    // Per file.
    private var warnedEncoding = false

    /// Bytes read from a file at a time.
    static let chunkBytes = 1 << 20

    init(options: EmailHeaderOptions, source: String) {
        self.options = options
        self.source = source
        self.book = EmailContactBook(headers: options.headers)
        self.scanner = EmailHeaderScan(addressHeaders: options.headers)
        self.fromHeader = options.headers.firstIndex { $0.lowercased() == "from" }
    }

    func result() -> IngestResult {
        IngestResult(records: book.records(source: source), rejects: rejects, warnings: warnings)
    }

    /// Whether the input is an mbox: after an optional BOM and blank lines, it starts with `From `.
    static func isMbox(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count, bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
        let from = Array("From ".utf8)
        guard bytes.count - i >= from.count else { return false }
        return (0..<from.count).allSatisfy { bytes[i + $0] == from[$0] }
    }

    /// Length of a UTF-8 byte-order mark at the start, or 0.
    static func bomLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// Ingests a whole input held in memory.
    mutating func readBuffer(_ all: UnsafeBufferPointer<UInt8>, displayPath: String) {
        warnedEncoding = false
        let bytes = UnsafeBufferPointer(rebasing: all[EmailIngestRun.bomLength(all)...])
        let mbox = EmailIngestRun.isMbox(bytes)
        var splitter = EmailMessageSplitter(mbox: mbox, maxMessageBytes: options.maxMessageBytes)
        while case .message(let message) = splitter.next(bytes, eof: true) {
            process(UnsafeBufferPointer(rebasing: bytes[message.range]), message, displayPath: displayPath, mbox: mbox)
        }
    }

    /// Ingests a file read in chunks of ``chunkBytes``, holding one message at a time.
    mutating func readFile(path: String, displayPath: String) throws {
        warnedEncoding = false
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw StewardError(
                .fileUnreadable, "cannot open the file (\(String(cString: strerror(errno)))); check its permissions",
                location: SourceLocation(file: displayPath))
        }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: EmailIngestRun.chunkBytes)
        var count = 0
        var eof = false
        func fill() throws {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: max(EmailIngestRun.chunkBytes, buffer.count / 2)))
            }
            let got = buffer.withUnsafeMutableBytes { raw in
                read(fd, raw.baseAddress.map { $0 + count }, raw.count - count)
            }
            guard got >= 0 else {
                throw StewardError(
                    .fileUnreadable, "read failed (\(String(cString: strerror(errno))))",
                    location: SourceLocation(file: displayPath))
            }
            if got == 0 { eof = true }
            count += got
        }
        // Enough of the start to tell an mbox from a message.
        while !eof && count < 4096 { try fill() }
        var skip = buffer.withUnsafeBufferPointer {
            EmailIngestRun.bomLength(UnsafeBufferPointer(rebasing: $0[..<count]))
        }
        let mbox = buffer.withUnsafeBufferPointer {
            EmailIngestRun.isMbox(UnsafeBufferPointer(rebasing: $0[skip..<count]))
        }
        var splitter = EmailMessageSplitter(mbox: mbox, maxMessageBytes: options.maxMessageBytes)
        while true {
            let step = buffer.withUnsafeBufferPointer { all in
                splitter.next(UnsafeBufferPointer(rebasing: all[skip..<count]), eof: eof)
            }
            switch step {
            case .done:
                return
            case .message(let message):
                buffer.withUnsafeBufferPointer { all in
                    let window = UnsafeBufferPointer(rebasing: all[skip..<count])
                    process(
                        UnsafeBufferPointer(rebasing: window[message.range]), message, displayPath: displayPath,
                        mbox: mbox)
                }
            case .needMore:
                let drop = skip + splitter.discardable
                if drop > 0 {
                    buffer.withUnsafeMutableBufferPointer { all in
                        if let base = all.baseAddress, count > drop { memmove(base, base + drop, count - drop) }
                    }
                    count -= drop
                    splitter.shift(by: drop - skip)
                    skip = 0
                }
                try fill()
            }
        }
    }

    /// Processes one message: header checks, addresses, date, Message-ID, signature.
    mutating func process(
        _ message: UnsafeBufferPointer<UInt8>, _ found: EmailMessageSplitter.Message, displayPath: String, mbox: Bool
    ) {
        sequence += 1
        if message.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }) { return }
        if let defect = scanner.scan(message, firstLine: found.line) {
            let raw = UnsafeBufferPointer(
                rebasing: message[defect.range.lowerBound..<min(defect.range.upperBound, defect.range.lowerBound + 400)]
            )
            rejects.append(
                Reject(
                    source: source, location: SourceLocation(file: displayPath, line: defect.line),
                    reason: defect.reason, rawText: String(decoding: raw, as: UTF8.self)))
            return
        }
        if found.truncated {
            warnings.append(
                "\(displayPath):\(found.line): message longer than \(options.maxMessageBytes) bytes; "
                    + "the rest of it was skipped")
        }
        var date: Int64?
        if let field = scanner.first(.date) {
            unfold(field, message)
            date = value.withUnsafeBufferPointer { EmailDate.parse($0) }
        }
        var messageID: String?
        if let field = scanner.first(.messageID) {
            unfold(field, message)
            messageID = EmailIngestRun.messageID(value)
        }
        let info = EmailContactBook.MessageInfo(sequence: sequence, date: date, messageID: messageID)
        var sender: (entry: Int, mailbox: EmailMailbox)?
        for field in scanner.fields {
            guard case .address(let header) = field.role else { continue }
            unfold(field, message)
            if value.contains(where: { $0 >= 0x80 }) && CSVDecoder.firstInvalidUTF8(value, from: 0) != nil {
                transcodePieces(field, message)
                if !warnedEncoding {
                    warnedEncoding = true
                    warnings.append(
                        "\(displayPath):\(field.line): header bytes are not UTF-8; decoded as Windows-1252")
                }
            }
            mailboxes.removeAll(keepingCapacity: true)
            value.withUnsafeBufferPointer { parser.parse($0, into: &mailboxes) }
            for mailbox in mailboxes {
                var line = field.line
                for start in lineStarts.dropFirst() where start <= mailbox.offset { line += 1 }
                let entry = book.add(
                    mailbox, header: header, location: SourceLocation(file: displayPath, line: line), message: info)
                if header == fromHeader && sender == nil { sender = (entry, mailbox) }
            }
        }
        if options.signatures, let sender, scanner.hasBody, book.wantsSignature(sender.entry, recency: info.recency) {
            let contentType = scanner.first(.contentType).map { field -> EmailBody.ContentType in
                unfold(field, message)
                return EmailBody.ContentType(String(decoding: value, as: UTF8.self))
            }
            let encoding = scanner.first(.transferEncoding).map { field -> String in
                unfold(field, message)
                return String(decoding: value, as: UTF8.self)
            }
            let body = UnsafeBufferPointer(rebasing: message[scanner.bodyStart...])
            if let text = EmailBody.plainText(body, contentType: contentType, transferEncoding: encoding) {
                let signature = EmailSignature.extract(
                    from: text, senderName: sender.mailbox.name.map(EmailDisplayName.cleaned),
                    address: sender.mailbox.address, mbox: mbox)
                book.setSignature(signature, for: sender.entry, recency: info.recency)
            }
        }
    }

    /// Unfolds `field` into `value`, its physical lines' offsets into `lineStarts`.
    private mutating func unfold(_ field: EmailHeaderScan.Field, _ message: UnsafeBufferPointer<UInt8>) {
        value.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        scanner.unfold(field, in: message, into: &value, lineStarts: &lineStarts)
    }

    /// Unfolds `field` decoding each physical line that is not UTF-8 as Windows-1252.
    private mutating func transcodePieces(_ field: EmailHeaderScan.Field, _ message: UnsafeBufferPointer<UInt8>) {
        value.removeAll(keepingCapacity: true)
        lineStarts.removeAll(keepingCapacity: true)
        for k in field.firstPiece..<(field.firstPiece + field.pieceCount) {
            lineStarts.append(value.count)
            value += EmailCharset.headerUTF8(Array(UnsafeBufferPointer(rebasing: message[scanner.pieces[k]]))).bytes
        }
    }

    /// The `<id>` of a Message-ID value (comments and white space dropped), or its first word.
    static func messageID(_ value: [UInt8]) -> String? {
        var text: [UInt8] = []
        var depth = 0
        for b in value {
            if b == UInt8(ascii: "(") {
                depth += 1
            } else if b == UInt8(ascii: ")") && depth > 0 {
                depth -= 1
            } else if depth == 0 {
                text.append(b)
            }
        }
        if let open = text.firstIndex(of: UInt8(ascii: "<")),
            let close = text[open...].firstIndex(of: UInt8(ascii: ">"))
        {
            let id = text[open...close].filter { $0 != 0x20 && $0 != 0x09 }
            return String(decoding: id, as: UTF8.self)
        }
        let words = text.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
        return words.first.map { String(decoding: $0, as: UTF8.self) }
    }
}
