import Foundation
import StewardModel
import Testing

@testable import StewardReport

/// The hand-written JSON of `audit.jsonl` must read exactly as `JSONEncoder` (sorted keys) would write it.
@Suite("JSON line writer")
struct JSONLineWriterTests {
    /// Any JSON value, to re-encode a line with `JSONEncoder` and compare.
    enum JSONValue: Codable, Equatable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case array([JSONValue])
        case object([String: JSONValue])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([JSONValue].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSONValue].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let value): try container.encode(value)
            case .number(let value): try container.encode(value)
            case .bool(let value): try container.encode(value)
            case .array(let value): try container.encode(value)
            case .object(let value): try container.encode(value)
            }
        }
    }

    static func reencoded(_ line: Substring) throws -> String {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("strings: quotes, backslashes and control characters escaped, slashes and non-ASCII kept")
    func strings() throws {
        var json = JSONLineWriter()
        json.beginArray()
        json.string("say \"hi\" \\ a/b\n\r\t\u{8}\u{C}\u{1}\u{1F} Müller ☃")
        json.endArray()
        let text = String(decoding: json.bytes, as: UTF8.self)
        #expect(text == #"["say \"hi\" \\ a/b\n\r\t\b\f\u0001\u001f Müller ☃"]"#)
        #expect(
            try JSONDecoder().decode([String].self, from: Data(json.bytes)) == [
                "say \"hi\" \\ a/b\n\r\t\u{8}\u{C}\u{1}\u{1F} Müller ☃"
            ])
    }

    @Test(
        "numbers as JSONEncoder writes them",
        arguments: [0, 6, -2, 0.95, 0.7, 64.0 / 65.0, 1.0 / 33.0, -4.321928094887363, 1e-7, 123456.789, 1e20])
    func numbers(value: Double) throws {
        var json = JSONLineWriter()
        json.beginArray()
        json.number(value)
        json.number(Float(value))
        json.endArray()
        let encoder = JSONEncoder()
        let expected = try encoder.encode([value]).dropLast()  // `[x]` without `]`
        let expectedFloat = try encoder.encode([Float(value)]).dropFirst()
        #expect(
            String(decoding: json.bytes, as: UTF8.self)
                == String(decoding: expected + [UInt8(ascii: ",")] + expectedFloat, as: UTF8.self))
    }

    @Test("non-finite numbers become strings")
    func nonFinite() {
        var json = JSONLineWriter()
        json.beginObject()
        json.key("a")
        json.number(-Double.infinity)
        json.key("b")
        json.number(Float.nan)
        json.endObject()
        #expect(String(decoding: json.bytes, as: UTF8.self) == #"{"a":"-Infinity","b":"NaN"}"#)
    }

    @Test("every audit line has sorted keys and JSONEncoder's exact form")
    func auditParity() throws {
        var output = RunOutputFixture.output()
        var variants = [output]
        output.clusters.clusters[0].edges.append(ClusterEdge(a: 1, b: 0, reason: .mustLink, pair: nil))
        output.clusters.clusters[0].edges.append(ClusterEdge(a: 0, b: 4, reason: .rule, pair: 1))
        output.clusters.clusters[3].flags = [ClusterFlag(kind: .contraryEvidence, a: 4, b: 0, pair: 1, detail: "x")]
        output.records[1].fields.replace(.givenName, "J\"o\\n/\nx\u{1}y")
        variants.append(output)
        for variant in variants {
            let lines = String(decoding: AuditLog.render(variant), as: UTF8.self).split(separator: "\n")
            #expect(!lines.isEmpty)
            for line in lines { #expect(try Self.reencoded(line) == String(line)) }
        }
    }
}
