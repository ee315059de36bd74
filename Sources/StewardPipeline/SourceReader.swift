import StewardIngest
import StewardModel

/// Settings of every ingester, so one call reads a file of any format.
public struct ReadOptions: Sendable {
    public var csv: CSVOptions
    public var vcard: VCardOptions
    public var xml: XMLOptions
    public var email: EmailHeaderOptions

    public init(
        csv: CSVOptions = CSVOptions(), vcard: VCardOptions = VCardOptions(), xml: XMLOptions = XMLOptions(),
        email: EmailHeaderOptions = EmailHeaderOptions()
    ) {
        self.csv = csv
        self.vcard = vcard
        self.xml = xml
        self.email = email
    }
}

/// Reads one file (or, for email, a folder of `.eml` messages) with the ingester of its format.
enum SourceReader {
    static func read(path: String, format: SourceFormat, source: String, options: ReadOptions) throws -> IngestResult {
        switch format {
        case .csv: return try CSVIngester(options: options.csv).ingest(path: path, source: source)
        case .vcard: return try VCardIngester(options: options.vcard).ingest(path: path, source: source)
        case .xml: return try XMLIngester(options: options.xml).ingest(path: path, source: source)
        case .email: return try EmailHeaderIngester(options: options.email).ingest(path: path, source: source)
        }
    }
}
