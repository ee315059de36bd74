import StewardModel
import Testing

@testable import StewardMerge

/// One source record with its normalized values, as the earlier stages would hand it on.
private struct Fixture {
    var record: SourceRecord
    var normalized: NormalizedRecord
    var source: UInt16
    var updatedAt: Int64
}

private let sources = ["sales_crm", "tradeshow_cards", "marketing_export"]
private let trust = [0.9, 0.6, 0.6]

private func fixture(
    _ source: UInt16, _ id: String, updated: Int64 = 0, name: NormalizedName? = nil, emails: [NormalizedEmail] = [],
    phones: [NormalizedPhone] = [], _ build: (inout RecordFields) -> Void = { _ in }
) -> Fixture {
    var fields = RecordFields()
    build(&fields)
    let record = SourceRecord(
        source: sources[Int(source)], sourceID: id,
        location: SourceLocation(file: "\(sources[Int(source)]).csv", line: 2),
        fields: fields)
    return Fixture(
        record: record, normalized: NormalizedRecord(name: name, emails: emails, phones: phones), source: source,
        updatedAt: updated)
}

private func person(
    given: String? = nil, middle: String? = nil, family: String? = nil, prefix: String? = nil
)
    -> NormalizedName
{
    var name = NormalizedName()
    name.given = given
    name.middle = middle
    name.family = family
    name.prefix = prefix
    return name
}

private func email(_ address: String, key: String? = nil, role: Bool = false) -> NormalizedEmail {
    let domain = String(address.split(separator: "@").last ?? "")
    return NormalizedEmail(
        address: address, key: key ?? address, domain: domain, isRole: role, isFreeMail: domain == "gmail.com")
}

/// Merges `fixtures` grouped into `groups` (record indices; every record in exactly one group).
private func merge(
    _ fixtures: [Fixture], _ groups: [[Int32]], survivorship: [String: [SurvivorshipRule]] = [:]
) -> MergeResult {
    var clusterOf = ContiguousArray<Int32>(repeating: 0, count: fixtures.count)
    for (index, group) in groups.enumerated() {
        for member in group { clusterOf[Int(member)] = Int32(index) }
    }
    let clusters = ClusterResult(
        clusters: groups.map { Cluster(members: $0.sorted()) }, clusterOf: clusterOf, review: [])
    return MergeStage.run(
        MergeInput(
            records: fixtures.map(\.record), normalized: fixtures.map(\.normalized),
            sourceIndex: ContiguousArray(fixtures.map(\.source)), sourceNames: sources, sourceTrust: trust,
            updatedAt: ContiguousArray(fixtures.map(\.updatedAt)), clusters: clusters, survivorship: survivorship))
}

private func value(_ golden: GoldenRecord, _ field: CanonicalField) -> GoldenValue? {
    golden.values(.canonical(field)).first
}

@Suite("Merge stage")
struct MergeStageTests {
    @Test("trust wins over recency by default")
    func trustFirst() throws {
        let records = [
            fixture(0, "1001", updated: 2023_01_10_000000) { $0.set(.organization, "Acme Corporation") },
            fixture(1, "card-7", updated: 2024_06_01_120000) { $0.set(.organization, "Acme Corp.") },
        ]
        let golden = merge(records, [[0, 1]]).golden[0]
        #expect(value(golden, .organization) == GoldenValue(value: "Acme Corporation", record: 0, rule: .trust))
    }

    @Test("recency breaks a trust tie, completeness a recency tie")
    func recencyThenCompleteness() throws {
        let records = [
            fixture(1, "card-7", updated: 2023_01_10_000000) {
                $0.set(.title, "Sales Manager")
                $0.set(.city, "NYC")
            },
            fixture(2, "m-55", updated: 2024_06_01_120000) {
                $0.set(.title, "Head of Sales")
            },
            fixture(2, "m-56", updated: 2023_01_10_000000) { $0.set(.city, "New York City") },
        ]
        let golden = merge(records, [[0, 1, 2]]).golden[0]
        #expect(value(golden, .title) == GoldenValue(value: "Head of Sales", record: 1, rule: .recency))
        // 0 and 2 tie on trust and recency; the longer value wins.
        #expect(value(golden, .city) == GoldenValue(value: "New York City", record: 2, rule: .completeness))
    }

