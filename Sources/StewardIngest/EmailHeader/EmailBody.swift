/// The readable text of a message body, for signature extraction: the first `text/plain` part (RFC 2045/2046),
/// its transfer encoding (quoted-printable, base64) and charset decoded.
///
/// Walks `multipart/*` bodies by their boundary (nested up to four levels), skipping parts marked as attachments.
/// A message without `Content-Type` is `text/plain` (RFC 2045 §5.2). Not handled: `message/rfc822` parts
/// (forwarded mail belongs to someone else), HTML-only mail (no `text/plain` part: no signature), uuencode.
enum EmailBody {
    /// A parsed `Content-Type` value.
    struct ContentType: Equatable {
        /// `type/subtype`, lower-cased.
        var mediaType: String
        var charset: String?
        var boundary: String?

        static let plain = ContentType(mediaType: "text/plain", charset: nil, boundary: nil)

        /// Parses `type/subtype; name=value; name="quoted value"` (parameter names compared ignoring case).
        init(_ value: String) {
            let parts = EmailBody.splitParameters(value)
            mediaType = parts.first.map { $0.emailTrimmed.lowercased() } ?? ""
            charset = nil
            boundary = nil
            for part in parts.dropFirst() {
                guard let eq = part.firstIndex(of: "=") else { continue }
                let name = part[..<eq].emailTrimmed.lowercased()
                var v = part[part.index(after: eq)...].emailTrimmed
                if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
                if name == "charset" { charset = v.lowercased() }
                if name == "boundary" { boundary = v }
            }
        }

        init(mediaType: String, charset: String?, boundary: String?) {
            self.mediaType = mediaType
            self.charset = charset
            self.boundary = boundary
        }
    }

    /// Splits at `;` outside double quotes.
    static func splitParameters(_ value: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in value {
            if c == "\"" { quoted.toggle() }
            if c == ";" && !quoted {
                out.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current)
        return out
    }

    /// The decoded text (UTF-8) of the first `text/plain` part of a body.
    ///
    /// - Parameters:
    ///   - body: the bytes after the header's blank line.
    ///   - contentType: the message's `Content-Type` (`nil`: text/plain).
    ///   - transferEncoding: the message's `Content-Transfer-Encoding`.
    /// - Complexity: O(body bytes).
    static func plainText(
        _ body: UnsafeBufferPointer<UInt8>, contentType: ContentType?, transferEncoding: String?, depth: Int = 0
    ) -> [UInt8]? {
        let type = contentType ?? .plain
        if type.mediaType == "text/plain" || type.mediaType.isEmpty || type.mediaType == "text" {
            let raw = decodeTransfer(body, encoding: transferEncoding)
            return decodeCharset(raw, charset: type.charset)
        }
        guard type.mediaType.hasPrefix("multipart/"), let boundary = type.boundary, !boundary.isEmpty, depth < 4 else {
            return nil
        }
        for part in parts(body, boundary: boundary) {
            let partBody = UnsafeBufferPointer(rebasing: body[part])
            let headers = partHeaders(partBody)
            if headers.disposition.hasPrefix("attachment") { continue }
            let partType = headers.contentType.map(ContentType.init) ?? .plain
            if partType.mediaType == "text/plain" || partType.mediaType.hasPrefix("multipart/") {
                let inner = UnsafeBufferPointer(rebasing: partBody[headers.bodyStart...])
                if let text = plainText(
                    inner, contentType: partType, transferEncoding: headers.transferEncoding, depth: depth + 1)
                {
                    return text
                }
            }
        }
        return nil
    }

    /// Byte ranges of the parts between `--boundary` lines.
    static func parts(_ body: UnsafeBufferPointer<UInt8>, boundary: String) -> [Range<Int>] {
        let delimiter = Array(("--" + boundary).utf8)
        var out: [Range<Int>] = []
        var partStart: Int?
        var pos = 0
        let n = body.count
        while pos < n {
            var end = pos
            while end < n, body[end] != 0x0A { end += 1 }
            let next = min(end + 1, n)
            if end - pos >= delimiter.count, body[pos] == UInt8(ascii: "-"),
                UnsafeBufferPointer(rebasing: body[pos..<(pos + delimiter.count)]).elementsEqual(delimiter)
            {
                // "--boundary" or "--boundary--", then only white space (RFC 2046 §5.1.1).
                var rest = UnsafeBufferPointer(rebasing: body[(pos + delimiter.count)..<end])
                let closing = rest.count >= 2 && rest[0] == UInt8(ascii: "-") && rest[1] == UInt8(ascii: "-")
                if closing { rest = UnsafeBufferPointer(rebasing: rest[2...]) }
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart { out.append(start..<pos) }
                    if closing { return out }
                    partStart = next
                }
            }
            pos = next
        }
        if let start = partStart, start < n { out.append(start..<n) }
        return out
    }

