/// A record's identity across runs and outputs: its source and its id there.
public struct RecordRef: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var source: String
    public var sourceID: String

    public init(source: String, sourceID: String) {
        self.source = source
        self.sourceID = sourceID
    }

    public static func < (l: RecordRef, r: RecordRef) -> Bool { (l.source, l.sourceID) < (r.source, r.sourceID) }

    /// `source:source_id`, the form pipeline files and decisions use.
    public var description: String { "\(source):\(sourceID)" }

    enum CodingKeys: String, CodingKey {
        case source
        case sourceID = "source_id"
    }
}

/// One surviving value with its lineage: the record it came from and the rule that chose it.
public struct GoldenValue: Sendable, Hashable {
    public var value: String
    /// Index of the record the value came from.
    public var record: Int32
    public var rule: SurvivorshipRule
    /// How many members carried the value (after normalization).
    public var support: Int

    public init(value: String, record: Int32, rule: SurvivorshipRule, support: Int = 1) {
        self.value = value
        self.record = record
        self.rule = rule
        self.support = support
    }
}

/// One golden field: a single value, or for list fields (emails, phones) all values best first.
public struct GoldenField: Sendable, Hashable {
    public var field: FieldReference
    public var values: [GoldenValue]

    public init(field: FieldReference, values: [GoldenValue]) {
        self.field = field
        self.values = values
    }
}

/// The merged view of one cluster.
public struct GoldenRecord: Sendable, Hashable {
    /// Deterministic for the same input: derived from the cluster's smallest member reference.
    public var goldenID: String
    /// Index into ``ClusterResult/clusters``.
    public var cluster: Int
    /// Record indices, ascending.
    public var members: [Int32]
    /// Fields in canonical order, then extra fields by name.
    public var fields: [GoldenField]

    public init(goldenID: String, cluster: Int, members: [Int32], fields: [GoldenField]) {
        self.goldenID = goldenID
        self.cluster = cluster
        self.members = members
        self.fields = fields
    }

    /// The values of `field`, best first (empty when no member had one).
    public func values(_ field: FieldReference) -> [GoldenValue] {
        fields.first { $0.field == field }?.values ?? []
    }
}

/// The merge stage's output.
public struct MergeResult: Sendable {
    /// One per cluster, in cluster order.
    public var golden: [GoldenRecord]
    /// Golden record index of each input record.
    public var goldenOf: ContiguousArray<Int32>

    public init(golden: [GoldenRecord], goldenOf: ContiguousArray<Int32>) {
        self.golden = golden
        self.goldenOf = goldenOf
    }
}
