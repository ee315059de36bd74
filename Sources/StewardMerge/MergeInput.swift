import StewardModel

/// Everything the merge stage reads: the records with their normalized values, what the run knows about each
/// source, and the clusters.
///
/// All per-record arrays are indexed by record index and have one entry per record.
public struct MergeInput: Sendable {
    public var records: [SourceRecord]
    public var normalized: [NormalizedRecord]
    /// Index of each record's source in `sourceNames` / `sourceTrust`.
    public var sourceIndex: ContiguousArray<UInt16>
    public var sourceNames: [String]
    /// Survivorship weight of each source (higher wins the `trust` rule), by source index; a missing entry is 0.
    public var sourceTrust: [Double]
    /// `updated_at` of each record as `yyyymmddhhmmss`, 0 when unknown (loses the `recency` rule).
    public var updatedAt: ContiguousArray<Int64>
    public var clusters: ClusterResult
    /// Rules per field, keyed `default` or by the field's name as pipeline files write it (`emails`,
    /// `organization`, `date_of_birth`; the aliases `email`, `phone`, `company`, … are accepted too). Fields without
    /// an entry use `default`; without a `default`, `[trust, recency, completeness]`, and `[union]` for emails and
    /// phones.
    public var survivorship: [String: [SurvivorshipRule]]

    public init(
        records: [SourceRecord], normalized: [NormalizedRecord], sourceIndex: ContiguousArray<UInt16>,
        sourceNames: [String], sourceTrust: [Double], updatedAt: ContiguousArray<Int64>, clusters: ClusterResult,
        survivorship: [String: [SurvivorshipRule]]
    ) {
        self.records = records
        self.normalized = normalized
        self.sourceIndex = sourceIndex
        self.sourceNames = sourceNames
        self.sourceTrust = sourceTrust
        self.updatedAt = updatedAt
        self.clusters = clusters
        self.survivorship = survivorship
    }
}
