import Foundation
import StewardModel

/// The vCard state machine over bytes: physical lines → cards → records and rejects. It can be fed a whole file
/// or consecutive chunks of one (``process(_:final:_:)`` returns how much it consumed; the caller keeps the rest
/// and appends the next chunk), and keeps line numbers, source ids and warnings across chunks.
///
/// Lines end at LF (any CRs before it are dropped, so CRLF and the CR CR LF some iPhone exports write are one
/// break), or at CR in files without any LF. Unfolding: a line starting with a space or tab continues the previous
/// one (the first white-space byte removed); in a quoted-printable value a line ending in `=` continues on the next
/// line verbatim (a soft line break), unless that line is `BEGIN:VCARD` or `END:VCARD`. Binary values (`PHOTO`,
/// `LOGO`, `SOUND`, `KEY`, or any `ENCODING=b`/`BASE64`) are skipped line by line without decoding, including
/// vCard 2.1 base64 lines written without indentation (lines without a colon).
///
/// Card outcomes: `BEGIN:VCARD` … `END:VCARD` (any case) is a card; blank lines inside are ignored. The card is
/// rejected, with the line of its `BEGIN`, when it has a line that is not `name:value`, no `END:VCARD` before the
/// next `BEGIN:VCARD` or the end of the input, a kept value over ``VCardOptions/maxFieldBytes``, more than
/// ``VCardOptions/maxCardBytes`` bytes, a NUL byte in a kept value, no usable value (`empty_record`), or a `UID`
/// an earlier card of the file used (`duplicate_source_id`). After a reject, reading resumes at the next
/// `BEGIN:VCARD` (after the broken card's `END:VCARD` when it has one). A `BEGIN:` of anything else outside a card
/// (`BEGIN:VCALENDAR`) is rejected and skipped up to its `END:`. Other text outside cards is ignored with one warning
/// per file. A vCard 2.1 `AGENT:` whose value is an embedded card skips that card.
struct VCardReader {
    enum Skip: Equatable {
        case none
        /// After a broken card: up to its `END:VCARD` or the next `BEGIN:VCARD`.
        case card
        /// After `BEGIN:<name>` of something that is not a vCard: up to `END:<name>` or a vCard boundary.
        case block([UInt8])
    }

    enum CardOutcome {
        case complete
        /// The input ends inside the card and is not final: rewind to its `BEGIN` and wait for more.
        case needMore
        /// A reject; `rawEnd` bounds its raw text; `skip` says whether lines up to the card's end must be skipped.
        case broken(RejectReason, rawEnd: Int, skip: Bool)
    }

    let options: VCardOptions
    let displayPath: String
    let source: String

    private(set) var rejects: [Reject] = []
    private(set) var records = 0
    /// Warnings about the file as a whole (encoding), set by the caller.
    var fileWarnings: [String] = []

    private var nextLine = 1
    private var terminator: UInt8?
    private var uids = VCardUIDSet()
    private var skip = Skip.none
    private var junkLines = 0
    private var firstJunkLine = 0
    private var fallbackLine = 0
    private var replacementLine = 0
    private var unknownCharset: (name: String, line: Int)?
    private var card = VCardCard()
    private var decoder = VCardTextDecoder()
    private var joined: [UInt8] = []

    init(options: VCardOptions, displayPath: String, source: String) {
        self.options = options
        self.displayPath = displayPath
        self.source = source
    }

    /// Records and rejects read so far.
    var read: Int { records + rejects.count }

    /// The file's warnings: encoding fallbacks (first occurrence), an unknown `CHARSET`, and text outside cards.
    var warnings: [String] {
        var out = fileWarnings.map { "\(displayPath): \($0)" }
        if fallbackLine > 0 {
            out.append(
                "\(displayPath):\(fallbackLine): values that are not valid UTF-8 and name no CHARSET were decoded as "
                    + "Windows-1252 (first in the card starting at this line)")
        }
        if replacementLine > 0 {
            out.append(
                "\(displayPath):\(replacementLine): values marked CHARSET=UTF-8 hold invalid UTF-8; replaced with "
                    + "U+FFFD (first in the card starting at this line)")
        }
        if let unknownCharset {
            out.append(
                "\(displayPath):\(unknownCharset.line): unknown CHARSET '\(unknownCharset.name)'; such values were "
                    + "decoded as UTF-8, or Windows-1252 where not valid UTF-8")
        }
        if junkLines > 0 {
            out.append(
                "\(displayPath):\(firstJunkLine): \(junkLines) line\(junkLines == 1 ? "" : "s") outside "
                    + "BEGIN:VCARD … END:VCARD ignored (the first at this line)")
        }
        return out
    }

