import StewardModel

/// A faithful port of libphonenumber's `PhoneNumberUtil.parseHelper` (as in the Python port `phonenumbers`
/// 9.0.x `_parse`), over Unicode scalars and digit values, driven by `PhoneMetadata`.
///
/// Steps, each named after the libphonenumber function it mirrors: `buildNationalNumberForParsing` (RFC 3966
/// `tel:`/`phone-context`/`isub`, else `extractPossibleNumber`), `isViablePhoneNumber`, `checkRegionForParsing`,
/// `maybeStripExtension`, `maybeExtractCountryCode` (plus signs, the region's IDD, the "starts with the default
/// country code" rule), `maybeStripNationalPrefixAndCarrierCode` with the transform rule and the viability guard,
/// and `testNumberLength`. Not ported: `keepRawInput` bookkeeping (carrier code, country-code source).
///
/// All work happens in two scratch buffers allocated once per call on the stack (`withUnsafeTemporaryAllocation`),
/// sized from the input; the only heap allocations are the result strings.
struct PhoneParser: Sendable {
    enum Length {
        case possible, tooShort, tooLong, invalidLength, localOnly
    }

    /// What to do after libphonenumber's parse succeeded.
    enum Policy {
        /// Return what libphonenumber's `parse` returns.
        case library
        /// Steward: keep only valid numbers and numbers of a possible length.
        case steward
    }

    typealias Failure = PhoneNormalizer.Failure
    typealias Digits = UnsafeBufferPointer<UInt8>
    typealias Scalars = UnsafeBufferPointer<UInt32>

    let metadata: PhoneMetadata

    static let maxInputLength = 250
    static let minNSN = 2
    static let maxNSN = 17

    // MARK: - parse

    func parse(_ raw: String, defaultRegion: String?, policy: Policy) -> Result<NormalizedPhone, Failure> {
        if raw.utf8.count > 4 * Self.maxInputLength { return .failure(.tooLong) }
        var text = raw
        return text.withUTF8 { parse(utf8: $0, defaultRegion, policy) }
    }

