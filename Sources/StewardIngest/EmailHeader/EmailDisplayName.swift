/// Decides whether an email display name names a person, and tidies it for `full_name`.
///
/// A display name is kept as the source wrote it ("Last, First" included: the name normalizer reads that form),
/// only with white space collapsed and one pair of wrapping quotes (`'Robert Smith'`, as Outlook writes) removed.
/// It is not a person's name when it is empty, has no letter, holds an `@` (the address again, or `user@host`
/// mangled into a name), looks like a web or mail domain (`Free-Quilting.com`), equals the address's local part,
/// or reads as a role: a word such as `team`, `support`, `noreply`, `newsletter`, `notification` anywhere, or only
/// words that name a function (`Sales`, `Customer Service`, `Mail Delivery System`, `info`, `Sales desk`,
/// `Support, Tier 2`). Parenthesised parts are ignored for the role test, so `Doe, John (Sales)` is a person.
/// Nor is any name on a role mailbox (`support@`, `no-reply@`, `customer.service@`: a local part made only of role
/// words): an agent's name on a shared desk address ("Dana Whitfield <support@…>") names the agent, not the mailbox,
/// and would pull the desk toward the agent's own record in matching.
///
/// Limits: company and product names (`Apple`, `Acme`) cannot be told from personal names without a dictionary
/// and pass as persons; the normalizer and the matcher weigh them like any other name.
enum EmailDisplayName {
    /// The display name tidied: white space runs made one space, trimmed, one pair of wrapping quotes (ASCII,
    /// typographic or guillemets) removed.
    static func cleaned(_ name: String) -> String {
        String(decoding: cleaned(utf8: name.utf8), as: UTF8.self)
    }

