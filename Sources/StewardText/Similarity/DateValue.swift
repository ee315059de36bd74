/// A calendar date (proleptic Gregorian, years 1000–9999) as exports write it, for comparing dates of birth and
/// other date fields.
///
/// `parse(_:)` accepts, after trimming ASCII spaces and tabs:
/// - ISO 8601 `2026-10-02`, also as the prefix of a date-time (`2026-10-02T09:15:00Z`, `2026-10-02 09:15`);
/// - `2026/10/02` (year, month, day);
/// - `20261002` (ISO 8601 basic), also before `T` (`20261002T091500`);
/// - German `02.10.2026` (day first);
/// - US `10/02/2026` (month first), read day first when the first part is over 12 (`25/12/2026`).
///
/// Day and month in the separated forms have one or two digits (`2.10.2026`); the year always has four. What follows
/// the date, a time after `T`/`t` (ISO forms) or after a space and a digit (any form), is not validated.
///
/// Rejected: two-digit years (`02.10.26`), separators other than these or mixed (`2026-10/02`, `02-10-2026`),
/// impossible dates (month 13, `2026-02-30`, `2025-02-29`; `2024-02-29` is valid), years before 1000, and anything
/// else around the date. A slash date with both parts at most 12 (`03/04/2026`) is read month first, although a
/// European export means day first; ``DateComparison/transposed`` exists so that such a pair still scores as close.
public struct DateValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or `nil` when the year is outside 1000…9999, the month outside 1…12 or the day outside the month.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= DateValue.daysInMonth(month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 form, `2026-10-02`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    public static func < (lhs: DateValue, rhs: DateValue) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days in `month` (1…12) of `year`, by the Gregorian leap-year rule (divisible by 4, except centuries not
    /// divisible by 400).
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The date written in `s` in one of the accepted forms, or `nil`.
    public static func parse(_ s: String) -> DateValue? {
        var s = s
        return s.withUTF8 { parse($0) }
    }

    /// The date written in UTF-8 `bytes` in one of the accepted forms, or `nil`.
    /// - Complexity: O(n); no allocation.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DateValue? {
        var (start, end) = (0, bytes.count)
        while start < end && isBlank(bytes[start]) { start += 1 }
        while end > start && isBlank(bytes[end - 1]) { end -= 1 }
        var scanner = Scanner(bytes: bytes, position: start, end: end)

        let first = scanner.digits()
        if first.count == 8 {  // 20261002
            guard scanner.atEndOfDate(allowingT: true) else { return nil }
            return DateValue(year: first.value / 10_000, month: first.value / 100 % 100, day: first.value % 100)
        }
        guard let separator = scanner.separator() else { return nil }
        let second = scanner.digits()
        guard (1...2).contains(second.count), scanner.separator() == separator else { return nil }
        let third = scanner.digits()

        switch (first.count, separator) {
        case (4, UInt8(ascii: "-")), (4, UInt8(ascii: "/")):  // 2026-10-02, 2026/10/02
            guard (1...2).contains(third.count), scanner.atEndOfDate(allowingT: separator == UInt8(ascii: "-"))
            else { return nil }
            return DateValue(year: first.value, month: second.value, day: third.value)
        case (1...2, UInt8(ascii: ".")):  // 02.10.2026
            guard third.count == 4, scanner.atEndOfDate(allowingT: false) else { return nil }
            return DateValue(year: third.value, month: second.value, day: first.value)
        case (1...2, UInt8(ascii: "/")):  // 10/02/2026, 25/12/2026
            guard third.count == 4, scanner.atEndOfDate(allowingT: false) else { return nil }
            if first.value > 12 { return DateValue(year: third.value, month: second.value, day: first.value) }
            return DateValue(year: third.value, month: first.value, day: second.value)
        default:
            return nil
        }
    }

    /// The year of the date in `s`, else the first run of exactly four digits in it (1000–9999), for blocking on
    /// the year of values that are not full dates (`born 1985`, `Q3 2026`); `nil` when there is none.
    public static func year(_ s: String) -> Int? {
        var s = s
        return s.withUTF8 { year($0) }
    }

    /// The year of the date in UTF-8 `bytes`, else the first run of exactly four digits (1000–9999).
    /// - Complexity: O(n); no allocation.
    public static func year(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        if let date = parse(bytes) { return date.year }
        var i = 0
        while i < bytes.count {
            guard isDigit(bytes[i]) else {
                i += 1
                continue
            }
            var value = 0
            let start = i
            while i < bytes.count && isDigit(bytes[i]) {
                if i - start < 5 { value = value * 10 + Int(bytes[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            if i - start == 4 && value >= 1000 { return value }
        }
        return nil
    }

    /// How close two dates are: equal, equal with day and month swapped, or sharing year and month or only the year.
    public static func compare(_ a: DateValue, _ b: DateValue) -> DateComparison {
        if a == b { return .exact }
        guard a.year == b.year else { return .different }
        if a.month == b.day && a.day == b.month { return .transposed }
        return a.month == b.month ? .sameYearMonth : .sameYear
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// A cursor over the trimmed date bytes.
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        var atEnd: Bool { position == end }
        var peek: UInt8? { position < end ? bytes[position] : nil }

        /// The run of digits at the cursor (at most 9 are read into `value`; `count` counts them all).
        mutating func digits() -> (value: Int, count: Int) {
            var value = 0
            let start = position
            while position < end && DateValue.isDigit(bytes[position]) {
                if position - start < 9 { value = value * 10 + Int(bytes[position] &- UInt8(ascii: "0")) }
                position += 1
            }
            return (value, position - start)
        }

        /// One of `-`, `/`, `.` at the cursor, consumed.
        mutating func separator() -> UInt8? {
            guard let byte = peek, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")
            else { return nil }
            position += 1
            return byte
        }

        /// Whether the date ends here: the end of the value, a space and a digit (a time), or with `allowingT` a `T`.
        func atEndOfDate(allowingT: Bool) -> Bool {
            guard let byte = peek else { return true }
            if allowingT && (byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t")) { return true }
            return byte == UInt8(ascii: " ") && position + 1 < end && DateValue.isDigit(bytes[position + 1])
        }
    }
}

/// How two dates relate, best first; the levels of the `date` comparison.
public enum DateComparison: String, Sendable, Hashable, CaseIterable {
    /// The same date.
    case exact
    /// Same year, day and month swapped (`2026-03-04` / `2026-04-03`): the usual trace of a US/European mix-up.
    case transposed
    /// Same year and month, other day.
    case sameYearMonth = "same_year_month"
    /// Same year, other month (and not a transposition).
    case sameYear = "same_year"
    /// Different years.
    case different
}
