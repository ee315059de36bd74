import StewardModel

/// What this module can read. ``SourceFormat`` (in StewardModel) is the one registry of formats that pipeline files,
/// docs and commands share; only the formats listed here have an ingester so far.
public enum Ingesters {
    public static let implemented: [SourceFormat] = [.csv]

    /// The usage error for a format that has no ingester yet.
    public static func unsupported(_ format: SourceFormat, path: String) -> StewardError {
        StewardError(
            .badUsage,
            "\(format.rawValue) files cannot be read yet; this release reads "
                + implemented.map(\.rawValue).joined(separator: ", "),
            location: SourceLocation(file: path))
    }
}
