// Test-only helper for StewardStoreTests (not a product):
//   steward-store-harness crash-loop STORE RECORDS   commit runs in a loop until killed; prints
//                                                    `committing`, then `committed RUN GEN` once it returned
//   steward-store-harness measure STORE RECORDS      a full run, an unchanged rerun and a 1% change, timed
import Foundation
import StewardModel
import StewardStore

/// A synthetic contact: generation `generation` of record `index`; every third record is a second copy of the
/// person before it (same email), so clusters have one or two members.
func syntheticRecord(_ index: Int, generation: Int) -> (SourceRecord, NormalizedRecord) {
    let person = index - (index % 3 == 2 ? 1 : 0)
    let givenNames = ["Robert", "Katherine", "Jürgen", "Sam", "Ann", "Maria", "Wei", "Olu", "Priya", "Tomás"]
    let familyNames = ["Smith", "O'Neil", "Müller", "Lee", "García", "Nguyen", "Okafor", "Patel", "Rossi", "Kowalski"]
    let given = givenNames[person % givenNames.count]
    let family = familyNames[(person / 10) % familyNames.count] + String(person / 100)
    var fields = RecordFields()
    fields.set(.givenName, given)
    fields.set(.familyName, family)
    fields.set(.organization, "Company \(person % 5000) Inc.")
    fields.set(.title, generation == 0 ? "Account Manager" : "Account Manager (gen \(generation))")
    fields.set(.city, "City \(person % 997)")
    fields.set(.country, "United States")
    let email = "\(given.lowercased()).\(person)@example.com"
    fields.addEmail(email, kind: "work")
    fields.addPhone("+1415\(String(format: "%07d", person % 10_000_000))", kind: index % 2 == 0 ? "mobile" : nil)
    fields.addExtra("lead_source", "Trade Show \(index % 7)")
    let source = index % 3 == 2 ? "marketing" : "crm"
    let record = SourceRecord(
        source: source, sourceID: String(format: "%09d", index),
        location: SourceLocation(file: "\(source).csv", line: index + 2), fields: fields)
    var name = NormalizedName()
    name.given = given
    name.family = family
    name.givenKey = given.lowercased()
    name.familyKey = family.lowercased()
    name.key = "\(given.lowercased()) \(family.lowercased())"
    let normalized = NormalizedRecord(
        name: name,
        emails: [
            NormalizedEmail(address: email, key: email, domain: "example.com", isRole: false, isFreeMail: false)
        ],
        phones: [NormalizedPhone(e164: "+1415\(String(format: "%07d", person % 10_000_000))", region: "US")],
        organizationKey: "company \(person % 5000)")
    return (record, normalized)
}

/// A golden record's content: the first member's single values (`trust`), every email and phone (`union`).
func content(of members: [SourceRecord]) -> GoldenContent {
    var fields: [GoldenContent.Field] = []
    let first = members[0]
    let firstRef = RecordRef(source: first.source, sourceID: first.sourceID)
    for (field, value) in first.fields.setFields {
        fields.append(.init(name: field.rawValue, values: [.init(value: value, source: firstRef, rule: "trust")]))
    }
    var emails: [GoldenContent.Value] = []
    var phones: [GoldenContent.Value] = []
    for member in members {
        let ref = RecordRef(source: member.source, sourceID: member.sourceID)
        for email in member.fields.emails where !emails.contains(where: { $0.value == email.value }) {
            emails.append(.init(value: email.value, source: ref, rule: "union"))
        }
        for phone in member.fields.phones where !phones.contains(where: { $0.value == phone.value }) {
            phones.append(.init(value: phone.value, source: ref, rule: "union"))
        }
    }
    fields.append(.init(name: "emails", values: emails))
    fields.append(.init(name: "phones", values: phones))
    return GoldenContent(fields: fields)
}

struct Timed {
    var prepare = 0.0
    var assign = 0.0
    var commit = 0.0
    var summary: CommitSummary?
}