    private func parse(
        utf8: UnsafeBufferPointer<UInt8>, _ defaultRegion: String?, _ policy: Policy
    ) -> Result<
        NormalizedPhone, Failure
    > {
        let n = utf8.count
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2 * n + 2) { sbuf in
            // Decode UTF-8 (input is valid: it comes from a String).
            var count = 0
            var i = 0
            while i < n {
                let b = UInt32(utf8[i])
                var v = b
                if b < 0x80 {
                    i += 1
                } else if b < 0xE0 {
                    v = (b & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                    i += 2
                } else if b < 0xF0 {
                    v = (b & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                    i += 3
                } else {
                    v =
                        (b & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                        | UInt32(utf8[i + 3] & 0x3F)
                    i += 4
                }
                sbuf[count] = v
                count += 1
            }
            if count > Self.maxInputLength { return .failure(.tooLong) }
            let scalars = Scalars(rebasing: sbuf[0..<count])
            let natOut = UnsafeMutableBufferPointer(rebasing: sbuf[(n + 1)...])
            guard let natCount = nationalNumberForParsing(scalars, into: natOut) else { return .failure(.notANumber) }
            let national = Scalars(rebasing: natOut[0..<natCount])
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * (natCount + 8)) { dbuf in
                parse(national: national, scalars: scalars, dbuf, defaultRegion, policy)
            }
        }
    }

    private func parse(
        national: Scalars, scalars: Scalars, _ dbuf: UnsafeMutableBufferPointer<UInt8>, _ defaultRegion: String?,
        _ policy: Policy
    ) -> Result<NormalizedPhone, Failure> {
        guard isViable(national, end: national.count) else {
            return .failure(scalars.contains(where: PhoneCharacters.isDigit) ? .notANumber : .noDigits)
        }
        let region = regionIndex(defaultRegion)
        if region == nil && !PhoneCharacters.isPlus(national[0]) {
            guard let name = defaultRegion else { return .failure(.noRegion) }
            return .failure(.unknownRegion(name))
        }
        // Extension first (it needs no region data).
        var end = national.count
        var extensionRange: Range<Int>?
        if let tail = PhoneExtensionMatcher.tail(national, end: end),
            let start = PhoneExtensionMatcher.leftmostStart(national, end: end, tail: tail),
            isViable(national, end: start)
        {
            extensionRange = tail.digitStart..<tail.digitEnd
            end = start
        }
        let number = Scalars(rebasing: national[0..<end])
        let m = national.count + 8
        let seg0 = UnsafeMutableBufferPointer(rebasing: dbuf[0..<m])
        let seg1 = UnsafeMutableBufferPointer(rebasing: dbuf[m..<(2 * m)])
        let seg2 = UnsafeMutableBufferPointer(rebasing: dbuf[(2 * m)..<(3 * m)])
        var countryCode: Int
        var nsn: Digits
        switch extractCountryCode(number, region: region, seg0, seg1) {
        case .success(let r): (countryCode, nsn) = r
        case .failure(.unknownCountryCode) where PhoneCharacters.isPlus(number[0]):
            var k = 0
            while k < number.count && PhoneCharacters.isPlus(number[k]) { k += 1 }
            switch extractCountryCode(Scalars(rebasing: number[k...]), region: region, seg0, seg1) {
            case .success(let r): (countryCode, nsn) = r
            case .failure(let f): return .failure(f)
            }
            if countryCode == 0 { return .failure(.unknownCountryCode) }
        case .failure(let f): return .failure(f)
        }
        let metaIndex: Int
        if countryCode != 0 {
            guard let main = mainRegion(countryCode) else { return .failure(.unknownCountryCode) }
            metaIndex = main
        } else {
            guard let region else { return .failure(.noRegion) }
            metaIndex = region
            // extractCountryCode returned the normalized number when it found no country code.
            countryCode = Int(metadata.cores[region].countryCode)
        }
        guard nsn.count >= Self.minNSN else { return .failure(.tooShort) }
        let stripped = stripNationalPrefix(nsn, metaIndex, into: seg2)
        switch testLength(stripped.count, metaIndex) {
        case .tooShort, .localOnly, .invalidLength: break
        case .possible, .tooLong: nsn = stripped
        }
        guard nsn.count >= Self.minNSN else { return .failure(.tooShort) }
        guard nsn.count <= Self.maxNSN else { return .failure(.tooLong) }

        if policy == .steward {
            // The length test uses the calling code's main region (US for +1); a number valid for another
            // region of the code (a 7-digit Canadian service number) is kept.
            let length = testLength(nsn.count, metaIndex)
            if length != .possible && !isValid(countryCode: countryCode, nationalNumber: nsn) {
                switch length {
                case .possible, .tooShort: return .failure(.tooShort)
                case .tooLong: return .failure(.tooLong)
                case .invalidLength: return .failure(.invalidLength)
                case .localOnly: return .failure(.localNumberOnly)
                }
            }
        }
        var regionCode: String?
        if let r = regionIndex(countryCode: countryCode, nationalNumber: nsn), metadata.cores[r].isGeographic {
            regionCode = metadata.regions[r].code
        }
        var ext: String?
        if let range = extensionRange {
            ext = String(unsafeUninitializedCapacity: range.count) { out in
                for (k, i) in range.enumerated() { out[k] = 48 + (PhoneCharacters.digitValue(national[i]) ?? 0) }
                return range.count
            }
        }
        return .success(NormalizedPhone(e164: Self.e164(countryCode, nsn), extension: ext, region: regionCode))
    }

    /// `+` country code, national number.
    static func e164(_ countryCode: Int, _ nsn: Digits) -> String {
        String(unsafeUninitializedCapacity: nsn.count + 4) { out in
            out[0] = UInt8(ascii: "+")
            var k = 1
            if countryCode >= 100 {
                out[k] = UInt8(48 + countryCode / 100)
                k += 1
            }
            if countryCode >= 10 {
                out[k] = UInt8(48 + countryCode / 10 % 10)
                k += 1
            }
            out[k] = UInt8(48 + countryCode % 10)
            k += 1
            for d in nsn {
                out[k] = 48 + d
                k += 1
            }
            return k
        }
    }

    /// Index of a geographic region given as ISO 3166 alpha-2 (any case); nil when unknown.
    func regionIndex(_ code: String?) -> Int? {
        guard let code,
            let (a, b) = code.utf8.withContiguousStorageIfAvailable({ p -> (UInt8, UInt8)? in
                p.count == 2 ? (p[0], p[1]) : nil
            }) ?? nil
        else { return nil }
        let x = (a & 0xDF) &- 65
        let y = (b & 0xDF) &- 65
        guard x < 26, y < 26, (a | 0x20) &- 97 < 26, (b | 0x20) &- 97 < 26 else { return nil }
        let r = metadata.regionByLetters[Int(x) * 26 + Int(y)]
        return r < 0 ? nil : Int(r)
    }

    @inline(__always)
    func mainRegion(_ countryCode: Int) -> Int? {
        guard countryCode < 1000, metadata.ccCount[countryCode] > 0 else { return nil }
        return Int(metadata.ccRegions[Int(metadata.ccStart[countryCode])])
    }

    // MARK: - Steps

    private static let phoneContext: [UInt32] = Array(";phone-context=".unicodeScalars.map(\.value))
    private static let telPrefix: [UInt32] = Array("tel:".unicodeScalars.map(\.value))
    private static let isub: [UInt32] = Array(";isub=".unicodeScalars.map(\.value))

    /// First occurrence of `needle` (whose first character is `;` or `t`) in `hay`.
    private static func find(_ needle: [UInt32], in hay: Scalars) -> Int? {
        guard let first = needle.first, hay.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var k = 1
                while k < needle.count && hay[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `buildNationalNumberForParsing` into `out` (capacity ≥ input count); nil when the RFC 3966 phone-context is
    /// invalid. Returns the length written.
    func nationalNumberForParsing(_ s: Scalars, into out: UnsafeMutableBufferPointer<UInt32>) -> Int? {
        var count = 0
        let hasSemicolon = s.contains(0x3B)
        if hasSemicolon, let contextIndex = Self.find(Self.phoneContext, in: s) {
            let start = contextIndex + Self.phoneContext.count
            var stop = start
            while stop < s.count && s[stop] != 0x3B { stop += 1 }
            let context = Scalars(rebasing: s[min(start, s.count)..<max(stop, min(start, s.count))])
            guard Self.isValidPhoneContext(context) else { return nil }
            if context[0] == 0x2B {
                for c in context {
                    out[count] = c
                    count += 1
                }
            }
            let from = Self.find(Self.telPrefix, in: s).map { $0 + Self.telPrefix.count } ?? 0
            if from < contextIndex {
                for c in s[from..<contextIndex] {
                    out[count] = c
                    count += 1
                }
            }
        } else {
            let range = Self.possibleNumberRange(s)
            for c in s[range] {
                out[count] = c
                count += 1
            }
        }
        if hasSemicolon, let isubIndex = Self.find(Self.isub, in: Scalars(rebasing: out[0..<count])), isubIndex > 0 {
            count = isubIndex
        }
        return count
    }

    /// RFC 3966 `global-number-digits` or `domainname`, as libphonenumber checks them.
    static func isValidPhoneContext(_ c: Scalars) -> Bool {
        guard !c.isEmpty else { return false }
        if c[0] == 0x2B {
            var digits = 0
            for ch in c.dropFirst() {
                if PhoneCharacters.isDigit(ch) {
                    digits += 1
                } else if !(ch == 0x2D || ch == 0x2E || ch == 0x28 || ch == 0x29) {
                    return false
                }
            }
            return digits > 0
        }
        var labels = Array(c).split(separator: 0x2E, omittingEmptySubsequences: false)
        if labels.count > 1 && labels.last?.isEmpty == true { labels.removeLast() }
        for (k, label) in labels.enumerated() {
            guard let first = label.first, let last = label.last else { return false }
            let alnum = { (x: UInt32) in PhoneCharacters.isASCIILetter(x) || PhoneCharacters.isDigit(x) }
            guard alnum(last), label.allSatisfy({ alnum($0) || $0 == 0x2D }) else { return false }
            if k == labels.count - 1 {
                guard PhoneCharacters.isASCIILetter(first) else { return false }
            } else {
                guard alnum(first) else { return false }
            }
        }
        return true
    }

    /// `extractPossibleNumber`: from the first `+` or digit, without trailing junk, cut before a second number
    /// (`/ x…`).
    static func possibleNumberRange(_ s: Scalars) -> Range<Int> {
        var start = 0
        while start < s.count && !(PhoneCharacters.isASCIIDigit(s[start]) || s[start] == 0x2B) {
            if s[start] >= 0x80 && (PhoneCharacters.isPlus(s[start]) || PhoneCharacters.isDigit(s[start])) { break }
            start += 1
        }
        guard start < s.count else { return 0..<0 }
        var end = s.count
        while end > start {
            let c = s[end - 1]
            if c == 0x5F || (c != 0x23 && !PhoneCharacters.isAlphanumeric(c)) { end -= 1 } else { break }
        }
        var i = start
        while i < end {
            if s[i] == 0x5C || s[i] == 0x2F {
                var k = i + 1
                while k < end && s[k] == 0x20 { k += 1 }
                if k < end && s[k] == 0x78 {
                    end = i
                    break
                }
            }
            i += 1
        }
        return start..<end
    }

    /// `isViablePhoneNumber` on `t[0..<end]`: `VALID_PHONE_NUMBER_PATTERN` as a full match.
    func isViable(_ t: Scalars, end: Int) -> Bool {
        guard end >= 2 else { return false }
        if end == 2 && PhoneCharacters.isDigit(t[0]) && PhoneCharacters.isDigit(t[1]) { return true }
        var i = 0
        while i < end && PhoneCharacters.isPlus(t[i]) { i += 1 }
        var digits = 0
        while digits < 3 {
            guard i < end else { return false }
            let c = t[i]
            if PhoneCharacters.isDigit(c) {
                digits += 1
            } else if !(PhoneCharacters.isPunctuation(c) || c == 0x2A) {
                return false
            }
            i += 1
        }
        let afterThird = i
        while i < end {
            let c = t[i]
            if !PhoneCharacters.isViableBody(c) { break }
            i += 1
        }
        if i == end { return true }
        // The rest must be an extension starting somewhere in afterThird...i.
        let prefix = Scalars(rebasing: t[0..<end])
        guard let tail = PhoneExtensionMatcher.tail(prefix, end: end) else { return false }
        var p = afterThird
        while p <= i {
            if PhoneExtensionMatcher.fullMatch(prefix, from: p, end: end, tail: tail) { return true }
            p += 1
        }
        return false
    }

    /// libphonenumber `normalize` into `out`: vanity letters become keypad digits when there are at least three
    /// ASCII letters (`VALID_ALPHA_PHONE_PATTERN`); otherwise only digits are kept (any script, as values 0…9).
    /// Returns the count written (≤ `t.count`).
    func normalize(_ t: Scalars, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var letters = 0
        var newline = false
        for c in t {
            if PhoneCharacters.isASCIILetter(c) { letters += 1 } else if c == 0x0A { newline = true }
        }
        var k = 0
        if letters >= 3 && !newline {
            for c in t {
                if PhoneCharacters.isASCIIDigit(c) {
                    out[k] = UInt8(c &- 0x30)
                    k += 1
                } else if PhoneCharacters.isASCIILetter(c) {
                    out[k] = PhoneCharacters.keypadValue(c)
                    k += 1
                } else if c == 0x131 || c == 0x17F {  // Python: "ı".upper() == "I", "ſ".upper() == "S"
                    out[k] = c == 0x131 ? 4 : 7
                    k += 1
                }
            }
        } else {
            for c in t {
                if let v = PhoneCharacters.digitValue(c) {
                    out[k] = v
                    k += 1
                }
            }
        }
        return k
    }

    /// `maybeExtractCountryCode`: (country code, national number), or (0, the whole number normalized) when the
    /// number carries none (libphonenumber normalizes it again; the result is the same).
    /// `full` and `work` are scratch buffers (capacity ≥ number.count + 8); the result points into them.
    func extractCountryCode(
        _ number: Scalars, region: Int?, _ fullBuffer: UnsafeMutableBufferPointer<UInt8>,
        _ work: UnsafeMutableBufferPointer<UInt8>
    ) -> Result<(Int, Digits), Failure> {
        guard !number.isEmpty else { return .success((0, Digits(start: nil, count: 0))) }
        var full: Digits
        var international = false
        if PhoneCharacters.isPlus(number[0]) {
            var k = 0
            while k < number.count && PhoneCharacters.isPlus(number[k]) { k += 1 }
            let count = normalize(Scalars(rebasing: number[k...]), into: fullBuffer)
            full = Digits(rebasing: fullBuffer[0..<count])
            international = true
        } else {
            full = Digits(rebasing: fullBuffer[0..<normalize(number, into: fullBuffer)])
            if let region, let match = metadata.anchoredMatch(metadata.cores[region].internationalPrefix, full) {
                if match.end >= full.count || full[match.end] != 0 {
                    full = Digits(rebasing: full[match.end...])
                    international = true
                }
            }
        }
        if international {
            guard full.count > Self.minNSN else { return .failure(.tooShort) }
            guard full[0] != 0 else { return .failure(.unknownCountryCode) }
            var cc = 0
            for k in 0..<min(3, full.count) {
                cc = cc * 10 + Int(full[k])
                if metadata.ccCount[cc] > 0 { return .success((cc, Digits(rebasing: full[(k + 1)...]))) }
            }
            return .failure(.unknownCountryCode)
        }
        if let region {
            let meta = metadata.cores[region]
            let cc = Int(meta.countryCode)
            let ccDigits = cc >= 100 ? 3 : cc >= 10 ? 2 : 1
            var startsWithCC = full.count >= ccDigits
            if startsWithCC {
                var value = 0
                for k in 0..<ccDigits { value = value * 10 + Int(full[k]) }
                startsWithCC = value == cc
            }
            if startsWithCC {
                let potential = stripNationalPrefix(Digits(rebasing: full[ccDigits...]), region, into: work)
                if (!metadata.fullMatch(meta.generalDFA, full) && metadata.fullMatch(meta.generalDFA, potential))
                    || testLength(full.count, region) == .tooLong
                {
                    return .success((cc, potential))
                }
            }
        }
        return .success((0, full))
    }

    /// `maybeStripNationalPrefixAndCarrierCode` (the stripped number only): `number` itself, a suffix of it, or
    /// the transformed number written into `out` (capacity ≥ number.count + 8).
    func stripNationalPrefix(
        _ number: Digits, _ regionIndex: Int, into out: UnsafeMutableBufferPointer<UInt8>
    )
        -> Digits
    {
        let meta = metadata.cores[regionIndex]
        guard !number.isEmpty, meta.nationalPrefixForParsing >= 0,
            let match = metadata.anchoredMatch(meta.nationalPrefixForParsing, number)
        else { return number }
        let viableOriginal = metadata.fullMatch(meta.generalDFA, number)
        let groups = Int(meta.nationalPrefixGroups)
        var result: Digits
        if groups > 0, match.captures[2 * groups + 1] >= 0, let rule = metadata.regions[regionIndex].transformRule {
            var k = 0
            for part in rule {
                switch part {
                case .digit(let d):
                    out[k] = d
                    k += 1
                case .group(let g):
                    guard g <= 3 else { continue }
                    let s = Int(match.captures[2 * g])
                    let e = Int(match.captures[2 * g + 1])
                    if s >= 0 && e >= s {
                        for i in s..<e {
                            out[k] = number[i]
                            k += 1
                        }
                    }
                }
            }
            for i in match.end..<number.count {
                out[k] = number[i]
                k += 1
            }
            result = Digits(rebasing: out[0..<k])
        } else {
            result = Digits(rebasing: number[match.end...])
        }
        if viableOriginal && !metadata.fullMatch(meta.generalDFA, result) { return number }
        return result
    }

    /// `testNumberLength` against the general description's possible and local-only lengths.
    func testLength(_ length: Int, _ regionIndex: Int) -> Length {
        let meta = metadata.cores[regionIndex]
        if length < 32 && meta.localLengthMask & (1 << UInt32(length)) != 0 { return .localOnly }
        let mask = meta.lengthMask
        guard mask != 0 else { return .invalidLength }
        let minimum = mask.trailingZeroBitCount
        let maximum = 31 - mask.leadingZeroBitCount
        if minimum == length { return .possible }
        if minimum > length { return .tooShort }
        if maximum < length { return .tooLong }
        return mask & (1 << UInt32(length)) != 0 ? .possible : .invalidLength
    }

    // MARK: - After parsing

    /// `getRegionCodeForNumber`: the only region of the calling code, else the first whose leading digits match
    /// or (without leading digits) for which the number is of a known type. Index into `metadata.regions`.
    func regionIndex(countryCode: Int, nationalNumber n: Digits) -> Int? {
        guard countryCode < 1000 else { return nil }
        let count = Int(metadata.ccCount[countryCode])
        let start = Int(metadata.ccStart[countryCode])
        if count == 0 { return nil }
        if count == 1 { return Int(metadata.ccRegions[start]) }
        for k in start..<(start + count) {
            let r = Int(metadata.ccRegions[k])
            let meta = metadata.cores[r]
            if meta.leadingDigitsDFA >= 0 {
                if metadata.prefixMatch(meta.leadingDigitsDFA, n) { return r }
            } else if metadata.fullMatch(meta.validDFA, n) {
                return r
            }
        }
        return nil
    }

    /// `isValidNumber`.
    func isValid(countryCode: Int, nationalNumber: Digits) -> Bool {
        guard let r = regionIndex(countryCode: countryCode, nationalNumber: nationalNumber) else { return false }
        return metadata.fullMatch(metadata.cores[r].validDFA, nationalNumber)
    }
}
