import Testing

@testable import StewardText

@Suite("Text folding")
struct FoldingTests {
    @Test(
        "folded keys of real messy names",
        arguments: [
            ("Müller", "muller"), ("MÜLLER", "muller"), ("Mu\u{308}ller", "muller"),
            ("Øyvind Ødegård", "oyvind odegard"),
            ("Straße", "strasse"), ("STRASSE", "strasse"), ("Æsir", "aesir"), ("Łukasz Wałęsa", "lukasz walesa"),
            ("İbrahim Yıldız", "ibrahim yildiz"), ("François", "francois"), ("José María Núñez", "jose maria nunez"),
            ("O'Brien", "obrien"), ("O’Brien", "obrien"), ("D`Angelo", "dangelo"), ("Anne-Marie", "anne marie"),
            ("  hans   müller  ", "hans muller"), ("J. R. R. Tolkien", "j r r tolkien"), ("J.R.R.", "j r r"),
            ("Dvořák", "dvorak"), ("Đorđević", "dordevic"), ("Þórsdóttir", "thorsdottir"), ("Œuvre", "oeuvre"),
            ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"), ("Søren Kierkegaard", "soren kierkegaard"),
            ("Col·lell", "collell"), ("ǅukić", "dzukic"), ("ﬁnn", "finn"), ("ＡＢＣ １２", "abc 12"),
            ("Ελένη Παπαδοπούλου", "ελενη παπαδοπουλου"), ("ΟΔΥΣΣΕΑΣ", "οδυσσεασ"), ("Алёна Ёжикова", "алена ежикова"),
            ("王小明", "王小明"), ("김민준", "김민준"), ("Smith, John (Jr.)", "smith john jr"), ("ÅSA", "asa"),
            ("Zoë\u{200B}Saldaña", "zoesaldana"), ("—", ""), ("", ""), ("123 Main-St.", "123 main st"),
            ("KØBENHAVN", "kobenhavn"), ("Ærøskøbing", "aeroskobing"), ("ẞ", "ss"), ("Ǝ", "ǝ"), ("Ə", "ə"),
        ])
    func folded(input: String, expected: String) {
        #expect(TextFolding.foldedKey(input) == expected)
    }

    @Test(
        "German variant spells umlauts out",
        arguments: [
            ("Müller", "mueller"), ("MÜLLER", "mueller"), ("Mu\u{308}ller", "mueller"), ("Schröder", "schroeder"),
            ("Jäger", "jaeger"), ("Größe", "groesse"), ("Ärztin Öztürk", "aerztin oeztuerk"), ("Straße", "strasse"),
            ("José", "jose"), ("Søren", "soren"), ("Mueller", "mueller"), ("Noe\u{308}l", "noel"),
        ])
    func german(input: String, expected: String) {
        #expect(TextFolding.germanFoldedKey(input) == expected)
    }

    @Test("every Latin-1 Supplement / Extended-A letter folds to ASCII letters")
    func latinCoverage() {
        var notASCII: [String] = []
        for v in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(v), v != 0xD7, v != 0xF7 else { continue }  // × ÷ are separators
            let key = TextFolding.foldedKey(String(Character(scalar)))
            if key.isEmpty || !key.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                notASCII.append("U+\(String(v, radix: 16)) → \(key)")
            }
        }
        #expect(notASCII.isEmpty, "\(notASCII)")
    }

    @Test("the fast and the slow path agree on ASCII")
    func pathsAgree() {
        for input in ["O'Brien-Smith, Jr.", "  a  b  ", "x--y", "'quoted'", "A1 b2", "`", "MiXeD CaSe"] {
            #expect(TextFolding.foldedKey(input) == TextFolding.foldScalars(input, german: false))
        }
        #expect(TextFolding.foldedKey("Ötzi") == TextFolding.foldScalars("Ötzi", german: false))
    }
}

@Suite("Text folding byte path")
struct FoldingBytePathTests {
    @Test("the UTF-8 byte path equals the scalar path wherever it answers")
    func bytePathAgrees() {
        var answered = 0
        var ranges: [ClosedRange<UInt32>] = [0...0x3100, 0xFB00...0xFB4F, 0xFE00...0xFFFF, 0x1D400...0x1D7FF]
        ranges.append(0x1F300...0x1F3FF)
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let s = String(scalar)
                for input in ["a\(s)b", " \(s) ", "X-\(s)\(s)'y", "u\(s)", s] {
                    for german in [false, true] {
                        var copy = input
                        guard let fast = copy.withUTF8({ TextFolding.foldUTF8($0, german: german) }) else { continue }
                        answered += 1
                        #expect(
                            fast == TextFolding.foldScalars(input, german: german),
                            "U+\(String(v, radix: 16)) \(german)")
                    }
                }
            }
        }
        #expect(answered > 10_000)
    }

    @Test("foldedKey(utf8:) equals foldedKey", arguments: ["Müller", "Nguyễn Văn An", "O'Brien", "Алёна", "王小明", ""])
    func utf8Entry(input: String) {
        var copy = input
        #expect(copy.withUTF8 { TextFolding.foldedKey(utf8: $0) } == TextFolding.foldedKey(input))
    }
}
