import Foundation
import StewardIngest
import StewardModel
import StewardNormalize

/// One line of `steward inspect`: the record as ingested and its normalized form.
public struct InspectedRecord: Sendable, Encodable {
    public var record: SourceRecord
    public var normalized: NormalizedRecord

    enum CodingKeys: String, CodingKey {
        case source
        case sourceID = "source_id"
        case location, fields, normalized
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.source, forKey: .source)
        try container.encode(record.sourceID, forKey: .sourceID)
        try container.encode(record.location, forKey: .location)
        try container.encode(record.fields, forKey: .fields)
        try container.encode(normalized, forKey: .normalized)
    }
}

/// What `steward inspect` produced over its files.
public struct InspectOutput: Sendable {
    public var records: [InspectedRecord] = []
    public var rejects: [Reject] = []
    public var warnings: [String] = []
    /// Records read per file, rejects included, in the order the files were given.
    public var perFile: [(file: String, read: Int, rejected: Int)] = []
}

/// `steward inspect --raw`: parsed rows, nothing mapped.
public struct RawInspectOutput: Sendable {
    public var rows: [(file: String, line: Int, cells: [String])] = []
    public var rejects: [Reject] = []
    public var warnings: [String] = []
}

/// The inspect job: ingest each file with the ingester for its format, then normalize. No matching.
public enum InspectJob {
    /// The format of a file: the explicit one, else from its extension, else from its first bytes. A directory is
    /// a folder of email messages (`.eml`); any other directory is a usage error.
    public static func format(of path: String, explicit: SourceFormat?) throws -> SourceFormat {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, isDirectory.boolValue, explicit != .email {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if explicit != nil || !entries.contains(where: { $0.lowercased().hasSuffix(".eml") }) {
                throw StewardError(
                    .badUsage, "is a directory; give the files in it (e.g. \(path)/*.csv), or a folder of .eml files",
                    location: SourceLocation(file: path))
            }
        }
        if let explicit { return explicit }
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        if let format = Ingesters.extensionFormats[ext] { return format }
        guard exists else {
            throw StewardError(.fileNotFound, "no such file", location: SourceLocation(file: path))
        }
        let format = Ingesters.detectFormat(path: path)
        // CSV is what is left when nothing else fits: trust it only for extensions that usually hold tables.
        if let format, format != .csv || ["", "txt", "dat", "text"].contains(ext) || isDirectory.boolValue {
            return format
        }
        let known = SourceFormat.allCases.map(\.rawValue).joined(separator: ", ")
        throw StewardError(
            .badUsage,
            "cannot tell the format of '\(path)' from its extension '.\(ext)' or its content; pass --format (one of: "
                + "\(known))",
            location: SourceLocation(file: path))
    }

    public static func run(
        paths: [String], format: SourceFormat?, csv: CSVOptions, normalize: NormalizeOptions
    ) throws -> InspectOutput {
        try run(paths: paths, format: format, options: ReadOptions(csv: csv), normalize: normalize)
    }

    /// Reads each file with the ingester of its format (given, or detected), then normalizes.
    public static func run(
        paths: [String], format: SourceFormat?, options: ReadOptions, normalize: NormalizeOptions
    ) throws -> InspectOutput {
        var output = InspectOutput()
        let normalizer = RecordNormalizer(options: normalize)
        for path in paths {
            let result = try SourceReader.read(
                path: path, format: try self.format(of: path, explicit: format), source: sourceName(path),
                options: options)
            output.records += result.records.map { InspectedRecord(record: $0, normalized: normalizer.normalized($0)) }
            output.rejects += result.rejects
            output.warnings += result.warnings
            output.perFile.append((path, result.recordsRead, result.rejects.count))
        }
        return output
    }

    public static func raw(paths: [String], format: SourceFormat?, csv: CSVOptions) throws -> RawInspectOutput {
        var output = RawInspectOutput()
        for path in paths {
            switch try self.format(of: path, explicit: format) {
            case .csv:
                let parsed = try CSVIngester(options: csv).rawRows(path: path, source: sourceName(path))
                output.rows += parsed.rows.map { (path, $0.line, $0.cells) }
                output.rejects += parsed.rejects
                output.warnings += parsed.warnings
            case let other:
                throw StewardError(
                    .badUsage, "--raw shows the rows of CSV files; this is a \(other.rawValue) file",
                    location: SourceLocation(file: path))
            }
        }
        return output
    }

    /// The source name `inspect` gives a file's records: its file name.
    static func sourceName(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
