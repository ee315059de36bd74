import Testing

@testable import StewardText

@Suite("Numeric values")
struct NumericValueTests {
    @Test(
        "accepted numbers",
        arguments: [
            ("1234", 1234.0), ("-12.5", -12.5), ("+7", 7), ("0", 0), ("0.1", 0.1), (".5", 0.5), ("007", 7),
            ("  42  ", 42),
            // the last separator decides: a comma with 1–2 digits after it is decimal (European)
            ("1,234.50", 1234.5), ("1.234,50", 1234.5), ("12,5", 12.5), ("1,5", 1.5), (",5", 0.5),
            ("1.234.567,89", 1_234_567.89), ("1,234,567.89", 1_234_567.89), ("1,234", 1234), ("1.234.567", 1_234_567),
            ("1.234", 1.234),  // a single dot is decimal
            ("12,34,567.00", 1_234_567),  // Indian grouping
            ("1 234,50", 1234.5), ("1\u{00A0}234,50", 1234.5), ("1\u{202F}234,50", 1234.5), ("1\u{2009}234", 1234),
            ("1'234.50", 1234.5), ("1\u{2019}234.50", 1234.5),
            // currencies and signs, before or after
            ("$1,234.50", 1234.5), ("-$5", -5), ("$-5", -5), ("- 5", -5), ("\u{2212}3,5", -3.5),
            ("€ 1.234,50", 1234.5), ("1.234,50 €", 1234.5), ("1.234,50€", 1234.5), ("-1.234,50 EUR", -1234.5),
            ("USD 1,000", 1000), ("usd1000", 1000), ("CHF 1'234.50", 1234.5), ("R$ 1.234,56", 1234.56),
            ("US$5", 5), ("£12.99", 12.99), ("¥1,000", 1000), ("₹ 12,34,567", 1_234_567), ("12 kr", 12),
            ("฿100", 100),
            // beyond the exact fast path: 16+ significant digits, parsed by the standard library
            ("1234567890123456789", 1.234567890123456789e18), ("0.12345678901234567890", 0.12345678901234567890),
            ("1,234,567,890,123,456.5", 1_234_567_890_123_456.5),
        ] as [(String, Double)])
    func accepted(input: String, expected: Double) throws {
        let value = try #require(NumericValue.parse(input))
        #expect(value == expected)
        #expect(Array(input.utf8).withUnsafeBufferPointer { NumericValue.parse($0) } == expected)
    }

    @Test(
        "rejected values",
        arguments: [
            "", "   ", "abc", "n/a", "-", "$", "EUR", "1e5", "12%", "(12.50)", "5-", "--5", "+-5", "0x1F",
            "1,2345", "0,123", "1234,567",  // a comma with 3+ digits after it is grouping, and this is not grouping
            "1.234.50", "1,234,56", "1.2.3", "1 2", "1,234 567", "1..5", "5.", "1,,5", "12 - 15",
            "$5 USD", "ca. 500", "EURO 5", "1" + String(repeating: "0", count: 400),
        ])
    func rejected(input: String) {
        #expect(NumericValue.parse(input) == nil)
    }

    @Test(
        "relative difference",
        arguments: [
            (100.0, 110.0, 10.0 / 110), (110, 100, 10.0 / 110), (0, 0, 0), (0, 5, 1), (-5, 5, 2), (5, 5, 0),
            (-2, -4, 0.5),
        ] as [(Double, Double, Double)])
    func relativeDifference(a: Double, b: Double, expected: Double) {
        #expect(abs(NumericValue.relativeDifference(a, b) - expected) < 1e-15)
    }
}
