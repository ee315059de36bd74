/// RFC 5322 §3.3 dates (`Tue, 1 Jul 2003 10:52:37 +0200`) with the §4.3 obsolete forms, as seconds since
/// 1970-01-01T00:00:00Z, and their ISO 8601 form (`2003-07-01T08:52:37Z`).
///
/// Accepted: an optional day name; `day month year` or the ctime order `month day [time] year`; two- and
/// three-digit years (RFC 5322 §4.3: below 50 → 20xx, otherwise 19xx; three digits + 1900); seconds optional; white
/// space and comments anywhere (`09(comment): 55 : 06`); numeric zones, `UT`/`GMT`/`Z` and the US zone names;
/// any other zone (military letters, `H0500`, none at all) counts as UTC, as §4.3 says unknown zones mean `-0000`.
/// Refused (`nil`): missing day, month or time, hour > 23, minute > 59, an impossible day, a year outside
/// 1900–2099 (`Mon, 30 Jun 3609` is a broken clock, not a date to prefer as newest).
enum EmailDate {
    private enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case colon
        case plus
        case minus
    }

    static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    /// - Complexity: O(n) in the header value.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var tokens: [Token] = []
        tokens.reserveCapacity(12)
        var depth = 0
        var i = 0
        let n = bytes.count
        while i < n && tokens.count < 24 {
            let b = bytes[i]
            if b == UInt8(ascii: "(") {
                depth += 1
            } else if b == UInt8(ascii: ")") {
                depth = max(0, depth - 1)
            } else if depth > 0 {
                if b == UInt8(ascii: "\\") { i += 1 }
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                var value = 0
                var digits = 0
                while i < n, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), digits < 9 {
                    value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                    digits += 1
                    i += 1
                }
                tokens.append(.number(value, digits: digits))
                continue
            } else if (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") {
                var word: [UInt8] = []
                while i < n, (bytes[i] | 0x20) >= UInt8(ascii: "a"), (bytes[i] | 0x20) <= UInt8(ascii: "z") {
                    if word.count < 12 { word.append(bytes[i] | 0x20) }
                    i += 1
                }
                tokens.append(.word(String(decoding: word, as: UTF8.self)))
                continue
            } else if b == UInt8(ascii: ":") {
                tokens.append(.colon)
            } else if b == UInt8(ascii: "+") {
                tokens.append(.plus)
            } else if b == UInt8(ascii: "-") {
                tokens.append(.minus)
            }
            i += 1
        }
        return interpret(tokens)
    }

    private static func interpret(_ tokens: [Token]) -> Int64? {
        var k = 0
        if case .word(let w) = tokens.first, month(w) == nil { k = 1 }  // day name
        var day = 0
        var monthNumber = 0
        var year = -1
        var yearDigits = 0
        guard k < tokens.count else { return nil }
        switch tokens[k] {
        case .number(let d, _):
            guard k + 1 < tokens.count, case .word(let w) = tokens[k + 1], let m = month(w) else { return nil }
            day = d
            monthNumber = m
            k += 2
        case .word(let w):
            guard let m = month(w), k + 1 < tokens.count, case .number(let d, _) = tokens[k + 1] else { return nil }
            day = d
            monthNumber = m
            k += 2
        default:
            return nil
        }
        // Year before the time (RFC order) or after it (ctime order).
        if k + 1 < tokens.count, case .number(let y, let digits) = tokens[k], tokens[k + 1] != .colon {
            year = y
            yearDigits = digits
            k += 1
        }
        guard k + 2 < tokens.count, case .number(let hour, _) = tokens[k], tokens[k + 1] == .colon,
            case .number(let minute, _) = tokens[k + 2]
        else { return nil }
        k += 3
        var second = 0
        if k + 1 < tokens.count, tokens[k] == .colon, case .number(let s, _) = tokens[k + 1] {
            second = s
            k += 2
        }
        if year < 0 {
            guard k < tokens.count, case .number(let y, let digits) = tokens[k] else { return nil }
            year = y
            yearDigits = digits
            k += 1
        }
        if yearDigits <= 2 {
            year += year < 50 ? 2000 : 1900
        } else if yearDigits == 3 {
            year += 1900
        }
        var offset = 0
        if k + 1 < tokens.count, tokens[k] == .plus || tokens[k] == .minus,
            case .number(let z, let digits) = tokens[k + 1],
            digits == 4
        {
            let minutes = (z / 100) * 60 + z % 100
            offset = (tokens[k] == .minus ? -minutes : minutes) * 60
        } else if k < tokens.count, case .word(let zone) = tokens[k] {
            offset = (namedZones[zone] ?? 0) * 3600
        }
        guard (1900...2099).contains(year), (1...12).contains(monthNumber),
            day >= 1, day <= daysInMonth(monthNumber, year: year), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = daysFromCivil(year: year, month: monthNumber, day: day)
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59)) - Int64(offset)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// 1–12 for an English month name or its first three letters.
    private static func month(_ word: String) -> Int? {
        guard word.utf8.count >= 3 else { return nil }
        let prefix = String(word.prefix(3))
        guard let index = months.firstIndex(of: prefix) else { return nil }
        return index + 1
    }

    private static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7,
    ]

    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-Compatible Low-Level Date
    /// Algorithms").
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` for seconds since 1970 (UTC).
    static func iso8601(_ seconds: Int64) -> String {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Inverse of daysFromCivil.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}
