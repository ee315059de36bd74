import StewardModel

/// Everything one run records in the store, written by ``MasterStore/commit(_:)`` in one transaction.
public struct RunCommit: Sendable {
    /// The run's row in the run history.
    public struct Run: Sendable {
        public var pipeline: String
        /// A hash of the pipeline file's bytes, so a later reader can tell runs of different settings apart.
        public var pipelineHash: String
        /// ISO-8601 (`RunSummary.timestamp`).
        public var startedAt: String
        public var finishedAt: String
        /// `ok`, `rejects`, … (a run that fails records nothing).
        public var status: String
        /// Counts by name (`records_read`, `golden_records`, …), stored as a JSON object with sorted keys.
        public var counts: [String: Int]
        /// Seconds per stage, in stage order, stored as a JSON object in that order.
        public var timings: [(stage: String, seconds: Double)]

        public init(
            pipeline: String, pipelineHash: String, startedAt: String, finishedAt: String, status: String,
            counts: [String: Int] = [:], timings: [(stage: String, seconds: Double)] = []
        ) {
            self.pipeline = pipeline
            self.pipelineHash = pipelineHash
            self.startedAt = startedAt
            self.finishedAt = finishedAt
            self.status = status
            self.counts = counts
            self.timings = timings
        }
    }

    /// One live record of the run and the golden id it now belongs to.
    public struct Record: Sendable {
        public var record: SourceRecord
        public var normalized: NormalizedRecord
        /// ``ContentHash/of(_:)-(SourceRecord)`` of `record`.
        public var contentHash: String
        public var goldenID: String

        public init(record: SourceRecord, normalized: NormalizedRecord, contentHash: String, goldenID: String) {
            self.record = record
            self.normalized = normalized
            self.contentHash = contentHash
            self.goldenID = goldenID
        }

        public var ref: RecordRef { RecordRef(source: record.source, sourceID: record.sourceID) }
    }

    /// One live golden record of the run.
    public struct Golden: Sendable {
        public var goldenID: String
        public var content: GoldenContent

        public init(goldenID: String, content: GoldenContent) {
            self.goldenID = goldenID
            self.content = content
        }
    }

    public var run: Run
    /// Sources read whole this run: their stored records that are not in ``records`` vanish. Stored records of
    /// other sources (a trade-show import that names only its own source) stay as they are.
    public var sourcesRead: Set<String>
    /// Every live record of the run, each once. Only new and changed ones (by content hash) and those whose
    /// golden id changed are written.
    public var records: [Record]
    /// Every live golden record of the run. Only those that are new, whose fingerprint changed or that have an
    /// event are written.
    public var golden: [Golden]
    /// ``GoldenIDAssignment/events``: `merged_into` and `retired` events retire their ids.
    public var events: [ChangeEvent]

    public init(run: Run, sourcesRead: Set<String>, records: [Record], golden: [Golden], events: [ChangeEvent]) {
        self.run = run
        self.sourcesRead = sourcesRead
        self.records = records
        self.golden = golden
        self.events = events
    }
}

/// What ``MasterStore/commit(_:)`` wrote.
public struct CommitSummary: Sendable, Hashable {
    public var runID: Int64
    /// Records never seen before (or back after vanishing).
    public var newRecords: Int
    /// Records whose content hash changed.
    public var changedRecords: Int
    /// Records with the same content whose golden id changed.
    public var reassignedRecords: Int
    public var unchangedRecords: Int
    /// Stored records of the sources read that were not in the run.
    public var vanishedRecords: Int
    /// Golden rows inserted or updated.
    public var goldenWritten: Int
    public var goldenRetired: Int
    public var events: Int
}

/// One committed run, as the run history holds it.
public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var pipeline: String
    public var pipelineHash: String
    public var startedAt: String
    public var finishedAt: String
    public var status: String
    /// JSON object text.
    public var counts: String
    /// JSON object text.
    public var timings: String
}

/// A golden id's story: its row, events, members (past ones included) and where each value came from.
public struct GoldenHistory: Sendable, Hashable {
    public struct Event: Sendable, Hashable {
        public var runID: Int64
        /// The run's finish time (ISO-8601).
        public var at: String
        public var kind: ChangeKind
        public var relatedID: String?
        public var detail: String
    }

    public struct Member: Sendable, Hashable {
        public var ref: RecordRef
        public var firstSeenRun: Int64
        /// Set when the record has gone from its source.
        public var vanishedRun: Int64?
    }

    public struct Lineage: Sendable, Hashable {
        public var field: String
        /// 0 for the best value of the field.
        public var position: Int
        public var value: String
        public var source: RecordRef
        public var rule: String
    }

    public var goldenID: String
    public var createdRun: Int64
    public var updatedRun: Int64
    public var retiredRun: Int64?
    public var mergedInto: String?
    /// JSON object of values per field.
    public var fields: String
    /// Oldest first.
    public var events: [Event]
    /// Records that belong to the id now, then (vanished) records that last belonged to it, each by reference.
    /// Records that moved to another id are that id's members.
    public var members: [Member]
    /// By field, best value first.
    public var lineage: [Lineage]
}
