import Foundation
import StewardModel
import Testing

@testable import StewardStore

/// A fresh folder under the temporary directory, removed by the caller's `defer`.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("steward-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A record `source:id` whose given name is `name`.
private func record(_ text: String, _ name: String) -> (SourceRecord, NormalizedRecord) {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    var fields = RecordFields()
    fields.set(.givenName, name)
    fields.addEmail("\(name.lowercased())@example.com", kind: "work")
    var normalized = NormalizedName()
    normalized.givenKey = name.lowercased()
    return (
        SourceRecord(
            source: parts[0], sourceID: parts[1], location: SourceLocation(file: "\(parts[0]).csv", line: 2),
            fields: fields),
        NormalizedRecord(name: normalized)
    )
}

/// One run: `clusters` of `source:id` → given name; ids assigned from the store's prior state, then committed.
@discardableResult
private func runOnce(
    _ store: MasterStore, _ clusters: [[(String, String)]], sourcesRead: Set<String> = ["crm", "web"],
    breakWith extraEvents: [ChangeEvent] = []
) throws -> (summary: CommitSummary, assignment: GoldenIDAssignment) {
    let prior = try store.loadPriorState()
    var contents: [GoldenContent] = []
    var members: [[(SourceRecord, NormalizedRecord)]] = []
    for cluster in clusters {
        let built = cluster.map { record($0.0, $0.1) }
        members.append(built)
        contents.append(
            GoldenContent(fields: [
                .init(
                    name: "given_name",
                    values: [
                        .init(
                            value: built[0].0.fields[.givenName] ?? "",
                            source: RecordRef(source: built[0].0.source, sourceID: built[0].0.sourceID),
                            rule: "trust")
                    ])
            ]))
    }
    let assignment = GoldenIDAssigner.assign(
        zip(members, contents).map { members, content in
            ClusterContent(
                members: members.map { RecordRef(source: $0.0.source, sourceID: $0.0.sourceID) },
                fingerprint: content.fingerprint)
        }, prior: prior)
    var records: [RunCommit.Record] = []
    for (index, cluster) in members.enumerated() {
        for (record, normalized) in cluster {
            records.append(
                RunCommit.Record(
                    record: record, normalized: normalized, contentHash: ContentHash.of(record),
                    goldenID: assignment.ids[index]))
        }
    }
    let summary = try store.commit(
        RunCommit(
            run: .init(
                pipeline: "test", pipelineHash: "abc", startedAt: "2026-10-02T09:15:00Z",
                finishedAt: "2026-10-02T09:16:00Z", status: "ok", counts: ["records": records.count],
                timings: [("ingest", 0.5), ("merge", 0.25)]),
            sourcesRead: sourcesRead, records: records,
            golden: zip(assignment.ids, contents).map { RunCommit.Golden(goldenID: $0, content: $1) },
            events: assignment.events + extraEvents))
    return (summary, assignment)
}

/// Everything a run could have changed, to compare a store before and after a failed commit.
private func snapshot(_ store: MasterStore) throws -> String {
    let prior = try store.loadPriorState()
    var lines = prior.records.map { "\($0.key) \($0.value.goldenID) \($0.value.contentHash)" }
    lines += prior.goldens.map { "\($0.key) \($0.value)" }
    lines += try store.runs().map { "run \($0.id)" }
    lines += try store.liveRecords().map { "\($0.record)" }
    return lines.sorted().joined(separator: "\n")
}

