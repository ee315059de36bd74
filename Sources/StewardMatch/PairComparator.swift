import StewardModel
import StewardText

/// Compares one field of a candidate pair: the level reached and the similarity measured.
///
/// Multi-valued fields (emails, phones) take the best level over all value pairs. A record without a value gives
/// the ``ComparisonLevel/null`` level (weight 0): a missing value is neither evidence for nor against.
///
/// Levels by method (labels in ``ComparisonMethod/levelLabels(thresholds:)``):
/// - `exact`: equal keys, else different.
/// - `jaro_winkler`, `levenshtein`, `damerau_levenshtein`, `token_set`: equal keys (for `family_name` also equal
///   German transliterations, Müller = Mueller), else the first threshold the similarity reaches, else different.
///   Similarities are computed over the folded key bytes.
/// - `numeric`: numbers parsed from the original text; similarity 1 − relative difference.
/// - `nickname` (given names): equal keys, or equal German transliterations (Jürgen = Juergen = Jurgen); equal
///   through the nickname table (Bob = Robert, Kate = Catherine); Jaro-Winkler thresholds, and a single typo (one
///   insertion, deletion, substitution or transposition in names of four letters or more: Beate = Bwate) at the
///   lowest threshold's level with the Jaro-Winkler similarity measured; one side only an initial that matches the
///   other's first letter; on `given_name`,
///   each record's given name matching the other's family name (swapped columns, "Last, First" read the wrong
///   way); else different.
/// - `email_key`: a shared match key (personal address; a shared role address such as `info@` is its own weak
///   level with similarity 0.5); else a shared corporate (not free-mail) domain (similarity 0.3); else (on
///   `emails`) a corporate mailbox at the other record's organization, its own level (`c.labfort@grouperenault.fr`
///   and "Groupe Renault SAS": the domain's name, hyphens dropped, equals the organization key without spaces, or
///   begins it with five letters or more; also when the record with the organization has no email at all)
///   (similarity 0.3); else different.
///   Two mailboxes of one domain that differ only in trailing digits (`cwolf@`, `cwolf2@`) are different: a
///   company numbers the mailbox of a second employee of the same name.
/// - `phone`: a shared E.164 number (extensions equal or missing on a side); the same number with other
///   extensions (a switchboard: similarity 0.5); else different.
/// - `date`: dates parsed from the original text: equal, day and month transposed, same year and month, else
///   different; unparseable dates count as missing.
struct PairComparator {
    let comparison: Comparison
    let key: ByteColumn
    /// Second view: `.alt` for family names, `.canonical` for nickname, `.ext` for phones, `.raw` otherwise.
    let second: ByteColumn?
    /// Family names, for `nickname` on given names: given and family swapped between the records.
    let family: ByteColumn?
    let lastLevel: UInt8

    /// The columns a comparison reads.
    static func columns(_ comparison: Comparison) -> [ColumnKey] {
        let field = comparison.field
        switch comparison.method {
        case .phone: return [ColumnKey(field, .key), ColumnKey(field, .ext)]
        case .nickname:
            let swap = field == .canonical(.givenName) ? [ColumnKey(.canonical(.familyName), .key)] : []
            return [ColumnKey(field, .key), ColumnKey(field, .canonical)] + swap
        case .date, .numeric: return [ColumnKey(field, .raw)]
        case .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet, .exact:
            if field == .canonical(.familyName) { return [ColumnKey(field, .key), ColumnKey(field, .alt)] }
            return [ColumnKey(field, .key)]
        case .emailKey:
            // Emails also read the organization: a mailbox at the other record's company is a company match.
            return field == .canonical(.emails)
                ? [ColumnKey(field, .key), ColumnKey(.canonical(.organization), .key)] : [ColumnKey(field, .key)]
        }
    }

    init(_ comparison: Comparison, table: RecordTable) {
        self.comparison = comparison
        let columns = Self.columns(comparison)
        key = table.column(columns[0])
        second = columns.count > 1 ? table.column(columns[1]) : nil
        family = columns.count > 2 ? table.column(columns[2]) : nil
        lastLevel = UInt8(comparison.levels.count - 1)
    }

