import ArgumentParser
import Foundation
import StewardIngest
import StewardModel
import StewardNormalize
import StewardPipeline
import StewardReport

/// `steward inspect FILE…`: parsed and normalized records as JSON Lines, rejects on stderr.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each record of the input files as one JSON object per line, with its normalized form.",
        discussion: """
            Each line: {"source", "source_id", "location", "fields", "normalized"}. With --raw (CSV): each parsed \
            row as a JSON array of strings, header included, nothing mapped. Rejected rows are listed on stderr \
            as file:line: reason (and written to --rejects when given); the exit status is then 1.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Input files: CSV, vCard, XML, email (.eml, mbox, or a folder of .eml). The format comes from --format, "
                + "else the extension, else the content."))
    var files: [String]

    @Option(
        help: "Input format (this release reads: \(Ingesters.implemented.map(\.rawValue).joined(separator: ", "))).")
    var format: String?

    @Flag(help: "Print parsed rows as JSON arrays of strings, without mapping or normalizing.")
    var raw = false

    @Option(help: "Default region (ISO 3166 code, e.g. US, DE) for phone numbers without a country code.")
    var region: String?

    @Option(help: "CSV delimiter (one character; default: auto-detect among , ; TAB |).")
    var delimiter: String?

    @Option(help: "Also write the rejects to this CSV file.")
    var rejects: String?

    @Option(help: "XML: path of the repeated record element (e.g. /Export/Contacts/Contact); default: detected.")
    var record: String?

    @Option(
        name: .customLong("field"), help: "XML: a field mapping 'field=path' (e.g. email=EmailAddress); repeatable.")
    var fields: [String] = []

    @Option(name: .customLong("namespace"), help: "XML: a namespace prefix 'prefix=URI'; repeatable.")
    var namespaces: [String] = []

    @Flag(help: "Email: also read phone numbers and job titles from senders' signatures.")
    var signatures = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file") }
        if let format, SourceFormat(rawValue: format.lowercased()) == nil {
            throw ValidationError(
                "unknown format '\(format)'; use one of: \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        _ = try csvOptions()
        _ = try normalizeOptions()
        _ = try xmlOptions()
    }

    func xmlOptions() throws -> XMLOptions {
        func pairs(_ values: [String], _ option: String) throws -> [(String, String)] {
            try values.map { value in
                guard let equals = value.firstIndex(of: "="), equals != value.startIndex,
                    value.index(after: equals) != value.endIndex
                else { throw ValidationError("\(option) takes name=value, got '\(value)'") }
                return (String(value[..<equals]), String(value[value.index(after: equals)...]))
            }
        }
        return XMLOptions(
            recordPath: record,
            fields: try pairs(fields, "--field").map { XMLOptions.FieldPath(field: $0.0, path: $0.1) },
            namespaces: Dictionary(try pairs(namespaces, "--namespace"), uniquingKeysWith: { $1 }))
    }

    func csvOptions() throws -> CSVOptions {
        guard let delimiter else { return CSVOptions() }
        guard let byte = DelimiterName.byte(delimiter) else {
            throw ValidationError("--delimiter takes one ASCII character (or tab, comma, semicolon, pipe)")
        }
        return CSVOptions(delimiter: byte)
    }

    func normalizeOptions() throws -> NormalizeOptions {
        try NormalizeOptions(defaultRegion: RegionOption.resolve(region))
    }

    func run() throws {
        let format = self.format.flatMap { SourceFormat(rawValue: $0.lowercased()) }
        let encoder = JSONLines()
        var out = OutputBuffer()
        var rejects: [Reject]
        var warnings: [String]
        if raw {
            let result = try InspectJob.raw(paths: files, format: format, csv: try csvOptions())
            for row in result.rows { out.append(try encoder.line(row.cells)) }
            rejects = result.rejects
            warnings = result.warnings
        } else {
            let options = ReadOptions(
                csv: try csvOptions(), xml: try xmlOptions(), email: EmailHeaderOptions(signatures: signatures))
            let result = try InspectJob.run(
                paths: files, format: format, options: options, normalize: try normalizeOptions())
            for record in result.records { out.append(try encoder.line(record)) }
            rejects = result.rejects
            warnings = result.warnings
        }
        out.flush()
        for warning in warnings { Console.error("warning: \(warning)") }
        for reject in rejects { Console.error("\(reject.location): rejected: \(reject.reason)") }
        if let path = self.rejects { try AtomicFile.write(RejectsCSV.render(rejects), to: path) }
        if !rejects.isEmpty || !warnings.isEmpty {
            Console.error("steward: \(rejects.count) rejected record(s), \(warnings.count) warning(s)")
            throw CommandStatus(status: .finishedWithRejects)
        }
    }
}

/// Resolves a `--region` value (`US`, `de`, `Germany`) to an ISO code the phone metadata knows.
enum RegionOption {
    static func resolve(_ value: String?) throws -> String? {
        guard let value else { return nil }
        guard let code = PhoneNormalizer.regionCode(forCountry: value) else {
            throw ValidationError("unknown region '\(value)'; give an ISO 3166 code such as US, GB or DE")
        }
        return code
    }
}

/// One JSON document per line: compact, keys sorted (Foundation on Linux does not keep declaration order, and output
/// must be byte-identical run to run), slashes unescaped.
struct JSONLines {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func line(_ value: some Encodable) throws -> [UInt8] {
        Array(try encoder.encode(value))
    }
}

/// Buffered stdout: lines are collected and written in large chunks.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ line: [UInt8]) {
        bytes.append(contentsOf: line)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    mutating func append(_ line: String) {
        append(Array(line.utf8))
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(1, buffer.baseAddress?.advanced(by: offset), buffer.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
