import Foundation
import StewardModel
import StewardTestSupport
import Testing

@testable import StewardConfig

@Suite("Pipeline validator")
struct PipelineValidatorTests {
    static let root = Fixtures.repositoryRoot.path

    static var pipelineFiles: [String] {
        let dir = Fixtures.repositoryRoot.appendingPathComponent("pipelines").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    static var invalidFiles: [String] {
        let dir = Fixtures.url("config/invalid").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("every shipped pipeline file is clean", arguments: pipelineFiles)
    func shippedPipelines(name: String) throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("pipelines/\(name)").path
        let result = PipelineValidator.validate(file: path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
        let spec = try #require(result.spec)
        #expect(!spec.sources.isEmpty)
        for source in spec.sources {
            #expect(!source.files.isEmpty)
            for file in source.files { #expect(FileManager.default.fileExists(atPath: file)) }
        }
    }

    @Test("each invalid pipeline gives exactly its expected diagnostics", arguments: invalidFiles)
    func invalidPipelines(name: String) throws {
        let path = Fixtures.url("config/invalid/\(name)").path
        let result = PipelineValidator.validate(file: path)
        #expect(result.spec == nil)
        let text =
            result.diagnostics.map { $0.description.replacingOccurrences(of: Self.root, with: "$ROOT") }
            .joined(separator: "\n") + "\n"
        let golden = "../config/invalid/" + name.replacingOccurrences(of: ".yaml", with: ".expected")
        let mismatch = try Golden.mismatch(text, golden: golden)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("the demo pipeline resolves paths, registries, thresholds and extras")
    func demoSpec() throws {
        let result = PipelineValidator.validate(
            file: Fixtures.repositoryRoot.appendingPathComponent("pipelines/demo.yaml").path)
        let spec = try #require(result.spec)
        #expect(spec.name == "demo")
        #expect(spec.defaultRegion == "US")
        #expect(
            spec.sources.map(\.name) == [
                "salesforce", "google", "outlook", "marketing_de", "cards", "salesforce_xml", "dynamics_xml",
                "support_mail",
            ])
        #expect(spec.sources.map(\.trust) == [0.9, 0.6, 0.7, 0.5, 0.6, 0.9, 0.8, 0.3])
        #expect(spec.sources.map(\.format) == [.csv, .csv, .csv, .csv, .vcard, .xml, .xml, .email])
        #expect(spec.sources[4].files.count == 5)
        #expect(spec.sources[6].record == "/a:feed/a:entry" && spec.sources[6].namespaces.count == 3)
        #expect(spec.sources[6].columns.filter { $0.field == .canonical(.emails) }.count == 2)
        #expect(spec.sources[7].headers == ["From", "Reply-To", "Cc"] && spec.sources[7].signatures)
        #expect(spec.sources[3].region == "DE")
        #expect(spec.sources[3].columns == [FieldColumn(field: .canonical(.updatedAt), header: "Geändert am")])
        #expect(spec.sources[0].files == [Fixtures.url("sources/csv/salesforce_contacts.csv").standardized.path])
        #expect(
            spec.blocking.map(\.name) == [
                "emails.key", "phones.key", "family_name.phonetic+given_name.initial",
                "organization.key+family_name.prefix3",
            ])
        #expect(
            spec.comparisons[3]
                == ComparisonSpec(field: .canonical(.familyName), method: .jaroWinkler, levels: [0.95, 0.88]))
        #expect(spec.mergeThreshold == 0.95 && spec.reviewThreshold == 0.70)
        #expect(spec.survivorship["emails"] == [.union])
        #expect(spec.survivorship["default"] == [.trust, .recency, .completeness])
        #expect(spec.outputDirectory == Fixtures.repositoryRoot.appendingPathComponent("out/demo").standardized.path)
    }

    @Test("extra fields declared under columns can be blocked on and compared; undeclared ones cannot")
    func extraFields() throws {
        let yaml = """
            version: 1
            name: members
            sources:
              - { name: members, format: csv, path: ../sources/csv/google_contacts.csv, columns: { member_no: "Member" } }
            blocking:
              - [member_no.digits]
            compare:
              - { field: member_no, method: exact }
              - { field: shoe_size, method: numeric }
            """
        let result = PipelineValidator.validate(yaml: yaml, file: "m.yaml", baseDirectory: Fixtures.url("config").path)
        #expect(
            result.errors.map(\.description) == [
                "m.yaml:9:14: error: compare[1].field: unknown field 'shoe_size': no source maps it (add it under a source's columns)"
            ])
        let fixed = PipelineValidator.validate(
            yaml: yaml.replacingOccurrences(of: "\n  - { field: shoe_size, method: numeric }", with: ""),
            file: "m.yaml",
            baseDirectory: Fixtures.url("config").path)
        let spec = try #require(fixed.spec)
        #expect(spec.blocking.first?.keys == [BlockingKeySpec(field: .extra("member_no"), transform: .digits)])
        #expect(spec.comparisons.first?.field == .extra("member_no"))
    }

