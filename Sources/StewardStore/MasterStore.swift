import Foundation
import GRDB
import StewardModel

/// The master store: one SQLite file (through GRDB) that keeps golden ids, source records, steward decisions, run
/// history and change events across runs.
///
/// Open it once per run (``open(path:mode:)``), read the ``PriorState`` before matching, and record the whole run
/// at the end with ``commit(_:)``: one transaction, so a run that dies before it leaves the store as it was.
/// Every other method is one transaction too. The file is in WAL mode with `synchronous = FULL` (a committed run
/// survives a power cut) and foreign keys on.
///
/// A read-write store holds an exclusive run lock (``StoreLock``, `flock` on `<store>.lock`) until it is
/// deinitialized or ``close()``d; the kernel releases it when the process dies. Read-only opens (`history`,
/// `lookup`) take no lock and can read while a run is going: they see the last committed run.
public final class MasterStore: Sendable {
    public enum Mode: Sendable {
        /// Create or migrate the file, and take the run lock.
        case readWrite
        /// Read an existing store; no lock, no migration.
        case readOnly
    }

    /// The store file.
    public let path: String
    private let database: DatabaseQueue
    private let lock: StoreLock?

    private init(path: String, database: DatabaseQueue, lock: StoreLock?) {
        self.path = path
        self.database = database
        self.lock = lock
    }

