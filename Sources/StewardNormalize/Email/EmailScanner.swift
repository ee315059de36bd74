/// Byte-level clean-up of a raw email field before the syntax check: white space, `mailto:`, display names,
/// comments, trailing punctuation, and placeholder detection. See ``EmailNormalizer`` for the contract.
enum EmailScanner {
    /// Values that stand for "no address" (compared in ASCII lower case after trimming).
    static let placeholders: Set<String> = [
        "n/a", "n.a.", "n.a", "na", "n/v", "none", "no", "nil", "null", "unknown", "unk", "tbd", "tba", "x", "xx",
        "xxx", "?", "0", "no email", "noemail", "no e-mail", "no mail", "nomail", "no address", "not available",
        "not provided", "not applicable", "email", "e-mail", "keine", "keine angabe", "aucun", "ninguno",
    ]

    /// Narrows `bytes` to the candidate address; fails only for empty values and placeholders without `@`.
    /// - Complexity: O(n), a few passes over the bytes.
    static func clean(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Range<Int>, EmailNormalizer.Failure> {
        var range = trimmedRange(bytes, 0..<bytes.count)
        if range.isEmpty { return .failure(.empty) }
        var mailto = stripMailto(bytes, &range)
        // One pass for the first `<` and the last `@`; a second for the `@` only inside angle brackets.
        var (open, lastAt) = firstAngleAndLastAt(bytes, range)
        if let open {
            let close = bytes[(open + 1)..<range.upperBound].firstIndex(of: UInt8(ascii: ">")) ?? range.upperBound
            range = trimmedRange(bytes, (open + 1)..<close)
            mailto = stripMailto(bytes, &range) || mailto
            lastAt = lastOutsideQuotes(bytes, range, UInt8(ascii: "@"))
        }
        if let at = lastAt {
            // A trailing comment `jd@x.com (John Doe)`, or a mailto query `?subject=…`.
            if let paren = bytes[at..<range.upperBound].firstIndex(of: UInt8(ascii: "(")) {
                range = range.lowerBound..<paren
            }
            if mailto, let query = bytes[at..<range.upperBound].firstIndex(of: UInt8(ascii: "?")) {
                range = range.lowerBound..<query
            }
        }
        range = strippingJunk(bytes, range)
        return .success(range)
    }

    /// Index of the single `@` outside a quoted local part, or the failure.
    static func atIndex(_ address: ArraySlice<UInt8>) -> Result<Int, EmailNormalizer.Failure> {
        var count = 0
        var last = -1
        let inQuotes = forEachOutsideQuotes(address, address.indices) { i, b in
            if b == UInt8(ascii: "@") {
                count += 1
                last = i
            }
        }
        switch count {
        case 0 where inQuotes: return .failure(.invalidLocalPart("quoted local part without its closing quote"))
        case 0: return .failure(isPlaceholder(address) ? .notAnAddress : .missingAt)
        case 1: return .success(last)
        default: return .failure(.multipleAt)
        }
    }

    /// A known placeholder, or text with no ASCII letter or digit and no non-ASCII byte (`-`, `...`, `<>`).
    static func isPlaceholder(_ bytes: ArraySlice<UInt8>) -> Bool {
        if !bytes.contains(where: { b in
            b >= 0x80 || (b | 0x20 >= UInt8(ascii: "a") && b | 0x20 <= UInt8(ascii: "z"))
                || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }) {
            return true
        }
        guard bytes.count <= 20 else { return false }
        let lower = String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        return placeholders.contains(lower)
    }

    // MARK: - Helpers

    private static func stripMailto(_ bytes: UnsafeBufferPointer<UInt8>, _ range: inout Range<Int>) -> Bool {
        let prefix = "mailto:".utf8
        guard range.count > prefix.count else { return false }
        for (offset, expected) in prefix.enumerated() {
            let b = bytes[range.lowerBound + offset]
            if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != expected { return false }
        }
        range = trimmedRange(bytes, (range.lowerBound + prefix.count)..<range.upperBound)
        return true
    }

    /// The first `<` and the last `@` outside quoted strings, in one pass.
    private static func firstAngleAndLastAt(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) -> (open: Int?, at: Int?) {
        var open: Int?
        var at: Int?
        forEachOutsideQuotes(bytes, range) { i, b in
            if b == UInt8(ascii: "@") {
                at = i
            } else if b == UInt8(ascii: "<") && open == nil {
                open = i
            }
        }
        return (open, at)
    }

    /// The last `target` outside quoted strings.
    private static func lastOutsideQuotes(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ target: UInt8
    ) -> Int? {
        var found: Int?
        forEachOutsideQuotes(bytes, range) { i, b in if b == target { found = i } }
        return found
    }

    /// Calls `body` with each byte at `indices` that lies outside double-quoted strings (RFC 5322 quoted strings,
    /// with backslash escapes inside them); quote characters themselves are not passed. Returns whether the text
    /// ends inside an unclosed quoted string.
    /// - Complexity: O(n).
    @discardableResult
    @inline(__always)
    private static func forEachOutsideQuotes<C: Collection<UInt8>>(
        _ bytes: C, _ indices: some Sequence<C.Index>, _ body: (C.Index, UInt8) -> Void
    ) -> Bool {
        var inQuotes = false
        var escaped = false
        for i in indices {
            let b = bytes[i]
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") && inQuotes {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                body(i, b)
            }
        }
        return inQuotes
    }

