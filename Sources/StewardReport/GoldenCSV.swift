import StewardModel

/// `golden.csv`: one row per golden record, in golden order, formula-safe for spreadsheets.
///
/// Columns: `golden_id`, `record_count`, `sources` (the members' distinct source names, sorted, joined by `|`);
/// then one column per single-valued canonical field that any golden record has, in ``CanonicalField`` order;
/// `email` (the best) and `emails` (all, best first, joined by ` | `) when any golden record has an email, `phone`
/// and `phones` likewise; then extra fields by name. An extra field whose name is already a column (a source
/// column called `sources`) is written as `extra.<name>`.
public enum GoldenCSV {
    /// Separator of the values in the `emails` and `phones` columns.
    public static let listSeparator = " | "

    /// The CSV bytes, header first.
    /// - Precondition: `output` passes ``RunOutput/validate()``.
    /// - Complexity: O(golden values + members).
    public static func render(_ output: RunOutput) -> [UInt8] {
        let golden = output.merge.golden
        var present = Set<FieldReference>()
        for record in golden {
            for field in record.fields where !field.values.isEmpty { present.insert(field.field) }
        }
        let singles = CanonicalField.allCases.filter { !$0.isList && present.contains(.canonical($0)) }
        let lists = [CanonicalField.emails, .phones].filter { present.contains(.canonical($0)) }
        let extras = present.compactMap { field -> String? in
            if case .extra(let name) = field { return name }
            return nil
        }.sorted()

        var header = ["golden_id", "record_count", "sources"] + singles.map(\.rawValue)
        for list in lists { header += list == .emails ? ["email", "emails"] : ["phone", "phones"] }
        let taken = Set(header)
        header += extras.map { taken.contains($0) ? "extra.\($0)" : $0 }

        // Column of each field's first value; list fields also fill the column after it.
        var column: [FieldReference: Int] = [:]
        for (offset, field) in singles.enumerated() { column[.canonical(field)] = 3 + offset }
        for (offset, list) in lists.enumerated() { column[.canonical(list)] = 3 + singles.count + 2 * offset }
        for (offset, name) in extras.enumerated() {
            column[.extra(name)] = 3 + singles.count + 2 * lists.count + offset
        }

        var writer = CSVWriter()
        writer.writeRow(header)
        var row = [String](repeating: "", count: header.count)
        var sources: [String] = []
        for record in golden {
            for index in row.indices { row[index] = "" }
            sources.removeAll(keepingCapacity: true)
            for member in record.members { sources.append(output.records[Int(member)].source) }
            sources.sort()
            var distinct: [String] = []
            for source in sources where distinct.last != source { distinct.append(source) }
            row[0] = record.goldenID
            row[1] = String(record.members.count)
            row[2] = distinct.joined(separator: "|")
            for field in record.fields {
                guard let first = field.values.first, let index = column[field.field] else { continue }
                row[index] = first.value
                if field.field == .canonical(.emails) || field.field == .canonical(.phones) {
                    row[index + 1] = field.values.map(\.value).joined(separator: listSeparator)
                }
            }
            writer.writeRow(row)
        }
        return writer.bytes
    }
}
