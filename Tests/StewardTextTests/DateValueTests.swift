import Testing

@testable import StewardText

@Suite("Date values")
struct DateValueTests {
    @Test(
        "accepted formats",
        arguments: [
            ("2026-10-02", 2026, 10, 2), ("2026-10-02T09:15:00Z", 2026, 10, 2), ("2026-10-02t09:15", 2026, 10, 2),
            ("2026-10-02 09:15:00", 2026, 10, 2), ("2026/10/02", 2026, 10, 2), ("2026/1/2", 2026, 1, 2),
            ("20261002", 2026, 10, 2), ("20261002T091500", 2026, 10, 2),
            ("02.10.2026", 2026, 10, 2), ("2.10.2026", 2026, 10, 2), ("02.10.2026 09:15", 2026, 10, 2),
            ("10/02/2026", 2026, 10, 2),  // US: month first
            ("25/12/2026", 2026, 12, 25),  // first part over 12: day first
            ("12/25/2026", 2026, 12, 25), ("1/2/2026", 2026, 1, 2),
            ("  2026-10-02\t", 2026, 10, 2), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
            ("2026-12-31", 2026, 12, 31), ("1000-01-01", 1000, 1, 1), ("9999-12-31", 9999, 12, 31),
        ])
    func accepted(input: String, year: Int, month: Int, day: Int) throws {
        let date = try #require(DateValue.parse(input))
        #expect((date.year, date.month, date.day) == (year, month, day))
        let bytes = Array(input.utf8)
        #expect(bytes.withUnsafeBufferPointer { DateValue.parse($0) } == date)
    }

    @Test(
        "rejected values",
        arguments: [
            "2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-10-00",
            "31/02/2026", "13/13/2026", "00.10.2026", "20260230",
            "02.10.26", "10/02/26", "26-10-02", "261002",  // two-digit years
            "2026-10/02", "02-10-2026", "2026.10.02", "02/10.2026", "2026-10-002", "2026-010-02", "0999-01-01",
            "2026-10-02x", "2026-10-02 x", "02.10.2026T09:15", "202610021", "2026-10", "",
            "   ", "n/a", "date: 2026-10-02",
        ])
    func rejected(input: String) {
        #expect(DateValue.parse(input) == nil)
    }

    @Test(
        "comparison levels",
        arguments: [
            ("2026-03-04", "2026-04-03", DateComparison.transposed), ("2026-05-05", "2026-05-05", .exact),
            ("2026-03-04", "04.03.2026", .exact), ("03/04/2026", "03.04.2026", .transposed),
            ("2026-05-05", "2026-05-06", .sameYearMonth), ("2026-05-05", "2026-06-07", .sameYear),
            ("2026-03-04", "2026-04-04", .sameYear), ("2026-05-05", "2025-05-05", .different),
            ("2026-03-04", "2025-04-03", .different),
        ])
    func comparison(a: String, b: String, expected: DateComparison) throws {
        let x = try #require(DateValue.parse(a)), y = try #require(DateValue.parse(b))
        #expect(DateValue.compare(x, y) == expected)
        #expect(DateValue.compare(y, x) == expected)
    }

    @Test(
        "year for blocking",
        arguments: [
            ("2026-10-02", 2026), ("02.10.2026", 2026), ("20261002", 2026), ("10/02/2026", 2026),
            ("born 1985", 1985), ("Q3 2026", 2026), ("1985", 1985), ("2026-02-30", 2026),
            ("10/02/26", nil), ("12345", nil), ("0999", nil), ("", nil), ("n/a", nil),
        ] as [(String, Int?)])
    func year(input: String, expected: Int?) {
        #expect(DateValue.year(input) == expected)
        #expect(Array(input.utf8).withUnsafeBufferPointer { DateValue.year($0) } == expected)
    }

    @Test("validating initializer, leap years, ordering and ISO description")
    func value() throws {
        #expect(DateValue(year: 2026, month: 2, day: 29) == nil)
        #expect(DateValue(year: 2026, month: 0, day: 1) == nil)
        #expect(DateValue(year: 999, month: 1, day: 1) == nil)
        #expect(DateValue.isLeapYear(2024) && DateValue.isLeapYear(2000))
        #expect(!DateValue.isLeapYear(2025) && !DateValue.isLeapYear(1900))
        let a = try #require(DateValue(year: 2026, month: 3, day: 4))
        let b = try #require(DateValue(year: 2026, month: 10, day: 2))
        #expect(a < b)
        #expect(a.description == "2026-03-04")
        #expect(b.description == "2026-10-02")
        #expect(DateValue.parse(b.description) == b)
        #expect(
            DateComparison.allCases.map(\.rawValue) == [
                "exact", "transposed", "same_year_month", "same_year", "different",
            ])
    }
}
