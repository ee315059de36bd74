import Foundation
import StewardModel

/// Reads vCard files (2.1, 3.0 and 4.0; RFC 2426, RFC 6350 and the versit 2.1 specification) into
/// ``SourceRecord``s, one per card, as Apple Contacts, Google Contacts, Outlook, Android and card-scanner apps write
/// them.
///
/// Parsing (``VCardReader``): several cards per file; CRLF, LF, CR CR LF and lone-CR line ends; unfolding of
/// space/tab continuation lines and of quoted-printable soft line breaks; property groups (`item1.TEL`);
/// parameters as `TYPE=work,voice`, `TYPE=work;TYPE=voice` and bare 2.1 tokens (`TEL;WORK;VOICE:`); binary values
/// (`PHOTO`, `LOGO`, `SOUND`, `KEY`, base64) skipped without decoding. Decoding (``VCardTextDecoder``):
/// `ENCODING=QUOTED-PRINTABLE` (or a bare 2.1 `QUOTED-PRINTABLE`), `CHARSET=` UTF-8, ISO-8859-1, Windows-1252 and a
/// few legacy sets (``VCardCharset``); without a `CHARSET`, UTF-8, and Windows-1252 for values that are not valid
/// UTF-8 (with a warning); escapes `\,` `\;` `\:` `\\` `\"` `\n`. The file as a whole: a UTF-8 byte-order mark is
/// skipped; UTF-16 (with a byte-order mark, or recognizable from a leading `BEGIN`) is transcoded first; UTF-32 is
/// refused. Mapping to fields: see ``VCardCard``. Not handled: 2.1 `AGENT` cards (skipped), RFC 6868 parameter
/// escapes, `LABEL` (the structured `ADR` is used), addresses after the chosen one, `ORG` units after the first.
///
/// Bad input: a broken card becomes a ``Reject`` located at its `BEGIN` line and the cards around it still flow
/// (see ``VCardReader`` for the cases); text outside cards is ignored with one warning per file.
///
/// Limits and cost: ``ingest(path:source:)`` and ``read(path:source:_:)`` read the file in 4 MiB chunks, so memory
/// is the records kept plus about one chunk and one card (a card over ``VCardOptions/maxCardBytes`` is rejected) and
/// the UIDs seen, to reject repeats (``VCardUIDSet``, under 100 bytes per UID); each record allocates about twice
/// (``RecordFields``), values are decoded from the input bytes through reused buffers, and a skipped photo costs one
/// `memchr` per line.
///
/// - Complexity: O(n) in the file size.
public struct VCardIngester: Sendable {
    public let options: VCardOptions

    /// Bytes read from a file at a time.
    static let chunkBytes = 4 << 20

    public init(options: VCardOptions = VCardOptions()) {
        self.options = options
    }

    /// Reads and ingests a file. `path` is the path as the user gave it (used in locations); `source` the source name.
    ///
    /// - Throws: `StewardError` `.fileNotFound`, `.fileUnreadable` or `.unsupportedEncoding` (UTF-32) for whole-file
    ///   failures.
    public func ingest(path: String, source: String) throws -> IngestResult {
        var records: [SourceRecord] = []
        let (rejects, warnings, _) = try read(path: path, source: source) { records.append($0) }
        return IngestResult(records: records, rejects: rejects, warnings: warnings)
    }

    /// Ingests bytes already in memory. A whole-file failure (UTF-32) yields one reject without a line.
    public func ingest(bytes: [UInt8], displayPath: String, source: String) -> IngestResult {
        var records: [SourceRecord] = []
        let (rejects, warnings, _) = bytes.withUnsafeBufferPointer { buffer in
            read(bytes: buffer, displayPath: displayPath, source: source) { records.append($0) }
        }
        return IngestResult(records: records, rejects: rejects, warnings: warnings)
    }

    /// Streaming form used by benchmarks and large files: records handed to `body` one by one, rejects/warnings
    /// returned. `read` counts records and rejects (what ``IngestResult/recordsRead`` counts).
    public func read(
        bytes: UnsafeBufferPointer<UInt8>, displayPath: String, source: String, _ body: (SourceRecord) -> Void
    ) -> (rejects: [Reject], warnings: [String], read: Int) {
        var reader = VCardReader(options: options, displayPath: displayPath, source: source)
        switch VCardIngester.fileEncoding(bytes) {
        case .utf8(let skip):
            _ = reader.process(UnsafeBufferPointer(rebasing: bytes[skip...]), final: true, body)
        case .utf16(let bigEndian, let skip):
            let decoded = VCardIngester.transcodeUTF16(bytes, bigEndian: bigEndian, skip: skip)
            reader.fileWarnings = decoded.warnings
            decoded.bytes.withUnsafeBufferPointer { _ = reader.process($0, final: true, body) }
        case .unsupported(let message):
            let reject = Reject(
                source: source, location: SourceLocation(file: displayPath),
                reason: .malformed("unsupported encoding: \(message)"), rawText: "")
            return ([reject], [], 1)
        }
        return (reader.rejects, reader.warnings, reader.read)
    }

