import Testing

@testable import StewardIngest

/// RFC 5322 address lists as mail in the wild writes them: each case is a header value and the exact mailboxes
/// (address, decoded display name or `-`) the parser must give.
@Suite("Email header address lists")
struct EmailHeaderAddressTests {
    static func parse(_ value: String) -> [String] {
        var parser = EmailAddressParser()
        return parser.parse(value).map { "\($0.address) | \($0.name ?? "-")" }
    }

    @Test(
        "display names, quoting, comments and groups",
        arguments: [
            (#""Doe, John (Sales)" <john.doe@example.com>"#, ["john.doe@example.com | Doe, John (Sales)"]),
            ("Mary Smith <mary@example.net>", ["mary@example.net | Mary Smith"]),
            ("Joe Q. Public <john.q.public@example.com>", ["john.q.public@example.com | Joe Q. Public"]),
            (#""Giant; \"Big\" Box" <sysservices@example.net>"#, [#"sysservices@example.net | Giant; "Big" Box"#]),
            (#""Lee\"The Boss\" Wong" <lee@example.net>"#, [#"lee@example.net | Lee"The Boss" Wong"#]),
            // A comment after an angle-less address carries the name (obsolete `addr (Name)` form).
            (
                "list-bounces@lists.example.org (Mailing list robot)",
                ["list-bounces@lists.example.org | Mailing list robot"]
            ),
            (
                #""Support, Tier 2" <support@example.com>, sales@example.com (Sales desk)"#,
                ["support@example.com | Support, Tier 2", "sales@example.com | Sales desk"]
            ),
            // Comments around an angle address are not names; comments inside an address are dropped.
            (
                #"Pete(A wonderful \) chap) <pete(his account)@silly.test(his host)>"#,
                ["pete@silly.test | Pete"]
            ),
            ("John <jdoe@one.test> (my dear friend)", ["jdoe@one.test | John"]),
            ("<boss@nil.test>", ["boss@nil.test | -"]),
            // Groups: the group name is dropped, its members kept; empty groups give nothing.
            ("undisclosed-recipients:;", []),
            ("(Empty list)(start)Undisclosed recipients  :(nobody(that I know))  ;", []),
            (
                #"Project Team: "O'Neil, Pat" <pat.oneil@example.net>, kim@example.net;, "Lee" <lee@example.net>"#,
                ["pat.oneil@example.net | O'Neil, Pat", "kim@example.net | -", "lee@example.net | Lee"]
            ),
            (
                "A Group(Some people) :Chris Jones <c@(Chris's host.)public.example>, joe@example.org, "
                    + "John <jdoe@one.test> (my dear friend); (the end of the group)",
                ["c@public.example | Chris Jones", "joe@example.org | -", "jdoe@one.test | John"]
            ),
        ])
    func structure(value: String, expected: [String]) {
        #expect(Self.parse(value) == expected)
    }

    @Test(
        "obsolete and broken forms seen in the wild",
        arguments: [
            // Source routes, with the comma inside the angle brackets.
            ("<@relay1.example,@relay2.example:user@example.com>", ["user@example.com | -"]),
            (
                "Mary Smith <@machine.tld:mary@example.net>, , jdoe@test   . example",
                ["mary@example.net | Mary Smith", "jdoe@test.example | -"]
            ),
            ("John Doe <jdoe@machine(comment).  example>", ["jdoe@machine.example | John Doe"]),
            // Missing closing ">": the comma still separates.
            (
                "Anna Weiss <anna.weiss@weiss-soehne.example, Tom <tom@umbrella.example>",
                ["anna.weiss@weiss-soehne.example | Anna Weiss", "tom@umbrella.example | Tom"]
            ),
            ("Anna Weiss <anna.weiss@weiss-soehne.example", ["anna.weiss@weiss-soehne.example | Anna Weiss"]),
            // Unquoted "@" in a display name.
            ("Mikel@Lindsaar <raasdnil@gmail.com>", ["raasdnil@gmail.com | Mikel@Lindsaar"]),
            // Missing commas.
            (
                "tim@powerupdev.com concierge@powerupdev.com",
                ["tim@powerupdev.com | -", "concierge@powerupdev.com | -"]
            ),
            ("A <a@x.example> B <b@y.example>", ["a@x.example | A", "b@y.example | B"]),
            // Trailing junk, ";" as a separator, empty elements, a trailing dot.
            ("<john@x.example> trailing junk", ["john@x.example | -"]),
            ("a@x.example; b@y.example", ["a@x.example | -", "b@y.example | -"]),
            (", user-example@aol.com,, ", ["user-example@aol.com | -"]),
            ("jdoe@example.com.", ["jdoe@example.com | -"]),
            // Quoted local part and domain literal kept as written.
            (#""john smith"@example.com"#, [#""john smith"@example.com | -"#]),
            ("user@[192.0.2.1]", ["user@[192.0.2.1] | -"]),
            // No address: nothing.
            (#""KLAUS- HÄNSCHEL" <>"#, []),
            ("Mary Smith", []),
            ("foo", []),
            // RFC 6532 UTF-8 and IDN domains stay UTF-8.
            ("Jürgen (the boss) <jürgen@bücher.example>", ["jürgen@bücher.example | Jürgen"]),
            ("почта@пример.рф, MixedCase@EXAMPLE.Com", ["почта@пример.рф | -", "MixedCase@EXAMPLE.Com | -"]),
        ])
    func obsolete(value: String, expected: [String]) {
        #expect(Self.parse(value) == expected)
    }

    @Test(
        "RFC 2047 encoded display names are decoded after the list is split",
        arguments: [
            // An encoded comma does not split the list.
            (
                "=?UTF-8?B?RHVwb250LCBGcmFuw6dvaXM=?= <francois.dupont@sg.example>, other@sg.example",
                ["francois.dupont@sg.example | Dupont, François", "other@sg.example | -"]
            ),
            (
                "=?ISO-8859-1?Q?M=FCller=2C_J=FCrgen?= <j.mueller@mueller-gmbh.example>",
                ["j.mueller@mueller-gmbh.example | Müller, Jürgen"]
            ),
            // Adjacent encoded words are joined without the white space between them.
            (
                "=?UTF-8?Q?Fran=C3=A7ois?= =?UTF-8?Q?_Dupont?= <f.dupont@example.fr>",
                ["f.dupont@example.fr | François Dupont"]
            ),
            // Inside quotes (forbidden by RFC 2047, written by many mailers).
            (#""=?ISO-8859-15?Q?Jos=E9_=A4uro?=" <jose@example.es>"#, ["jose@example.es | José €uro"]),
            // In the comment that names an angle-less address.
            ("info@example.fr (=?ISO-8859-1?Q?Caf=E9?=)", ["info@example.fr | Café"]),
            // An encoded word next to plain text keeps the space between them.
            ("=?UTF-8?Q?J=C3=BCrgen?= Müller <jm@example.de>", ["jm@example.de | Jürgen Müller"]),
            // An unknown charset whose bytes are not UTF-8: no name rather than mojibake.
            ("=?x-unknown?B?/w==?= <who@example.com>", ["who@example.com | -"]),
        ])
    func encodedNames(value: String, expected: [String]) {
        #expect(Self.parse(value) == expected)
    }

    @Test("each mailbox records the offset of its address, to find its physical line")
    func offsets() {
        var parser = EmailAddressParser()
        let mailboxes = parser.parse(" a@x.example,\r\n Bob <b@y.example>")
        #expect(mailboxes.map(\.offset) == [1, 20])
    }
}