    /// ``cleaned(_:)`` on UTF-8 bytes.
    ///
    /// - Complexity: O(n), one allocation.
    static func cleaned(utf8 name: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.count)
        var pendingSpace = false
        var pending: [UInt8] = []  // bytes of a multi-byte sequence being examined
        func emit(_ b: UInt8) {
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            out.append(b)
        }
        for b in name {
            if !pending.isEmpty || b >= 0xC0 {
                if b >= 0xC0 {
                    for p in pending { emit(p) }
                    pending.removeAll(keepingCapacity: true)
                }
                pending.append(b)
                let need = pending[0] >= 0xF0 ? 4 : pending[0] >= 0xE0 ? 3 : 2
                if pending.count == need {
                    if isUnicodeSpace(pending) {
                        pendingSpace = !out.isEmpty
                    } else {
                        for p in pending { emit(p) }
                    }
                    pending.removeAll(keepingCapacity: true)
                }
                continue
            }
            if b <= 0x20 || b == 0x7F {
                pendingSpace = !out.isEmpty
            } else {
                emit(b)
            }
        }
        for p in pending { emit(p) }
        for (open, close) in wrappingQuotes where out.count >= open.count + close.count {
            if out.starts(with: open) && out.suffix(close.count).elementsEqual(close) {
                return cleaned(utf8: out[open.count..<(out.count - close.count)])
            }
        }
        return out
    }

    /// NBSP, the U+2000–U+200A spaces, narrow NBSP, medium math space, ideographic space, BOM.
    private static func isUnicodeSpace(_ s: [UInt8]) -> Bool {
        switch s.count {
        case 2: return s[0] == 0xC2 && s[1] == 0xA0
        case 3:
            if s[0] == 0xE2 && s[1] == 0x80 { return s[2] <= 0x8A || s[2] == 0xAF }
            if s[0] == 0xE2 && s[1] == 0x81 { return s[2] == 0x9F }
            if s[0] == 0xE3 && s[1] == 0x80 { return s[2] == 0x80 }
            return s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF
        default: return false
        }
    }

    private static let wrappingQuotes: [([UInt8], [UInt8])] = [
        ("'", "'"), ("\"", "\""), ("`", "`"), ("\u{201C}", "\u{201D}"), ("\u{2018}", "\u{2019}"),
        ("\u{00AB}", "\u{00BB}"), ("\u{201E}", "\u{201C}"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// Whether `name` (already ``cleaned(_:)``) looks like a person's name for the mailbox `address`.
    ///
    /// - Complexity: O(n); the ingester calls it once per distinct name and address.
    static func isPersonLike(_ name: String, address: String) -> Bool {
        guard !name.isEmpty, !name.utf8.contains(UInt8(ascii: "@")) else { return false }
        guard name.unicodeScalars.contains(where: { $0.isASCII ? isASCIILetter($0) : $0.properties.isAlphabetic })
        else { return false }
        let lowered = name.lowercased()
        let loweredAddress = address.lowercased()
        let local = loweredAddress.split(separator: "@", maxSplits: 1).first.map(String.init) ?? ""
        if lowered == local || lowered == loweredAddress || isRoleMailbox(local) { return false }
        var words: [String] = []
        var depth = 0
        var word = String.UnicodeScalarView()
        for scalar in lowered.unicodeScalars {
            if scalar == "(" { depth += 1 }
            if scalar == ")" { depth = max(0, depth - 1) }
            let isWordScalar =
                scalar.isASCII
                ? isASCIILetter(scalar) || (scalar >= "0" && scalar <= "9") || scalar == "." || scalar == "'"
                : !isNonASCIIPunctuation(scalar)
            if depth == 0 && isWordScalar {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word))
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word)) }
        var allRole = true
        var any = false
        for raw in words {
            if looksLikeDomain(raw) { return false }
            let w = raw.trimmingDots
            guard !w.isEmpty else { continue }
            any = true
            if strongRoleWords.contains(w) { return false }
            if !roleWords.contains(w) && !w.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                allRole = false
            }
        }
        return !(any && allRole)
    }

    /// A local part made only of role words (`support`, `no-reply`, `customer.service`, `info2`), at least one of
    /// them more than a filler (`no`, `do`, `not`), so `do@` (a family name) is a person's mailbox.
    static func isRoleMailbox(_ local: String) -> Bool {
        let words = local.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" || $0 == "+" })
        var role = false
        for word in words {
            let letters = String(word.drop(while: \.isNumber).reversed().drop(while: \.isNumber).reversed())
            if letters.isEmpty || ["no", "do", "not"].contains(letters) { continue }
            guard strongRoleWords.contains(letters) || mailboxRoleWords.contains(letters) else { return false }
            role = true
        }
        return role
    }

    /// Words that make a local part a shared mailbox (besides ``strongRoleWords``).
    static let mailboxRoleWords: Set<String> = [
        "sales", "service", "services", "customer", "customers", "care", "desk", "help", "office", "billing",
        "accounts", "accounting", "finance", "marketing", "hr", "jobs", "careers", "press", "media", "mail", "news",
        "orders", "shop", "store", "feedback", "security", "contact", "contacts", "enquiries", "inquiries",
        "reception", "invoices", "payments", "payroll", "legal", "privacy", "purchasing", "procurement", "events",
        "hello", "reply", "replies", "it",
    ]

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }

    /// Latin-1 punctuation and symbols, general punctuation, CJK punctuation, full-width forms' punctuation.
    private static func isNonASCIIPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x206F, 0x3000...0x303F, 0xFF01...0xFF0F, 0xFEFF: return true
        default: return false
        }
    }

    /// `example.com`, `www.acme`, `Free-Quilting.com`: a dot followed by a known top-level domain or `www.`.
    private static func looksLikeDomain(_ word: String) -> Bool {
        if word.hasPrefix("www.") || word.hasPrefix("http") && word.contains(".") { return true }
        guard let dot = word.lastIndex(of: "."), dot != word.startIndex else { return false }
        let tld = word[word.index(after: dot)...]
        return topLevelDomains.contains(String(tld))
    }

    private static let topLevelDomains: Set<String> = [
        "com", "net", "org", "info", "biz", "io", "co", "de", "uk", "fr", "nl", "eu", "us", "ca", "au", "ch", "at",
        "it", "es", "se", "jp", "ru", "br", "in", "example", "test", "edu", "gov", "app", "shop", "online",
    ]

    /// Words that make a display name a role wherever they appear.
    static let strongRoleWords: Set<String> = [
        "team", "support", "noreply", "donotreply", "helpdesk", "servicedesk", "newsletter", "newsletters",
        "notification", "notifications", "mailer", "daemon", "postmaster", "webmaster", "hostmaster", "bounce",
        "bounces", "unsubscribe", "robot", "automated", "alerts", "info", "admin", "administrator",
    ]

    /// Words that name a function; a display name made only of these (and numbers) is a role.
    static let roleWords: Set<String> = [
        "sales", "service", "services", "customer", "customers", "client", "clients", "care", "desk", "help",
        "office", "billing", "accounts", "accounting", "account", "finance", "marketing", "hr", "jobs", "careers",
        "recruiting", "press", "media", "mail", "mailing", "list", "lists", "delivery", "system", "subsystem",
        "notify", "alert", "news", "update", "updates", "department", "dept", "group", "staff", "tier", "level",
        "the", "of", "and", "for", "our", "your", "no", "not", "do", "reply", "replies", "center", "centre", "contact",
        "contacts", "enquiries", "inquiries", "enquiry", "inquiry", "orders", "order", "shop", "store", "feedback",
        "security", "it", "operations", "ops", "reception", "auto", "general", "request", "requests", "hello",
        "team's", "partners", "partner", "legal", "privacy", "compliance", "purchasing", "procurement", "invoices",
        "invoice", "payments", "payroll", "registration", "events", "webinar", "community", "social", "bot",
        "technical", "tech", "global", "international", "europe", "emea", "americas", "apac", "us", "uk",
    ]
}

extension String {
    fileprivate var trimmingDots: String {
        var s = Substring(self)
        while s.hasPrefix(".") { s = s.dropFirst() }
        while s.hasSuffix(".") { s = s.dropLast() }
        return String(s)
    }
}
