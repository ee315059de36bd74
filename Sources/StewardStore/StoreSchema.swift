import GRDB

/// The store's schema as named GRDB migrations. A migration that has landed is never edited: changes come as new
/// migrations (`v2`, …) appended here.
///
/// **v1**
/// - `run`: one row per committed run (a run that dies before its commit leaves none): pipeline name and file
///   hash, start and finish (ISO-8601), status (`ok`, `rejects`), counts and timings as JSON objects.
/// - `golden`: one row per golden id ever issued. `created_run`/`updated_run` (last run with an event for it),
///   `retired_run` and `merged_into` (set together for a merge, `retired_run` alone when no record was left),
///   `fingerprint` (``GoldenContent/fingerprint``), `fields` (values per field as JSON, keys sorted). Retired rows
///   stay, so an id is never reissued and `history` can explain it.
/// - `golden_lineage`: per golden value (`field`, `position` best first): the value, the `(source, source_id)`
///   it came from and the rule that chose it. Replaced whenever the golden record is written.
/// - `source_record`: one row per `(source, source_id)` ever seen: `content_hash` (``ContentHash``), `record`
///   (JSON: `location` and `fields`, as of the last content change), `normalized` (the `NormalizedRecord` JSON),
///   `golden_id`, `first_seen_run`, `changed_run` (last content change), `vanished_run` (set when a run read the
///   record's source and the record was not there: the row stays for history, and is left out of the prior
///   state; a record that comes back is live again). When a live record was last seen is its source's
///   `source_seen.last_run`: updating a column on every unchanged record would rewrite the whole table each run.
/// - `source_seen`: per source, the last run that read it whole.
/// - `decision`: steward decisions, append-only (`kind` `must_link`/`cannot_link`, the two records with a < b,
///   who, when, why, origin such as `review.csv:12` or `unmerge`); the latest per pair is in force.
/// - `change_event`: per run and golden id: `created`, `updated`, `merged_into`, `split`, `retired`, with the other
///   id involved (`related_id`) and a detail for people.
///
/// **Lookups** (`steward lookup --email/--phone/--name`, not yet built) would not scan JSON: a later migration adds
/// `record_key(kind TEXT, key TEXT, source, source_id)` with an index on `(kind, key)`, filled from each stored
/// record's normalized email keys, E.164 phones and name key when the record is written, and a lookup joins it to
/// `source_record` (live rows) for the golden ids, then reads `golden`.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE run (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        pipeline TEXT NOT NULL,
                        pipeline_hash TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        finished_at TEXT NOT NULL,
                        status TEXT NOT NULL,
                        counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
                        timings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(timings))
                    );
                    CREATE TABLE golden (
                        golden_id TEXT NOT NULL PRIMARY KEY,
                        created_run INTEGER NOT NULL REFERENCES run(id),
                        updated_run INTEGER NOT NULL REFERENCES run(id),
                        retired_run INTEGER REFERENCES run(id),
                        merged_into TEXT REFERENCES golden(golden_id),
                        fingerprint TEXT NOT NULL,
                        fields TEXT NOT NULL CHECK (json_valid(fields)),
                        CHECK (merged_into IS NULL OR retired_run IS NOT NULL),
                        CHECK (merged_into IS NULL OR merged_into <> golden_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE golden_lineage (
                        golden_id TEXT NOT NULL REFERENCES golden(golden_id) ON DELETE CASCADE,
                        field TEXT NOT NULL,
                        position INTEGER NOT NULL CHECK (position >= 0),
                        value TEXT NOT NULL,
                        source TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        PRIMARY KEY (golden_id, field, position)
                    ) WITHOUT ROWID;
                    CREATE TABLE source_record (
                        source TEXT NOT NULL,
                        source_id TEXT NOT NULL,
                        content_hash TEXT NOT NULL,
                        record TEXT NOT NULL,
                        normalized TEXT NOT NULL,
                        golden_id TEXT NOT NULL REFERENCES golden(golden_id),
                        first_seen_run INTEGER NOT NULL REFERENCES run(id),
                        changed_run INTEGER NOT NULL REFERENCES run(id),
                        vanished_run INTEGER REFERENCES run(id),
                        PRIMARY KEY (source, source_id)
                    );
                    CREATE INDEX source_record_by_golden ON source_record(golden_id, vanished_run);
                    CREATE TABLE source_seen (
                        source TEXT NOT NULL PRIMARY KEY,
                        last_run INTEGER NOT NULL REFERENCES run(id)
                    ) WITHOUT ROWID;
                    CREATE TABLE decision (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        kind TEXT NOT NULL CHECK (kind IN ('must_link', 'cannot_link')),
                        a_source TEXT NOT NULL,
                        a_source_id TEXT NOT NULL,
                        b_source TEXT NOT NULL,
                        b_source_id TEXT NOT NULL,
                        who TEXT NOT NULL,
                        decided_at TEXT NOT NULL,
                        why TEXT NOT NULL DEFAULT '',
                        origin TEXT NOT NULL,
                        CHECK (a_source <> b_source OR a_source_id <> b_source_id)
                    );
                    CREATE INDEX decision_by_pair ON decision(a_source, a_source_id, b_source, b_source_id);
                    CREATE TABLE change_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        run_id INTEGER NOT NULL REFERENCES run(id),
                        golden_id TEXT NOT NULL REFERENCES golden(golden_id),
                        event TEXT NOT NULL
                            CHECK (event IN ('created', 'updated', 'merged_into', 'split', 'retired')),
                        related_id TEXT REFERENCES golden(golden_id),
                        detail TEXT NOT NULL DEFAULT ''
                    );
                    CREATE INDEX change_event_by_golden ON change_event(golden_id, id);
                    CREATE INDEX change_event_by_run ON change_event(run_id);
                    """)
        }
        return migrator
    }
}