    /// The headers of a MIME part that matter here, and where its body starts.
    static func partHeaders(
        _ part: UnsafeBufferPointer<UInt8>
    ) -> (contentType: String?, transferEncoding: String?, disposition: String, bodyStart: Int) {
        var contentType: String?
        var transferEncoding: String?
        var disposition = ""
        var fields: [(name: String, value: String)] = []
        var pos = 0
        let n = part.count
        while pos < n {
            var end = pos
            while end < n, part[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > pos, part[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = String(decoding: UnsafeBufferPointer(rebasing: part[pos..<lineEnd]), as: UTF8.self)
            pos = min(end + 1, n)
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t" {
                if !fields.isEmpty { fields[fields.count - 1].value += line }
            } else if let colon = line.firstIndex(of: ":") {
                fields.append((line[..<colon].lowercased(), String(line[line.index(after: colon)...])))
            }
        }
        for (name, value) in fields {
            switch name.emailTrimmed {
            case "content-type": contentType = contentType ?? value
            case "content-transfer-encoding": transferEncoding = transferEncoding ?? value
            case "content-disposition": disposition = value.emailTrimmed.lowercased()
            default: break
            }
        }
        return (contentType, transferEncoding, disposition, pos)
    }

    /// Undoes `quoted-printable` (RFC 2045 §6.7, soft line breaks included) or `base64`; other encodings pass.
    static func decodeTransfer(_ body: UnsafeBufferPointer<UInt8>, encoding: String?) -> [UInt8] {
        let name = encoding?.emailTrimmed.lowercased() ?? ""
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        switch name {
        case "base64":
            EmailBase64.decode(body, into: &out)
        case "quoted-printable":
            var i = 0
            let n = body.count
            while i < n {
                let b = body[i]
                if b == UInt8(ascii: "=") {
                    // Soft line break: "=" then optional white space then CRLF or LF.
                    var j = i + 1
                    while j < n, body[j] == 0x20 || body[j] == 0x09 { j += 1 }
                    if j < n, body[j] == 0x0D, j + 1 < n, body[j + 1] == 0x0A {
                        i = j + 2
                        continue
                    }
                    if j < n, body[j] == 0x0A {
                        i = j + 1
                        continue
                    }
                    if i + 2 < n, let high = EmailEncodedWord.hexValue(body[i + 1]),
                        let low = EmailEncodedWord.hexValue(body[i + 2])
                    {
                        out.append(high << 4 | low)
                        i += 3
                        continue
                    }
                }
                out.append(b)
                i += 1
            }
        default:
            out.append(contentsOf: body)
        }
        return out
    }

    /// UTF-8 text from the part's charset; UTF-8 and ASCII parts pass unchanged when valid; unknown or missing
    /// charsets decode as UTF-8 when valid, else as Windows-1252.
    static func decodeCharset(_ bytes: [UInt8], charset: String?) -> [UInt8] {
        switch charset {
        case nil, "utf-8", "utf8", "us-ascii", "ascii":
            return EmailCharset.headerUTF8(bytes).bytes
        case let name?:
            if let text = EmailCharset.decode(bytes, charset: name) { return Array(text.utf8) }
            return EmailCharset.headerUTF8(bytes).bytes
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and line breaks.
    var emailTrimmed: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" || first == "\r" || first == "\n" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\r" || last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