    /// Removes white space and `.`, `;`, `,` at the end, and `;`, `,` at the start (separators of address lists).
    private static func strippingJunk(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var range = trimmedRange(bytes, range)
        while let last = range.last,
            last >= range.lowerBound,
            bytes[last] == UInt8(ascii: ".") || bytes[last] == UInt8(ascii: ";") || bytes[last] == UInt8(ascii: ",")
        {
            range = trimmedRange(bytes, range.lowerBound..<last)
        }
        while let first = range.first, bytes[first] == UInt8(ascii: ";") || bytes[first] == UInt8(ascii: ",") {
            range = trimmedRange(bytes, (first + 1)..<range.upperBound)
        }
        return range
    }

    /// `range` without white space at either end: ASCII space and controls up to 0x20, and the UTF-8 forms of
    /// no-break space, the U+2000…U+200D spaces and zero-width characters, U+202F, U+3000 and the BOM.
    static func trimmedRange(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            if bytes[lo] <= 0x20 {
                lo += 1
            } else if let n = spaceLength(bytes, at: lo, limit: hi) {
                lo += n
            } else {
                break
            }
        }
        while lo < hi {
            if bytes[hi - 1] <= 0x20 {
                hi -= 1
            } else if let n = spaceLengthEnding(bytes, at: hi, floor: lo) {
                hi -= n
            } else {
                break
            }
        }
        return lo..<hi
    }

    private static func isSpaceSequence(_ a: UInt8, _ b: UInt8, _ c: UInt8?) -> Int? {
        if a == 0xC2 && b == 0xA0 { return 2 }
        guard let c else { return nil }
        switch (a, b) {
        case (0xE2, 0x80): return (0x80...0x8D).contains(c) || c == 0xAF ? 3 : nil
        case (0xE3, 0x80): return c == 0x80 ? 3 : nil
        case (0xEF, 0xBB): return c == 0xBF ? 3 : nil
        default: return nil
        }
    }

    private static func spaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, limit: Int) -> Int? {
        guard i + 1 < limit else { return nil }
        return isSpaceSequence(bytes[i], bytes[i + 1], i + 2 < limit ? bytes[i + 2] : nil)
    }

    private static func spaceLengthEnding(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int, floor: Int) -> Int? {
        if end - 2 >= floor, bytes[end - 2] == 0xC2, bytes[end - 1] == 0xA0 { return 2 }
        if end - 3 >= floor, isSpaceSequence(bytes[end - 3], bytes[end - 2], bytes[end - 1]) == 3 { return 3 }
        return nil
    }
}
