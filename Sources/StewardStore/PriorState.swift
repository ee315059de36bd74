import StewardModel

/// What the store knew before this run, read once at its start (``MasterStore/loadPriorState()``).
///
/// Live records and golden ids only: vanished records and retired ids are history (``MasterStore/history(_:)``),
/// except that ``issuedIDs`` names every id ever issued so that a new id never reuses a retired one.
public struct PriorState: Sendable {
    /// One live source record: the golden id it belonged to and its content hash.
    public struct Record: Sendable, Hashable {
        public var goldenID: String
        public var contentHash: String

        public init(goldenID: String, contentHash: String) {
            self.goldenID = goldenID
            self.contentHash = contentHash
        }
    }

    /// One live golden id: its age, its content fingerprint and how many live records it holds.
    public struct Golden: Sendable, Hashable {
        /// The run that created it; smaller is older.
        public var createdRun: Int64
        /// ``GoldenContent/fingerprint`` as of its last change.
        public var fingerprint: String
        public var memberCount: Int

        public init(createdRun: Int64, fingerprint: String, memberCount: Int) {
            self.createdRun = createdRun
            self.fingerprint = fingerprint
            self.memberCount = memberCount
        }
    }

    /// Live records by reference.
    public var records: [RecordRef: Record]
    /// Live golden ids.
    public var goldens: [String: Golden]
    /// Every golden id ever issued, retired ones included.
    public var issuedIDs: Set<String>
    /// The latest decision per pair, in the order they were recorded.
    public var decisions: [StewardDecision]
    /// The last committed run's id (`nil` for a new store).
    public var lastRun: Int64?

    public init(
        records: [RecordRef: Record] = [:], goldens: [String: Golden] = [:], issuedIDs: Set<String> = [],
        decisions: [StewardDecision] = [], lastRun: Int64? = nil
    ) {
        self.records = records
        self.goldens = goldens
        self.issuedIDs = issuedIDs
        self.decisions = decisions
        self.lastRun = lastRun
    }

    /// Nothing known: a new store.
    public static let empty = PriorState()

    /// The previous assignment, member → golden id.
    public var assignment: [RecordRef: String] { records.mapValues(\.goldenID) }

    /// The decisions of one kind, as reference pairs.
    public func links(_ kind: StewardDecision.Kind) -> [(RecordRef, RecordRef)] {
        decisions.filter { $0.kind == kind }.map { ($0.a, $0.b) }
    }
}
