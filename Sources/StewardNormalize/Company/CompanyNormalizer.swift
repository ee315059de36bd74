import Foundation
import StewardText

/// Match key of a company name: the name without its legal form, a leading "The", punctuation, case and
/// diacritics, so that spellings of one organization compare equal.
///
/// Contract of ``key(_:)``, in order:
/// 1. `&amp;` is read as `&`, and `&` as the word "and", so `Procter & Gamble` and `Procter and Gamble` key alike.
///    Decision for `AT&T`: the key is `at and t`, which `AT and T` and `A.T. & T.` share (`ATT` does not).
/// 2. Case and diacritic folding by `TextFolding.foldedKey(_:)` (`Müller` → `muller`; punctuation and spaces become
///    single spaces, apostrophes vanish: `McDonald's` → `mcdonalds`).
/// 3. Runs of two or more single-letter or single-digit words are joined: `I.B.M.` → `ibm` (as `IBM`),
///    `J. P. Morgan` → `jp morgan`, `S.p.A.` → `spa`.
/// 4. A leading `the` is dropped when something follows it.
/// 5. Legal-form suffixes from `legal-suffixes.tsv` (Inc, LLC, Ltd, GmbH, GmbH & Co. KG, S.A., S.p.A., Co., Ltd.,
///    A/S, Oy, AB, plc, N.V., Pty Ltd, …, folded the same way) are removed **from the end only**, longest first and
///    repeatedly (`Acme Corp., Inc.` → `acme`), so `Foo Holdings Ltd.` keeps `holdings`: the table lists legal
///    forms, not generic words. Suffixes in scripts without spaces (`株式会社`) are also removed when glued to the
///    last word (`トヨタ自動車株式会社` → `トヨタ自動車`).
/// 6. **A name is never stripped to nothing**: when the longest legal form found at the end is the whole remaining
///    name, stripping stops, so `Inc.` → `inc` and `GmbH & Co. KG` → `gmbh and co kg`.
///
/// Returns `nil` for empty input, input with no letter or digit, and placeholders (`n/a`, `none`, `unknown`,
/// `-`, `self-employed`, …). Not handled: legal forms written before the name (`PT`, `ООО`, `株式会社トヨタ`),
/// translated connectives (`und`, `et`, `y` are not `and`), qualifiers in parentheses (`Acme (Europe)`), and
/// abbreviations of ordinary words (`Intl`, `Mfg`).
public struct CompanyNormalizer: Sendable {
    let tables: CompanyTables

    /// A normalizer over the shared, lazily loaded suffix table.
    public init() {
        tables = CompanyTables.shared
    }

    /// The match key of `raw` (`The ACME Corporation` → `acme`), or `nil` when nothing is left.
    /// - Complexity: O(n) in the length of the name, with a dictionary look-up per stripped suffix.
    public func key(_ raw: String) -> String? {
        let folded = TextFolding.foldedKey(Self.replacingAmpersands(raw))
        var tokens = Self.joiningInitials(folded.split(separator: " "))
        // Nothing, or only the "and" an ampersand became.
        guard tokens.contains(where: { $0 != "and" }) else { return nil }
        if tokens.count <= 3, tables.placeholders.contains(tokens.joined(separator: " ")) { return nil }
        if tokens.count > 1 && tokens[0] == "the" { tokens.removeFirst() }
        while true {
            if let length = tables.longestSuffix(of: tokens) {
                // Never strip to nothing: a name that is only a legal form keeps it.
                guard length < tokens.count else { break }
                tokens.removeLast(length)
            } else if let last = tokens.last, let trimmed = tables.strippingGluedSuffix(last) {
                tokens[tokens.count - 1] = trimmed
            } else {
                break
            }
        }
        return tokens.joined(separator: " ")
    }

