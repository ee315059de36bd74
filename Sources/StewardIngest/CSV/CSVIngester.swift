import Foundation
import StewardModel

/// Options of the CSV ingester.
public struct CSVOptions: Sendable {
    /// The field delimiter; `nil` auto-detects among `, ; TAB |` (an Excel `sep=` line is honoured).
    public var delimiter: UInt8?
    /// Longest field in bytes; a row with a longer field is rejected with `.fieldTooLong`.
    public var maxFieldBytes: Int

    public init(delimiter: UInt8? = nil, maxFieldBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
    }
}

/// Reads CSV files into ``SourceRecord``s, mapping columns to canonical fields by their headers.
///
/// Format: RFC 4180 with the relaxations described on ``CSVParser`` (LF/CR line ends, literal quotes inside
/// unquoted fields), encodings as in ``CSVEncoding``, delimiter auto-detected or from an Excel `sep=` line, headers
/// mapped by ``HeaderMapping``. Values are stored as decoded text (not normalized); Google's ` ::: ` multi-value
/// cells are split for canonical fields.
///
/// Row outcomes: a blank line or a row whose cells are all blank is skipped; a row with a structural problem
/// (text after a closing quote, unterminated quote, NUL byte, field over ``CSVOptions/maxFieldBytes``), a
/// different field count than the header, no value besides its id, or a source id already used earlier in the file
/// is rejected with the physical line it starts on; every other row becomes a record.
///
/// Limits: the file is read whole; parsing allocates nothing per field (byte ranges) and creates `String`s only for
/// non-blank cells; at most 16 384 fields per row are kept.
///
/// - Complexity: O(n) in the file size.
public struct CSVIngester: Sendable {
    public let options: CSVOptions

    public init(options: CSVOptions = CSVOptions()) {
        self.options = options
    }

    /// Reads and ingests a file. `path` is the path as the user gave it (used in locations); `source` the source name.
    ///
    /// - Throws: `StewardError` `.fileNotFound`, `.fileUnreadable` or `.unsupportedEncoding` for whole-file failures.
    public func ingest(path: String, source: String) throws -> IngestResult {
        let decoded = try CSVIngester.readDecoded(path)
        return ingest(decoded: decoded, displayPath: path, source: source)
    }

    /// Ingests bytes already in memory. An unsupported encoding yields one whole-file reject.
    public func ingest(bytes: [UInt8], displayPath: String, source: String) -> IngestResult {
        do {
            return ingest(decoded: try CSVDecoder.decode(bytes), displayPath: displayPath, source: source)
        } catch {
            return IngestResult(rejects: [CSVIngester.encodingReject(error, displayPath: displayPath, source: source)])
        }
    }

    /// Raw mode for `steward inspect --raw`: every parsed row (header included) as strings, nothing mapped, with the
    /// 1-based physical line each row starts on; structural problems (unterminated quote, NUL, field too long, text
    /// after a closing quote) as rejects. Blank lines are skipped.
    public func rawRows(
        bytes: [UInt8], displayPath: String, source: String
    ) -> (rows: [(line: Int, cells: [String])], rejects: [Reject], warnings: [String]) {
        do {
            return rawRows(decoded: try CSVDecoder.decode(bytes), displayPath: displayPath, source: source)
        } catch {
            return ([], [CSVIngester.encodingReject(error, displayPath: displayPath, source: source)], [])
        }
    }

    /// Raw mode on a file; throws like ``ingest(path:source:)``.
    public func rawRows(
        path: String, source: String
    ) throws -> (rows: [(line: Int, cells: [String])], rejects: [Reject], warnings: [String]) {
        rawRows(decoded: try CSVIngester.readDecoded(path), displayPath: path, source: source)
    }

    // MARK: - Implementation

