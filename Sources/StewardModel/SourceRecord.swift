/// One record as an ingester read it: who it came from, where, and its fields as decoded text.
///
/// Values are the source's own text (decoded to Unicode, trimmed of surrounding white space), not normalized:
/// normalization happens in the next stage and keeps these originals for output and audit.
public struct SourceRecord: Sendable, Hashable, Codable {
    /// The source name (the pipeline's source name, or the file name for `steward inspect`).
    public var source: String
    /// The record's own id when it has one (an `id` column, a vCard `UID`), else its location. Unique within a source.
    public var sourceID: String
    public var location: SourceLocation
    public var fields: RecordFields

    public init(source: String, sourceID: String, location: SourceLocation, fields: RecordFields) {
        self.source = source
        self.sourceID = sourceID
        self.location = location
        self.fields = fields
    }

    enum CodingKeys: String, CodingKey {
        case source
        case sourceID = "source_id"
        case location
        case fields
    }
}
