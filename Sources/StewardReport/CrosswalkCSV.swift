import StewardModel

/// `crosswalk.csv`: every input record (singletons included), in record order, with its golden id.
///
/// Columns: exactly `source`, `source_id`, `golden_id`.
public enum CrosswalkCSV {
    public static let header = ["source", "source_id", "golden_id"]

    /// The CSV bytes, header first.
    /// - Precondition: `output` passes ``RunOutput/validate()``.
    /// - Complexity: O(records).
    public static func render(_ output: RunOutput) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(header)
        for (index, record) in output.records.enumerated() {
            let golden = output.merge.golden[Int(output.merge.goldenOf[index])]
            writer.writeRow([record.source, record.sourceID, golden.goldenID])
        }
        return writer.bytes
    }
}