    @Test("a missing pipeline file and an alias bomb are errors, not hangs")
    func hostile() {
        let missing = PipelineValidator.validate(file: "/nonexistent/pipeline.yaml")
        #expect(missing.errors.map(\.description) == ["/nonexistent/pipeline.yaml: error: no such pipeline file"])
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<12 {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("version: 1\nname: bomb\nsources: *a11")
        let bomb = PipelineValidator.validate(
            yaml: lines.joined(separator: "\n"), file: "b.yaml", baseDirectory: "/tmp")
        #expect(bomb.spec == nil)
        #expect(!bomb.errors.isEmpty)
    }

    static func readme() throws -> String {
        try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("pipelines/README.md"), encoding: .utf8)
    }

    @Test("every registry value and every key is documented in pipelines/README.md")
    func registriesDocumented() throws {
        let readme = try Self.readme()
        let values =
            SourceFormat.allCases.map(\.rawValue) + BlockingTransform.allCases.map(\.rawValue)
            + ComparisonMethod.allCases.map(\.rawValue) + SurvivorshipRule.allCases.map(\.rawValue)
            + RuleDecision.allCases.map(\.rawValue) + PipelineValidator.topLevelKeys
        let keys =
            PipelineValidator.sourceKeys.map { "sources[].\($0)" }
            + PipelineValidator.compareKeys.map { "compare[].\($0)" }
            + PipelineValidator.ruleKeys.map { "rules[].\($0)" }
            + PipelineValidator.matchingKeys.map { "matching.\($0)" }
        let missing = (values + keys).filter { !readme.contains("`\($0)`") }
        #expect(missing.isEmpty, "undocumented: \(missing)")
        #expect(readme.contains("Default: 1/N for a run of N records"), "matching.prior's default")
        #expect(readme.contains("at most \(MatchSettings.defaultPrior)"), "matching.prior's ceiling")
        #expect(readme.contains("(default \(MatchSettings.defaultMaxBlockSize))"), "matching.max_block_size's default")
    }

    @Test("the README's table of comparison levels matches each method's labels and default thresholds")
    func comparisonLevelsDocumented() throws {
        let readme = try Self.readme()
        for method in ComparisonMethod.allCases {
            let row = try #require(
                readme.split(separator: "\n").first { $0.hasPrefix("| `\(method.rawValue)` |") },
                "no row for \(method.rawValue)")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            try #require(cells.count == 4, "\(row)")
            // The fixed labels, with "T…" where the thresholds go.
            #expect(
                cells[2].replacingOccurrences(of: ", T…", with: "")
                    == method.levelLabels(thresholds: []).joined(separator: ", "), "\(row)")
            #expect(cells[2].contains("T…") == method.takesThresholds, "\(row)")
            let thresholds = method.defaultThresholds.map { String($0) }.joined(separator: ", ")
            #expect(cells[3] == (method.takesThresholds ? thresholds : "fixed"), "\(row)")
        }
    }
}