@Suite struct MasterStoreTests {
    @Test func freshFileIsMigratedAndEmpty() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state/master.sqlite").path
        let store = try MasterStore.open(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try store.integrityProblems().isEmpty)
        let prior = try store.loadPriorState()
        #expect(prior.records.isEmpty && prior.goldens.isEmpty && prior.lastRun == nil)
        #expect(try store.runs().isEmpty)
    }

    @Test func runIsReadBackAfterReopening() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("master.sqlite").path
        var ids: [String] = []
        do {
            let store = try MasterStore.open(path: path)
            let (summary, assignment) = try runOnce(
                store, [[("crm:1", "Robert"), ("web:7", "Bob")], [("crm:2", "Katherine")]])
            ids = assignment.ids
            #expect(summary.newRecords == 3 && summary.goldenWritten == 2 && summary.events == 2)
            try store.close()
        }
        let store = try MasterStore.open(path: path, mode: .readOnly)
        let prior = try store.loadPriorState()
        #expect(prior.lastRun == 1)
        #expect(prior.records[RecordRef(source: "web", sourceID: "7")]?.goldenID == ids[0])
        #expect(prior.goldens[ids[0]]?.memberCount == 2)
        #expect(prior.goldens[ids[1]]?.createdRun == 1)
        #expect(prior.issuedIDs == Set(ids))
        let runs = try store.runs()
        #expect(runs.count == 1)
        #expect(runs[0].counts == #"{"records":3}"#)
        #expect(runs[0].timings == #"{"ingest":0.5,"merge":0.25}"#)

        let live = try store.liveRecords()
        let original = record("crm:1", "Robert")
        #expect(live.first?.record == original.0)
        #expect(live.first?.normalized == original.1)

        let history = try #require(try store.history(ids[0]))
        #expect(history.events.map(\.kind) == [.created])
        #expect(history.members.map(\.ref.description) == ["crm:1", "web:7"])
        #expect(history.lineage.map(\.value) == ["Robert"])
        #expect(history.fields == #"{"given_name":["Robert"]}"#)
        #expect(try store.history("G-unknown") == nil)
    }

    @Test func incrementalRunDetectsNewChangedAndVanishedRecords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MasterStore.open(path: folder.appendingPathComponent("master.sqlite").path)
        let first = try runOnce(
            store, [[("crm:1", "Robert"), ("web:7", "Bob")], [("crm:2", "Katherine")], [("crm:3", "Sam")]])

        // Unchanged rerun: nothing written but the run row.
        let again = try runOnce(
            store, [[("crm:1", "Robert"), ("web:7", "Bob")], [("crm:2", "Katherine")], [("crm:3", "Sam")]])
        #expect(again.assignment.ids == first.assignment.ids)
        #expect(again.summary.unchangedRecords == 4 && again.summary.goldenWritten == 0 && again.summary.events == 0)

        // crm:2 edited, crm:3 gone, crm:4 new and joins Robert.
        let third = try runOnce(
            store, [[("crm:1", "Robert"), ("web:7", "Bob"), ("crm:4", "Rob")], [("crm:2", "Kate")]])
        #expect(third.summary.newRecords == 1)
        #expect(third.summary.changedRecords == 1)
        #expect(third.summary.vanishedRecords == 1)
        #expect(third.summary.goldenRetired == 1)
        #expect(third.assignment.ids == Array(first.assignment.ids[0..<2]))
        let events = try store.events(run: third.summary.runID)
        #expect(events.map(\.kind).sorted() == [.updated, .updated, .retired])

        let prior = try store.loadPriorState()
        #expect(prior.records.count == 4)
        #expect(prior.goldens.count == 2)
        #expect(prior.issuedIDs.count == 3)
        let gone = try #require(try store.history(first.assignment.ids[2]))
        #expect(gone.retiredRun == third.summary.runID)
        #expect(gone.members.map(\.vanishedRun) == [third.summary.runID])
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func sourcesNotReadKeepTheirRecords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MasterStore.open(path: folder.appendingPathComponent("master.sqlite").path)
        let first = try runOnce(store, [[("crm:1", "Robert")], [("web:7", "Ann")]])
        // A run that reads only `web` and carries crm:1 from the store into its clusters: nothing vanishes.
        let partial = try runOnce(store, [[("crm:1", "Robert")], [("web:7", "Ann")]], sourcesRead: ["web"])
        #expect(partial.summary.vanishedRecords == 0 && partial.summary.unchangedRecords == 2)
        #expect(try store.loadPriorState().records.count == 2)

        // Leaving crm:1 out of the clusters retires its id while the record stays live: the store refuses.
        let error = try #require(throws: MasterStoreError.self) {
            try runOnce(store, [[("web:7", "Ann")]], sourcesRead: ["web"])
        }
        #expect(error.code == .invalidCommit)
        #expect(error.message.contains("record crm:1 still belongs to it"))
        #expect(try store.loadPriorState().goldens.keys.sorted() == first.assignment.ids.sorted())
    }

    @Test func secondOpenerGetsAClearLockedError() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("master.sqlite").path
        var first: MasterStore? = try MasterStore.open(path: path)
        let error = try #require(throws: MasterStoreError.self) { try MasterStore.open(path: path) }
        #expect(error.code == .locked)
        #expect(error.exitStatus == .failure)
        #expect(error.description.hasPrefix("\(path): another run holds the store (pid \(getpid()), since "))
        // Readers are not blocked by a run.
        #expect(try MasterStore.open(path: path, mode: .readOnly).runs().isEmpty)
        _ = first
        first = nil
        _ = try MasterStore.open(path: path)
    }

    @Test func failedCommitLeavesTheStoreAsBefore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MasterStore.open(path: folder.appendingPathComponent("master.sqlite").path)
        try runOnce(store, [[("crm:1", "Robert")], [("crm:2", "Katherine")]])
        let before = try snapshot(store)

        // The bogus retirement is found after the run row, golden rows and records were written.
        let error = try #require(throws: MasterStoreError.self) {
            try runOnce(
                store, [[("crm:1", "Rob")], [("crm:2", "Kate")], [("crm:3", "Sam")]],
                breakWith: [ChangeEvent(goldenID: "G-none", kind: .retired)])
        }
        #expect(error.code == .invalidCommit)
        #expect(error.message.contains("G-none"))
        #expect(try snapshot(store) == before)
        #expect(try store.runs().count == 1)

        // A record naming an id the run does not write is refused before anything is written.
        let prior = try store.loadPriorState()
        let (robert, normalized) = record("crm:1", "Robert")
        #expect(throws: MasterStoreError.self) {
            try store.commit(
                RunCommit(
                    run: .init(pipeline: "t", pipelineHash: "", startedAt: "", finishedAt: "", status: "ok"),
                    sourcesRead: [],
                    records: [
                        RunCommit.Record(
                            record: robert, normalized: normalized, contentHash: "x", goldenID: "G-elsewhere")
                    ], golden: [], events: []))
        }
        #expect(try store.loadPriorState().records == prior.records)
        #expect(try store.integrityProblems().isEmpty)
    }

    @Test func latestDecisionPerPairIsInForce() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try MasterStore.open(path: folder.appendingPathComponent("master.sqlite").path)
        let a = RecordRef(source: "crm", sourceID: "1")
        let b = RecordRef(source: "web", sourceID: "7")
        let c = RecordRef(source: "crm", sourceID: "2")
        try store.recordDecisions([
            StewardDecision(
                kind: .mustLink, b, a, who: "ann", decidedAt: "2026-10-01T00:00:00Z", origin: "review.csv:2"),
            StewardDecision(
                kind: .cannotLink, a, c, who: "ann", decidedAt: "2026-10-01T00:00:00Z", origin: "review.csv:3"),
        ])
        try store.recordDecisions([
            StewardDecision(
                kind: .cannotLink, a, b, who: "bob", decidedAt: "2026-10-02T00:00:00Z", why: "different people",
                origin: "unmerge")
        ])
        let decisions = try store.loadPriorState().decisions
        #expect(decisions.map(\.kind) == [.cannotLink, .cannotLink])
        #expect(decisions.map(\.origin) == ["review.csv:3", "unmerge"])
        #expect(decisions[1].a == a && decisions[1].b == b && decisions[1].why == "different people")

        let error = try #require(throws: MasterStoreError.self) {
            try store.recordDecisions([
                StewardDecision(kind: .mustLink, a, a, who: "x", decidedAt: "", origin: "review.csv:9")
            ])
        }
        #expect(error.code == .invalidDecision && error.message.contains("review.csv:9"))
        #expect(try store.decisions().count == 2)
    }

    @Test func wrongFilesAreNamedAsSuch() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.sqlite").path
        #expect(throws: MasterStoreError.self) { try MasterStore.open(path: missing, mode: .readOnly) }

        let text = folder.appendingPathComponent("notes.sqlite")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: text)
        let garbage = try #require(throws: MasterStoreError.self) { try MasterStore.open(path: text.path) }
        #expect(garbage.code == .notAStore)
        #expect(garbage.exitStatus == .usage)
    }
}
