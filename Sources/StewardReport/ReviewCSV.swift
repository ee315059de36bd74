import StewardModel

/// `review.csv`: the borderline pairs a data steward decides, both records side by side, formula-safe.
///
/// Columns: `pair` (1, 2, … in review order: highest probability first), `probability` (6 decimals), `weight`
/// (total match weight, prior included, 3 decimals), `a_source`, `a_source_id`, `b_source`, `b_source_id`; then
/// per comparison of the model `<field>_a`, `<field>_b` (the records' values as text: emails and phones joined by
/// `; `) and `<field>_level` (the level's label, `missing` when a value is absent); then `decision`, empty, for the
/// steward to fill with `match` or `no_match`. When two comparisons read the same field, their columns are named
/// `<field>_<method>_a` and so on.
public enum ReviewCSV {
    /// The values a steward writes in the `decision` column.
    public static let decisions = ["match", "no_match"]

    /// The header for a model's comparisons.
    public static func header(_ model: MatchModel) -> [String] {
        var header = ["pair", "probability", "weight", "a_source", "a_source_id", "b_source", "b_source_id"]
        for prefix in columnPrefixes(model) { header += ["\(prefix)_a", "\(prefix)_b", "\(prefix)_level"] }
        header.append("decision")
        return header
    }

    /// The CSV bytes, header first.
    /// - Precondition: `output` passes ``RunOutput/validate()``.
    /// - Complexity: O(review pairs × comparisons).
    public static func render(_ output: RunOutput) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(header(output.model))
        for (number, index) in output.clusters.review.enumerated() {
            let pair = output.match.pairs[index]
            let a = output.records[Int(pair.a)]
            let b = output.records[Int(pair.b)]
            var row = [
                String(number + 1), ReportNumber.probability(pair.probability), ReportNumber.weight(pair.weight),
                a.source, a.sourceID, b.source, b.sourceID,
            ]
            for (comparison, level) in zip(output.model.comparisons, pair.levels) {
                row += [
                    output.text(pair.a, comparison.field), output.text(pair.b, comparison.field),
                    comparison.label(level),
                ]
            }
            row.append("")
            writer.writeRow(row)
        }
        return writer.bytes
    }

    /// `<field>`, or `<field>_<method>` for fields more than one comparison reads.
    static func columnPrefixes(_ model: MatchModel) -> [String] {
        var uses: [FieldReference: Int] = [:]
        for comparison in model.comparisons { uses[comparison.field, default: 0] += 1 }
        return model.comparisons.map { comparison in
            let field = comparison.field.description
            return uses[comparison.field, default: 0] > 1 ? "\(field)_\(comparison.method.rawValue)" : field
        }
    }
}
