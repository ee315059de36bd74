import StewardModel

/// Checks and canonicalizes email addresses as found in CRM exports, vCards and mail headers, and derives their
/// match keys.
///
/// Contract of ``parse(_:)``:
/// - **Clean-up first.** Surrounding white space (including no-break and zero-width spaces), a `mailto:` prefix
///   (and a `?subject=…` query after the domain), a display name with the address in angle brackets
///   (`"John Doe" <jd@x.com>`, `John Doe <jd@x.com>`), a trailing comment (`jd@x.com (John)`) and trailing
///   `.`, `;` and `,` are removed before the syntax check.
/// - **Syntax: RFC 5322 §3.4.1 `addr-spec`** with the RFC 5321 §4.5.3.1 size limits (local part ≤ 64 octets,
///   domain ≤ 253, address ≤ 254). The local part is a `dot-atom` (no leading, trailing or doubled dot) or a
///   `quoted-string` (kept, valid per RFC 5322); UTF-8 in the local part is accepted (RFC 6532). Not accepted: the
///   obsolete syntax (RFC 5322 §4.4: comments and folding white space inside the address, quoted words mixed with
///   atoms), and white space outside quotes. The domain rules are in ``EmailDomain``: host names with at least one
///   dot, IDN host names converted to A-labels (`bücher.de` → `xn--bcher-kva.de`), and `[192.0.2.1]` /
///   `[IPv6:…]` address literals.
/// - **Placeholders** (`n/a`, `none`, `-`, `no email`, …, and anything without a letter or digit) fail with
///   ``Failure/notAnAddress`` rather than ``Failure/missingAt``, so reports can tell empty-ish values from typos.
/// - **Case: Steward lower-cases the whole address, local part included.** RFC 5321 §2.4 lets a server treat
///   local parts case-sensitively, but no major provider does and CRM data mixes cases freely; Steward accepts
///   the theoretical loss. A quoted local part whose content is a valid dot-atom is unquoted
///   (`"jdoe"@x.com` → `jdoe@x.com`, the RFC 5321 §4.1.2 canonical form); other quoted local parts are kept as
///   written apart from case.
/// - **Match key** (``NormalizedEmail/key``): the address with the provider rules of `email-providers.tsv`
///   applied: domain aliases (`googlemail.com` → `gmail.com`), dots removed where the provider ignores them
///   (Gmail), and subaddress tags cut where the provider honours them (`+` at Gmail, Outlook.com, Proton, …;
///   `-` at Yahoo). A company domain gets no rule: `j.doe+x@acme.com` keys as itself, because its server's rules
///   are unknown.
/// - **Flags**: `isRole` when the local part without a `+tag` is in `role-addresses.txt` (RFC 2142 mailboxes and
///   common business ones: `info`, `sales`, `support`, `noreply`, …); `isFreeMail` when the domain (or its alias
///   target) is in `free-mail-domains.txt`.
///
/// The tables are loaded once per process and shared by all instances; the type is a cheap value.
public struct EmailNormalizer: Sendable {
    /// Why a value is not a usable email address.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Nothing but white space.
        case empty
        /// A placeholder such as `n/a`, `none`, `-`, `no email`.
        case notAnAddress
        /// No `@` outside a quoted local part.
        case missingAt
        /// More than one `@` outside a quoted local part.
        case multipleAt
        /// Nothing before the `@`.
        case emptyLocalPart
        /// The local part breaks RFC 5322 `dot-atom` / `quoted-string` syntax or is longer than 64 octets.
        case invalidLocalPart(String)
        /// The domain is not a host name or address literal Steward accepts; see ``EmailDomain``.
        case invalidDomain(String)
        /// The whole address is longer than 254 octets (RFC 5321 §4.5.3.1.3 path limit minus the brackets).
        case tooLong