    /// Reads the cards in `buffer`, handing each record to `body`. When `final` is false, stops before an incomplete
    /// last line or card and returns the number of bytes consumed; the caller passes the rest again with more
    /// bytes appended. When `final` is true, consumes everything.
    ///
    /// - Complexity: O(n) in the buffer size; a card cut by a chunk boundary is read again with the next chunk.
    mutating func process(
        _ buffer: UnsafeBufferPointer<UInt8>, final: Bool, _ body: (SourceRecord) -> Void
    ) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        guard let terminator = self.terminator ?? VCardReader.detectTerminator(buffer, final: final) else {
            return 0  // too little input to tell the line ends yet
        }
        self.terminator = terminator
        var lines = VCardLines(
            base: base, count: buffer.count, terminator: terminator, final: final,
            maxLine: options.maxCardBytes + 1, number: nextLine)
        scan: while true {
            let mark = lines
            guard let line = lines.next() else { break }
            var start = line.start
            var end = line.end
            while start < end && (buffer[start] == VCardByte.space || buffer[start] == VCardByte.tab) { start += 1 }
            while end > start && buffer[end - 1] <= VCardByte.space { end -= 1 }
            if start == end { continue }
            if skip != .none {
                if VCardReader.isEndVCard(buffer, start, end) {
                    skip = .none
                    continue
                }
                if case .block(let name) = skip, VCardReader.isEnd(of: name, buffer, start, end) {
                    skip = .none
                    continue
                }
                if !VCardReader.isBeginVCard(buffer, start, end) { continue }
                skip = .none
            }
            guard VCardByte.hasPrefixIgnoringCase(buffer, start, end, "BEGIN:") else {
                if junkLines == 0 { firstJunkLine = line.number }
                junkLines += 1
                continue
            }
            guard VCardReader.isBeginVCard(buffer, start, end) else {
                var nameStart = start + 6
                while nameStart < end && buffer[nameStart] <= VCardByte.space { nameStart += 1 }
                let name = buffer[nameStart..<end].map(VCardByte.upper)
                rejects.append(
                    Reject(
                        source: source, location: SourceLocation(file: displayPath, line: line.number),
                        reason: .malformed(
                            "BEGIN:\(String(decoding: name, as: UTF8.self)) is not a vCard; skipped up to its END"),
                        rawText: String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self)))
                skip = .block(name)
                continue
            }
            switch readCard(&lines, begin: line, buffer: buffer) {
            case .needMore:
                lines = mark
                break scan
            case .complete:
                finishCard(begin: line, buffer: buffer, end: lines.position, body)
            case .broken(let reason, let rawEnd, let skipRest):
                reject(reason, begin: line, buffer: buffer, rawEnd: rawEnd)
                if skipRest { skip = .card }
            }
        }
        nextLine = lines.number
        return lines.position
    }

    // MARK: - Cards

    /// Reads the lines after `BEGIN:VCARD` up to `END:VCARD` into ``card``.
    private mutating func readCard(
        _ lines: inout VCardLines, begin: VCardLines.Line, buffer: UnsafeBufferPointer<UInt8>
    ) -> CardOutcome {
        card.reset()
        var agentPending = false
        // Continuation lines past this offset are left for the next line's card-size check.
        let limit = begin.start + options.maxCardBytes
        while true {
            let mark = lines
            guard let line = lines.next() else {
                if lines.needsMore { return .needMore }
                return .broken(
                    .malformed("card has no END:VCARD before the end of the file"), rawEnd: buffer.count, skip: false)
            }
            if line.end - begin.start > options.maxCardBytes {
                lines = mark
                return .broken(
                    .malformed("card longer than \(options.maxCardBytes) bytes"), rawEnd: line.start, skip: true)
            }
            let text = UnsafeBufferPointer(rebasing: buffer[line.start..<line.end])
            // A blank line, or a stray continuation (after a blank line): nothing to read.
            guard let first = text.first, first != VCardByte.space && first != VCardByte.tab else { continue }
            // The head: on this line, or folded over the next ones (`TEL;TYPE=VOICE,M` + `\tSG:…`).
            var property: VCardProperty
            var isJoined = false
            if let parsed = VCardProperty.parse(text) {
                property = parsed
            } else {
                guard let next = lines.peek(), next == VCardByte.space || next == VCardByte.tab else {
                    if lines.needsMore { return .needMore }
                    return garbage(line)
                }
                joined.removeAll(keepingCapacity: true)
                joined.append(contentsOf: text)
                guard VCardReader.appendContinuations(&lines, quotedPrintable: false, limit: limit, into: &joined)
                else { return .needMore }
                guard let parsed = joined.withUnsafeBufferPointer({ VCardProperty.parse($0) }) else {
                    return garbage(line)
                }
                property = parsed
                isJoined = true
            }
            if let name = property.unknownCharset, unknownCharset == nil {
                unknownCharset = (name, line.number)
            }
            let qp = property.encoding == .quotedPrintable
            // What remains of a skipped property's value: after a folded head, only unindented base64 lines.
            let skipHead = isJoined ? UnsafeBufferPointer<UInt8>(start: nil, count: 0) : text
            switch property.kind {
            case .end, .begin:
                let isVCard =
                    isJoined
                    ? joined.withUnsafeBufferPointer { VCardReader.isVCard($0, property.valueStart, $0.count) }
                    : VCardReader.isVCard(text, property.valueStart, text.count)
                guard isVCard else { continue }
                if property.kind == .end { return .complete }
                if agentPending {
                    agentPending = false
                    guard let outcome = skipEmbeddedCard(&lines, buffer: buffer) else { continue }
                    return outcome
                }
                lines = mark
                return .broken(
                    .malformed("card has no END:VCARD before the BEGIN:VCARD at line \(line.number)"),
                    rawEnd: line.start, skip: false)
            case .binary, .other, .version, .agent:
                let binary = property.kind == .binary || property.encoding == .base64
                guard
                    VCardReader.skipContinuations(
                        &lines, after: skipHead, quotedPrintable: qp && !isJoined, binary: binary, limit: limit)
                else { return .needMore }
                agentPending =
                    property.kind == .agent && !isJoined && VCardReader.isBlank(text, from: property.valueStart)
                continue
            default:
                agentPending = false
                if property.encoding == .base64 {
                    guard
                        VCardReader.skipContinuations(
                            &lines, after: skipHead, quotedPrintable: false, binary: true, limit: limit)
                    else { return .needMore }
                    continue
                }
            }
            // A kept property: its value, unfolded.
            if !isJoined {
                let continues: Bool
                if qp && text.last == VCardByte.equals {
                    continues = true
                } else if let next = lines.peek() {
                    continues = next == VCardByte.space || next == VCardByte.tab
                } else {
                    if lines.needsMore { return .needMore }
                    continues = false
                }
                if continues {
                    joined.removeAll(keepingCapacity: true)
                    joined.append(contentsOf: text)
                    isJoined = true
                }
            }
            if isJoined {
                guard VCardReader.appendContinuations(&lines, quotedPrintable: qp, limit: limit, into: &joined) else {
                    return .needMore
                }
                let bytes = joined
                bytes.withUnsafeBufferPointer { all in
                    card.add(
                        property, value: UnsafeBufferPointer(rebasing: all[property.valueStart...]), line: all,
                        decoder: &decoder)
                }
            } else {
                card.add(
                    property, value: UnsafeBufferPointer(rebasing: text[property.valueStart...]), line: text,
                    decoder: &decoder)
            }
            if card.longestValue > options.maxFieldBytes {
                return .broken(
                    .malformed(
                        "value of the property at line \(line.number) longer than \(options.maxFieldBytes) bytes"),
                    rawEnd: line.end, skip: true)
            }
        }
    }

    private func garbage(_ line: VCardLines.Line) -> CardOutcome {
        .broken(
            .malformed("line \(line.number) is not a property (name:value)"), rawEnd: line.end, skip: true)
    }

    /// Skips a vCard 2.1 `AGENT` card (after its `BEGIN:VCARD`) through its `END:VCARD`; `nil` when done.
    private mutating func skipEmbeddedCard(
        _ lines: inout VCardLines, buffer: UnsafeBufferPointer<UInt8>
    ) -> CardOutcome? {
        var depth = 1
        while depth > 0 {
            guard let line = lines.next() else {
                if lines.needsMore { return .needMore }
                return .broken(
                    .malformed("card has no END:VCARD before the end of the file"), rawEnd: buffer.count, skip: false)
            }
            if VCardReader.isBeginVCard(buffer, line.start, line.end) { depth += 1 }
            if VCardReader.isEndVCard(buffer, line.start, line.end) { depth -= 1 }
        }
        return nil
    }

    /// Emits the card just read, or rejects it (NUL byte, no values, repeated `UID`).
    private mutating func finishCard(
        begin: VCardLines.Line, buffer: UnsafeBufferPointer<UInt8>, end: Int, _ body: (SourceRecord) -> Void
    ) {
        let notes = card.notes
        if notes.contains(.windows1252Fallback) && fallbackLine == 0 { fallbackLine = begin.number }
        if notes.contains(.replacedInvalidUTF8) && replacementLine == 0 { replacementLine = begin.number }
        if notes.contains(.nulByte) {
            reject(.invalidBytes("NUL byte"), begin: begin, buffer: buffer, rawEnd: end)
            return
        }
        let fields = card.fields()
        guard !fields.isEmpty else {
            reject(.emptyRecord, begin: begin, buffer: buffer, rawEnd: end)
            return
        }
        let location = SourceLocation(file: displayPath, line: begin.number)
        let sourceID: String
        if let range = card.sourceIDRange {
            let (uid, first) = card.arena.withUnsafeBufferPointer { arena in
                let bytes = UnsafeBufferPointer(rebasing: arena[range])
                return (String(decoding: bytes, as: UTF8.self), uids.insert(bytes, line: begin.number))
            }
            if let first {
                reject(
                    .duplicateSourceID(uid, firstSeen: "\(displayPath):\(first)"), begin: begin, buffer: buffer,
                    rawEnd: end)
                return
            }
            sourceID = uid
        } else {
            sourceID = location.description
        }
        records += 1
        body(SourceRecord(source: source, sourceID: sourceID, location: location, fields: fields))
    }

    private mutating func reject(
        _ reason: RejectReason, begin: VCardLines.Line, buffer: UnsafeBufferPointer<UInt8>, rawEnd: Int
    ) {
        // Enough raw text for Reject's 200 characters, without decoding a whole photo.
        let end = min(max(rawEnd, begin.end), begin.start + 1024, buffer.count)
        rejects.append(
            Reject(
                source: source, location: SourceLocation(file: displayPath, line: begin.number), reason: reason,
                rawText: String(decoding: UnsafeBufferPointer(rebasing: buffer[begin.start..<end]), as: UTF8.self)))
    }

    // MARK: - Unfolding

    /// Appends the continuation lines of a logical line to `joined`: folded lines (first byte removed) and, for a
    /// quoted-printable value, the lines after soft line breaks (the `=` removed). Returns `false` when the input
    /// ends before it is known whether the line continues.
    private static func appendContinuations(
        _ lines: inout VCardLines, quotedPrintable qp: Bool, limit: Int, into joined: inout [UInt8]
    ) -> Bool {
        while lines.position <= limit {
            if qp && joined.last == VCardByte.equals {
                let save = lines
                guard let next = lines.next() else { return !lines.needsMore }
                if VCardReader.isBoundary(lines, next) {
                    lines = save
                    return true
                }
                joined.removeLast()
                joined.append(contentsOf: UnsafeBufferPointer(start: lines.base + next.start, count: next.length))
                continue
            }
            guard let b = lines.peek() else { return !lines.needsMore }
            guard b == VCardByte.space || b == VCardByte.tab else { return true }
            guard let next = lines.next() else { return false }
            if next.length > 1 {
                joined.append(
                    contentsOf: UnsafeBufferPointer(start: lines.base + next.start + 1, count: next.length - 1))
            }
        }
        return true
    }

    /// Skips the continuation lines of a property that is not kept (see ``appendContinuations``); for a binary
    /// value also unindented lines without a colon (vCard 2.1 base64). Returns `false` when more input is needed.
    private static func skipContinuations(
        _ lines: inout VCardLines, after head: UnsafeBufferPointer<UInt8>, quotedPrintable qp: Bool, binary: Bool,
        limit: Int
    ) -> Bool {
        var softBreak = qp && head.last == VCardByte.equals
        while lines.position <= limit {
            guard let b = lines.peek() else { return !lines.needsMore }
            if softBreak {
                let save = lines
                guard let next = lines.next() else { return false }
                if VCardReader.isBoundary(lines, next) {
                    lines = save
                    return true
                }
                softBreak = next.length > 0 && lines.base[next.end - 1] == VCardByte.equals
                continue
            }
            if b == VCardByte.space || b == VCardByte.tab {
                guard let next = lines.next() else { return false }
                softBreak = qp && next.length > 0 && lines.base[next.end - 1] == VCardByte.equals
                continue
            }
            guard binary, b != VCardByte.cr, b != VCardByte.lf else { return true }
            let save = lines
            guard let next = lines.next() else { return false }
            if next.length == 0 || memchr(lines.base + next.start, Int32(VCardByte.colon), next.length) != nil {
                lines = save
                return true
            }
        }
        return true
    }

    // MARK: - Line tests

    private static func isBoundary(_ lines: VCardLines, _ line: VCardLines.Line) -> Bool {
        let buffer = UnsafeBufferPointer(start: lines.base, count: lines.count)
        return isBeginVCard(buffer, line.start, line.end) || isEndVCard(buffer, line.start, line.end)
    }

    /// `BEGIN:VCARD` ignoring case and surrounding white space.
    static func isBeginVCard(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let (s, e) = trimmed(p, start, end)
        return VCardByte.hasPrefixIgnoringCase(p, s, e, "BEGIN:") && isVCard(p, s + 6, e)
    }

    /// `END:VCARD` ignoring case and surrounding white space.
    static func isEndVCard(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let (s, e) = trimmed(p, start, end)
        return VCardByte.hasPrefixIgnoringCase(p, s, e, "END:") && isVCard(p, s + 4, e)
    }

    /// `END:<name>` (`name` upper-case) ignoring case and white space after the colon.
    static func isEnd(of name: [UInt8], _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard VCardByte.hasPrefixIgnoringCase(p, start, end, "END:") else { return false }
        var s = start + 4
        while s < end && p[s] <= VCardByte.space { s += 1 }
        guard end - s == name.count else { return false }
        for k in 0..<name.count where VCardByte.upper(p[s + k]) != name[k] { return false }
        return true
    }

    static func isVCard(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let (s, e) = trimmed(p, start, end)
        return VCardByte.equalsIgnoringCase(p, s, e, "VCARD")
    }

    static func isVCard(_ value: [UInt8]) -> Bool {
        value.withUnsafeBufferPointer { isVCard($0, 0, $0.count) }
    }

    static func isBlank(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        !p[start...].contains { $0 > VCardByte.space }
    }

    private static func trimmed(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e && p[s] <= VCardByte.space { s += 1 }
        while e > s && p[e - 1] <= VCardByte.space { e -= 1 }
        return (s, e)
    }

    /// LF, unless the first 64 KiB hold no LF but a CR (classic Mac OS line ends); `nil` when the buffer is shorter,
    /// holds no LF and is not the end of the input.
    static func detectTerminator(_ buffer: UnsafeBufferPointer<UInt8>, final: Bool) -> UInt8? {
        let sample = UnsafeBufferPointer(rebasing: buffer[..<min(buffer.count, 1 << 16)])
        if sample.contains(VCardByte.lf) { return VCardByte.lf }
        guard final || sample.count == 1 << 16 else { return nil }
        return sample.contains(VCardByte.cr) ? VCardByte.cr : VCardByte.lf
    }
}

