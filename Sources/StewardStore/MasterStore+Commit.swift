import Foundation
import GRDB
import StewardModel

extension MasterStore {
    /// Records a whole run in one transaction: the run row, golden records and their lineage, source records,
    /// retirements, the sources read and the change events. Nothing is visible before the commit, and a process
    /// that dies before it leaves the store as it was.
    ///
    /// New, changed and vanished records are found by comparing content hashes with the stored ones, so an
    /// unchanged record costs no write; only golden records that are new, whose fingerprint changed or that have
    /// an event are written. Vanished records (stored records of ``RunCommit/sourcesRead`` missing from the run)
    /// are marked with `vanished_run` and kept for history.
    ///
    /// Before committing, the store checks itself: every record names a golden id the run writes, no retired id is
    /// revived, every golden id retired this run holds no live record, and every golden id written holds one.
    /// - Returns: what was written.
    /// - Throws: ``MasterStoreError`` (`invalidCommit` for a contradictory run, `failure` for SQLite and I/O);
    ///   nothing is written then.
    /// - Complexity: one scan of the stored keys and hashes, plus a write per new or changed row.
    @discardableResult
    public func commit(_ commit: RunCommit) throws -> CommitSummary {
        let goldenIDs = Set(commit.golden.map(\.goldenID))
        guard goldenIDs.count == commit.golden.count else {
            throw invalid("the run writes a golden id twice")
        }
        if let record = commit.records.first(where: { !goldenIDs.contains($0.goldenID) }) {
            throw invalid("record \(record.ref) names golden id \(record.goldenID), which the run does not write")
        }
        var retiring: [String: String?] = [:]
        for event in commit.events where event.kind == .mergedInto || event.kind == .retired {
            if goldenIDs.contains(event.goldenID) {
                throw invalid("golden id \(event.goldenID) is both retired (\(event.kind.rawValue)) and live")
            }
            if event.kind == .mergedInto, event.relatedID == nil {
                throw invalid("merged_into event of \(event.goldenID) without the surviving id")
            }
            retiring[event.goldenID] = event.kind == .mergedInto ? event.relatedID : nil
        }
        let eventIDs = Set(commit.events.map(\.goldenID))

        return try write("record the run") { db in
            var summary = CommitSummary(
                runID: 0, newRecords: 0, changedRecords: 0, reassignedRecords: 0, unchangedRecords: 0,
                vanishedRecords: 0, goldenWritten: 0, goldenRetired: 0, events: commit.events.count)

            // The run row.
            var counts = JSONText()
            counts.object(commit.run.counts.sorted { $0.key < $1.key }) { json, entry in
                json.key(entry.key)
                json.number(entry.value)
            }
            var timings = JSONText()
            timings.object(commit.run.timings) { json, entry in
                json.key(entry.stage)
                json.number(entry.seconds)
            }
            try db.execute(
                sql: """
                    INSERT INTO run (pipeline, pipeline_hash, started_at, finished_at, status, counts, timings)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    commit.run.pipeline, commit.run.pipelineHash, commit.run.startedAt, commit.run.finishedAt,
                    commit.run.status, counts.text, timings.text,
                ])
            let run = db.lastInsertedRowID
            summary.runID = run

            // Golden records: new ones, changed ones and those with an event.
            var storedGolden: [String: (fingerprint: String, retired: Bool)] = [:]
            let goldenRows = try Row.fetchCursor(
                db, sql: "SELECT golden_id, fingerprint, retired_run IS NOT NULL FROM golden")
            while let row = try goldenRows.next() { storedGolden[row[0]] = (row[1], row[2]) }
            let upsertGolden = try db.cachedStatement(
                sql: """
                    INSERT INTO golden (golden_id, created_run, updated_run, fingerprint, fields) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (golden_id) DO UPDATE SET updated_run = excluded.updated_run,
                        fingerprint = excluded.fingerprint, fields = excluded.fields
                    """)
            let deleteLineage = try db.cachedStatement(sql: "DELETE FROM golden_lineage WHERE golden_id = ?")
            let insertLineage = try db.cachedStatement(
                sql: """
                    INSERT INTO golden_lineage (golden_id, field, position, value, source, source_id, rule)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for golden in commit.golden {
                let stored = storedGolden[golden.goldenID]
                if let stored, stored.retired {
                    throw invalid("golden id \(golden.goldenID) was retired in an earlier run; ids are never reused")
                }
                guard
                    stored == nil || stored?.fingerprint != golden.content.fingerprint
                        || eventIDs.contains(golden.goldenID)
                else { continue }
                summary.goldenWritten += 1
                try upsertGolden.execute(arguments: [
                    golden.goldenID, run, run, golden.content.fingerprint, golden.content.valuesJSON,
                ])
                if stored != nil { try deleteLineage.execute(arguments: [golden.goldenID]) }
                for field in golden.content.fields {
                    for (position, value) in field.values.enumerated() {
                        try insertLineage.execute(arguments: [
                            golden.goldenID, field.name, position, value.value, value.source.source,
                            value.source.sourceID, value.rule,
                        ])
                    }
                }
            }

            // Source records: compare with the stored hashes; write new, changed and reassigned ones.
            var stored: [RecordRef: (hash: String, goldenID: String, vanished: Bool)] = [:]
            var touchedGolden = Set<String>()
            var sourceNames: [String: String] = [:]
            let recordRows = try Row.fetchCursor(
                db,
                sql: "SELECT source, source_id, content_hash, golden_id, vanished_run IS NOT NULL FROM source_record")
            while let row = try recordRows.next() {
                let name: String = row[0]
                let source = sourceNames[name] ?? name
                sourceNames[source] = source
                stored[RecordRef(source: source, sourceID: row[1])] = (row[2], row[3], row[4])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let insertRecord = try db.cachedStatement(
                sql: """
                    INSERT INTO source_record (source, source_id, content_hash, record, normalized, golden_id,
                        first_seen_run, changed_run)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let updateRecord = try db.cachedStatement(
                sql: """
                    UPDATE source_record SET content_hash = ?, record = ?, normalized = ?, golden_id = ?,
                        changed_run = ?, vanished_run = NULL
                    WHERE source = ? AND source_id = ?
                    """)
            let reassignRecord = try db.cachedStatement(
                sql: "UPDATE source_record SET golden_id = ? WHERE source = ? AND source_id = ?")
            for record in commit.records {
                let ref = record.ref
                let previous = stored.removeValue(forKey: ref)
                if let previous, !previous.vanished, previous.hash == record.contentHash {
                    if previous.goldenID == record.goldenID {
                        summary.unchangedRecords += 1
                    } else {
                        summary.reassignedRecords += 1
                        touchedGolden.insert(previous.goldenID)
                        try reassignRecord.execute(arguments: [record.goldenID, ref.source, ref.sourceID])
                    }
                    continue
                }
                let body = String(
                    decoding: try encoder.encode(
                        StoredRecordBody(location: record.record.location, fields: record.record.fields)),
                    as: UTF8.self)
                let normalized = String(decoding: try encoder.encode(record.normalized), as: UTF8.self)
                if let previous {
                    if previous.vanished { summary.newRecords += 1 } else { summary.changedRecords += 1 }
                    touchedGolden.insert(previous.goldenID)
                    try updateRecord.execute(arguments: [
                        record.contentHash, body, normalized, record.goldenID, run, ref.source, ref.sourceID,
                    ])
                } else {
                    summary.newRecords += 1
                    try insertRecord.execute(arguments: [
                        ref.source, ref.sourceID, record.contentHash, body, normalized, record.goldenID, run, run,
                    ])
                }
            }
            // What is left of the stored records and belongs to a source read whole has vanished.
            let vanish = try db.cachedStatement(
                sql: "UPDATE source_record SET vanished_run = ? WHERE source = ? AND source_id = ?")
            for (ref, previous) in stored where !previous.vanished && commit.sourcesRead.contains(ref.source) {
                summary.vanishedRecords += 1
                touchedGolden.insert(previous.goldenID)
                try vanish.execute(arguments: [run, ref.source, ref.sourceID])
            }

            // Retirements.
            let retire = try db.cachedStatement(
                sql: """
                    UPDATE golden SET retired_run = ?, updated_run = ?, merged_into = ?
                    WHERE golden_id = ? AND retired_run IS NULL
                    """)
            for (id, survivor) in retiring.sorted(by: { $0.key < $1.key }) {
                try retire.execute(arguments: [run, run, survivor, id])
                guard db.changesCount == 1 else {
                    throw invalid("the run retires golden id \(id), which is not a live golden id of the store")
                }
                summary.goldenRetired += 1
            }

            let seen = try db.cachedStatement(
                sql: """
                    INSERT INTO source_seen (source, last_run) VALUES (?, ?)
                    ON CONFLICT (source) DO UPDATE SET last_run = excluded.last_run
                    """)
            for source in commit.sourcesRead.sorted() { try seen.execute(arguments: [source, run]) }

            let insertEvent = try db.cachedStatement(
                sql: "INSERT INTO change_event (run_id, golden_id, event, related_id, detail) VALUES (?, ?, ?, ?, ?)")
            for event in commit.events {
                try insertEvent.execute(arguments: [
                    run, event.goldenID, event.kind.rawValue, event.relatedID, event.detail,
                ])
            }

            try checkInvariants(db, run: run, touched: touchedGolden)
            return summary
        }
    }

    /// Live records never point at a retired golden id, and every live golden id the run wrote or took records
    /// from still holds a live record.
    private func checkInvariants(_ db: Database, run: Int64, touched: Set<String>) throws {
        if let row = try Row.fetchOne(
            db,
            sql: """
                SELECT r.source, r.source_id, g.golden_id FROM golden g
                JOIN source_record r ON r.golden_id = g.golden_id AND r.vanished_run IS NULL
                WHERE g.retired_run IS NOT NULL AND g.retired_run = ? LIMIT 1
                """, arguments: [run])
        {
            throw invalid(
                "golden id \(row[2] as String) is retired by this run but record \(row[0] as String):\(row[1] as String) "
                    + "still belongs to it")
        }
        if let id = try String.fetchOne(
            db,
            sql: """
                SELECT golden_id FROM golden g WHERE g.updated_run = ? AND g.retired_run IS NULL
                AND NOT EXISTS (SELECT 1 FROM source_record r WHERE r.golden_id = g.golden_id AND r.vanished_run IS NULL)
                LIMIT 1
                """, arguments: [run])
        {
            throw invalid("golden id \(id) is written by this run but holds no record")
        }
        let empty = try db.cachedStatement(
            sql: """
                SELECT 1 FROM golden g WHERE g.golden_id = ? AND g.retired_run IS NULL
                AND NOT EXISTS (SELECT 1 FROM source_record r WHERE r.golden_id = g.golden_id AND r.vanished_run IS NULL)
                """)
        for id in touched.sorted() where try Int.fetchOne(empty, arguments: [id]) != nil {
            throw invalid("golden id \(id) lost its last record in this run but is not retired")
        }
    }

    private func invalid(_ message: String) -> MasterStoreError {
        MasterStoreError(.invalidCommit, message + "; nothing was written", path: path)
    }
}
