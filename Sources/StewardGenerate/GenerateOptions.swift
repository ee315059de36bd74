import StewardModel

/// What `steward generate` writes: one format family per value.
public enum GeneratedFormat: String, CaseIterable, Sendable {
    case csv, vcard, xml, email
}

/// Options of a generation run. The same options give byte-identical files.
public struct GenerateOptions: Sendable {
    /// Records written in all, over every source.
    public var records: Int
    public var seed: UInt64
    /// Share of the records that are extra copies of a person already present (entities ≈ records · (1 − rate)).
    public var dupRate: Double
    public var formats: [GeneratedFormat]

    /// The most records one run writes: every locale's phone plans hold about 1.75 million people.
    public static let maxRecords = 5_000_000

    public init(
        records: Int, seed: UInt64 = 1, dupRate: Double = 0.3, formats: [GeneratedFormat] = GeneratedFormat.allCases
    ) {
        self.records = records
        self.seed = seed
        self.dupRate = dupRate
        self.formats = formats
    }

    /// Throws a usage error for values outside the supported ranges.
    public func validate() throws {
        guard records >= 1 && records <= GenerateOptions.maxRecords else {
            throw StewardError(.badUsage, "--records must be between 1 and \(GenerateOptions.maxRecords)")
        }
        guard dupRate >= 0 && dupRate <= 0.9 else {
            throw StewardError(.badUsage, "--dup-rate must be between 0 and 0.9")
        }
        guard !formats.isEmpty else {
            throw StewardError(.badUsage, "--formats names no format; use csv, vcard, xml, email")
        }
    }
}

/// The sources a run writes, one file each, named as in the pipeline file it writes.
enum SourceKind: Int, CaseIterable, Sendable {
    case crm, marketing, cards, marketingXML, support

    var name: String { ["crm", "marketing", "cards", "marketing_xml", "support"][rawValue] }
    var fileName: String { ["crm.csv", "marketing.csv", "cards.vcf", "marketing.xml", "support.mbox"][rawValue] }
    var format: GeneratedFormat { [.csv, .csv, .vcard, .xml, .email][rawValue] }
    /// Share of the records (before restricting to the requested formats).
    var weight: Double { [30, 20, 20, 15, 15][rawValue] }
    var trust: Double { [0.9, 0.6, 0.5, 0.6, 0.3][rawValue] }
}

/// What a run wrote.
public struct GenerateSummary: Sendable {
    public struct SourceCount: Sendable {
        public var source: String
        public var file: String
        public var records: Int
    }

    public var directory: String
    public var sources: [SourceCount]
    public var records: Int
    public var entities: Int
    public var companies: Int
    /// Pairs of records of one person (within and across sources).
    public var duplicatePairs: Int
    /// Planted groups of different people who look alike, per kind (`same_name`, `colleagues`, …).
    public var hardNegativeGroups: [(kind: String, groups: Int, people: Int)]
    public var seconds: Double

    /// A few lines for the terminal.
    public var text: String {
        var lines: [String] = []
        lines.append("wrote \(directory)")
        lines.append(
            "records: "
                + sources.map { "\($0.source) \($0.records)" }.joined(separator: ", ") + ", total \(records)")
        lines.append("entities: \(entities) at \(companies) companies; true duplicate pairs: \(duplicatePairs)")
        let groups = hardNegativeGroups.reduce(0) { $0 + $1.groups }
        let people = hardNegativeGroups.reduce(0) { $0 + $1.people }
        lines.append(
            "hard-negative groups: \(groups) ("
                + hardNegativeGroups.map { "\($0.kind) \($0.groups)" }.joined(separator: ", ")
                + "), \(people) entities")
        let rounded = (seconds * 100).rounded() / 100
        lines.append("seconds: \(rounded)")
        return lines.joined(separator: "\n")
    }
}
