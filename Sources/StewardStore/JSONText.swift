/// A small JSON writer for the store's own columns (golden values, run counts and timings): RFC 8259 string
/// escaping, no whitespace, keys in the order given. Faster than `JSONEncoder` for these flat shapes and
/// byte-identical run to run.
struct JSONText {
    private(set) var text = ""
    private var needsComma = false

    mutating func string(_ value: String) {
        comma()
        text.append("\"")
        var plain = true
        for byte in value.utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            plain = false
            break
        }
        if plain {
            text.append(value)
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text.append("\\\"")
                case "\\": text.append("\\\\")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                case "\t": text.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
        needsComma = true
    }

    mutating func number(_ value: Int) {
        comma()
        text.append(String(value))
        needsComma = true
    }

    /// Finite doubles as Swift prints them (shortest round-trip form); non-finite ones as `null`.
    mutating func number(_ value: Double) {
        comma()
        text.append(value.isFinite ? "\(value)" : "null")
        needsComma = true
    }

    mutating func key(_ name: String) {
        string(name)
        text.append(":")
        needsComma = false
    }

    mutating func object<Elements: Sequence>(_ elements: Elements, _ body: (inout JSONText, Elements.Element) -> Void) {
        comma()
        text.append("{")
        needsComma = false
        for element in elements { body(&self, element) }
        text.append("}")
        needsComma = true
    }

    mutating func array<Elements: Sequence>(_ elements: Elements, _ body: (inout JSONText, Elements.Element) -> Void) {
        comma()
        text.append("[")
        needsComma = false
        for element in elements { body(&self, element) }
        text.append("]")
        needsComma = true
    }

    private mutating func comma() {
        if needsComma { text.append(",") }
    }
}
