import StewardModel

/// `lineage.csv`: where every golden value came from, one row per value.
///
/// Columns: `golden_id`, `field` (canonical or extra field name), `rank` (1 for single fields; 1, 2, … best first
/// for `emails` and `phones`), `value`, `source` and `source_id` of the record it came from, `rule` (the
/// survivorship rule that chose it) and `support` (how many members carried it). Rows in golden order, then the
/// golden record's field order.
public enum LineageCSV {
    public static let header = ["golden_id", "field", "rank", "value", "source", "source_id", "rule", "support"]

    /// The CSV bytes, header first.
    /// - Precondition: `output` passes ``RunOutput/validate()``.
    /// - Complexity: O(golden values).
    public static func render(_ output: RunOutput) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(header)
        for record in output.merge.golden {
            for field in record.fields {
                for (rank, value) in field.values.enumerated() {
                    let from = output.records[Int(value.record)]
                    writer.writeRow([
                        record.goldenID, field.field.description, String(rank + 1), value.value, from.source,
                        from.sourceID, value.rule.rawValue, String(value.support),
                    ])
                }
            }
        }
        return writer.bytes
    }
}