        public var description: String {
            switch self {
            case .empty: "empty value"
            case .notAnAddress: "not an email address (a placeholder such as \"n/a\", \"none\" or \"-\")"
            case .missingAt: "no \"@\" between a local part and a domain"
            case .multipleAt: "more than one \"@\" (only one is allowed outside a quoted local part)"
            case .emptyLocalPart: "nothing before the \"@\""
            case .invalidLocalPart(let reason): "invalid local part: \(reason)"
            case .invalidDomain(let reason): "invalid domain: \(reason)"
            case .tooLong: "longer than 254 octets, the RFC 5321 limit for an address"
            }
        }
    }

    /// RFC 5321 §4.5.3.1.1.
    static let maxLocalPartLength = 64
    /// RFC 5321 §4.5.3.1.3: a 256-octet path minus the angle brackets.
    static let maxAddressLength = 254

    let tables: EmailTables

    /// A normalizer over the shared, lazily loaded tables.
    public init() {
        tables = EmailTables.shared
    }

    /// Parses, checks and canonicalizes one raw value; see the type's documentation for the contract.
    /// - Parameter raw: a field value as found in a source (`" Mailto:J.Doe+News@GoogleMail.com; "`).
    /// - Returns: the canonical address with key and flags (`j.doe+news@googlemail.com`, key `jdoe@gmail.com`), or
    ///   the first reason it is invalid.
    /// - Complexity: O(n) in the UTF-8 length, one pass for clean-up and one for the syntax check; two
    ///   dictionary look-ups for the provider rule and flags. IDN domains add Unicode normalization.
    public func parse(_ raw: String) -> Result<NormalizedEmail, Failure> {
        if let result = raw.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return result }
        var copy = raw
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { parse(utf8: $0) } ?? .failure(.empty)
    }

    /// ``parse(_:)`` of the UTF-8 bytes of a raw value: the clean-up, then the ASCII fast path, and the general
    /// path for whatever the fast path does not accept (including every failure, so reasons stay exact).
    private func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<NormalizedEmail, Failure> {
        switch EmailScanner.clean(bytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let range):
            if let email = asciiCanonical(UnsafeBufferPointer(rebasing: bytes[range])) { return .success(email) }
            return canonical(Array(bytes[range])[...])
        }
    }

    /// The canonical address of `raw`, or `nil` when ``parse(_:)`` fails.
    public func normalized(_ raw: String) -> NormalizedEmail? {
        try? parse(raw).get()
    }

    /// Whether `domain` (any case, Unicode or A-label form, alias or not) belongs to a free-mail provider.
    /// - Complexity: O(n) in the domain length plus one set look-up.
    public func isFreeMailDomain(_ domain: String) -> Bool {
        var domain = domain
        domain.makeContiguousUTF8()
        let host = domain.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let range = EmailScanner.trimmedRange(bytes, 0..<bytes.count)
            guard case .success(let host) = EmailDomain.canonical(Array(bytes[range])[...]) else { return nil }
            return host
        }
        guard let host = host ?? nil else { return false }
        return isFreeMail(host)
    }

    private func isFreeMail(_ host: String) -> Bool {
        tables.domains[host]?.isFreeMail ?? false
    }

    // MARK: - ASCII fast path

    /// The canonical address of a cleaned, all-ASCII, unquoted `dot-atom@host-name` whose labels are not A-labels,
    /// in one pass over the bytes; `nil` for anything else (non-ASCII, quotes, address literals, `xn--` labels,
    /// and every syntax error), which ``canonical(_:)`` then handles, so results and failure reasons are exactly
    /// those of the general path.
    /// - Complexity: O(n), one pass; allocates only the result strings (and none for a key equal to the address).
    private func asciiCanonical(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalizedEmail? {
        let count = bytes.count
        guard count >= 3, count <= Self.maxAddressLength else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer -> NormalizedEmail? in
            guard let out = buffer.baseAddress else { return nil }
            let atext = LocalPart.asciiAtext
            let ldh = EmailDomain.ldh
            var at = -1
            var previous: UInt8 = 0
            var labelStart = 0
            var labels = 0
            var labelAllDigits = true
            var firstPlus = -1
            for i in 0..<count {
                let b = bytes[i]
                if b >= 0x80 { return nil }
                let lower = b &- UInt8(ascii: "A") < 26 ? b | 0x20 : b
                out[i] = lower
                if at < 0 {
                    if b == UInt8(ascii: "@") {
                        guard i > 0, i <= Self.maxLocalPartLength, previous != UInt8(ascii: ".") else { return nil }
                        at = i
                        labelStart = i + 1
                    } else if b == UInt8(ascii: ".") {
                        guard i > 0, previous != UInt8(ascii: ".") else { return nil }
                    } else {
                        guard atext[Int(b)] else { return nil }
                        if b == UInt8(ascii: "+") && firstPlus < 0 { firstPlus = i }
                    }
                } else if lower == UInt8(ascii: ".") {
                    guard Self.isPlainLabel(out, labelStart, i) else { return nil }
                    labels += 1
                    labelStart = i + 1
                    labelAllDigits = true
                } else {
                    guard ldh[Int(lower)] else { return nil }
                    if lower &- UInt8(ascii: "0") >= 10 { labelAllDigits = false }
                }
                previous = b
            }
            guard at > 0, Self.isPlainLabel(out, labelStart, count), labels >= 1, !labelAllDigits else { return nil }
            let address = String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self)
            let domainBytes = UnsafeBufferPointer(start: out + at + 1, count: count - at - 1)
            let domain = String(decoding: domainBytes, as: UTF8.self)
            let info = tables.domainsByBytes.value(for: domainBytes)
            var key = address
            if let rule = info?.rule {
                key = Self.key(local: UnsafeBufferPointer(start: out, count: at), rule: rule)
            }
            // The role check: the local part without a `+tag` (a `+` in first position is no tag).
            let roleLength = firstPlus > 0 ? firstPlus : at
            let isRole =
                roleLength <= tables.maxRoleLength
                && tables.rolesByBytes.contains(UnsafeBufferPointer(start: out, count: roleLength))
            return NormalizedEmail(
                address: address, key: key, domain: domain, isRole: isRole, isFreeMail: info?.isFreeMail ?? false)
        }
    }

    /// Whether `out[start..<end]` is a valid host-name label that is not an A-label (letters, digits and
    /// hyphens were checked while copying): 1…63 octets, no hyphen at either end, no `xn--` prefix.
    @inline(__always)
    private static func isPlainLabel(_ out: UnsafeMutablePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let length = end - start
        guard length > 0, length <= EmailDomain.maxLabelLength else { return false }
        guard out[start] != UInt8(ascii: "-"), out[end - 1] != UInt8(ascii: "-") else { return false }
        if length >= 4 && out[start] == UInt8(ascii: "x") && out[start + 1] == UInt8(ascii: "n")
            && out[start + 2] == UInt8(ascii: "-") && out[start + 3] == UInt8(ascii: "-")
        {
            return false
        }
        return true
    }

    /// ``applying(_:to:)`` of an ASCII dot-atom, joined with the rule's domain: the match key.
    private static func key(local: UnsafeBufferPointer<UInt8>, rule: EmailTables.ProviderRule) -> String {
        var end = local.count
        if let index = local.firstIndex(where: { rule.separators.contains($0) }), index != 0 { end = index }
        let domain = rule.canonicalDomain.utf8
        return String(unsafeUninitializedCapacity: end + 1 + domain.count) { out in
            var n = 0
            for i in 0..<end where !(rule.dropsDots && local[i] == UInt8(ascii: ".")) {
                out[n] = local[i]
                n += 1
            }
            out[n] = UInt8(ascii: "@")
            n += 1
            for b in domain {
                out[n] = b
                n += 1
            }
            return n
        }
    }

    // MARK: - Syntax and canonical form

    private func canonical(_ address: ArraySlice<UInt8>) -> Result<NormalizedEmail, Failure> {
        let at: Int
        switch EmailScanner.atIndex(address) {
        case .failure(let failure): return .failure(failure)
        case .success(let index): at = index
        }
        let localBytes = address[address.startIndex..<at]
        let domainBytes = address[(at + 1)...]
        let local: LocalPart
        switch LocalPart.parse(localBytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let value): local = value
        }
        let domain: String
        switch EmailDomain.canonical(domainBytes) {
        case .failure(let failure): return .failure(failure)
        case .success(let value): domain = value
        }
        let text = local.text + "@" + domain
        if text.utf8.count > Self.maxAddressLength { return .failure(.tooLong) }

        let rule = tables.providers[domain]
        let keyDomain = rule?.canonicalDomain ?? domain
        var keyLocal = local.text
        if !local.isQuoted, let rule {
            keyLocal = Self.applying(rule, to: local.text)
        }
        let roleBase = local.isQuoted ? local.text : Self.cut(local.text, at: [UInt8(ascii: "+")])
        return .success(
            NormalizedEmail(
                address: text, key: keyLocal + "@" + keyDomain, domain: domain,
                isRole: tables.roleLocalParts.contains(roleBase), isFreeMail: isFreeMail(domain)))
    }

    /// The local part with the provider's tag cut and, for Gmail, dots removed. A tag separator in first
    /// position is not a tag (`+jd` stays `+jd`).
    static func applying(_ rule: EmailTables.ProviderRule, to local: String) -> String {
        let base = cut(local, at: rule.separators)
        guard rule.dropsDots else { return base }
        return String(decoding: base.utf8.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self)
    }

    /// `local` up to the first of `separators` (ASCII), unless that is the first byte.
    static func cut(_ local: String, at separators: [UInt8]) -> String {
        guard !separators.isEmpty else { return local }
        let utf8 = local.utf8
        guard let index = utf8.firstIndex(where: { separators.contains($0) }), index != utf8.startIndex else {
            return local
        }
        return String(local[..<index])
    }
}