    /// Streams a file in chunks of ``chunkBytes``: records handed to `body` one by one; memory does not grow with the
    /// file size apart from the UIDs seen. UTF-16 files are read whole and transcoded first.
    ///
    /// - Throws: like ``ingest(path:source:)``.
    public func read(
        path: String, source: String, _ body: (SourceRecord) -> Void
    ) throws -> (rejects: [Reject], warnings: [String], read: Int) {
        let file = try VCardIngester.open(path)
        defer { close(file) }
        var reader = VCardReader(options: options, displayPath: path, source: source)
        var size = stat()
        let fileSize = fstat(file, &size) == 0 ? Int(size.st_size) : VCardIngester.chunkBytes
        var chunk = [UInt8](repeating: 0, count: max(4096, min(VCardIngester.chunkBytes, fileSize + 1)))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunk.count * 2)
        var first = true
        var atEnd = false
        while !atEnd {
            let got = try VCardIngester.append(from: file, chunk: &chunk, to: &buffer, path: path)
            atEnd = got == 0
            var skip = 0
            if first {
                // Decide the file's encoding on the first bytes (at least 8, unless the file is shorter).
                if buffer.count < 8 && !atEnd { continue }
                first = false
                switch buffer.withUnsafeBufferPointer({ VCardIngester.fileEncoding($0) }) {
                case .utf8(let bom):
                    skip = bom
                case .utf16(let bigEndian, let bom):
                    // Rare: read the rest and transcode the whole file.
                    while try VCardIngester.append(from: file, chunk: &chunk, to: &buffer, path: path) > 0 {}
                    let decoded = buffer.withUnsafeBufferPointer {
                        VCardIngester.transcodeUTF16($0, bigEndian: bigEndian, skip: bom)
                    }
                    reader.fileWarnings = decoded.warnings
                    decoded.bytes.withUnsafeBufferPointer { _ = reader.process($0, final: true, body) }
                    return (reader.rejects, reader.warnings, reader.read)
                case .unsupported(let message):
                    throw StewardError(.unsupportedEncoding, message, location: SourceLocation(file: path))
                }
            }
            let consumed = buffer.withUnsafeBufferPointer {
                skip + reader.process(UnsafeBufferPointer(rebasing: $0[skip...]), final: atEnd, body)
            }
            buffer.removeSubrange(0..<consumed)
        }
        return (reader.rejects, reader.warnings, reader.read)
    }

    // MARK: - Files and encodings

    enum FileEncoding: Equatable {
        /// UTF-8 or a legacy 8-bit set (decoded per value); `skip` is the length of a UTF-8 byte-order mark.
        case utf8(skip: Int)
        case utf16(bigEndian: Bool, skip: Int)
        case unsupported(String)
    }

    /// The file's encoding from its first bytes: byte-order marks, and `B\0E\0` / `\0B\0E` for UTF-16 without one.
    static func fileEncoding(_ bytes: UnsafeBufferPointer<UInt8>) -> FileEncoding {
        let n = bytes.count
        if n >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0 {
            return .unsupported("UTF-32LE is not supported; save the file as UTF-8")
        }
        if n >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF {
            return .unsupported("UTF-32BE is not supported; save the file as UTF-8")
        }
        if n >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE { return .utf16(bigEndian: false, skip: 2) }
        if n >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF { return .utf16(bigEndian: true, skip: 2) }
        if n >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { return .utf8(skip: 3) }
        if n >= 4 && bytes[1] == 0 && bytes[3] == 0 && bytes[0] != 0 && bytes[2] != 0 {
            return .utf16(bigEndian: false, skip: 0)
        }
        if n >= 4 && bytes[0] == 0 && bytes[2] == 0 && bytes[1] != 0 && bytes[3] != 0 {
            return .utf16(bigEndian: true, skip: 0)
        }
        return .utf8(skip: 0)
    }

    /// UTF-16 (after `skip` bytes of byte-order mark) to UTF-8, through the CSV ingester's transcoder.
    static func transcodeUTF16(
        _ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool, skip: Int
    ) -> (bytes: [UInt8], warnings: [String]) {
        // `CSVDecoder.transcodeUTF16` expects a 2-byte byte-order mark in front.
        var input: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
        input.append(contentsOf: bytes[skip...])
        let decoded = CSVDecoder.transcodeUTF16(input, bigEndian: bigEndian)
        return (decoded.bytes, ["decoded as UTF-16\(bigEndian ? "BE" : "LE")"] + decoded.warnings)
    }

    static func open(_ path: String) throws -> Int32 {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StewardError(.fileNotFound, "no such file; check the path", location: SourceLocation(file: path))
        }
        guard !isDirectory.boolValue else {
            throw StewardError(
                .fileUnreadable, "is a directory; give a vCard file", location: SourceLocation(file: path))
        }
        let file = Foundation.open(path, O_RDONLY)
        guard file >= 0 else {
            throw StewardError(
                .fileUnreadable, "cannot read the file; check its permissions", location: SourceLocation(file: path))
        }
        return file
    }

    /// Appends what one `read(2)` into `chunk` gives; returns how many bytes (0 at the end of the file).
    static func append(from file: Int32, chunk: inout [UInt8], to buffer: inout [UInt8], path: String) throws -> Int {
        while true {
            let n = chunk.withUnsafeMutableBufferPointer { all -> Int in
                guard let base = all.baseAddress else { return 0 }
                return Foundation.read(file, base, all.count)
            }
            if n >= 0 {
                buffer.append(contentsOf: chunk[0..<n])
                return n
            }
            if errno == EINTR { continue }
            throw StewardError(
                .fileUnreadable, "cannot read the file (errno \(errno))", location: SourceLocation(file: path))
        }
    }
}