    /// Level and similarity of records `a` and `b`.
    func compare(_ a: Int, _ b: Int) -> (level: UInt8, similarity: Float) {
        let va = key.values(of: a)
        let vb = key.values(of: b)
        if va.isEmpty || vb.isEmpty {
            // A record without an email still has a company: the other's mailbox may lie at its domain.
            if comparison.method == .emailKey, let organization = second, !va.isEmpty || !vb.isEmpty,
                worksAt(va, organization, b) || worksAt(vb, organization, a)
            {
                return (3, 0.3)
            }
            return (ComparisonLevel.null, 0)
        }
        switch comparison.method {
        case .exact:
            return anyEqual(key, va, vb) ? (0, 1) : (lastLevel, 0)
        case .jaroWinkler, .levenshtein, .damerauLevenshtein, .tokenSet:
            if anyEqual(key, va, vb) { return (0, 1) }
            var best = bestSimilarity(key, va, vb)
            if let alt = second {
                let aa = alt.values(of: a)
                let ab = alt.values(of: b)
                if anyEqual(alt, aa, ab) { return (0, 1) }
                best = max(best, bestSimilarity(alt, aa, ab))
            }
            return (graded(best, offset: 1), Float(best))
        case .numeric:
            return numeric(va, vb)
        case .nickname:
            return nickname(a, b, va, vb)
        case .emailKey:
            return email(a, b, va, vb)
        case .phone:
            return phone(va, vb)
        case .date:
            return date(va, vb)
        }
    }

    /// The level of a similarity against the thresholds, graded levels starting at `offset`.
    @inline(__always)
    private func graded(_ similarity: Double, offset: Int) -> UInt8 {
        for (i, threshold) in comparison.thresholds.enumerated() where similarity >= threshold {
            return UInt8(offset + i)
        }
        return lastLevel
    }

    private func metric(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Double {
        switch comparison.method {
        case .levenshtein: return Levenshtein.similarity(x, y)
        case .damerauLevenshtein: return DamerauLevenshtein.similarity(x, y)
        case .tokenSet: return TokenSet.similarity(x, y)
        default: return JaroWinkler.similarity(x, y)
        }
    }

    private func bestSimilarity(_ column: ByteColumn, _ va: Range<Int>, _ vb: Range<Int>) -> Double {
        var best = 0.0
        column.bytes.withUnsafeBufferPointer { all in
            for i in va {
                let x = UnsafeBufferPointer(rebasing: all[column.range(ofValue: i)])
                for j in vb {
                    let y = UnsafeBufferPointer(rebasing: all[column.range(ofValue: j)])
                    best = max(best, metric(x, y))
                }
            }
        }
        return best
    }

    private func anyEqual(_ column: ByteColumn, _ va: Range<Int>, _ vb: Range<Int>) -> Bool {
        for i in va {
            for j in vb where valueEqual(column, i, column, j) { return true }
        }
        return false
    }

    @inline(__always)
    private func valueEqual(_ c1: ByteColumn, _ i: Int, _ c2: ByteColumn, _ j: Int) -> Bool {
        let r1 = c1.range(ofValue: i)
        let r2 = c2.range(ofValue: j)
        guard r1.count == r2.count else { return false }
        return c1.bytes[r1].elementsEqual(c2.bytes[r2])
    }

    private func numeric(_ va: Range<Int>, _ vb: Range<Int>) -> (UInt8, Float) {
        var best = -1.0
        for i in va {
            guard let x = key.withValue(i, { NumericValue.parse($0) }) else { continue }
            for j in vb {
                guard let y = key.withValue(j, { NumericValue.parse($0) }) else { continue }
                best = max(best, 1 - NumericValue.relativeDifference(x, y))
            }
        }
        if best < 0 { return (ComparisonLevel.null, 0) }
        if best >= 1 { return (0, 1) }
        return (graded(best, offset: 1), Float(best))
    }

    private func nickname(_ a: Int, _ b: Int, _ va: Range<Int>, _ vb: Range<Int>) -> (UInt8, Float) {
        if anyEqual(key, va, vb) { return (0, 1) }
        let (transliterated, typo) = key.withValue(va.lowerBound) { x in
            key.withValue(vb.lowerBound) { y in Self.transliterationAndTypo(x, y) }
        }
        if transliterated { return (0, 1) }
        if let canonical = second, anyEqual(canonical, canonical.values(of: a), canonical.values(of: b)) {
            return (1, 0.95)
        }
        let best = bestSimilarity(key, va, vb)
        let level = graded(best, offset: 2)
        if level != lastLevel { return (level, Float(best)) }
        if typo && !comparison.thresholds.isEmpty { return (UInt8(1 + comparison.thresholds.count), Float(best)) }
        // One side an initial ("J" or "J." folds to "j") matching the other's first letter.
        let x = key.range(ofValue: va.lowerBound)
        let y = key.range(ofValue: vb.lowerBound)
        if (x.count == 1 || y.count == 1) && key.bytes[x.lowerBound] == key.bytes[y.lowerBound] {
            return (lastLevel - 2, Float(best))
        }
        if let family, swapped(a, b, family) { return (lastLevel - 1, 0.9) }
        return (lastLevel, Float(best))
    }

    /// Whether two folded given names are equal once German transliterations are undone (`ae`, `oe`, `ue` → `a`,
    /// `o`, `u`: juergen = jurgen), and whether they are one edit apart (optimal string alignment distance 1, the
    /// longer of four bytes or more), on the transliterated forms.
    static func transliterationAndTypo(
        _ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>
    ) -> (equal: Bool, typo: Bool) {
        // Into stack buffers: this runs for every pair whose given names differ.
        func undone(_ s: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
            var n = 0
            for byte in s {
                if byte == UInt8(ascii: "e"), n > 0,
                    out[n - 1] == UInt8(ascii: "a") || out[n - 1] == UInt8(ascii: "o")
                        || out[n - 1] == UInt8(ascii: "u")
                {
                    continue
                }
                out[n] = byte
                n += 1
            }
            return n
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(x.count, 1)) { ub in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(y.count, 1)) { vb in
                let u = UnsafeBufferPointer(rebasing: ub[0..<undone(x, into: ub)])
                let v = UnsafeBufferPointer(rebasing: vb[0..<undone(y, into: vb)])
                if u.elementsEqual(v) { return (true, false) }
                guard max(u.count, v.count) >= 4, abs(u.count - v.count) <= 1 else { return (false, false) }
                return (false, DamerauLevenshtein.distance(u, v) == 1)
            }
        }
    }