    /// Opens the store at `path`; read-write creates the file (and its folder) or migrates it, and takes the run
    /// lock.
    /// - Throws: ``MasterStoreError``: `locked` when another run holds the store; `notAStore` when the file is not
    ///   a Steward store; `newerSchema` when a newer Steward wrote it; `missing` (read-only) when there is no
    ///   file; `failure` for SQLite and I/O errors.
    public static func open(path: String, mode: Mode = .readWrite) throws -> MasterStore {
        let fileManager = FileManager.default
        var lock: StoreLock?
        switch mode {
        case .readWrite:
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw MasterStoreError(
                    .failure, "cannot create the store's folder \(folder.path)", path: path, underlying: error)
            }
            lock = try StoreLock(storePath: path)
        case .readOnly:
            guard fileManager.fileExists(atPath: path) else {
                throw MasterStoreError(.missing, "no store here (a run with this `store:` creates it)", path: path)
            }
        }

        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.readonly = mode == .readOnly
        // Another process using the file without the lock (the sqlite3 shell): wait a little, then fail clearly.
        configuration.busyMode = .timeout(5)
        configuration.label = "StewardStore"
        if mode == .readWrite {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: "PRAGMA synchronous = FULL")
                // A first run writes the whole store through the WAL; truncate it after checkpoints (64 MiB).
                try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
            }
        }
        do {
            let database = try DatabaseQueue(path: path, configuration: configuration)
            let migrator = StoreSchema.migrator
            try database.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw MasterStoreError(
                        .newerSchema,
                        "the store was written by a newer Steward (schema \(try migrator.appliedIdentifiers(db).sorted().joined(separator: ", "))); "
                            + "upgrade Steward or use another store",
                        path: path)
                }
                let applied = try migrator.appliedIdentifiers(db)
                if applied.isEmpty, try !db.tableExists("grdb_migrations"),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0 > 0
                {
                    throw MasterStoreError(
                        .notAStore, "this SQLite file is not a Steward store (it has other tables)", path: path)
                }
                if mode == .readOnly, try !migrator.hasCompletedMigrations(db) {
                    throw MasterStoreError(
                        .notAStore, "the store is not set up yet (a read-write open migrates it)", path: path)
                }
            }
            if mode == .readWrite { try migrator.migrate(database) }
            return MasterStore(path: path, database: database, lock: lock)
        } catch let error as MasterStoreError {
            throw error
        } catch {
            throw MasterStoreError.wrapping(error, path: path, doing: "open the store")
        }
    }

    /// Closes the file and releases the run lock (deinitialization does the same).
    public func close() throws {
        defer { lock?.release() }
        try database.close()
    }

    // MARK: Reading

    /// The live records with their golden ids and content hashes, the live golden ids with their age,
    /// fingerprint and member count, every id ever issued, and the steward decisions in force.
    /// - Complexity: one scan of `source_record` and `golden`; memory O(records).
    public func loadPriorState() throws -> PriorState {
        try read("read the store") { db in
            var state = PriorState()
            var sources: [String: String] = [:]
            let records = try Row.fetchCursor(
                db,
                sql: """
                    SELECT source, source_id, golden_id, content_hash FROM source_record WHERE vanished_run IS NULL
                    """)
            var counts: [String: Int] = [:]
            while let row = try records.next() {
                let name: String = row[0]
                let source = sources[name] ?? name
                sources[source] = source
                let goldenID: String = row[2]
                state.records[RecordRef(source: source, sourceID: row[1])] = PriorState.Record(
                    goldenID: goldenID, contentHash: row[3])
                counts[goldenID, default: 0] += 1
            }
            let goldens = try Row.fetchCursor(
                db, sql: "SELECT golden_id, created_run, fingerprint, retired_run IS NOT NULL FROM golden")
            while let row = try goldens.next() {
                let id: String = row[0]
                state.issuedIDs.insert(id)
                if row[3] as Bool { continue }
                state.goldens[id] = PriorState.Golden(
                    createdRun: row[1], fingerprint: row[2], memberCount: counts[id] ?? 0)
            }
            state.decisions = try Self.decisionsInForce(db)
            state.lastRun = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM run")
            return state
        }
    }

    /// The steward decisions in force: the latest per pair, oldest first.
    public func decisions() throws -> [StewardDecision] {
        try read("read the decisions") { db in try Self.decisionsInForce(db) }
    }

    /// Committed runs, oldest first.
    public func runs() throws -> [StoredRun] {
        try read("read the run history") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, pipeline, pipeline_hash, started_at, finished_at, status, counts, timings
                    FROM run ORDER BY id
                    """
            ).map { row in
                StoredRun(
                    id: row[0], pipeline: row[1], pipelineHash: row[2], startedAt: row[3], finishedAt: row[4],
                    status: row[5], counts: row[6], timings: row[7])
            }
        }
    }

    /// A golden id's row, events, members and lineage; `nil` when the store never issued it.
    public func history(_ goldenID: String) throws -> GoldenHistory? {
        try read("read the history of \(goldenID)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT created_run, updated_run, retired_run, merged_into, fields FROM golden
                        WHERE golden_id = ?
                        """, arguments: [goldenID])
            else { return nil }
            let events = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.run_id, r.finished_at, e.event, e.related_id, e.detail
                    FROM change_event e JOIN run r ON r.id = e.run_id WHERE e.golden_id = ? ORDER BY e.id
                    """, arguments: [goldenID]
            ).map { row in
                GoldenHistory.Event(
                    runID: row[0], at: row[1], kind: ChangeKind(rawValue: row[2]) ?? .updated, relatedID: row[3],
                    detail: row[4])
            }
            let members = try Row.fetchAll(
                db,
                sql: """
                    SELECT source, source_id, first_seen_run, vanished_run FROM source_record WHERE golden_id = ?
                    ORDER BY vanished_run IS NOT NULL, source, source_id
                    """, arguments: [goldenID]
            ).map { row in
                GoldenHistory.Member(
                    ref: RecordRef(source: row[0], sourceID: row[1]), firstSeenRun: row[2], vanishedRun: row[3])
            }
            let lineage = try Row.fetchAll(
                db,
                sql: """
                    SELECT field, position, value, source, source_id, rule FROM golden_lineage WHERE golden_id = ?
                    ORDER BY field, position
                    """, arguments: [goldenID]
            ).map { row in
                GoldenHistory.Lineage(
                    field: row[0], position: row[1], value: row[2], source: RecordRef(source: row[3], sourceID: row[4]),
                    rule: row[5])
            }
            return GoldenHistory(
                goldenID: goldenID, createdRun: row[0], updatedRun: row[1], retiredRun: row[2], mergedInto: row[3],
                fields: row[4], events: events, members: members, lineage: lineage)
        }
    }

    /// The change events of one run, sorted.
    public func events(run: Int64) throws -> [ChangeEvent] {
        try read("read the events of run \(run)") { db in
            try Row.fetchAll(
                db, sql: "SELECT golden_id, event, related_id, detail FROM change_event WHERE run_id = ?",
                arguments: [run]
            ).map { row in
                ChangeEvent(
                    goldenID: row[0], kind: ChangeKind(rawValue: row[1]) ?? .updated, relatedID: row[2],
                    detail: row[3])
            }.sorted()
        }
    }

    /// The stored form of live records (all, or those of `sources`), with their golden ids: what a run that does
    /// not re-read a source matches against.
    public func liveRecords(
        sources: Set<String>? = nil
    ) throws -> [(
        record: SourceRecord, normalized: NormalizedRecord, contentHash: String, goldenID: String
    )] {
        try read("read the stored records") { db in
            let decoder = JSONDecoder()
            var out: [(record: SourceRecord, normalized: NormalizedRecord, contentHash: String, goldenID: String)] =
                []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT source, source_id, record, normalized, content_hash, golden_id FROM source_record
                    WHERE vanished_run IS NULL ORDER BY source, source_id
                    """)
            while let row = try rows.next() {
                let source: String = row[0]
                if let sources, !sources.contains(source) { continue }
                let body = try decoder.decode(StoredRecordBody.self, from: Data((row[2] as String).utf8))
                let normalized = try decoder.decode(NormalizedRecord.self, from: Data((row[3] as String).utf8))
                out.append(
                    (
                        SourceRecord(source: source, sourceID: row[1], location: body.location, fields: body.fields),
                        normalized, row[4], row[5]
                    ))
            }
            return out
        }
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`: empty when the file is sound.
    public func integrityProblems() throws -> [String] {
        try read("check the store") { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: table \(row[0] as String) row \(row[1] as Int64? ?? -1)")
            }
            return problems
        }
    }

    // MARK: Decisions

    /// Stores steward decisions, in one transaction; the latest decision on a pair is the one in force.
    /// - Throws: ``MasterStoreError/Code/invalidDecision`` (nothing stored) when a decision links a record to
    ///   itself.
    public func recordDecisions(_ decisions: [StewardDecision]) throws {
        if let bad = decisions.first(where: { $0.a == $0.b }) {
            throw MasterStoreError(
                .invalidDecision, "\(bad.origin): a decision links \(bad.a) to itself", path: path)
        }
        try write("record the decisions") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO decision (kind, a_source, a_source_id, b_source, b_source_id, who, decided_at, why, origin)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for decision in decisions {
                try insert.execute(arguments: [
                    decision.kind.rawValue, decision.a.source, decision.a.sourceID, decision.b.source,
                    decision.b.sourceID, decision.who, decision.decidedAt, decision.why, decision.origin,
                ])
            }
        }
    }

    static func decisionsInForce(_ db: Database) throws -> [StewardDecision] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT kind, a_source, a_source_id, b_source, b_source_id, who, decided_at, why, origin
                FROM decision d
                WHERE id = (SELECT MAX(id) FROM decision l WHERE l.a_source = d.a_source
                    AND l.a_source_id = d.a_source_id AND l.b_source = d.b_source AND l.b_source_id = d.b_source_id)
                ORDER BY id
                """
        ).compactMap { row in
            guard let kind = StewardDecision.Kind(rawValue: row[0]) else { return nil }
            return StewardDecision(
                kind: kind, RecordRef(source: row[1], sourceID: row[2]), RecordRef(source: row[3], sourceID: row[4]),
                who: row[5], decidedAt: row[6], why: row[7], origin: row[8])
        }
    }

    // MARK: Transactions

    func read<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as MasterStoreError {
            throw error
        } catch {
            throw MasterStoreError.wrapping(error, path: path, doing: doing)
        }
    }

    func write<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try database.write(body)
        } catch let error as MasterStoreError {
            throw error
        } catch {
            throw MasterStoreError.wrapping(error, path: path, doing: doing)
        }
    }
}

/// The `source_record.record` column: the record's location and fields (source and id are the key).
struct StoredRecordBody: Codable {
    var location: SourceLocation
    var fields: RecordFields
}

extension MasterStoreError {
    /// A GRDB or other error as a store error: `SQLITE_NOTADB` → `notAStore`, `SQLITE_BUSY` → `locked`, else
    /// `failure`.
    static func wrapping(_ error: any Error, path: String, doing: String) -> MasterStoreError {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                return MasterStoreError(.notAStore, "not a SQLite database", path: path, underlying: error)
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return MasterStoreError(
                    .locked, "another process holds the database (\(error.message ?? "busy")); cannot \(doing)",
                    path: path, underlying: error)
            default:
                return MasterStoreError(
                    .failure, "cannot \(doing): \(error.message ?? "\(error.resultCode)")", path: path,
                    underlying: error)
            }
        }
        return MasterStoreError(.failure, "cannot \(doing): \(error)", path: path, underlying: error)
    }
}