    static func readDecoded(_ path: String) throws -> DecodedText {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StewardError(.fileNotFound, "no such file; check the path", location: SourceLocation(file: path))
        }
        guard !isDirectory.boolValue else {
            throw StewardError(
                .fileUnreadable, "is a directory; give a CSV file", location: SourceLocation(file: path))
        }
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe))
        } catch {
            throw StewardError(
                .fileUnreadable, "cannot read the file; check its permissions", location: SourceLocation(file: path),
                underlying: error)
        }
        do {
            return try CSVDecoder.decode(bytes)
        } catch {
            throw StewardError(.unsupportedEncoding, error.message, location: SourceLocation(file: path))
        }
    }

    static func encodingReject(_ error: EncodingFailure, displayPath: String, source: String) -> Reject {
        Reject(
            source: source, location: SourceLocation(file: displayPath),
            reason: .malformed("unsupported encoding: \(error.message)"), rawText: "")
    }

    func reason(for issue: CSVRowIssue) -> RejectReason {
        switch issue {
        case .textAfterClosingQuote(let column): return .textAfterClosingQuote(column: column)
        case .unterminatedQuote: return .unterminatedQuote
        case .fieldTooLong(let column): return .fieldTooLong(column: column, limit: options.maxFieldBytes)
        case .nulByte: return .invalidBytes("NUL byte")
        case .tooManyFields: return .malformed("more than \(CSVParser.maxFieldsPerRow) fields in one row")
        }
    }

    func rawRows(
        decoded: DecodedText, displayPath: String, source: String
    ) -> (rows: [(line: Int, cells: [String])], rejects: [Reject], warnings: [String]) {
        var rows: [(line: Int, cells: [String])] = []
        var rejects: [Reject] = []
        decoded.bytes.withUnsafeBufferPointer { buffer in
            let dialect = CSVDialect.detect(buffer, start: decoded.start, override: options.delimiter)
            var parser = CSVParser(
                buffer: buffer, start: dialect.dataStart, startLine: dialect.dataStartLine,
                delimiter: dialect.delimiter, maxFieldBytes: options.maxFieldBytes)
            var row = CSVRow()
            while parser.next(into: &row) {
                if row.isBlankLine { continue }
                if let issue = row.issue {
                    rejects.append(
                        Reject(
                            source: source, location: SourceLocation(file: displayPath, line: row.line),
                            reason: reason(for: issue), rawText: parser.rawText(row)))
                    continue
                }
                rows.append((row.line, row.fields.map(parser.string)))
            }
        }
        return (rows, rejects, decoded.warnings.map { "\(displayPath): \($0)" })
    }

    func ingest(decoded: DecodedText, displayPath: String, source: String) -> IngestResult {
        var result = IngestResult(warnings: decoded.warnings.map { "\(displayPath): \($0)" })
        decoded.bytes.withUnsafeBufferPointer { buffer in
            let dialect = CSVDialect.detect(buffer, start: decoded.start, override: options.delimiter)
            var parser = CSVParser(
                buffer: buffer, start: dialect.dataStart, startLine: dialect.dataStartLine,
                delimiter: dialect.delimiter, maxFieldBytes: options.maxFieldBytes)
            var row = CSVRow()
            var header: RowMapper?
            var seenIDs: [String: SourceLocation] = [:]
            seenIDs.reserveCapacity(min(buffer.count / 128, 1 << 20))
            while parser.next(into: &row) {
                if row.isBlankLine { continue }
                guard let mapper = header else {
                    if let issue = row.issue {
                        result.warnings.append(
                            "\(displayPath):\(row.line): the header row has a problem (\(reason(for: issue))); "
                                + "its fields were used as parsed")
                    }
                    header = RowMapper(mapping: HeaderMapping(headers: row.fields.map(parser.string)))
                    continue
                }
                let location = SourceLocation(file: displayPath, line: row.line)
                func reject(_ reason: RejectReason) {
                    result.rejects.append(
                        Reject(source: source, location: location, reason: reason, rawText: parser.rawText(row)))
                }
                if let issue = row.issue {
                    reject(reason(for: issue))
                    continue
                }
                if row.fields.allSatisfy(parser.isBlank) { continue }
                guard row.fields.count == mapper.columnCount else {
                    reject(.wrongColumnCount(expected: mapper.columnCount, found: row.fields.count))
                    continue
                }
                let (fields, id) = mapper.map(row, parser)
                guard !fields.isEmpty else {
                    reject(.emptyRecord)
                    continue
                }
                let sourceID = id ?? location.description
                if let first = seenIDs[sourceID] {
                    reject(.duplicateSourceID(sourceID, firstSeen: first.description))
                    continue
                }
                seenIDs[sourceID] = location
                result.records.append(
                    SourceRecord(source: source, sourceID: sourceID, location: location, fields: fields))
            }
            if header == nil {
                result.warnings.append("\(displayPath): no header row (the file is empty)")
            }
        }
        return result
    }
}

