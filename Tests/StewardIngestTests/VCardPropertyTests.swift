import Foundation
import Testing

@testable import StewardIngest

@Suite("vCard property heads and value decoding")
struct VCardPropertyTests {
    func parse(_ line: String) -> VCardProperty? {
        Array(line.utf8).withUnsafeBufferPointer { VCardProperty.parse($0) }
    }

    @Test(
        "property names map to kinds ignoring case (the packed keys are right)",
        arguments: [
            ("BEGIN", VCardProperty.Kind.begin), ("end", .end), ("Version", .version), ("FN", .fn), ("n", .n),
            ("ORG", .org), ("title", .title), ("ROLE", .role), ("tel", .tel), ("EMAIL", .email), ("adr", .adr),
            ("URL", .url), ("Note", .note), ("REV", .rev), ("uid", .uid), ("BDAY", .bday), ("NickName", .nickname),
            ("AGENT", .agent), ("x-ablabel", .abLabel), ("PHOTO", .binary), ("logo", .binary), ("SOUND", .binary),
            ("KEY", .binary), ("X-ABUID", .other), ("CATEGORIES", .other), ("LABEL", .other), ("FNX", .other),
            ("NN", .other),
        ])
    func names(name: String, kind: VCardProperty.Kind) throws {
        let property = try #require(parse("\(name):x"))
        #expect(property.kind == kind)
        #expect(try #require(parse("item1.\(name);TYPE=work:x")).kind == kind)
    }

    @Test("group, parameters and the value start; a colon inside a quoted parameter value")
    func head() throws {
        let line = "item2.TEL;type=WORK;LABEL=\"a:b;c\";PREF=1;CHARSET=windows-1252;ENCODING=QUOTED-PRINTABLE:+1"
        let property = try #require(parse(line))
        let bytes = Array(line.utf8)
        #expect(String(decoding: bytes[property.groupStart..<property.groupEnd], as: UTF8.self) == "item2")
        #expect(String(decoding: bytes[property.valueStart...], as: UTF8.self) == "+1")
        #expect(property.kind == .tel && property.prefRank == 1 && property.encoding == .quotedPrintable)
        #expect(property.charset == .windows1252 && property.types & VCardKind.work != 0)
    }

    @Test(
        "parameter encodings and charsets, 2.1 bare and 3.0 named",
        arguments: [
            ("NOTE;QUOTED-PRINTABLE:x", VCardProperty.Encoding.quotedPrintable, VCardCharset.unspecified),
            ("NOTE;ENCODING=quoted-printable;CHARSET=UTF-8:x", .quotedPrintable, .utf8),
            ("PHOTO;BASE64:x", .base64, .unspecified), ("PHOTO;ENCODING=b;TYPE=JPEG:x", .base64, .unspecified),
            ("NOTE;CHARSET=ISO-8859-1;ENCODING=8BIT:x", .none, .latin1),
            ("NOTE;CHARSET=iso8859-1:x", .none, .latin1), ("NOTE;CHARSET=cp1252:x", .none, .windows1252),
            ("NOTE;CHARSET=Shift_JIS:x", .none, .foundation(.shiftJIS)), ("NOTE;CHARSET=koi8-r:x", .none, .unsupported),
        ])
    func encodings(line: String, encoding: VCardProperty.Encoding, charset: VCardCharset) throws {
        let property = try #require(parse(line))
        #expect(property.encoding == encoding && property.charset == charset)
    }

    @Test(
        "lines that are not name:value",
        arguments: ["Call back next week", "E", "Note to self: call", ":x", ".TEL:1", "a.b.TEL:1"])
    func notProperties(line: String) {
        #expect(parse(line) == nil)
    }

    @Test("empty parameters are tolerated (NOPARAM;:x, TAIL;PARAM=value;:x)")
    func emptyParameters() throws {
        #expect(try #require(parse("NOPARAM;:pas-id")).valueStart == 9)
        #expect(try #require(parse("MIDDLE;PARAM=value;;PARAM2=value2:x")).kind == .other)
    }

    @Test(
        "quoted-printable: hex either case, invalid escapes kept, a final = dropped",
        arguments: [
            ("Gr=C3=BC=c3=9fe", "Grüße"), ("100=25 =3D ok", "100% = ok"), ("a=ZZb", "a=ZZb"), ("end=", "end"),
            ("=E2=82", "\u{FFFD}"),
        ])
    func quotedPrintable(raw: String, decoded: String) {
        var out: [UInt8] = []
        var decoder = VCardTextDecoder()
        let notes = Array(raw.utf8).withUnsafeBufferPointer {
            decoder.append($0, quotedPrintable: true, charset: .utf8, to: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == decoded)
        #expect(notes.contains(.replacedInvalidUTF8) == decoded.contains("\u{FFFD}"))
    }

    @Test("Windows-1252 fallback for values without a charset; the euro sign and curly quotes")
    func windows1252() {
        var out: [UInt8] = []
        var decoder = VCardTextDecoder()
        let notes = ([0x80, 0x20, 0x84, 0x93, 0xDF] as [UInt8]).withUnsafeBufferPointer {
            decoder.append($0, quotedPrintable: false, charset: .unspecified, to: &out)
        }
        #expect(String(decoding: out, as: UTF8.self) == "€ „“ß" && notes == .windows1252Fallback)
    }

    @Test("components split at unescaped separators only")
    func components() {
        var parts: [String] = []
        Array(#"a\;b;c\\;d;"#.utf8).withUnsafeBufferPointer { raw in
            VCardTextDecoder.forEachComponent(raw, separator: VCardByte.semicolon) { _, part in
                parts.append(String(decoding: part, as: UTF8.self))
            }
        }
        #expect(parts == [#"a\;b"#, #"c\\"#, "d", ""])
    }

    @Test("the UID set finds repeats exactly, through growth, and keeps the first line")
    func uidSet() {
        var set = VCardUIDSet()
        func insert(_ uid: String, _ line: Int) -> Int? {
            Array(uid.utf8).withUnsafeBufferPointer { set.insert($0, line: line) }
        }
        for k in 0..<5_000 { #expect(insert("uid-\(k)", k + 1) == nil) }
        #expect(set.count == 5_000)
        #expect(insert("uid-0", 9_000) == 1 && insert("uid-4999", 9_001) == 5_000)
        #expect(insert("UID-0", 9_002) == nil && insert("uid-00", 9_003) == nil && insert("", 9_004) == nil)
        #expect(insert("", 9_005) == 9_004)
        #expect(set.count == 5_003)
    }
}