/// The local part of an address in canonical (lower-case) form.
struct LocalPart: Sendable {
    var text: String
    var isQuoted: Bool

    /// RFC 5322 `atext` plus `.`, as a 256-entry table; bytes ≥ 0x80 are UTF-8 (RFC 6532 `UTF8-non-ascii`).
    static let atext: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)] = true }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)] = true }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(b)] = true }
        for b in "!#$%&'*+-/=?^_`{|}~".utf8 { table[Int(b)] = true }
        for b in 0x80...0xFF { table[b] = true }
        return table
    }()

    /// ``atext`` for ASCII only (bytes ≥ 0x80 false), without `.`: the fast path's table.
    static let asciiAtext: [Bool] = (0..<256).map { $0 < 0x80 && $0 != Int(UInt8(ascii: ".")) && atext[$0] }

    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<LocalPart, EmailNormalizer.Failure> {
        guard let first = bytes.first else { return .failure(.emptyLocalPart) }
        if first == UInt8(ascii: "\"") { return quoted(bytes) }
        if let reason = dotAtomProblem(bytes) { return .failure(.invalidLocalPart(reason)) }
        return finish(Array(bytes), quoted: false)
    }

    /// Why `bytes` is not an RFC 5322 `dot-atom-text`, or `nil`.
    static func dotAtomProblem(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.first == UInt8(ascii: ".") { return "starts with a dot" }
        if bytes.last == UInt8(ascii: ".") { return "ends with a dot" }
        var previousDot = false
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if previousDot { return "two dots in a row" }
                previousDot = true
                continue
            }
            previousDot = false
            if !atext[Int(b)] { return describe(b) + " is not allowed outside quotes" }
        }
        return nil
    }

    static func describe(_ b: UInt8) -> String {
        switch b {
        case 0x20, 0x09: "white space"
        case 0..<0x20, 0x7F: "a control character"
        default: "\"\(Character(Unicode.Scalar(b)))\""
        }
    }

    /// RFC 5322 §3.2.4 `quoted-string` without surrounding CFWS: `qtext` (and RFC 6532 UTF-8), `quoted-pair`, and
    /// spaces/tabs.
    @inline(never)
    static func quoted(_ bytes: ArraySlice<UInt8>) -> Result<LocalPart, EmailNormalizer.Failure> {
        guard bytes.count >= 2, bytes.last == UInt8(ascii: "\"") else {
            if bytes.dropFirst().contains(UInt8(ascii: "\"")) {
                return .failure(.invalidLocalPart("text after the closing quote (obsolete syntax)"))
            }
            return .failure(.invalidLocalPart("quoted local part without its closing quote"))
        }
        var content: [UInt8] = []
        var i = bytes.startIndex + 1
        let end = bytes.endIndex - 1
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\") {
                guard i + 1 < end, bytes[i + 1] == 0x09 || (0x20...0x7E).contains(bytes[i + 1]) else {
                    return .failure(.invalidLocalPart("a backslash must escape a printable character"))
                }
                content.append(bytes[i + 1])
                i += 2
                continue
            }
            if b == UInt8(ascii: "\"") { return .failure(.invalidLocalPart("an unescaped quote inside quotes")) }
            if b < 0x20 && b != 0x09 || b == 0x7F {
                return .failure(.invalidLocalPart("a control character inside quotes"))
            }
            content.append(b)
            i += 1
        }
        if !content.isEmpty, dotAtomProblem(content[...]) == nil {
            return finish(content, quoted: false)
        }
        return finish(Array(bytes), quoted: true)
    }

    static func finish(_ bytes: [UInt8], quoted: Bool) -> Result<LocalPart, EmailNormalizer.Failure> {
        if bytes.count > EmailNormalizer.maxLocalPartLength {
            return .failure(.invalidLocalPart("\(bytes.count) octets; the limit is 64"))
        }
        let text: String
        if bytes.allSatisfy({ $0 < 0x80 }) {
            text = String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        } else {
            text = String(decoding: bytes, as: UTF8.self).lowercased()
        }
        return .success(LocalPart(text: text, isQuoted: quoted))
    }
}