/// Applies a ``HeaderMapping`` to parsed rows.
struct RowMapper {
    let mapping: HeaderMapping
    let columnCount: Int
    /// Extra-field names for address columns outside the row's chosen address group.
    let addressExtraNames: [String]
    let hasKindColumns: Bool
    let hasAddressGroups: Bool

    init(mapping: HeaderMapping) {
        self.mapping = mapping
        self.columnCount = mapping.headers.count
        self.addressExtraNames = mapping.headers.map(HeaderMapping.snakeCase)
        self.hasKindColumns = mapping.roles.contains {
            switch $0 {
            case .emailKind, .phoneKind: return true
            default: return false
            }
        }
        let groups = Set(
            mapping.roles.compactMap { role -> Int? in
                if case .address(_, let group) = role { return group }
                return nil
            })
        self.hasAddressGroups = groups.count > 1
    }

    /// The kind of a Google `… - Type` cell: `* Work` → `work`, `Work Fax` → `fax`, `Mobile` → `mobile`; other
    /// labels lower-cased (`Main` → `main`); blank → `nil`. The `*` marks Google's primary value.
    static func kind(fromTypeCell text: String) -> String? {
        var label = text.trimmingCharacters(in: .whitespaces)
        if label.hasPrefix("*") { label = String(label.dropFirst()).trimmingCharacters(in: .whitespaces) }
        let lower = label.lowercased()
        if lower.isEmpty { return nil }
        if lower.contains("fax") { return "fax" }
        if lower.contains("mobile") || lower.contains("cell") { return "mobile" }
        if lower.contains("work") || lower.contains("business") { return "work" }
        if lower.contains("home") { return "home" }
        if lower.contains("other") { return "other" }
        return lower
    }

    /// The record fields of one row (its field count equals the header's) and its source id, if it has one.
    func map(_ row: CSVRow, _ parser: CSVParser) -> (RecordFields, String?) {
        var fields = RecordFields()
        var sourceID: String?
        let roles = mapping.roles
        var emailKinds: [Int: [String?]] = [:]
        var phoneKinds: [Int: [String?]] = [:]
        if hasKindColumns {
            for (i, role) in roles.enumerated() {
                let field = row.fields[i]
                guard !parser.isBlank(field) else { continue }
                switch role {
                case .emailKind(let group):
                    var kinds: [String?] = []
                    parser.forEachPart(field) { _, part in kinds.append(RowMapper.kind(fromTypeCell: part)) }
                    emailKinds[group] = kinds
                case .phoneKind(let group):
                    var kinds: [String?] = []
                    parser.forEachPart(field) { _, part in kinds.append(RowMapper.kind(fromTypeCell: part)) }
                    phoneKinds[group] = kinds
                default: break
                }
            }
        }
        var addressGroup = 0
        if hasAddressGroups {
            addressGroup = Int.max
            for (i, role) in roles.enumerated() {
                if case .address(_, let group) = role, group < addressGroup, !parser.isBlank(row.fields[i]) {
                    addressGroup = group
                }
            }
        }
        func kind(_ kinds: [String?]?, _ k: Int) -> String? {
            guard let kinds, !kinds.isEmpty else { return nil }
            return k < kinds.count ? kinds[k] : kinds[0]
        }
        for (i, role) in roles.enumerated() {
            let field = row.fields[i]
            guard !parser.isBlank(field) else { continue }
            switch role {
            case .sourceID:
                let id = parser.trimmed(field)
                if !id.isEmpty { sourceID = parser.string(id) }
            case .field(let canonical):
                parser.forEachPart(field) { _, part in fields.set(canonical, part) }
            case .email(let headerKind, let group):
                let kinds = group.flatMap { emailKinds[$0] }
                parser.forEachPart(field) { k, part in fields.addEmail(part, kind: headerKind ?? kind(kinds, k)) }
            case .phone(let headerKind, let group):
                let kinds = group.flatMap { phoneKinds[$0] }
                parser.forEachPart(field) { k, part in fields.addPhone(part, kind: headerKind ?? kind(kinds, k)) }
            case .emailKind, .phoneKind:
                continue
            case .address(let canonical, let group):
                if group == addressGroup {
                    parser.forEachPart(field) { _, part in fields.set(canonical, part) }
                } else {
                    fields.addExtra(addressExtraNames[i], parser.string(field))
                }
            case .extra(let name):
                fields.addExtra(name, parser.string(field))
            }
        }
        return (fields, sourceID)
    }
}