    /// Record a's given name is b's family name and the other way round (Jaro-Winkler ≥ 0.9 both ways).
    private func swapped(_ a: Int, _ b: Int, _ family: ByteColumn) -> Bool {
        let fa = family.values(of: a)
        let fb = family.values(of: b)
        guard let ga = key.values(of: a).first, let gb = key.values(of: b).first, let fa = fa.first,
            let fb = fb.first
        else { return false }
        func similar(_ c1: ByteColumn, _ i: Int, _ c2: ByteColumn, _ j: Int) -> Bool {
            c1.withValue(i) { x in c2.withValue(j) { y in JaroWinkler.similarity(x, y) >= 0.9 } }
        }
        return similar(key, ga, family, fb) && similar(family, fa, key, gb)
    }

    private func email(_ a: Int, _ b: Int, _ va: Range<Int>, _ vb: Range<Int>) -> (UInt8, Float) {
        var roleMatch = false
        var domainMatch = false
        var numbered = false
        for i in va {
            for j in vb {
                if valueEqual(key, i, key, j) {
                    if key.flag(i).contains(.role) { roleMatch = true } else { return (0, 1) }
                } else if !key.flag(i).contains(.freeMail) && sameDomain(i, j) {
                    // s.thomas2@ beside s.thomas@: the company numbered a second mailbox for a namesake.
                    if numberedNamesake(i, j) { numbered = true } else { domainMatch = true }
                }
            }
        }
        if roleMatch { return (1, 0.5) }
        if domainMatch { return (2, 0.3) }
        if numbered { return (lastLevel, 0) }
        if let organization = second, worksAt(va, organization, b) || worksAt(vb, organization, a) {
            return (3, 0.3)
        }
        return (lastLevel, 0)
    }

    /// Whether one of the corporate mailbox keys `emails` lies at the domain of record `record`'s organization.
    private func worksAt(_ emails: Range<Int>, _ organization: ByteColumn, _ record: Int) -> Bool {
        guard let company = organization.values(of: record).first else { return false }
        return key.bytes.withUnsafeBufferPointer { all in
            organization.withValue(company) { name in
                emails.contains { i in
                    !key.flag(i).contains(.freeMail)
                        && Self.domainNames(UnsafeBufferPointer(rebasing: all[key.range(ofValue: i)]), company: name)
                }
            }
        }
    }

    /// Whether the name of an address's domain (`grouperenault` in `c.labfort@grouperenault.fr`, `lakeshorefoods`
    /// in `x@mail.lakeshore-foods.co.uk`: the label before the public suffix, hyphens dropped) names the company
    /// key `company` (`groupe renault`) once its spaces are dropped: equal, or its first five letters or more.
    static let secondLevelSuffixes: [[UInt8]] = ["co", "com", "org", "net", "ac", "gov", "gouv"].map { Array($0.utf8) }

