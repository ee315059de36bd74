import StewardModel

/// Scans one message's header block (RFC 5322 §2.2): finds the fields the ingester reads, remembers where each of
/// their physical lines is, and checks the block for the defects that make a message unusable.
///
/// A header field is `name:` where the name is printable ASCII (white space tolerated before the colon and inside
/// it, as broken relays write `quite Delivered-To:`); a line starting with SP or TAB continues the field before it
/// (a continuation as the very first line is ignored). The block ends at the first blank line or at the end of the
/// message (a message with headers only is fine). Defects that reject the message: a line that is neither a field
/// nor a continuation before any blank line (RFC 5322 requires the blank line between header and body), a control
/// byte other than TAB, CR and ESC (ISO-2022-JP) in the header (binary data), a header line over
/// ``maxLineBytes``.
///
/// - Complexity: O(header bytes); no allocation once the scratch arrays have grown.
struct EmailHeaderScan {
    /// Longest physical header line accepted.
    static let maxLineBytes = 1 << 20

    /// What a field is to the ingester.
    enum Role: Equatable {
        /// An address header: the index into the configured header list.
        case address(Int)
        case date, messageID, contentType, transferEncoding
    }

    /// A field the ingester reads: `pieces[firstPiece ..< firstPiece + pieceCount]` are its physical lines'
    /// contents (the first without its name and colon), `line` the physical line of its name.
    struct Field {
        var role: Role
        var firstPiece: Int
        var pieceCount: Int
        var line: Int
    }

    /// A reason to reject the message, with the physical line and its byte range in the message.
    struct Defect {
        var line: Int
        var range: Range<Int>
        var reason: RejectReason
    }

    /// The names of the configured address headers, lower-cased, then the other fields read.
    private let names: [[UInt8]]
    private let roles: [Role]

    private(set) var fields: [Field] = []
    private(set) var pieces: [Range<Int>] = []
    /// Offset of the body (after the blank line), or the message length when there is none.
    private(set) var bodyStart = 0
    /// Whether a blank line ended the header.
    private(set) var hasBody = false

    init(addressHeaders: [String]) {
        var names: [[UInt8]] = addressHeaders.map { Array($0.lowercased().utf8) }
        var roles: [Role] = addressHeaders.indices.map { .address($0) }
        names += [Array("date".utf8), Array("message-id".utf8), Array("content-type".utf8)]
        roles += [.date, .messageID, .contentType]
        names.append(Array("content-transfer-encoding".utf8))
        roles.append(.transferEncoding)
        self.names = names
        self.roles = roles
    }

    /// Scans the header of `message`, whose first line is physical line `firstLine`.
    mutating func scan(_ message: UnsafeBufferPointer<UInt8>, firstLine: Int) -> Defect? {
        fields.removeAll(keepingCapacity: true)
        pieces.removeAll(keepingCapacity: true)
        hasBody = false
        let n = message.count
        var pos = 0
        var line = firstLine
        var current = -1  // index in `fields` of the field being continued, -1 when it is not one we read
        while pos < n {
            // One line: find its end and check its bytes in the same pass.
            var i = pos
            var control = -1
            while i < n {
                let b = message[i]
                if b < 0x20 {
                    if b == 0x0A { break }
                    if b != 0x09 && b != 0x0D && b != 0x1B && control < 0 { control = i }
                } else if b == 0x7F && control < 0 {
                    control = i
                }
                i += 1
            }
            let newline = i
            var end = newline
            if end > pos && message[end - 1] == 0x0D { end -= 1 }
            if newline - pos > EmailHeaderScan.maxLineBytes {
                return Defect(
                    line: line, range: pos..<min(pos + 256, end),
                    reason: .malformed("header line longer than \(EmailHeaderScan.maxLineBytes) bytes"))
            }
            if end == pos {
                hasBody = true
                bodyStart = min(newline + 1, n)
                return nil
            }
            if control >= 0 {
                return Defect(line: line, range: pos..<end, reason: EmailHeaderScan.binary(message[control]))
            }
            let first = message[pos]
            if first == 0x20 || first == 0x09 {
                if current >= 0 {
                    pieces.append(pos..<end)
                    fields[current].pieceCount += 1
                }
            } else {
                var colon = pos
                var valid = true
                while colon < end, message[colon] != UInt8(ascii: ":") {
                    let b = message[colon]
                    if b >= 0x80 || (b < 0x21 && b != 0x20 && b != 0x09) {
                        valid = false
                        break
                    }
                    colon += 1
                }
                guard valid, colon < end, colon > pos else {
                    // Binary data a few lines on reads as binary, not as a missing blank line.
                    let lookahead = message[pos..<min(n, pos + 4096)]
                    if let b = lookahead.first(where: {
                        ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x1B) || $0 == 0x7F
                    }) {
                        return Defect(line: line, range: pos..<end, reason: EmailHeaderScan.binary(b))
                    }
                    return Defect(
                        line: line, range: pos..<end,
                        reason: .malformed(
                            "not a header field and no blank line before it (the header must end with a blank line)"))
                }
                var nameEnd = colon
                while nameEnd > pos, message[nameEnd - 1] == 0x20 || message[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                current = -1
                if let role = role(UnsafeBufferPointer(rebasing: message[pos..<nameEnd])) {
                    current = fields.count
                    fields.append(Field(role: role, firstPiece: pieces.count, pieceCount: 1, line: line))
                    pieces.append((colon + 1)..<end)
                }
            }
            pos = newline + 1
            line += 1
        }
        bodyStart = n
        return nil
    }

    static func binary(_ byte: UInt8) -> RejectReason {
        let hex = String(byte, radix: 16, uppercase: true)
        return .invalidBytes("binary data in the message header (byte 0x\(byte < 0x10 ? "0" : "")\(hex))")
    }

    private func role(_ name: UnsafeBufferPointer<UInt8>) -> Role? {
        for (k, candidate) in names.enumerated() where candidate.count == name.count {
            var equal = true
            for i in 0..<name.count where name[i] | 0x20 != candidate[i] && name[i] != candidate[i] {
                equal = false
                break
            }
            if equal { return roles[k] }
        }
        return nil
    }

    /// The first field with `role`.
    func first(_ role: Role) -> Field? {
        fields.first { $0.role == role }
    }

    /// Appends the unfolded value of `field` (RFC 5322 §2.2.3: line breaks removed, the white space after them
    /// kept) to `out`; `lineStarts` receives the offset in `out` at which each physical line begins.
    func unfold(
        _ field: Field, in message: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], lineStarts: inout [Int]
    ) {
        for k in field.firstPiece..<(field.firstPiece + field.pieceCount) {
            lineStarts.append(out.count)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: message[pieces[k]]))
        }
    }
}
