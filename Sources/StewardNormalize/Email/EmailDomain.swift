import Foundation

/// Syntax check and canonical form of the domain of an email address.
///
/// Accepted forms:
/// - a host name (RFC 5321 §4.1.2 `Domain`, RFC 1035 labels): at least two labels, each 1…63 octets of letters,
///   digits and inner hyphens, a top-level label that is not all digits, at most 253 octets in all. Returned in
///   lower case. Labels starting with `xn--` must be valid Punycode.
/// - an internationalized host name (IDNA 2008, RFC 5890/5891, with the UTS #46 mapping approximated by NFKC and
///   lower-casing, and `。` accepted as a label dot): each non-ASCII label must consist of letters, digits, combining
///   marks and hyphens and is converted to its A-label `xn--…` (RFC 3492 Punycode). Not checked: the IDNA 2008
///   code-point tables beyond those categories, CONTEXTJ/CONTEXTO rules and the Bidi rule (RFC 5893).
/// - an address literal (RFC 5321 §4.1.3): `[192.0.2.1]` or `[IPv6:2001:db8::1]`; returned with the tag spelled
///   `IPv6:` and hex digits in lower case. Other tagged literals are rejected.
enum EmailDomain {
    /// RFC 1035 §2.3.4: 255 octets on the wire, 253 in text without the root dot.
    static let maxLength = 253
    static let maxLabelLength = 63

    /// Canonical ASCII form of `bytes` (the text after the `@`), or the reason it is not a domain.
    /// - Complexity: O(n) for ASCII host names; the IDN path adds Unicode normalization and Punycode per label.
    static func canonical(_ bytes: ArraySlice<UInt8>) -> Result<String, EmailNormalizer.Failure> {
        guard let first = bytes.first else { return .failure(.invalidDomain("nothing after the \"@\"")) }
        if first == UInt8(ascii: "[") { return literal(bytes) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return asciiHost(bytes) }
        return internationalHost(String(decoding: bytes, as: UTF8.self))
    }

    // MARK: - Host names

    /// ``isLDH(_:)`` as a 256-entry table (lower-case letters, digits, hyphen).
    static let ldh: [Bool] = (0..<256).map { isLDH(UInt8($0)) }

