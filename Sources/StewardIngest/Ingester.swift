import StewardModel

/// What this module can read. ``SourceFormat`` (in StewardModel) is the one registry of formats that pipeline files,
/// docs and commands share; each has an ingester: `CSVIngester`, `VCardIngester`, `XMLIngester`,
/// `EmailHeaderIngester`.
public enum Ingesters {
    public static let implemented: [SourceFormat] = SourceFormat.allCases
}
