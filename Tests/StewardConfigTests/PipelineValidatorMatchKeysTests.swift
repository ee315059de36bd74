import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardConfig

/// The match keys of a pipeline file: `compare[].m`/`u`, fixed-level methods, `rules` and `matching`.
@Suite("Pipeline validator: m/u, rules, matching")
struct PipelineValidatorMatchKeysTests {
    /// Five lines every case starts from, so a case's own lines start at line 6.
    static let base = """
        version: 1
        name: keys
        sources:
          - { name: crm, format: csv, path: ../sources/csv/salesforce_contacts.csv }
        blocking: [[email.key]]

        """

    static func validate(_ tail: String) -> ValidationResult {
        PipelineValidator.validate(yaml: base + tail, file: "p.yaml", baseDirectory: Fixtures.url("config").path)
    }

    static func pipeline(_ name: String) throws -> PipelineSpec {
        let path = Fixtures.repositoryRoot.appendingPathComponent("pipelines/\(name)").path
        let result = PipelineValidator.validate(file: path)
        return try #require(result.spec, "\(result.diagnostics.map(\.description))")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "m and u values must be strictly between 0 and 1",
            yaml: "compare:\n  - { field: email, method: exact, m: [1.0, 0.5], u: [0, 0.99] }\n",
            expected: [
                "p.yaml:7:40: error: compare[0].m[0]: 1.0 must be strictly between 0 and 1 (0 or 1 would decide a pair alone)",
                "p.yaml:7:55: error: compare[0].u[0]: 0.0 must be strictly between 0 and 1 (0 or 1 would decide a pair alone)",
            ]),
        Case(
            name: "m and u count the default thresholds when levels are absent",
            yaml: "compare:\n  - { field: family_name, method: jaro_winkler, m: [0.9, 0.1] }\n",
            expected: [
                "p.yaml:7:52: error: compare[0].m: expected 4 values, one per level in this order: 'exact', "
                    + "'jaro_winkler ≥ 0.94', 'jaro_winkler ≥ 0.88', 'different' (found 2)"
            ]),
        Case(
            name: "levels on a fixed-level method",
            yaml: "compare:\n  - { field: phone, method: phone, levels: [0.9] }\n",
            expected: [
                "p.yaml:7:36: error: compare[0].levels: phone has fixed levels: 'exact', 'same number, other extension', "
                    + "'different'; remove 'levels' (methods with thresholds: jaro_winkler, levenshtein, "
                    + "damerau_levenshtein, token_set, nickname, numeric)"
            ]),
        Case(
            name: "an unknown method reports itself, not the length of m",
            yaml: "compare:\n  - { field: email, method: emial_key, m: [0.9, 0.1] }\n",
            expected: [
                "p.yaml:7:29: error: compare[0].method: unknown value 'emial_key'; did you mean 'email_key'? (one of "
                    + "exact, jaro_winkler, levenshtein, damerau_levenshtein, token_set, nickname, email_key, phone, "
                    + "date, numeric)"
            ]),
        Case(
            name: "rule names are snake_case and unique",
            yaml: """
                rules:
                  - { name: Same-Email, when: { email: 1.0 }, decision: merge }
                  - { name: same_email, when: { email: 1.0 }, decision: merge }
                  - { name: same_email, when: { phone: 1.0 }, decision: merge }

                """,
            expected: [
                "p.yaml:7:13: error: rules[0].name: 'Same-Email' is not snake_case (lower-case letters, digits and _, "
                    + "e.g. same_email_similar_given)",
                "p.yaml:9:13: error: rules[2].name: 'same_email' is used twice; the audit names rules, so names are unique",
            ]),
        Case(
            name: "without compare, rules may use the built-in comparisons only",
            yaml: "rules:\n  - { name: same_title, when: { family_name: 0.9, title: 1.0 }, decision: merge }\n",
            expected: [
                "p.yaml:7:51: error: rules[0].when.title: 'title' is not compared, so no rule can test it; without a "
                    + "compare section the built-in comparisons apply (emails, phones, given_name, family_name, "
                    + "organization); add a compare entry for it"
            ]),
        Case(
            name: "condition values: a similarity 0…1 or different",
            yaml:
                "rules:\n  - { name: r, when: { email: 1.5, phone: diferent, given_name: high }, decision: no_merge }\n",
            expected: [
                "p.yaml:7:31: error: rules[0].when.email: similarity 1.5 is outside 0…1",
                "p.yaml:7:43: error: rules[0].when.phone: expected a similarity 0…1 or 'different'; did you mean 'different'?",
                "p.yaml:7:65: error: rules[0].when.given_name: expected a similarity 0…1 or 'different'",
            ]),
        Case(
            name: "a field named twice through an alias",
            yaml: "rules:\n  - { name: r, when: { email: 1.0, emails: 0.9 }, decision: merge }\n",
            expected: [
                "p.yaml:7:36: error: rules[0].when.emails: repeated field; 'emails' already has a condition (as 'email')"
            ]),
        Case(
            name: "a rule needs name, when and decision",
            yaml: "rules:\n  - { when: {} }\n",
            expected: [
                "p.yaml:7:5: error: rules[0].name: missing; name the rule for the audit, e.g. same_email_similar_given",
                "p.yaml:7:5: error: rules[0].decision: missing; one of merge, no_merge, review",
                "p.yaml:7:13: error: rules[0].when: a rule needs at least one condition, e.g. { email: 1.0 }",
            ]),
        Case(
            name: "an unknown field in a rule suggests a known one",
            yaml: "rules:\n  - { name: r, when: { emial: 1.0 }, decision: merge }\n",
            expected: [
                "p.yaml:7:24: error: rules[0].when.emial: unknown field 'emial': no source maps it (add it under a "
                    + "source's columns); did you mean 'email'?"
            ]),
        Case(
            name: "prior strictly between 0 and 1, max_block_size at least 2",
            yaml: "matching: { prior: 1, max_block_size: 1 }\n",
            expected: [
                "p.yaml:6:20: error: matching.prior: 1.0 must be strictly between 0 and 1 (0 or 1 would decide a pair alone)",
                "p.yaml:6:39: error: matching.max_block_size: 1 is too small: a block needs at least 2 records to make a pair",
            ]),
        Case(
            name: "matching must be a mapping",
            yaml: "matching: 500\n",
            expected: ["p.yaml:6:11: error: matching: expected a mapping (key: value lines)"]),
        Case(
            name: "term_frequency is true or false",
            yaml: "compare:\n  - { field: family_name, method: jaro_winkler, term_frequency: often }\n",
            expected: ["p.yaml:7:65: error: compare[0].term_frequency: expected true or false"]),
    ]

    @Test("term_frequency switches the adjustment per comparison; absent means the field's default")
    func termFrequency() throws {
        let result = Self.validate(
            "compare:\n  - { field: family_name, method: jaro_winkler, term_frequency: false }\n"
                + "  - { field: email, method: email_key }\n  - { field: city, method: exact, term_frequency: true }\n")
        let spec = try #require(result.spec, "\(result.diagnostics.map(\.description))")
        #expect(spec.comparisons.map(\.termFrequency) == [false, nil, true])
        #expect(ComparisonSpec.defaultTermFrequency(.canonical(.familyName), .jaroWinkler))
        #expect(!ComparisonSpec.defaultTermFrequency(.canonical(.emails), .emailKey))
        #expect(!ComparisonSpec.defaultTermFrequency(.canonical(.city), .exact))
    }

    @Test("diagnostics for bad match keys", arguments: cases)
    func diagnostics(_ c: Case) {
        let result = Self.validate(c.yaml)
        #expect(result.spec == nil)
        #expect(result.diagnostics.map(\.description) == c.expected)
    }

    struct WarningCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: String
        var testDescription: String { name }
    }

    static let warningCases: [WarningCase] = [
        WarningCase(
            name: "exact agreement counting against a match",
            yaml: "compare:\n  - { field: email, method: exact, m: [0.1, 0.9], u: [0.3, 0.7] }\n",
            expected: "p.yaml:7:39: warning: compare[0].m: m (0.1) is below u (0.3) at level 'exact': agreeing on "
                + "emails would count against a match"),
        WarningCase(
            name: "m not adding up to 1",
            yaml: "compare:\n  - { field: email, method: exact, m: [0.5, 0.2] }\n",
            expected: "p.yaml:7:39: warning: compare[0].m: the values add up to 0.7, not 1: each is the share of true "
                + "matches whose values land on that level"),
        WarningCase(
            name: "a merge rule on disagreement alone",
            yaml: "rules:\n  - { name: odd, when: { phone: different }, decision: merge }\n",
            expected: "p.yaml:7:24: warning: rules[0].when: this rule merges pairs only because their values differ; "
                + "give it a similarity condition too"),
        WarningCase(
            name: "a similarity of 0",
            yaml: "rules:\n  - { name: any_phone, when: { email: 1.0, phone: 0 }, decision: merge }\n",
            expected: "p.yaml:7:51: warning: rules[0].when.phone: a similarity of at least 0 always holds; drop the "
                + "condition"),
        WarningCase(
            name: "a huge block size",
            yaml: "matching: { max_block_size: 20000 }\n",
            expected: "p.yaml:6:29: warning: matching.max_block_size: a block of 20000 records makes 199990000 pairs; "
                + "a pass whose blocks grow this large needs a more selective key"),
    ]

    @Test("suspicious but legal settings warn and still resolve", arguments: warningCases)
    func warnings(_ c: WarningCase) {
        let result = Self.validate(c.yaml)
        #expect(result.spec != nil)
        #expect(result.diagnostics.map(\.description) == [c.expected])
    }

    @Test("m, u, rules and matching resolve into the spec")
    func resolved() throws {
        // Given a pipeline with every new key
        let result = Self.validate(
            """
            compare:
              - { field: email, method: email_key, m: [0.9, 0.02, 0.03, 0.01, 0.04], u: [0.001, 0.001, 0.01, 0.001, 0.987] }
              - { field: given_name, method: nickname, levels: [0.85] }
              - { field: family_name, method: jaro_winkler, u: [0.01, 0.02, 0.03, 0.94] }
            rules:
              - { name: same_email_similar_given, when: { email: 1.0, first_name: 0.8 }, decision: merge }
              - { name: other_person, when: { given_name: different, family_name: 0.9 }, decision: no_merge }
            matching: { prior: 0.005, max_block_size: 1000 }

            """)
        // Then it resolves without a diagnostic, with every value in place
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let spec = try #require(result.spec)
        #expect(
            spec.comparisons == [
                ComparisonSpec(
                    field: .canonical(.emails), method: .emailKey, m: [0.9, 0.02, 0.03, 0.01, 0.04],
                    u: [0.001, 0.001, 0.01, 0.001, 0.987]),
                ComparisonSpec(field: .canonical(.givenName), method: .nickname, levels: [0.85]),
                ComparisonSpec(field: .canonical(.familyName), method: .jaroWinkler, u: [0.01, 0.02, 0.03, 0.94]),
            ])
        #expect(
            spec.rules == [
                MatchRuleSpec(
                    name: "same_email_similar_given",
                    conditions: [
                        .init(field: .canonical(.emails), minimum: 1),
                        .init(field: .canonical(.givenName), minimum: 0.8),
                    ],
                    decision: .merge),
                MatchRuleSpec(
                    name: "other_person",
                    conditions: [
                        .init(field: .canonical(.givenName), minimum: nil),
                        .init(field: .canonical(.familyName), minimum: 0.9),
                    ],
                    decision: .noMerge),
            ])
        #expect(spec.prior == 0.005 && spec.maxBlockSize == 1000)
        #expect(spec.match.rules == spec.rules && spec.match.prior == 0.005 && spec.match.maxBlockSize == 1000)
    }

    @Test("absent rules and matching give no rules and the MatchSettings defaults")
    func defaults() throws {
        let spec = try #require(Self.validate("").spec)
        #expect(spec.rules.isEmpty)
        #expect(spec.prior == MatchSettings.defaultPrior && spec.maxBlockSize == MatchSettings.defaultMaxBlockSize)
        #expect(spec.mergeThreshold == MatchSettings.defaultMergeThreshold)
        #expect(spec.reviewThreshold == MatchSettings.defaultReviewThreshold)
    }

    @Test("rules may use extra fields that compare compares")
    func extraFieldRule() throws {
        let yaml = """
            version: 1
            name: dob
            sources:
              - { name: crm, format: csv, path: ../sources/csv/salesforce_contacts.csv, columns: { date_of_birth: "Birthdate" } }
            blocking: [[email.key]]
            compare:
              - { field: email, method: email_key }
              - { field: date_of_birth, method: date }
            rules:
              - { name: different_birthday, when: { date_of_birth: different }, decision: no_merge }
            """
        let result = PipelineValidator.validate(yaml: yaml, file: "d.yaml", baseDirectory: Fixtures.url("config").path)
        let spec = try #require(result.spec, "\(result.diagnostics.map(\.description))")
        #expect(spec.rules.first?.conditions == [.init(field: .extra("date_of_birth"), minimum: nil)])
    }

    @Test("demo.yaml: one merge rule and the default matching settings")
    func demo() throws {
        let spec = try Self.pipeline("demo.yaml")
        #expect(
            spec.rules == [
                MatchRuleSpec(
                    name: "same_email_similar_given",
                    conditions: [
                        .init(field: .canonical(.emails), minimum: 1),
                        .init(field: .canonical(.givenName), minimum: 0.8),
                    ],
                    decision: .merge)
            ])
        #expect(spec.prior == MatchSettings.defaultPrior && spec.maxBlockSize == MatchSettings.defaultMaxBlockSize)
    }

    @Test("nightly-crm.yaml: m/u on the phone comparison, a merge and a no_merge rule")
    func nightly() throws {
        let spec = try Self.pipeline("nightly-crm.yaml")
        let phone = try #require(spec.comparisons.first { $0.field == .canonical(.phones) })
        #expect(phone.m == [0.70, 0.02, 0.28] && phone.u == [0.0001, 0.002, 0.9979])
        #expect(spec.rules.map(\.decision) == [.merge, .noMerge])
        #expect(
            spec.rules[1].conditions == [
                .init(field: .canonical(.phones), minimum: 1), .init(field: .canonical(.givenName), minimum: nil),
                .init(field: .canonical(.emails), minimum: nil),
            ])
        #expect(spec.prior == 0.001 && spec.maxBlockSize == 500)
    }

    @Test("tradeshow-import.yaml: badge scans mapped, CRM preferred, tuned thresholds")
    func tradeshow() throws {
        let spec = try Self.pipeline("tradeshow-import.yaml")
        #expect(spec.sources.map(\.name) == ["badge_scans", "business_cards", "salesforce"])
        #expect(spec.sources.map(\.trust) == [0.4, 0.5, 0.9])
        #expect(spec.sources.map(\.format) == [.csv, .vcard, .csv])
        #expect(spec.sources[0].files == [Fixtures.url("sources/tradeshow/badge_scans.csv").standardized.path])
        #expect(
            spec.sources[0].columns == [
                FieldColumn(field: .extra("source_id"), header: "Lead ID"),
                FieldColumn(field: .canonical(.updatedAt), header: "Scanned At"),
            ])
        #expect(spec.blocking.map(\.name) == ["same email", "same phone", "same company and name"])
        #expect(spec.rules.map(\.name) == ["same_email_similar_family", "shared_switchboard"])
        #expect(spec.mergeThreshold == 0.97 && spec.reviewThreshold == 0.60)
        #expect(spec.prior == 0.001 && spec.maxBlockSize == 200)
        #expect(spec.survivorship["default"] == [.trust, .recency, .completeness])
        #expect(
            spec.outputDirectory == Fixtures.repositoryRoot.appendingPathComponent("out/tradeshow").standardized.path)
    }

    @Test("source_id under columns maps the record id; it is no field to compare")
    func sourceIDIsNotAField() {
        let yaml = """
            version: 1
            name: ids
            sources:
              - { name: crm, format: csv, path: ../sources/csv/salesforce_contacts.csv, columns: { source_id: "Contact ID" } }
            blocking: [[email.key]]
            compare:
              - { field: source_id, method: exact }
            """
        let mapped = PipelineValidator.validate(yaml: yaml, file: "i.yaml", baseDirectory: Fixtures.url("config").path)
        #expect(
            mapped.errors.map(\.description) == [
                "i.yaml:7:14: error: compare[0].field: 'source_id' is the record's own id, not a field to block on, "
                    + "compare or test in a rule"
            ])
    }
}
