import StewardModel
import StewardText

/// One blocking key function (`family_name.phonetic`) over the table's byte columns.
///
/// `key` (or no transform) takes the field's match key; `phonetic` its Double Metaphone code; `initial` and
/// `prefix3` the first one or three characters of the key; `year` a four-digit year in the original text; `digits`
/// the digits of the original text (no digits → no key). A record without a value has no key and joins no block
/// of the pass.
struct KeyFunction {
    let spec: BlockingKeySpec
    let column: ByteColumn

    /// The column a key reads.
    static func column(_ spec: BlockingKeySpec) -> ColumnKey {
        switch spec.transform {
        case .phonetic: return ColumnKey(spec.field, .phonetic)
        case .year, .digits: return ColumnKey(spec.field, .raw)
        case .key, .initial, .prefix3, nil: return ColumnKey(spec.field, .key)
        }
    }

    init(_ spec: BlockingKeySpec, table: RecordTable) {
        self.spec = spec
        self.column = table.column(Self.column(spec))
    }

    /// Appends the key bytes of value `value` to `out`; returns false when the value yields no key.
    func appendKey(value: Int, to out: inout [UInt8]) -> Bool {
        column.withValue(value) { bytes in
            switch spec.transform {
            case .key, .phonetic, nil:
                out.append(contentsOf: bytes)
                return !bytes.isEmpty
            case .initial:
                return appendScalars(bytes, count: 1, to: &out)
            case .prefix3:
                return appendScalars(bytes, count: 3, to: &out)
            case .year:
                guard let year = DateValue.year(bytes) else { return false }
                out.append(contentsOf: String(year).utf8)
                return true
            case .digits:
                var any = false
                for byte in bytes where byte &- UInt8(ascii: "0") < 10 {
                    out.append(byte)
                    any = true
                }
                return any
            }
        }
    }

    /// The first `count` Unicode scalars of a UTF-8 value.
    private func appendScalars(_ bytes: UnsafeBufferPointer<UInt8>, count: Int, to out: inout [UInt8]) -> Bool {
        var scalars = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 {
                if scalars == count { break }
                scalars += 1
            }
            out.append(bytes[i])
            i += 1
        }
        return scalars > 0
    }
}