    @Test("frequency counts values equal up to case and spaces; the group's text comes from its best record")
    func frequency() throws {
        let records = [
            fixture(0, "1001") { $0.set(.organization, "Globex") },
            fixture(1, "card-7") { $0.set(.organization, "ACME  inc") },
            fixture(2, "m-55", updated: 2024_01_01_000000) { $0.set(.organization, "Acme Inc") },
        ]
        let rules: [String: [SurvivorshipRule]] = ["default": [.frequency, .recency, .trust]]
        let golden = merge(records, [[0, 1, 2]], survivorship: rules).golden[0]
        #expect(value(golden, .organization) == GoldenValue(value: "Acme Inc", record: 2, rule: .frequency, support: 2))

        // With the default rules the trusted CRM wins, though alone.
        let byTrust = merge(records, [[0, 1, 2]]).golden[0]
        #expect(value(byTrust, .organization) == GoldenValue(value: "Globex", record: 0, rule: .trust))
    }

    @Test("a tie on every rule goes to the smaller record reference, not to input order")
    func finalTieBreak() throws {
        let a = fixture(1, "card-9") { $0.set(.department, "Sales") }
        let b = fixture(1, "card-10") { $0.set(.department, "Sales Ops") }
        let c = fixture(1, "card-11") { $0.set(.department, "Marketing") }
        // card-10 < card-11 < card-9 as text; "Marketing" and "Sales Ops" tie on length.
        for order in [[a, b, c], [c, b, a], [b, c, a]] {
            let golden = merge(order, [[0, 1, 2]]).golden[0]
            let chosen = try #require(value(golden, .department))
            #expect(chosen.value == "Sales Ops")
            #expect(order[Int(chosen.record)].record.sourceID == "card-10")
            // Only the final tie-break separated the two best: the rule is the list's first.
            #expect(chosen.rule == .trust)
        }
    }