    static func domainNames(_ address: UnsafeBufferPointer<UInt8>, company: UnsafeBufferPointer<UInt8>) -> Bool {
        // On the bytes in place: this runs for every pair whose mailboxes differ.
        guard let at = address.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let dot = UInt8(ascii: ".")
        // The label before the last dot (the top-level domain), or the one before a second-level suffix.
        guard var end = address[(at + 1)...].lastIndex(of: dot) else { return false }
        var start = address[(at + 1)..<end].lastIndex(of: dot).map { $0 + 1 } ?? at + 1
        if start > at + 1, secondLevelSuffixes.contains(where: { address[start..<end].elementsEqual($0) }) {
            end = start - 1
            start = address[(at + 1)..<end].lastIndex(of: dot).map { $0 + 1 } ?? at + 1
        }
        // Walk the domain's name (hyphens skipped) along the company key (spaces and hyphens skipped).
        func skipped(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") }
        var d = start
        var c = 0
        var matched = 0
        while true {
            while d < end && skipped(address[d]) { d += 1 }
            while c < company.count && skipped(company[c]) { c += 1 }
            guard d < end, c < company.count else { break }
            guard address[d] == company[c] else { return false }
            matched += 1
            d += 1
            c += 1
        }
        while c < company.count && skipped(company[c]) { c += 1 }
        guard d == end, matched >= 3 else { return false }
        // Equal, or the domain's name begins a longer company key with five letters or more.
        return c == company.count || matched >= 5
    }

    /// Whether two mailboxes of one domain differ only in trailing digits of the local part (`cwolf@`,
    /// `cwolf2@`): the way a company names the mailbox of a second employee of the same name.
    private func numberedNamesake(_ i: Int, _ j: Int) -> Bool {
        func local(_ range: Range<Int>) -> (stem: ArraySlice<UInt8>, digits: Int) {
            var end = range.lowerBound
            while end < range.upperBound && key.bytes[end] != UInt8(ascii: "@") { end += 1 }
            var stem = end
            while stem > range.lowerBound && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(key.bytes[stem - 1]) {
                stem -= 1
            }
            return (key.bytes[range.lowerBound..<stem], end - stem)
        }
        let x = local(key.range(ofValue: i))
        let y = local(key.range(ofValue: j))
        return x.digits != y.digits && !x.stem.isEmpty && x.stem.elementsEqual(y.stem)
    }

    /// Whether two email keys share the part after `@`.
    private func sameDomain(_ i: Int, _ j: Int) -> Bool {
        func domain(_ range: Range<Int>) -> Range<Int> {
            var at = range.upperBound
            while at > range.lowerBound && key.bytes[at - 1] != UInt8(ascii: "@") { at -= 1 }
            return at..<range.upperBound
        }
        let x = domain(key.range(ofValue: i))
        let y = domain(key.range(ofValue: j))
        return !x.isEmpty && x.count == y.count && key.bytes[x].elementsEqual(key.bytes[y])
    }

    private func phone(_ va: Range<Int>, _ vb: Range<Int>) -> (UInt8, Float) {
        var otherExtension = false
        for i in va {
            for j in vb where valueEqual(key, i, key, j) {
                guard let ext = second else { return (0, 1) }
                let xi = ext.range(ofValue: i)
                let yj = ext.range(ofValue: j)
                if xi.isEmpty || yj.isEmpty || valueEqual(ext, i, ext, j) { return (0, 1) }
                otherExtension = true
            }
        }
        return otherExtension ? (1, 0.5) : (lastLevel, 0)
    }

    private func date(_ va: Range<Int>, _ vb: Range<Int>) -> (UInt8, Float) {
        var best: UInt8 = ComparisonLevel.null
        for i in va {
            guard let x = key.withValue(i, { DateValue.parse($0) }) else { continue }
            for j in vb {
                guard let y = key.withValue(j, { DateValue.parse($0) }) else { continue }
                let level: UInt8
                switch DateValue.compare(x, y) {
                case .exact: level = 0
                case .transposed: level = 1
                case .sameYearMonth: level = 2
                case .sameYear, .different: level = 3
                }
                best = best == ComparisonLevel.null ? level : min(best, level)
            }
        }
        let similarity: [Float] = [1, 0.9, 0.5, 0]
        return best == ComparisonLevel.null ? (best, 0) : (best, similarity[Int(best)])
    }
}
