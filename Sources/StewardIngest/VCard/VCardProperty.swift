/// One vCard content line's head: `[group.]name[;param…]:` parsed from bytes (RFC 6350 §3.3, RFC 2426 §4,
/// vCard 2.1 §2.1), with the parameters the ingester uses decoded into flags.
///
/// Names, parameter names and parameter values compare ignoring ASCII case. Parameters: `TYPE=a,b`,
/// `TYPE=a;TYPE=b`, `TYPE="a,b"` and bare vCard 2.1 tokens (`TEL;WORK;VOICE:`) all feed ``types``;
/// `ENCODING=QUOTED-PRINTABLE` or a bare `QUOTED-PRINTABLE`, `ENCODING=b`/`BASE64` or a bare `BASE64`;
/// `CHARSET=`; `PREF`, `TYPE=pref` and 4.0 `PREF=n` give ``prefRank``. Other parameters (`VALUE`, `LANGUAGE`,
/// `LABEL`, `X-…`) are skipped. A colon inside a double-quoted parameter value does not end the head. Not handled:
/// RFC 6868 `^` escapes in parameter values (no parameter the ingester reads needs them).
struct VCardProperty {
    /// What the ingester does with a property, from its name.
    enum Kind: UInt8 {
        case begin, end, version, fn, n, org, title, role, tel, email, adr, url, note, rev, uid, bday, nickname
        case agent, abLabel
        /// `PHOTO`, `LOGO`, `SOUND`, `KEY`: skipped without decoding.
        case binary
        /// Anything else (`X-…`, `CATEGORIES`, `LABEL`, …): skipped.
        case other
    }

    enum Encoding: UInt8 {
        case none, quotedPrintable, base64
    }

    /// `TYPE` flags (``VCardKind``).
    var types: UInt8 = 0
    /// 1 for `PREF`/`TYPE=pref`, `n` for `PREF=n`, `Int.max` when not preferred.
    var prefRank = Int.max
    var encoding = Encoding.none
    var charset = VCardCharset.unspecified
    /// The `CHARSET` value as written, when it names a character set the ingester does not know.
    var unknownCharset: String?
    var kind = Kind.other
    /// The group (`item1` of `item1.TEL`) as a byte range of the parsed buffer; empty when there is none.
    var groupStart = 0
    var groupEnd = 0
    /// Where the value starts (just after the colon).
    var valueStart = 0

    /// Parses the head of `line`. Returns `nil` when the line is not `name…:value` (no colon outside quotes, an
    /// empty name, or a name with bytes other than letters, digits, `-` and `_`).
    ///
    /// - Complexity: O(length of the head), plus O(line) to find that there is no colon.
    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> VCardProperty? {
        let n = line.count
        var property = VCardProperty()
        var i = 0
        var nameStart = 0
        // Name, with at most one group prefix.
        while i < n {
            let b = line[i]
            if b == VCardByte.colon || b == VCardByte.semicolon { break }
            if b == VCardByte.dot {
                guard property.groupEnd == 0, i > nameStart else { return nil }
                property.groupStart = nameStart
                property.groupEnd = i
                nameStart = i + 1
            } else if !VCardByte.isNameByte(b) {
                return nil
            }
            i += 1
        }
        guard i < n, i > nameStart else { return nil }
        property.kind = kind(line, nameStart, i)
        // Parameters up to the first colon outside double quotes.
        if line[i] == VCardByte.semicolon {
            guard let colon = property.parseParameters(line, from: i) else { return nil }
            i = colon
        }
        property.valueStart = i + 1
        return property
    }

