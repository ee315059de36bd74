import Foundation
import StewardTestSupport
import Testing

@testable import StewardIngest

@Suite("CSV encodings")
struct CSVEncodingTests {
    func text(_ decoded: DecodedText) -> String {
        String(decoding: decoded.bytes[decoded.start...], as: UTF8.self)
    }

    @Test("UTF-8 without BOM is used in place; with BOM the BOM is skipped, not copied")
    func utf8() throws {
        let plain = Array("a,b\nä,ö\n".utf8)
        let decoded = try CSVDecoder.decode(plain)
        #expect(decoded.encoding == .utf8 && decoded.start == 0 && decoded.bytes == plain && decoded.warnings.isEmpty)
        let bom = try CSVDecoder.decode(Array(try Fixtures.data("csv/utf8_bom.csv")))
        #expect(bom.encoding == .utf8BOM && bom.start == 3)
        #expect(text(bom) == "First Name,Last Name,Email\r\nJürgen,Müller,j.mueller@example.de\r\n")
    }

    @Test(
        "UTF-16 with BOM, both byte orders, including a surrogate pair",
        arguments: ["utf16le_bom.txt", "utf16be_bom.txt"])
    func utf16(file: String) throws {
        let decoded = try CSVDecoder.decode(Array(try Fixtures.data("csv/\(file)")))
        #expect(decoded.encoding == (file.hasPrefix("utf16le") ? .utf16LE : .utf16BE))
        #expect(decoded.warnings.isEmpty)
        #expect(
            text(decoded)
                == "First Name\tLast Name\tE-mail Address\r\nZoë\tBrandt\tzoe@example.de\r\n𝔘nicode\tTëst\tu@example.com\r\n"
        )
    }

    @Test("UTF-16 damage is replaced with U+FFFD and reported")
    func utf16Damage() throws {
        // "a", unpaired high surrogate, "b", odd trailing byte.
        let decoded = try CSVDecoder.decode([0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00, 0x63])
        #expect(text(decoded) == "a\u{FFFD}b\u{FFFD}")
        #expect(
            decoded.warnings == [
                "UTF-16 input has an odd number of bytes; the last byte was replaced with U+FFFD",
                "1 unpaired UTF-16 surrogate(s) replaced with U+FFFD",
            ])
    }

    @Test("invalid UTF-8 falls back to Windows-1252 with a warning naming the first bad byte")
    func windows1252() throws {
        let decoded = try CSVDecoder.decode(Array(try Fixtures.data("csv/windows1252.csv")))
        #expect(decoded.encoding == .windows1252)
        #expect(
            text(decoded)
                == "Name,Company,Note\r\nRenée O’Connor,Café – Bar,€5 “quoted”\r\nFrançois Dupont,Société Générale,½ off\r\n"
        )
        #expect(decoded.warnings == ["decoded as Windows-1252: not valid UTF-8 (first invalid byte at line 2, byte 4)"])
    }

    @Test("the Windows-1252 table agrees with Foundation's CP1252 decoder on every assigned byte")
    func windows1252Table() throws {
        let unassigned: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        for byte in UInt8(0x80)...UInt8(0xFF) where !unassigned.contains(byte) {
            let reference = try #require(String(data: Data([byte]), encoding: .windowsCP1252))
            let ours = String(decoding: CSVDecoder.windows1252ToUTF8([byte]), as: UTF8.self)
            #expect(ours == reference, "byte \(String(byte, radix: 16))")
        }
        #expect(CSVDecoder.windows1252ToUTF8([0x81]) == [0xC2, 0x81])
    }

    @Test(
        "UTF-8 validation (RFC 3629): offset of the first bad byte",
        arguments: [
            ([0x61, 0xC3, 0xA4] as [UInt8], nil as Int?),  // ä
            ([0xF0, 0x9F, 0x98, 0x80], nil),  // U+1F600
            ([0xEF, 0xBB, 0xBF, 0x61], nil),
            ([0x61, 0xC0, 0x80], 1),  // overlong NUL
            ([0xE0, 0x80, 0xAF], 0),  // overlong
            ([0xED, 0xA0, 0x80], 0),  // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
            ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xE9], 9),  // truncated after the 8-byte path
            ([0xC3], 0),  // truncated
            ([0x80], 0),  // lone continuation
        ])
    func validation(bytes: [UInt8], expected: Int?) {
        #expect(CSVDecoder.firstInvalidUTF8(bytes, from: 0) == expected)
    }

    @Test("UTF-32 and BOM-less UTF-16 are refused with a message that says how to fix it")
    func refused() {
        #expect(throws: EncodingFailure.self) { try CSVDecoder.decode([0xFF, 0xFE, 0, 0, 0x61, 0, 0, 0]) }
        #expect(throws: EncodingFailure.self) { try CSVDecoder.decode([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x61]) }
        do {
            _ = try CSVDecoder.decode(Array("name,x".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            Issue.record("expected a failure")
        } catch {
            #expect(
                error.message
                    == "looks like UTF-16 without a byte-order mark; save the file as UTF-8 (CSV UTF-8 in Excel)")
        }
    }
}
