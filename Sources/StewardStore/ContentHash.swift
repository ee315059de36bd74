import StewardModel

/// Content hashes of source records: what tells a new, changed or unchanged record apart between runs.
public enum ContentHash {
    /// The content hash of a record's fields: 16 hex digits of FNV-1a 64 over every single-valued field (by
    /// name), every email and phone with its kind, and every extra field, in the record's order, each
    /// length-prefixed.
    ///
    /// The location (`file:line`) is deliberately left out: a row that moved within its export is not a change.
    /// Normalized values are left out too: they follow from the fields (a normalizer that changes between Steward
    /// versions is a reason to re-normalize every stored record, not a change of the source).
    ///
    /// - Complexity: O(total length of the values).
    public static func of(_ fields: RecordFields) -> String {
        var hash = FNV1a64()
        let single = fields.setFields
        hash.add(single.count)
        for (field, value) in single {
            hash.add(field.rawValue)
            hash.add(value)
        }
        for list in [fields.emails, fields.phones] {
            hash.add(list.count)
            for point in list {
                hash.add(point.value)
                hash.add(point.kind)
            }
        }
        let extras = fields.extras
        hash.add(extras.count)
        for extra in extras {
            hash.add(extra.name)
            hash.add(extra.value)
        }
        return hash.hex
    }

    /// ``of(_:)`` of the record's fields.
    public static func of(_ record: SourceRecord) -> String { of(record.fields) }
}