    @Test("emails: union of normalized addresses, best first, role addresses last, each with its lineage")
    func emailUnion() throws {
        let records = [
            fixture(0, "1001", emails: [email("jane.doe@acme.com"), email("info@acme.com", role: true)]) {
                $0.addEmail("Jane.Doe@ACME.com")
                $0.addEmail("info@acme.com")
            },
            fixture(
                1, "card-7", emails: [email("jane.doe@acme.com"), email("j.ane@gmail.com", key: "jane@gmail.com")]
            ) {
                $0.addEmail("jane.doe@acme.com")
                $0.addEmail("J.Ane@gmail.com")
            },
            fixture(2, "m-55", emails: [email("jane@gmail.com"), email("jdoe@example.org")]) {
                $0.addEmail("jane@gmail.com")
                $0.addEmail("jdoe@example.org")
                $0.addEmail("jane(at)acme")  // invalid: no normalized value
            },
        ]
        let golden = merge(records, [[0, 1, 2]]).golden[0]
        let emails = golden.values(.canonical(.emails))
        #expect(
            emails == [
                GoldenValue(value: "jane.doe@acme.com", record: 0, rule: .union, support: 2),
                GoldenValue(value: "j.ane@gmail.com", record: 1, rule: .union, support: 2),
                GoldenValue(value: "jdoe@example.org", record: 2, rule: .union, support: 1),
                GoldenValue(value: "info@acme.com", record: 0, rule: .union, support: 1),
            ])
    }

    @Test("phones: E.164 with the extension kept apart as a distinct value")
    func phoneUnion() throws {
        let records = [
            fixture(1, "card-7", phones: [NormalizedPhone(e164: "+14155550100", extension: "12", region: "US")]) {
                $0.addPhone("(415) 555-0100 x12")
            },
            fixture(0, "1001", phones: [NormalizedPhone(e164: "+14155550100", region: "US")]) {
                $0.addPhone("+1 415 555 0100")
            },
            fixture(2, "m-55", phones: [NormalizedPhone(e164: "+14155550100", extension: "12")]) {
                $0.addPhone("415.555.0100 ext. 12")
            },
        ]
        let golden = merge(records, [[0, 1, 2]]).golden[0]
        #expect(
            golden.values(.canonical(.phones)) == [
                // card-7 and m-55 tie on every rule: marketing_export:m-55 is the smaller reference.
                GoldenValue(value: "+14155550100;ext=12", record: 2, rule: .union, support: 2),
                GoldenValue(value: "+14155550100", record: 1, rule: .union, support: 1),
            ])
    }

    @Test("a list field under other rules keeps the single best value, personal before role")
    func listSingleBest() throws {
        let records = [
            fixture(0, "1001", emails: [email("sales@acme.com", role: true)]),
            fixture(1, "card-7", updated: 2024_01_01_000000, emails: [email("jane.doe@acme.com")]),
            fixture(2, "m-55", emails: [email("jane@gmail.com")]),
        ]
        let golden = merge(records, [[0, 1, 2]], survivorship: ["email": [.trust, .recency]]).golden[0]
        #expect(
            golden.values(.canonical(.emails)) == [GoldenValue(value: "jane.doe@acme.com", record: 1, rule: .recency)])
    }

    @Test("name parts come from the cleaned name; full_name from the raw value or the cleaned parts")
    func names() throws {
        let records = [
            fixture(0, "1001", name: person(given: "Jane", family: "O'Neil")) {
                $0.set(.givenName, "JANE")
                $0.set(.familyName, "O'NEIL")
            },
            fixture(1, "card-7", name: person(given: "Jane", middle: "Ann", family: "O'Neil", prefix: "Dr.")) {
                $0.set(.fullName, "Dr. Jane Ann O'Neil")
            },
        ]
        let single = merge(records, [[0], [1]])
        #expect(value(single.golden[0], .fullName)?.value == "Jane O'Neil")
        #expect(value(single.golden[0], .givenName)?.value == "Jane")
        #expect(value(single.golden[1], .middleName)?.value == "Ann")
        #expect(value(single.golden[1], .namePrefix)?.value == "Dr.")

        let merged = merge(records, [[0, 1]]).golden[0]
        #expect(value(merged, .givenName) == GoldenValue(value: "Jane", record: 0, rule: .trust, support: 2))
        #expect(value(merged, .familyName) == GoldenValue(value: "O'Neil", record: 0, rule: .trust, support: 2))
        #expect(value(merged, .middleName) == GoldenValue(value: "Ann", record: 1, rule: .trust))
        #expect(value(merged, .fullName) == GoldenValue(value: "Jane O'Neil", record: 0, rule: .trust))
    }

    @Test("updated_at takes the latest value whatever the trust")
    func updatedAt() throws {
        let records = [
            fixture(0, "1001", updated: 2023_01_10_000000) { $0.set(.updatedAt, "2023-01-10") },
            fixture(1, "card-7", updated: 2024_06_01_120000) { $0.set(.updatedAt, "2024-06-01 12:00") },
        ]
        let golden = merge(records, [[0, 1]]).golden[0]
        #expect(value(golden, .updatedAt) == GoldenValue(value: "2024-06-01 12:00", record: 1, rule: .recency))
    }

    @Test("extra fields survive, after the canonical fields, by name")
    func extras() throws {
        let records = [
            fixture(0, "1001") {
                $0.set(.organization, "Acme")
                $0.addExtra("notes", "met at booth 12")
            },
            fixture(1, "card-7") {
                $0.addExtra("date_of_birth", "1980-04-02")
                $0.addExtra("notes", "prefers email")
            },
        ]
        let golden = merge(records, [[0, 1]]).golden[0]
        #expect(golden.fields.map(\.field) == [.canonical(.organization), .extra("date_of_birth"), .extra("notes")])
        #expect(golden.values(.extra("date_of_birth")) == [GoldenValue(value: "1980-04-02", record: 1, rule: .trust)])
        #expect(golden.values(.extra("notes")) == [GoldenValue(value: "met at booth 12", record: 0, rule: .trust)])

        let single = merge(records, [[0], [1]])
        #expect(single.golden[1].fields.map(\.field) == [.extra("date_of_birth"), .extra("notes")])
    }

    @Test("golden ids: FNV-1a 64 of the smallest member reference, the same in any record order")
    func goldenID() throws {
        // FNV-1a 64 reference vectors (draft-eastlake-fnv, test vectors for "" and "a").
        #expect(MergeStage.fnv1a64("".utf8) == 0xcbf2_9ce4_8422_2325)
        #expect(MergeStage.fnv1a64("a".utf8) == 0xaf63_dc4c_8601_ec8c)
        // The same definition in Python: h = 0xcbf29ce484222325; for c in b"sales_crm\x1f1001":
        // h = ((h ^ c) * 0x100000001b3) % 2**64.
        #expect(MergeStage.goldenID(smallest: RecordRef(source: "sales_crm", sourceID: "1001")) == "G920f1bfef75bca9b")

        let records = [
            fixture(1, "card-7") { $0.set(.organization, "Acme") },
            fixture(0, "1001") { $0.set(.organization, "ACME") },
            fixture(2, "m-55") { $0.set(.city, "Boston") },
        ]
        let forward = merge(records, [[0, 1], [2]])
        #expect(
            forward.golden.map(\.goldenID) == [
                "G920f1bfef75bca9b",
                MergeStage.goldenID(smallest: RecordRef(source: "marketing_export", sourceID: "m-55")),
            ])
        #expect(forward.goldenOf == [0, 0, 1])

        // Reversed record order: same ids, same values from the same source records.
        let back = Array(records.reversed())
        let reversed = merge(back, [[0], [1, 2]])
        #expect(reversed.golden.map(\.goldenID) == forward.golden.map(\.goldenID).reversed())
        let org = try #require(value(reversed.golden[1], .organization))
        #expect(org.value == "ACME" && org.support == 2)
        #expect(back[Int(org.record)].record.sourceID == "1001")
    }

    @Test("every golden value's lineage points at a record holding that value")
    func lineage() throws {
        let records = [
            fixture(
                0, "1001", updated: 2022_05_01_000000, name: person(given: "Robert", family: "Smith"),
                emails: [email("bob.smith@acme.com")]
            ) {
                $0.set(.givenName, "Robert")
                $0.set(.familyName, "Smith")
                $0.set(.organization, "Acme Inc")
                $0.set(.city, "Springfield")
                $0.addEmail("bob.smith@acme.com")
            },
            fixture(
                1, "card-7", updated: 2024_02_01_000000, name: person(given: "Bob", family: "Smith"),
                emails: [email("bob@gmail.com")],
                phones: [NormalizedPhone(e164: "+12175550123")]
            ) {
                $0.set(.fullName, "Bob Smith")
                $0.set(.title, "VP Sales")
                $0.set(.street, "12 Main Street")
                $0.addEmail("bob@gmail.com")
                $0.addPhone("217-555-0123")
                $0.addExtra("linkedin", "in/bobsmith")
            },
            fixture(2, "m-55", updated: 2023_07_01_000000, name: person(given: "Rob", family: "Smith")) {
                $0.set(.givenName, "Rob")
                $0.set(.familyName, "Smith")
                $0.set(.organization, "ACME, Inc.")
                $0.set(.city, "Springfield, IL")
                $0.set(.country, "US")
            },
        ]
        let golden = merge(records, [[0, 1, 2]]).golden[0]
        #expect(golden.fields.count == 11)
        for field in golden.fields {
            for chosen in field.values {
                let fixture = records[Int(chosen.record)]
                let held: [String]
                switch field.field {
                case .canonical(.emails): held = fixture.normalized.emails.map(\.address)
                case .canonical(.phones): held = fixture.normalized.phones.map(\.e164)
                case .canonical(let canonical):
                    held = [Merger.value(canonical, fixture.record.fields, fixture.normalized.name)].compactMap { $0 }
                case .extra(let name): held = [fixture.record.fields.extra(name)].compactMap { $0 }
                }
                #expect(held.contains(chosen.value), "\(field.field): \(chosen.value) not in record \(chosen.record)")
            }
        }
        #expect(value(golden, .fullName) == GoldenValue(value: "Robert Smith", record: 0, rule: .trust))
        #expect(value(golden, .street) == GoldenValue(value: "12 Main Street", record: 1, rule: .trust))
        #expect(value(golden, .city) == GoldenValue(value: "Springfield", record: 0, rule: .trust))
    }

    @Test("a singleton keeps its own values in canonical order with the field's first rule and support 1")
    func singleton() {
        let record = fixture(
            1, "card-7", updated: 2024_02_01_000000, name: person(given: "Bob", family: "Smith"),
            emails: [email("sales@acme.com", role: true), email("bob@acme.com")]
        ) {
            $0.set(.fullName, "Bob Smith")
            $0.set(.organization, "Acme")
            $0.set(.updatedAt, "2024-02-01")
            $0.addEmail("sales@acme.com")
            $0.addEmail("bob@acme.com")
        }
        let golden = merge([record], [[0]], survivorship: ["organization": [.completeness]]).golden[0]
        #expect(golden.members == [0])
        #expect(
            golden.fields == [
                GoldenField(
                    field: .canonical(.fullName), values: [GoldenValue(value: "Bob Smith", record: 0, rule: .trust)]),
                GoldenField(
                    field: .canonical(.givenName), values: [GoldenValue(value: "Bob", record: 0, rule: .trust)]),
                GoldenField(
                    field: .canonical(.familyName), values: [GoldenValue(value: "Smith", record: 0, rule: .trust)]),
                GoldenField(
                    field: .canonical(.organization),
                    values: [GoldenValue(value: "Acme", record: 0, rule: .completeness)]),
                GoldenField(
                    field: .canonical(.emails),
                    values: [
                        GoldenValue(value: "bob@acme.com", record: 0, rule: .union),
                        GoldenValue(value: "sales@acme.com", record: 0, rule: .union),
                    ]),
                GoldenField(
                    field: .canonical(.updatedAt), values: [GoldenValue(value: "2024-02-01", record: 0, rule: .recency)]
                ),
            ])
    }

    @Test(
        "grouping keys fold case and white space; lengths count Unicode scalars",
        arguments: [
            ("acme inc", "acme inc", 8), ("ACME  Inc", "acme inc", 9), (" Acme\tInc ", "acme inc", 10),
            ("MÜLLER  GmbH", "müller gmbh", 12), ("Café", "café", 4), ("e\u{301}", "e\u{301}", 2),
        ])
    func groupingKey(value: String, key: String, scalars: Int) {
        #expect(Merger.groupingKey(value) == key)
        #expect(Merger.scalarCount(value) == scalars)
    }

    @Test("survivorship map: aliases, union dropped on single fields, defaults")
    func plan() {
        let plan = SurvivorshipPlan([
            "company": [.recency], "phones": [.trust], "title": [.union], "default": [.frequency],
        ])
        #expect(plan.rules(.organization).rules == [.recency])
        #expect(plan.rules(.title).rules == [.frequency])
        #expect(plan.rules(.emails).union && plan.rules(.emails).rules == [.frequency])
        #expect(!plan.rules(.phones).union && plan.rules(.phones).rules == [.trust])
        #expect(plan.rules(extra: "date_of_birth") == [.frequency])
        let defaults = SurvivorshipPlan([:])
        #expect(defaults.rules(.city).rules == [.trust, .recency, .completeness])
        #expect(defaults.rules(.phones).union)
        #expect(CanonicalField.allCases.enumerated().allSatisfy { $0.element.ordinal == $0.offset })
    }
}
