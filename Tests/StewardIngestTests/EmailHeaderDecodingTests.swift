import Testing

@testable import StewardIngest

/// RFC 2047 encoded words, the charsets email uses, and RFC 5322 dates.
@Suite("Email header decoding")
struct EmailHeaderDecodingTests {
    @Test(
        "encoded words: B and Q, charsets, adjacent words joined",
        arguments: [
            ("=?ISO-8859-1?Q?J=FCrgen_M=FCller?=", "Jürgen Müller"),
            ("=?iso-8859-1?q?Andr=E9?=", "André"),
            ("=?UTF-8?B?RHVwb250LCBGcmFuw6dvaXM=?=", "Dupont, François"),
            ("=?utf-8?b?0JjQstCw0L0g0J/QtdGC0YDQvtCy?=", "Иван Петров"),
            ("=?windows-1252?Q?Caf=E9_=96_Bar?=", "Café – Bar"),
            ("=?ISO-8859-2?Q?Zofia_=A3=F3dzka?=", "Zofia Łódzka"),
            ("=?ISO-8859-15?Q?Toma=B8_=A6u=A8tar_=A4?=", "Tomaž Šuštar €"),
            ("=?windows-1251?B?wPLo6u7iYQ==?=", "Атиковa"),
            ("=?iso-2022-jp?B?GyRCRnxLXDhsGyhC?=", "日本語"),
            ("=?UTF-8?Q?Bob_=E2=80=9CBobby=E2=80=9D_Tables?=", "Bob “Bobby” Tables"),
            // White space (even a line break) between two encoded words disappears.
            ("=?UTF-8?Q?Fran=C3=A7ois?=\r\n =?UTF-8?Q?_Dupont?=", "François Dupont"),
            // A UTF-8 character split across two adjacent words (ü = C3 BC).
            ("=?UTF-8?B?SsO8cmdlbiBNww==?= =?UTF-8?B?vGxsZXI=?=", "Jürgen Müller"),
            // Base64 without padding; RFC 2231 language suffix.
            ("=?UTF-8?B?QW5u?=", "Ann"),
            ("=?UTF-8?B?QW4?=", "An"),
            ("=?utf-8*en?q?Ann_Lee?=", "Ann Lee"),
            // Ordinary text around encoded words keeps its spaces; malformed words stay as written.
            ("Dr. =?UTF-8?Q?J=C3=BCrgen?= M.", "Dr. Jürgen M."),
            ("=?UTF-8?Q?not closed", "=?UTF-8?Q?not closed"),
            ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
            ("=?UTF-8?Q?a=ZZb?=", "a=ZZb"),
        ])
    func encodedWords(input: String, expected: String) {
        #expect(EmailEncodedWord.decode(Array(input.utf8)) == expected)
    }

    @Test("an encoded word in a charset nobody knows, with non-UTF-8 bytes, cannot be decoded")
    func unknownCharset() {
        #expect(EmailEncodedWord.decode(Array("=?x-klingon?B?/w==?=".utf8)) == nil)
        #expect(EmailEncodedWord.decode(Array("=?x-klingon?Q?plain?=".utf8)) == "plain")
    }

    @Test("raw 8-bit header bytes: UTF-8 when valid, else Windows-1252")
    func rawHeaders() {
        let utf8 = Array("Jöhn Doe".utf8)
        #expect(EmailCharset.headerUTF8(utf8).bytes == utf8)
        #expect(EmailCharset.headerUTF8(utf8).transcoded == false)
        let cp1252: [UInt8] = [0x52, 0x65, 0x6E, 0xE9, 0x65, 0x20, 0x4F, 0x92, 0x43, 0x6F, 0x6E, 0x6E, 0x6F, 0x72]
        let decoded = EmailCharset.headerUTF8(cp1252)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "Renée O’Connor")
        #expect(decoded.transcoded)
    }

    @Test(
        "RFC 5322 dates with obsolete forms → ISO 8601 UTC",
        arguments: [
            ("Tue, 1 Jul 2003 10:52:37 +0200", "2003-07-01T08:52:37Z"),
            ("Fri, 21 Nov 1997 09:55:06 -0600", "1997-11-21T15:55:06Z"),
            ("Thu, 13 Feb 1969 23:32:54 -0330", "1969-02-14T03:02:54Z"),
            ("Mon, 02 Jan 2006 15:04:05 -0700 (MST)", "2006-01-02T22:04:05Z"),
            ("21 Nov 97 09:55:06 GMT", "1997-11-21T09:55:06Z"),
            ("29 Sep 26 08:00 GMT", "2026-09-29T08:00:00Z"),
            (
                "Thu,\r\n      13\r\n        Feb\r\n          1969\r\n      23:32\r\n   -0330 (Newfoundland Time)",
                "1969-02-14T03:02:00Z"
            ),
            ("Fri, 21 Nov 1997 09(comment):   55  :  06 -0600", "1997-11-21T15:55:06Z"),
            ("Sat, 20 Sep 2008 20:04:30 +0300 (Ã¹Ã²Ã)", "2008-09-20T17:04:30Z"),
            ("Wed, 22 Sep 2010 02:30:53 EDT", "2010-09-22T06:30:53Z"),
            ("Mon Aug 22 09:45:15 2011", "2011-08-22T09:45:15Z"),
            ("Fri, 2 Oct 2026 09:15:00 +0000", "2026-10-02T09:15:00Z"),
            ("Thu, 29 Feb 2024 23:59:60 +0000", "2024-02-29T23:59:59Z"),
            // Unknown zones count as UTC (RFC 5322 §4.3).
            ("Tue, 12 Oct 2010 16:21:05 H0500", "2010-10-12T16:21:05Z"),
        ])
    func dates(input: String, expected: String) throws {
        let seconds = try #require(EmailDate.parse(input))
        #expect(EmailDate.iso8601(seconds) == expected)
    }

    @Test(
        "unparseable dates are refused",
        arguments: [
            "", "   <HR>", "Wed, 15 Dec 2010    59:10 -0500", "Mon, 30 Jun 3609 15:33:50 +0600",
            "Thu, 31 Feb 2024 10:00:00 +0000", "yesterday", "2026-10-02T09:15:00Z", "Fri, 2 Oct 2026",
        ])
    func badDates(input: String) {
        #expect(EmailDate.parse(input) == nil)
    }

    @Test("ISO 8601 output round-trips the civil-date arithmetic")
    func civil() {
        #expect(EmailDate.iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(EmailDate.iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(EmailDate.iso8601(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(EmailDate.daysFromCivil(year: 2026, month: 10, day: 2) == 20_728)
    }
}
