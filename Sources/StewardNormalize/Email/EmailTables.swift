import Foundation

/// The email normalizer's reference tables, loaded once from the module's resources.
///
/// Sources: `free-mail-domains.txt`, `role-addresses.txt` and `email-providers.tsv` (each file's `#` header gives
/// its provenance). A missing resource yields an empty table, which the tests catch.
struct EmailTables: Sendable {
    /// Match-key rules of one mailbox provider (one row of `email-providers.tsv`).
    struct ProviderRule: Sendable, Hashable {
        /// The domain that reaches the same mailbox (`googlemail.com` → `gmail.com`); the key uses it.
        var canonicalDomain: String
        /// Whether the provider ignores dots in the local part (Gmail).
        var dropsDots: Bool
        /// ASCII bytes that start an ignored subaddress tag (`+`, Yahoo's `-`).
        var separators: [UInt8]
    }

    var freeMailDomains: Set<String>
    var roleLocalParts: Set<String>
    /// Rules by domain; an alias row's rules are already replaced by its canonical domain's rules.
    var providers: [String: ProviderRule]

    /// What the normalizer needs to know about one domain, for one look-up per address.
    struct DomainInfo: Sendable {
        /// The provider rule (``providers``), if any.
        var rule: ProviderRule?
        /// The domain, or its alias target, is in ``freeMailDomains``.
        var isFreeMail: Bool
    }

    /// Every domain of ``freeMailDomains`` and ``providers`` with its rule and free-mail flag.
    var domains: [String: DomainInfo]
    /// Octets of the longest role local part: longer local parts skip the set look-up.
    var maxRoleLength: Int
    /// ``domains`` keyed by UTF-8 bytes, for the ASCII fast path.
    var domainsByBytes: ByteKeyTable<DomainInfo>
    /// ``roleLocalParts`` keyed by UTF-8 bytes, for the ASCII fast path.
    var rolesByBytes: ByteKeyTable<Bool>

    static let shared = EmailTables(
        freeMail: resourceText("free-mail-domains", "txt"),
        roles: resourceText("role-addresses", "txt"),
        providers: resourceText("email-providers", "tsv"))

    init(freeMail: String, roles: String, providers: String) {
        freeMailDomains = Set(Self.dataLines(freeMail).map { $0.lowercased() })
        roleLocalParts = Set(Self.dataLines(roles).map { $0.lowercased() })
        var rows: [String: ProviderRule] = [:]
        for line in Self.dataLines(providers).dropFirst() {  // first data line is the header
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 4 else { continue }
            rows[cells[0].lowercased()] = ProviderRule(
                canonicalDomain: cells[1].lowercased(), dropsDots: cells[2] == "yes",
                separators: Array(cells[3].utf8))
        }
        // Resolve aliases: an alias takes the rules of its canonical domain's own row when there is one.
        var resolved = rows
        for (domain, rule) in rows where rule.canonicalDomain != domain {
            if let target = rows[rule.canonicalDomain] {
                resolved[domain] = ProviderRule(
                    canonicalDomain: rule.canonicalDomain, dropsDots: target.dropsDots, separators: target.separators)
            }
        }
        self.providers = resolved
        var domains: [String: DomainInfo] = [:]
        let freeMail = freeMailDomains
        for domain in freeMail.union(resolved.keys) {
            let rule = resolved[domain]
            var isFree = freeMail.contains(domain)
            if !isFree, let rule { isFree = freeMail.contains(rule.canonicalDomain) }
            domains[domain] = DomainInfo(rule: rule, isFreeMail: isFree)
        }
        self.domains = domains
        maxRoleLength = roleLocalParts.map(\.utf8.count).max() ?? 0
        domainsByBytes = ByteKeyTable(domains.map { (key: Array($0.key.utf8), value: $0.value) })
        rolesByBytes = ByteKeyTable(roleLocalParts.map { (key: Array($0.utf8), value: true) })
    }

    /// Non-empty lines that are not `#` comments, trimmed.
    static func dataLines(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r")) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func resourceText(_ name: String, _ ext: String) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext),
            let data = try? Data(contentsOf: url)
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }
}
