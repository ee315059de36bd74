/// Writes compact JSON straight into a byte buffer, for the reports that emit many lines (`audit.jsonl`), where
/// `JSONEncoder` costs tens of microseconds per line.
///
/// The caller emits object keys in the order they should appear (sorted, for `audit.jsonl`). Strings are escaped
/// as RFC 8259 requires (`"`, `\`, control characters) and otherwise kept as UTF-8, `/` unescaped; numbers are
/// written as `JSONEncoder` writes them (integral values without a fraction, others in Swift's shortest round-trip
/// form); non-finite numbers as the strings `Infinity`, `-Infinity`, `NaN`.
/// - Complexity: O(bytes written).
struct JSONLineWriter {
    private(set) var bytes: [UInt8] = []
    /// Per open container: whether the next element is its first.
    private var first: [Bool] = []
    /// A key was just written: the next value follows it without a comma.
    private var afterKey = false

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Ends a line (after a top-level value).
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Writes `"name":`; `name` is a literal that needs no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        afterKey = true
    }

    mutating func string(_ value: String) {
        separate()
        appendString(value)
    }

    mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else {
            appendString(value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity"))
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func number(_ value: Float) {
        separate()
        guard value.isFinite else {
            appendString(value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity"))
            return
        }
        if value == value.rounded(), abs(value) < 1e7 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    // MARK: Implementation

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        first.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        first.removeLast()
        bytes.append(bracket)
    }

    /// Writes the comma before an element that is not its container's first.
    private mutating func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let isFirst = first.last else { return }
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        first[first.count - 1] = false
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `value` quoted: runs of bytes that need no escape are copied at once.
    private mutating func appendString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscaped(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0..<0x20:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(JSONLineWriter.hex[Int(byte >> 4)])
            bytes.append(JSONLineWriter.hex[Int(byte & 0x0F)])
        default: bytes.append(byte)  // `"` and `\`
        }
    }
}
