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
        var raw = raw
        raw.makeContiguousUTF8()
        let fast = raw.utf8.withContiguousStorageIfAvailable { asciiKey($0) }
        switch fast {
        case .some(.some(let result)): return result
        default: return generalKey(raw)
        }
    }

    /// ``key(_:)`` on `String`s and `Substring`s: the reference implementation, used when the folded name is not
    /// ASCII (suffixes glued to non-Latin words, canonical equivalence) or folding needs the Unicode properties.
    func generalKey(_ raw: String) -> String? {
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

    /// The byte-level ``key(_:)``: `.some(key)` when the folded name is ASCII, `.none` to ask ``generalKey(_:)``.
    /// Ampersands, folding (``TextFolding`` on the UTF-8 bytes), joined initials, placeholders, `the` and the
    /// legal suffixes (``CompanyTables/suffixesByBytes``) all work in one temporary buffer; the result string is
    /// the only allocation (none when it fits in 15 bytes).
    /// - Returns: `nil` to fall back, `.some(nil)` for "no key", `.some(key)` otherwise.
    private func asciiKey(_ raw: UnsafeBufferPointer<UInt8>) -> String?? {
        let n = raw.count
        // `&` → ` and ` grows 1 byte into 5 (the replaced text, later reused for the joined tokens), and the
        // folded text is at most as long as the replaced one.
        let capacity = 10 * n + 8
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> String?? in
            guard let base = buffer.baseAddress else { return .none }
            // 1. `&amp;` → `&`, `&` → ` and ` (``replacingAmpersands(_:)``).
            let replaced = base
            var r = 0
            var i = 0
            while i < n {
                let b = raw[i]
                guard b == UInt8(ascii: "&") else {
                    replaced[r] = b
                    r += 1
                    i += 1
                    continue
                }
                for c in " and ".utf8 {
                    replaced[r] = c
                    r += 1
                }
                if i + 4 < n, raw[i + 4] == UInt8(ascii: ";"), raw[i + 1] | 0x20 == UInt8(ascii: "a"),
                    raw[i + 2] | 0x20 == UInt8(ascii: "m"), raw[i + 3] | 0x20 == UInt8(ascii: "p")
                {
                    i += 5
                } else {
                    i += 1
                }
            }
            // 2. Folding: single spaces between tokens, none at the ends.
            let folded = base + 5 * n + 4
            guard
                let f = TextFolding.foldUTF8(
                    UnsafeBufferPointer(start: replaced, count: r), german: false,
                    into: UnsafeMutableBufferPointer(start: folded, count: r))
            else { return .none }
            for k in 0..<f where folded[k] >= 0x80 { return .none }
            // 3. Tokens, with runs of one-character tokens joined (``joiningInitials(_:)``), into `joined`;
            //    token `t` is `joined[starts[t]..<ends[t]]`, tokens are separated by single spaces.
            let joined = replaced  // the replaced text is no longer needed
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (f / 2 + 1)) { bounds -> String?? in
                guard let starts = bounds.baseAddress else { return .none }
                let ends = starts + (f / 2 + 1)
                var count = 0
                var j = 0
                var previousSingle = false
                var k = 0
                while k < f {
                    var e = k
                    while e < f && folded[e] != 0x20 { e += 1 }
                    let single = e - k == 1
                    if single && previousSingle {
                        joined[j] = folded[k]
                        j += 1
                        ends[count - 1] = j
                    } else {
                        if count > 0 {
                            joined[j] = 0x20
                            j += 1
                        }
                        starts[count] = j
                        for m in k..<e { joined[j + m - k] = folded[m] }
                        j += e - k
                        ends[count] = j
                        count += 1
                    }
                    previousSingle = single
                    k = e + 1
                }
                @inline(__always) func token(_ t: Int) -> UnsafeBufferPointer<UInt8> {
                    UnsafeBufferPointer(start: joined + starts[t], count: ends[t] - starts[t])
                }
                @inline(__always) func isWord(_ t: Int, _ word: StaticString) -> Bool {
                    let w = word.utf8Start
                    guard ends[t] - starts[t] == word.utf8CodeUnitCount else { return false }
                    for m in 0..<word.utf8CodeUnitCount where joined[starts[t] + m] != w[m] { return false }
                    return true
                }
                // Nothing, or only the "and" an ampersand became.
                var onlyAnd = true
                for t in 0..<count where !isWord(t, "and") {
                    onlyAnd = false
                    break
                }
                if onlyAnd { return .some(nil) }
                if count <= 3, tables.placeholdersByBytes.contains(UnsafeBufferPointer(start: joined, count: j)) {
                    return .some(nil)
                }
                var first = 0
                var last = count - 1
                if count > 1 && isWord(0, "the") { first = 1 }
                // 4. Legal suffixes from the end, longest first, never down to nothing.
                while let candidates = tables.suffixesByBytes.value(for: token(last)) {
                    let remaining = last - first + 1
                    var length = 0
                    for suffix in candidates where suffix.count <= remaining {
                        var equal = true
                        for (offset, word) in suffix.enumerated() {
                            let t = token(last - suffix.count + 1 + offset)
                            if !t.elementsEqual(word) {
                                equal = false
                                break
                            }
                        }
                        if equal {
                            length = suffix.count
                            break
                        }
                    }
                    guard length > 0, length < remaining else { break }
                    last -= length
                }
                let start = starts[first]
                return .some(
                    String(
                        decoding: UnsafeBufferPointer(start: joined + start, count: ends[last] - start), as: UTF8.self))
            }
        }
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
    /// ``suffixesByLastToken`` keyed and valued by UTF-8 bytes, for the byte-level path.
    var suffixesByBytes: ByteKeyTable<[[[UInt8]]]>
    /// ``placeholders`` keyed by UTF-8 bytes.
    var placeholdersByBytes: ByteKeyTable<Bool>

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
        suffixesByBytes = ByteKeyTable(
            suffixesByLastToken.map { (key: Array($0.key.utf8), value: $0.value.map { $0.map { Array($0.utf8) } }) })
        placeholdersByBytes = ByteKeyTable(placeholders.map { (key: Array($0.utf8), value: true) })
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