    /// The property kind of `line[start..<end]`.
    static func kind(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Kind {
        let length = end - start
        if length == 9 {
            return VCardByte.equalsIgnoringCase(line, start, end, "X-ABLABEL") ? .abLabel : .other
        }
        guard length <= 8 else { return .other }
        switch VCardByte.key(line, start, end) {
        case 0x4e: return .n
        case 0x464e: return .fn
        case 0x54454c: return .tel
        case 0x454d41494c: return .email
        case 0x4f5247: return .org
        case 0x5449544c45: return .title
        case 0x524f4c45: return .role
        case 0x414452: return .adr
        case 0x55524c: return .url
        case 0x4e4f5445: return .note
        case 0x524556: return .rev
        case 0x554944: return .uid
        case 0x42444159: return .bday
        case 0x4e49434b4e414d45: return .nickname
        case 0x424547494e: return .begin
        case 0x454e44: return .end
        case 0x56455253494f4e: return .version
        case 0x4147454e54: return .agent
        case 0x50484f544f, 0x4c4f474f, 0x534f554e44, 0x4b4559: return .binary  // PHOTO LOGO SOUND KEY
        default: return .other
        }
    }

    /// Parses `;name=value,value;TOKEN;…` starting at the `;` at `from`; returns the index of the colon that ends
    /// the head, or `nil` when there is none outside quotes.
    private mutating func parseParameters(_ line: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let n = line.count
        var i = from
        while i < n && line[i] == VCardByte.semicolon {
            i += 1
            let nameStart = i
            while i < n {
                let b = line[i]
                if b == VCardByte.equals || b == VCardByte.semicolon || b == VCardByte.colon { break }
                i += 1
            }
            guard i < n else { return nil }
            let nameEnd = i
            if line[i] != VCardByte.equals {
                // A bare vCard 2.1 token: `WORK`, `QUOTED-PRINTABLE`, `BASE64`, `PREF`.
                if nameEnd > nameStart { bareToken(line, nameStart, nameEnd) }
                continue
            }
            i += 1
            let parameter = VCardByte.key(line, nameStart, nameEnd)
            let nameLength = nameEnd - nameStart
            // Values: comma-separated, each possibly double-quoted.
            while i <= n {
                var valueStart = i
                var valueEnd = i
                if i < n && line[i] == VCardByte.quote {
                    valueStart = i + 1
                    i += 1
                    while i < n && line[i] != VCardByte.quote { i += 1 }
                    guard i < n else { return nil }
                    valueEnd = i
                    i += 1
                    // Text between the closing quote and the next separator is ignored.
                    while i < n {
                        let b = line[i]
                        if b == VCardByte.comma || b == VCardByte.semicolon || b == VCardByte.colon { break }
                        i += 1
                    }
                } else {
                    while i < n {
                        let b = line[i]
                        if b == VCardByte.comma || b == VCardByte.semicolon || b == VCardByte.colon { break }
                        i += 1
                    }
                    valueEnd = i
                }
                guard i < n else { return nil }
                if nameLength <= 8 {
                    parameterValue(parameter, line, valueStart, valueEnd)
                }
                if line[i] == VCardByte.comma {
                    i += 1
                    continue
                }
                break
            }
        }
        guard i < n, line[i] == VCardByte.colon else { return nil }
        return i
    }

    private mutating func parameterValue(
        _ parameter: UInt64, _ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
    ) {
        switch parameter {
        case 0x54595045:  // TYPE
            // `TYPE="work,voice"`: the quoted value holds a list.
            var s = start
            var k = start
            while k <= end {
                if k == end || line[k] == VCardByte.comma {
                    typeToken(line, s, k)
                    s = k + 1
                }
                k += 1
            }
        case 0x454e434f44494e47:  // ENCODING
            encoding = VCardProperty.encoding(line, start, end) ?? encoding
        case 0x43484152534554:  // CHARSET
            charset = VCardCharset(line, start, end)
            if case .unsupported = charset {
                unknownCharset = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
            }
        case 0x50524546:  // PREF
            var rank = 0
            var k = start
            while k < end, let digit = VCardByte.digit(line[k]), rank < 1000 {
                rank = rank * 10 + digit
                k += 1
            }
            prefRank = min(prefRank, max(rank, 1))
            types |= VCardKind.pref
        default:
            break
        }
    }

    /// A parameter without `=`: an encoding, or type tokens (`WORK`, and `MSG,WORK` as some exporters write).
    private mutating func bareToken(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        if let encoding = VCardProperty.encoding(line, start, end) {
            self.encoding = encoding
            return
        }
        var s = start
        var k = start
        while k <= end {
            if k == end || line[k] == VCardByte.comma {
                typeToken(line, s, k)
                s = k + 1
            }
            k += 1
        }
    }

    /// `QUOTED-PRINTABLE` / `B` / `BASE64` / `7BIT` / `8BIT`; `nil` for anything else.
    private static func encoding(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Encoding? {
        let length = end - start
        if length == 16 {
            return VCardByte.equalsIgnoringCase(line, start, end, "QUOTED-PRINTABLE") ? .quotedPrintable : nil
        }
        guard length <= 8 else { return nil }
        switch VCardByte.key(line, start, end) {
        case 0x42, 0x424153453634: return .base64  // B, BASE64
        case 0x38424954, 0x37424954: return Encoding.none  // 8BIT, 7BIT
        default: return nil
        }
    }

    private mutating func typeToken(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var s = start
        var e = end
        while s < e && line[s] <= VCardByte.space { s += 1 }
        while e > s && line[e - 1] <= VCardByte.space { e -= 1 }
        guard e > s else { return }
        let flag = VCardKind.flag(line, s, e)
        if flag == VCardKind.pref { prefRank = min(prefRank, 1) }
        types |= flag
    }
}

/// The kinds of a `TEL`/`EMAIL` as bit flags, from `TYPE` tokens or an Apple `X-ABLabel`, and their names in
/// ``RecordFields`` (`work`, `home`, `mobile`, `fax`, `other`).
enum VCardKind {
    static let work: UInt8 = 1
    static let home: UInt8 = 2
    static let mobile: UInt8 = 4
    static let fax: UInt8 = 8
    static let other: UInt8 = 16
    static let pref: UInt8 = 32

    /// The flag of one `TYPE` token. `voice`, `internet`, `msg`, `text`, `postal`, `parcel`, `dom`, `intl`,
    /// `x400` say nothing about the kind (0); `cell`, `mobile`, `iphone`, `pcs` are mobile; `pager`, `car`, `isdn`,
    /// `bbs`, `modem`, `video`, `main`, `other` and any unknown token (`school`, `x-custom`) are other.
    static func flag(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
        guard end - start <= 8 else { return other }
        switch VCardByte.key(line, start, end) {
        case 0x574f524b: return work
        case 0x484f4d45: return home
        case 0x43454c4c, 0x4d4f42494c45, 0x4950484f4e45, 0x504353: return mobile  // CELL MOBILE IPHONE PCS
        case 0x464158: return fax
        case 0x50524546: return pref
        // VOICE INTERNET MSG TEXT POSTAL PARCEL DOM INTL X400
        case 0x564f494345, 0x494e5445524e4554, 0x4d5347, 0x54455854, 0x504f5354414c, 0x50415243454c, 0x444f4d,
            0x494e544c, 0x58343030:
            return 0
        default: return other
        }
    }

    /// The kind an Apple `X-ABLabel` names (`_$!<Mobile>!$_`, `_$!<WorkFAX>!$_`, `iPhone`, `Dublin office`):
    /// fax, mobile (`mobile`, `cell`, `iphone`), work (`work`, `office`, `business`), home, or other for any other
    /// label. The second value says whether the label was recognized (a custom label gives other, but a kind from
    /// `TYPE` wins over it). Compared on bytes, ignoring ASCII case.
    static func flag(label: UnsafeBufferPointer<UInt8>) -> (flag: UInt8, recognized: Bool) {
        func has(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard label.count >= count else { return false }
            for start in 0...(label.count - count)
            where VCardByte.equalsIgnoringCase(label, start, start + count, word) {
                return true
            }
            return false
        }
        if has("FAX") { return (fax, true) }
        if has("MOBILE") || has("CELL") || has("IPHONE") { return (mobile, true) }
        if has("WORK") || has("OFFICE") || has("BUSINESS") { return (work, true) }
        if has("HOME") { return (home, true) }
        if has("OTHER") { return (other, true) }
        return (other, false)
    }

    /// The kind name for flags: fax, then mobile, work, home, other; `nil` when no flag says anything.
    static func name(_ flags: UInt8) -> String? {
        if flags & fax != 0 { return "fax" }
        if flags & mobile != 0 { return "mobile" }
        if flags & work != 0 { return "work" }
        if flags & home != 0 { return "home" }
        if flags & other != 0 { return "other" }
        return nil
    }
}

/// Byte constants and small ASCII helpers of the vCard reader.
enum VCardByte {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let backslash: UInt8 = 0x5C

    /// Letters, digits, `-` and `_` (names and groups; `_` is not in the RFCs but some exporters write it).
    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
    }

    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 {
        b >= 0x61 && b <= 0x7A ? b &- 0x20 : b
    }

    @inline(__always)
    static func digit(_ b: UInt8) -> Int? {
        b >= 0x30 && b <= 0x39 ? Int(b &- 0x30) : nil
    }

    /// Up to 8 bytes upper-cased and packed big-endian (`"TEL"` → `0x54454C`), for switching on short names.
    @inline(__always)
    static func key(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var key: UInt64 = 0
        var i = start
        while i < end {
            key = key << 8 | UInt64(upper(p[i]))
            i += 1
        }
        return key
    }

    /// `p[start..<end]` equals `upperLiteral` (upper-case ASCII) ignoring ASCII case.
    static func equalsIgnoringCase(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ upperLiteral: StaticString
    ) -> Bool {
        guard end - start == upperLiteral.utf8CodeUnitCount else { return false }
        let literal = upperLiteral.utf8Start
        for k in 0..<(end - start) where upper(p[start + k]) != literal[k] { return false }
        return true
    }

    /// `p[start..<end]` starts with `upperLiteral` ignoring ASCII case.
    static func hasPrefixIgnoringCase(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ upperLiteral: StaticString
    ) -> Bool {
        let count = upperLiteral.utf8CodeUnitCount
        guard end - start >= count else { return false }
        return equalsIgnoringCase(p, start, start + count, upperLiteral)
    }
}