/// One run over `count` records where record i has generation `generation(i)`.
func runOnce(
    _ store: MasterStore, count: Int, beforeCommit: () -> Void = {}, generation: (Int) -> Int
) throws -> Timed {
    var timed = Timed()
    var clock = Date()
    let prior = try store.loadPriorState()
    var records: [RunCommit.Record] = []
    records.reserveCapacity(count)
    var clusters: [ClusterContent] = []
    var contents: [GoldenContent] = []
    var clusterOf: [Int] = []
    var index = 0
    while index < count {
        let size = index + 1 < count && (index + 1) % 3 == 2 ? 2 : 1
        var members: [SourceRecord] = []
        for offset in 0..<size {
            let (record, normalized) = syntheticRecord(index + offset, generation: generation(index + offset))
            members.append(record)
            records.append(
                RunCommit.Record(
                    record: record, normalized: normalized, contentHash: ContentHash.of(record), goldenID: ""))
            clusterOf.append(clusters.count)
        }
        let golden = content(of: members)
        contents.append(golden)
        clusters.append(
            ClusterContent(
                members: members.map { RecordRef(source: $0.source, sourceID: $0.sourceID) },
                fingerprint: golden.fingerprint))
        index += size
    }
    timed.prepare = -clock.timeIntervalSinceNow
    clock = Date()
    let assignment = GoldenIDAssigner.assign(clusters, prior: prior)
    for position in records.indices { records[position].goldenID = assignment.ids[clusterOf[position]] }
    timed.assign = -clock.timeIntervalSinceNow
    clock = Date()
    let now = ISO8601DateFormatter().string(from: Date())
    beforeCommit()
    timed.summary = try store.commit(
        RunCommit(
            run: .init(
                pipeline: "harness", pipelineHash: "0", startedAt: now, finishedAt: now, status: "ok",
                counts: ["records": count, "golden_records": clusters.count], timings: [("commit", 0)]),
            sourcesRead: ["crm", "marketing"], records: records,
            golden: zip(assignment.ids, contents).map { RunCommit.Golden(goldenID: $0, content: $1) },
            events: assignment.events))
    timed.commit = -clock.timeIntervalSinceNow
    return timed
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
}

/// One unbuffered line on stdout (the crash test reads it as the child goes).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: steward-store-harness crash-loop|measure STORE RECORDS\n".utf8))
    exit(2)
}
let path = arguments[2]
do {
    switch arguments[1] {
    case "crash-loop":
        let store = try MasterStore.open(path: path)
        say("ready")
        var generation = (try store.runs().count)
        while true {
            generation += 1
            let timed = try runOnce(store, count: count, beforeCommit: { say("committing") }) { _ in generation }
            say("committed \(timed.summary?.runID ?? 0) \(generation)")
        }
    case "measure":
        let store = try MasterStore.open(path: path)
        let full = try runOnce(store, count: count) { _ in 0 }
        let fullSize = fileSize(path) + fileSize(path + "-wal")
        let again = try runOnce(store, count: count) { _ in 0 }
        let changed = try runOnce(store, count: count) { $0 % 100 == 7 ? 1 : 0 }
        try store.close()
        for (label, timed) in [("full", full), ("unchanged", again), ("1% changed", changed)] {
            let summary = timed.summary
            print(
                "\(label): prepare \(String(format: "%.2f", timed.prepare)) s, assign \(String(format: "%.2f", timed.assign)) s, "
                    + "commit \(String(format: "%.2f", timed.commit)) s; new \(summary?.newRecords ?? 0), "
                    + "changed \(summary?.changedRecords ?? 0), golden written \(summary?.goldenWritten ?? 0), "
                    + "events \(summary?.events ?? 0)")
        }
        print(
            "store after the full run: \(fullSize) bytes; after three runs: \(fileSize(path)) bytes (WAL checkpointed)")
    default:
        FileHandle.standardError.write(Data("unknown mode \(arguments[1])\n".utf8))
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("steward-store-harness: \(error)\n".utf8))
    exit(3)
}
