import StewardModel

/// Builds a small RecordTable by hand: one row per record, each column given as key/value lists.
struct TableFixture {
    var rows: [[ColumnKey: [String]]] = []
    var flags: [ColumnKey: [String: ByteColumn.Flag]] = [:]

    mutating func add(_ row: [ColumnKey: [String]]) {
        rows.append(row)
    }

    var table: RecordTable {
        var keys: Set<ColumnKey> = []
        for row in rows { keys.formUnion(row.keys) }
        var columns: [ColumnKey: ByteColumn] = [:]
        for key in keys {
            var column = ByteColumn()
            for row in rows {
                for value in row[key] ?? [] {
                    if key.view == .ext {
                        column.appendAligned(value: value.utf8)
                    } else {
                        column.append(value, flag: flags[key]?[value] ?? [])
                    }
                }
                column.endRecord()
            }
            columns[key] = column
        }
        return RecordTable(
            count: rows.count, columns: columns, sourceIndex: ContiguousArray(repeating: 0, count: rows.count),
            updatedAt: ContiguousArray(repeating: 0, count: rows.count))
    }
}

extension ColumnKey {
    static let emailKey = ColumnKey(.canonical(.emails), .key)
    static let phoneKey = ColumnKey(.canonical(.phones), .key)
    static let phoneExt = ColumnKey(.canonical(.phones), .ext)
    static let givenKey = ColumnKey(.canonical(.givenName), .key)
    static let givenCanonical = ColumnKey(.canonical(.givenName), .canonical)
    static let familyKey = ColumnKey(.canonical(.familyName), .key)
    static let familyAlt = ColumnKey(.canonical(.familyName), .alt)
    static let familyPhonetic = ColumnKey(.canonical(.familyName), .phonetic)
    static let organizationKey = ColumnKey(.canonical(.organization), .key)
}

/// A contact row in table form (folded keys, as the normalizer would produce them).
func contact(
    given: String? = nil, canonical: String? = nil, family: String? = nil, phonetic: String? = nil,
    emails: [String] = [], phones: [String] = [], extensions: [String]? = nil, organization: String? = nil
) -> [ColumnKey: [String]] {
    var row: [ColumnKey: [String]] = [.emailKey: emails, .phoneKey: phones]
    row[.phoneExt] = extensions ?? phones.map { _ in "" }
    if let given {
        row[.givenKey] = [given]
        row[.givenCanonical] = [canonical ?? given]
    }
    if let family {
        row[.familyKey] = [family]
        row[.familyAlt] = [family]
        row[.familyPhonetic] = [phonetic ?? String(family.prefix(3)).uppercased()]
    }
    if let organization { row[.organizationKey] = [organization] }
    return row
}
