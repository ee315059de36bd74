import StewardModel
import StewardText

/// Builds the columnar ``RecordTable`` that blocking and comparison read, from the records and their normalized
/// values: only the columns asked for, each value a byte string.
///
/// Which value a column holds (see ``ColumnView``):
/// - `emails.key` the email match keys (flags: role address, free mail); `phones.key` E.164 numbers with
///   `phones.ext` their extensions aligned value for value;
/// - name parts from the normalized name: `given_name.key` / `.canonical` (the key and every name the nickname
///   table says it may be short for: `kate` → `catherine`, `kate`, `katherine`), `family_name.key` /
///   `.alt` (German transliteration) / `.phonetic` (Double Metaphone), `middle_name.key`, `full_name.key` (the
///   whole-name key); `organization.key` the company key;
/// - every other field (canonical or extra): `.key` the folded text, `.raw` the trimmed original, `.phonetic` the
///   Double Metaphone of the folded text.
///
/// `updated_at` is parsed into `yyyymmdd000000` for recency (0 when absent or not a date).
/// - Complexity: O(total text of the requested fields).
public enum RecordTableBuilder {
    public static func build(
        records: [SourceRecord], normalized: [NormalizedRecord], sourceIndex: ContiguousArray<UInt16>,
        columns wanted: Set<ColumnKey>
    ) -> RecordTable {
        precondition(records.count == normalized.count && records.count == sourceIndex.count)
        var columns: [ColumnKey: ByteColumn] = [:]
        for key in wanted.sorted(by: { $0.description < $1.description }) {
            var column = ByteColumn()
            column.reserveCapacity(records: records.count, bytesPerRecord: 12)
            for i in records.indices {
                fill(&column, key, records[i], normalized[i])
                column.endRecord()
            }
            columns[key] = column
        }
        var updatedAt = ContiguousArray<Int64>(repeating: 0, count: records.count)
        for i in records.indices {
            if let text = records[i].fields[.updatedAt], let date = DateValue.parse(text) {
                updatedAt[i] = Int64(date.year * 10_000 + date.month * 100 + date.day) * 1_000_000
            }
        }
        return RecordTable(count: records.count, columns: columns, sourceIndex: sourceIndex, updatedAt: updatedAt)
    }

    private static func fill(
        _ column: inout ByteColumn, _ key: ColumnKey, _ record: SourceRecord, _ normalized: NormalizedRecord
    ) {
        let name = normalized.name
        switch (key.field, key.view) {
        case (.canonical(.emails), .key):
            for email in normalized.emails {
                var flag: ByteColumn.Flag = []
                if email.isRole { flag.insert(.role) }
                if email.isFreeMail { flag.insert(.freeMail) }
                column.append(email.key, flag: flag)
            }
        case (.canonical(.phones), .key):
            for phone in normalized.phones { column.append(phone.e164) }
        case (.canonical(.phones), .ext):
            for phone in normalized.phones { column.appendAligned(value: (phone.extension ?? "").utf8) }
        case (.canonical(.givenName), .key):
            append(&column, name?.givenKey)
        case (.canonical(.givenName), .canonical):
            // The given key and every name it may be short for (`kate` → kate, katherine, catherine), sorted.
            if let key = name?.givenKey {
                for value in Set([key] + (NameTables.shared.nicknames[key] ?? [])).sorted() { column.append(value) }
            }
        case (.canonical(.middleName), .key):
            append(&column, name?.middleKey)
        case (.canonical(.familyName), .key):
            append(&column, name?.familyKey)
        case (.canonical(.familyName), .alt):
            append(&column, name?.familyKeyAlt ?? name?.familyKey)
        case (.canonical(.familyName), .phonetic):
            append(&column, name?.familyPhonetic)
        case (.canonical(.fullName), .key):
            append(&column, name?.key)
        case (.canonical(.organization), .key):
            append(&column, normalized.organizationKey)
        case (_, .raw):
            append(&column, text(record, key.field))
        case (_, .phonetic):
            if let folded = folded(record, normalized, key.field) {
                append(&column, DoubleMetaphone.encode(folded).primary)
            }
        default:
            append(&column, folded(record, normalized, key.field))
        }
    }

    private static func append(_ column: inout ByteColumn, _ value: String?) {
        if let value { column.append(value) }
    }

    /// The record's text for a field (lists joined by spaces).
    private static func text(_ record: SourceRecord, _ field: FieldReference) -> String? {
        switch field {
        case .canonical(.emails): return record.fields.emails.first?.value
        case .canonical(.phones): return record.fields.phones.first?.value
        case .canonical(let canonical): return record.fields[canonical]
        case .extra(let name): return record.fields.extra(name)
        }
    }

    /// Folded key of a field; name parts come from the normalized name so `.phonetic` of `given_name` works.
    private static func folded(
        _ record: SourceRecord, _ normalized: NormalizedRecord, _ field: FieldReference
    )
        -> String?
    {
        switch field {
        case .canonical(.givenName): return normalized.name?.givenKey
        case .canonical(.familyName): return normalized.name?.familyKey
        case .canonical(.middleName): return normalized.name?.middleKey
        case .canonical(.fullName): return normalized.name?.key
        case .canonical(.organization): return normalized.organizationKey
        case .canonical(.emails): return normalized.emails.first?.key
        case .canonical(.phones): return normalized.phones.first?.e164
        default:
            guard let text = text(record, field) else { return nil }
            let key = TextFolding.foldedKey(text)
            return key.isEmpty ? nil : key
        }
    }
}