/// Physical lines of a buffer, found with `memchr`.
struct VCardLines {
    struct Line {
        /// The line's bytes are `start..<end`, without its line break.
        var start: Int
        var end: Int
        /// 1-based line number in the file.
        var number: Int
        var length: Int { end - start }
    }

    let base: UnsafePointer<UInt8>
    let count: Int
    let terminator: UInt8
    /// Whether the buffer ends the input (a last line without a line break is complete).
    let final: Bool
    /// A line this long is returned even without its line break, so a huge line cannot hold the whole input.
    let maxLine: Int
    /// Offset of the next line.
    private(set) var position = 0
    /// Number of the next line.
    private(set) var number: Int

    init(base: UnsafePointer<UInt8>, count: Int, terminator: UInt8, final: Bool, maxLine: Int, number: Int) {
        self.base = base
        self.count = count
        self.terminator = terminator
        self.final = final
        self.maxLine = maxLine
        self.number = number
    }

    /// The next complete line, or `nil` at the end of the buffer (or before an incomplete last line when the buffer
    /// is not final: see ``needsMore``).
    @inline(__always)
    mutating func next() -> Line? {
        guard position < count else { return nil }
        let start = position
        var end: Int
        if let hit = memchr(base + start, Int32(terminator), count - start) {
            end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            position = end + 1
        } else if final || count - start >= maxLine {
            end = count
            position = count
        } else {
            return nil
        }
        if terminator == VCardByte.lf {
            while end > start && base[end - 1] == VCardByte.cr { end -= 1 }
        }
        let line = Line(start: start, end: end, number: number)
        number += 1
        return line
    }

    /// The first byte of the next line, if the buffer holds one.
    @inline(__always)
    func peek() -> UInt8? {
        position < count ? base[position] : nil
    }

    /// Whether the reader stopped because the buffer ended before the input did.
    var needsMore: Bool {
        !final && (position >= count || memchr(base + position, Int32(terminator), count - position) == nil)
    }
}
