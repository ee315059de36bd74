import StewardModel

/// `rejects.csv`: one row per unusable input record, formula-safe for spreadsheets.
public enum RejectsCSV {
    public static let header = ["source", "file", "line", "record", "reason_code", "reason", "raw"]

    /// The CSV bytes for these rejects, header first.
    public static func render(_ rejects: [Reject]) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRow(header)
        for reject in rejects {
            writer.writeRow([
                reject.source, reject.location.file, reject.location.line.map(String.init) ?? "",
                reject.location.ordinal.map(String.init) ?? "", reject.reason.code, reject.reason.description,
                reject.rawText,
            ])
        }
        return writer.bytes
    }
}