    private static func isLDH(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): true
        default: false
        }
    }

    private static func asciiHost(_ bytes: ArraySlice<UInt8>) -> Result<String, EmailNormalizer.Failure> {
        var lower = [UInt8]()
        lower.reserveCapacity(bytes.count)
        for b in bytes { lower.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        if let failure = checkASCIILabels(lower) { return .failure(failure) }
        return .success(String(decoding: lower, as: UTF8.self))
    }

    /// Checks a lower-case ASCII host name; `nil` when valid.
    private static func checkASCIILabels(_ host: [UInt8]) -> EmailNormalizer.Failure? {
        if host.count > maxLength {
            return .invalidDomain("longer than \(maxLength) octets")
        }
        var labelCount = 0
        var lastLabel: ArraySlice<UInt8> = []
        var start = 0
        while start <= host.count {
            let end = host[start...].firstIndex(of: UInt8(ascii: ".")) ?? host.count
            let label = host[start..<end]
            labelCount += 1
            lastLabel = label
            if let failure = checkLabel(label) { return failure }
            start = end + 1
        }
        if labelCount < 2 {
            return .invalidDomain("no dot: \"\(String(decoding: host, as: UTF8.self))\" is not a full domain name")
        }
        if lastLabel.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return .invalidDomain("numeric top-level domain; write an IP address in brackets, e.g. [192.0.2.1]")
        }
        return nil
    }

    private static func checkLabel(_ label: ArraySlice<UInt8>) -> EmailNormalizer.Failure? {
        let text = { String(decoding: label, as: UTF8.self) }
        guard let first = label.first, let last = label.last else {
            return .invalidDomain("empty label (a leading, trailing or doubled dot)")
        }
        if label.count > maxLabelLength {
            return .invalidDomain("label \"\(text().prefix(20))…\" is \(label.count) octets; the limit is 63")
        }
        if let bad = label.first(where: { !isLDH($0) }) {
            let shown = bad < 0x20 || bad == 0x7F ? "a control character" : "\"\(Character(Unicode.Scalar(bad)))\""
            return .invalidDomain("\(shown) is not allowed in a domain name")
        }
        if first == UInt8(ascii: "-") || last == UInt8(ascii: "-") {
            return .invalidDomain("label \"\(text())\" starts or ends with a hyphen")
        }
        if label.starts(with: "xn--".utf8) {
            let payload = String(decoding: label.dropFirst(4), as: UTF8.self)
            // An A-label must decode to non-ASCII text and be that text's own encoding (RFC 5891 §5.4).
            guard let scalars = Punycode.decodeScalars(payload), scalars.contains(where: { !$0.isASCII }),
                Punycode.encode(scalars) == payload
            else {
                return .invalidDomain("label \"\(text())\" is not valid Punycode")
            }
        }
        return nil
    }

    @inline(never)
    private static func internationalHost(_ raw: String) -> Result<String, EmailNormalizer.Failure> {
        // UTS #46 mapping, approximated: compatibility forms (fullwidth letters, ligatures) and case are folded.
        let mapped = raw.precomposedStringWithCompatibilityMapping.lowercased()
            .precomposedStringWithCanonicalMapping
        var asciiLabels: [String] = []
        for label in mapped.unicodeScalars.split(whereSeparator: { $0 == "." || $0 == "\u{3002}" }) {
            let scalars = Array(label)
            if scalars.allSatisfy({ $0.isASCII }) {
                asciiLabels.append(String(String.UnicodeScalarView(scalars)))
                continue
            }
            if let bad = scalars.first(where: { !isIDNCodePoint($0) }) {
                return .failure(.invalidDomain("\"\(bad)\" (U+\(hex(bad.value))) is not allowed in a domain name"))
            }
            if let first = scalars.first, isMark(first) {
                return .failure(.invalidDomain("a label starts with a combining mark"))
            }
            guard let encoded = Punycode.encode(scalars) else {
                return .failure(.invalidDomain("label cannot be encoded as Punycode"))
            }
            asciiLabels.append("xn--" + encoded)
        }
        // Empty labels vanished in the split: count the separators to restore them for the checks.
        let separators = mapped.unicodeScalars.count(where: { $0 == "." || $0 == "\u{3002}" })
        if separators + 1 != asciiLabels.count {
            return .failure(.invalidDomain("empty label (a leading, trailing or doubled dot)"))
        }
        let host = asciiLabels.joined(separator: ".")
        if let failure = checkASCIILabels(Array(host.utf8)) { return .failure(failure) }
        return .success(host)
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Letters, digits, marks and the hyphen: the broad shape of IDNA 2008 PVALID code points.
    private static func isIDNCodePoint(_ s: Unicode.Scalar) -> Bool {
        if s == "-" { return true }
        return switch s.properties.generalCategory {
        case .lowercaseLetter, .otherLetter, .modifierLetter, .decimalNumber, .nonspacingMark, .spacingMark: true
        default: false
        }
    }

    private static func hex(_ v: UInt32) -> String {
        let digits = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: - Address literals

    private static func literal(_ bytes: ArraySlice<UInt8>) -> Result<String, EmailNormalizer.Failure> {
        guard bytes.count >= 3, bytes.last == UInt8(ascii: "]") else {
            return .failure(.invalidDomain("address literal without its closing \"]\""))
        }
        let inner = String(decoding: bytes.dropFirst().dropLast(), as: UTF8.self)
        if isIPv4(Substring(inner)) { return .success("[\(inner)]") }
        if inner.lowercased().hasPrefix("ipv6:") {
            let address = inner.dropFirst(5).lowercased()
            if isIPv6(Substring(address)) { return .success("[IPv6:\(address)]") }
            return .failure(.invalidDomain("\"\(inner)\" is not a valid IPv6 address literal"))
        }
        return .failure(.invalidDomain("\"[\(inner)]\" is neither an IPv4 nor an IPv6 address literal"))
    }

    /// Dotted quad, each part 0…255 without leading zeros (RFC 5321 `IPv4-address-literal`, RFC 3986 `dec-octet`).
    static func isIPv4(_ s: Substring) -> Bool {
        var parts = 0
        var digits = 0
        var value = 0
        var leadingZero = false
        for b in s.utf8 {
            if b == UInt8(ascii: ".") {
                guard digits > 0, !(leadingZero && digits > 1) else { return false }
                parts += 1
                digits = 0
                value = 0
                continue
            }
            guard b &- UInt8(ascii: "0") < 10, digits < 3 else { return false }
            if digits == 0 { leadingZero = b == UInt8(ascii: "0") }
            value = value * 10 + Int(b &- UInt8(ascii: "0"))
            guard value <= 255 else { return false }
            digits += 1
        }
        return parts == 3 && digits > 0 && !(leadingZero && digits > 1)
    }

    /// RFC 5321 `IPv6-addr`: eight 16-bit hex groups, one `::` standing for one or more zero groups, an optional
    /// trailing dotted quad counting as two groups.
    static func isIPv6(_ s: Substring) -> Bool {
        var text = s
        var groupsFromIPv4 = 0
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(text[text.index(after: lastColon)...]) else { return false }
            text = text[...lastColon]
            if text.hasSuffix("::") == false { text = text.dropLast() }
            groupsFromIPv4 = 2
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> Int? {
            if part.isEmpty { return 0 }
            let items = part.split(separator: ":", omittingEmptySubsequences: false)
            for item in items where !(1...4).contains(item.count) || !item.allSatisfy({ $0.isHexDigit }) {
                return nil
            }
            return items.count
        }
        guard let left = groups(halves[0]) else { return false }
        if halves.count == 2 {
            guard let right = groups(halves[1]) else { return false }
            return left + right + groupsFromIPv4 <= 7
        }
        return left + groupsFromIPv4 == 8
    }
}