    /// `&amp;` → `&`, then `&` → ` and `.
    /// - Complexity: O(n) over the UTF-8 bytes; returns `s` itself when it has no `&`.
    static func replacingAmpersands(_ s: String) -> String {
        let ampersand = UInt8(ascii: "&")
        guard s.utf8.contains(ampersand) else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == ampersand else {
                out.append(bytes[i])
                i += 1
                continue
            }
            out.append(contentsOf: " and ".utf8)
            // `&amp;` (an HTML entity left in an export) is one ampersand.
            if i + 4 < bytes.count, bytes[i + 4] == UInt8(ascii: ";"),
                bytes[(i + 1)..<(i + 4)].map({ $0 | 0x20 }) == Array("amp".utf8)
            {
                i += 5
            } else {
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Joins runs of two or more one-character ASCII letter/digit tokens (`i b m` → `ibm`).
    static func joiningInitials(_ tokens: [Substring]) -> [Substring] {
        var result: [Substring] = []
        result.reserveCapacity(tokens.count)
        var run = ""
        var runLength = 0
        func flush() {
            if runLength > 0 { result.append(Substring(run)) }
            run = ""
            runLength = 0
        }
        for token in tokens {
            if token.utf8.count == 1, let b = token.utf8.first, b < 0x80 {
                run.append(Character(Unicode.Scalar(b)))
                runLength += 1
            } else {
                flush()
                result.append(token)
            }
        }
        flush()
        return result
    }
}

/// The legal-suffix table of ``CompanyNormalizer``, loaded once from `legal-suffixes.tsv`.
struct CompanyTables: Sendable {
    /// Folded suffixes (as token lists) by their last token, longest first.
    var suffixesByLastToken: [String: [[String]]]
    /// Suffixes written without spaces in non-Latin scripts (`株式会社`), longest first.
    var gluedSuffixes: [String]
    /// Folded keys that mean "no company".
    var placeholders: Set<String>

    static let shared: CompanyTables = {
        guard let url = Bundle.module.url(forResource: "legal-suffixes", withExtension: "tsv"),
            let data = try? Data(contentsOf: url)
        else { return CompanyTables(tsv: "") }
        return CompanyTables(tsv: String(decoding: data, as: UTF8.self))
    }()

    static let placeholderSpellings = [
        "n/a", "n.a.", "na", "none", "null", "nil", "unknown", "tbd", "not applicable", "no company", "-",
        "self-employed", "self employed", "private", "privat", "individual", "keine", "ohne",
    ]

    init(tsv: String) {
        var byLast: [String: Set<[String]>] = [:]
        var glued: Set<String> = []
        var header = true
        for line in tsv.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) where !line.hasPrefix("#") {
            if header {
                header = false
                continue
            }
            guard let cell = line.split(separator: "\t", omittingEmptySubsequences: false).first else { continue }
            let tokens = CompanyNormalizer.joiningInitials(
                TextFolding.foldedKey(CompanyNormalizer.replacingAmpersands(String(cell))).split(separator: " ")
            ).map(String.init)
            guard let last = tokens.last else { continue }
            byLast[last, default: []].insert(tokens)
            if tokens.count == 1, last.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) { glued.insert(last) }
        }
        suffixesByLastToken = byLast.mapValues { $0.sorted { $0.count > $1.count } }
        gluedSuffixes = glued.sorted { $0.count > $1.count }
        placeholders = Set(
            Self.placeholderSpellings.map {
                CompanyNormalizer.joiningInitials(TextFolding.foldedKey($0).split(separator: " ")).joined(
                    separator: " ")
            })
    }

    /// Token count of the longest legal suffix at the end of `tokens`, or `nil`.
    func longestSuffix(of tokens: [Substring]) -> Int? {
        guard let last = tokens.last, let candidates = suffixesByLastToken[String(last)] else { return nil }
        for suffix in candidates where suffix.count <= tokens.count {
            if zip(suffix, tokens.suffix(suffix.count)).allSatisfy({ $0 == $1 }) { return suffix.count }
        }
        return nil
    }

    /// `token` without a glued suffix (`トヨタ自動車株式会社` → `トヨタ自動車`), or `nil` when none ends it or
    /// nothing would be left.
    func strippingGluedSuffix(_ token: Substring) -> Substring? {
        for suffix in gluedSuffixes where token.count > suffix.count && token.hasSuffix(suffix) {
            return token.dropLast(suffix.count)
        }
        return nil
    }
}
