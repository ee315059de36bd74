import Foundation
import StewardModel

/// Options of the CSV ingester.
public struct CSVOptions: Sendable {
    /// The field delimiter; `nil` auto-detects among `, ; TAB |` (an Excel `sep=` line is honoured).
    public var delimiter: UInt8?
    /// Longest field in bytes; a row with a longer field is rejected with `.fieldTooLong`.
    public var maxFieldBytes: Int
    /// Explicit column mapping, header text → field name (a canonical name such as `given_name`, `emails`,
    /// `source_id`, or an extra field name). Wins over auto-mapping for those headers; see
    /// ``HeaderMapping/init(headers:overrides:)``.
    public var columns: [String: String]

    public init(delimiter: UInt8? = nil, maxFieldBytes: Int = 1 << 20, columns: [String: String] = [:]) {
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        self.columns = columns
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
/// Limits: the file is read whole; parsing allocates nothing per field (byte ranges); values are copied as UTF-8
/// bytes into each record's ``RecordFields`` buffer (two allocations per record, `String`s only for source ids);
/// at most 16 384 fields per row are kept.
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
            var parser = CSVParser(decoded: buffer, start: decoded.start, options: options)
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
            var parser = CSVParser(decoded: buffer, start: decoded.start, options: options)
            var row = CSVRow()
            var header: RowMapper?
            // Source id → index in `result.records` of the record that first used it.
            var seenIDs: [String: Int] = [:]
            while parser.next(into: &row) {
                if row.isBlankLine { continue }
                guard let mapper = header else {
                    if let issue = row.issue {
                        result.warnings.append(
                            "\(displayPath):\(row.line): the header row has a problem (\(reason(for: issue))); "
                                + "its fields were used as parsed")
                    }
                    let headers = row.fields.map(parser.string)
                    header = RowMapper(mapping: HeaderMapping(headers: headers, overrides: options.columns))
                    let keys = Set(headers.map(HeaderMapping.key))
                    for (column, field) in options.columns.sorted(by: { $0.key < $1.key })
                    where !keys.contains(HeaderMapping.key(column)) {
                        result.warnings.append(
                            "\(displayPath):\(row.line): no column '\(column)' (mapped to \(field)) in the header")
                    }
                    let estimate = CSVIngester.estimatedRowCount(after: parser)
                    result.records.reserveCapacity(estimate)
                    seenIDs.reserveCapacity(estimate)
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
                guard row.fields.count == mapper.columnCount else {
                    if row.fields.allSatisfy(parser.isBlank) { continue }
                    reject(.wrongColumnCount(expected: mapper.columnCount, found: row.fields.count))
                    continue
                }
                let mapped = mapper.map(row, parser)
                if mapped.allBlank { continue }
                guard !mapped.fields.isEmpty else {
                    reject(.emptyRecord)
                    continue
                }
                let sourceID = mapped.id ?? location.description
                // One hash lookup: inserts the new record's index unless the id is already there.
                let first = CSVIngester.firstUse(of: &seenIDs[sourceID, default: -1], next: result.records.count)
                if first >= 0 {
                    reject(.duplicateSourceID(sourceID, firstSeen: result.records[first].location.description))
                    continue
                }
                result.records.append(
                    SourceRecord(source: source, sourceID: sourceID, location: location, fields: mapped.fields))
            }
            if header == nil {
                result.warnings.append("\(displayPath): no header row (the file is empty)")
            }
        }
        return result
    }

    /// Returns the stored index, or stores `next` into an empty (`-1`) slot and returns `-1`.
    @inline(__always)
    static func firstUse(of slot: inout Int, next: Int) -> Int {
        if slot >= 0 { return slot }
        slot = next
        return -1
    }

    /// Rows left after the parser's position, estimated from the average length of up to 256 following rows
    /// (plus 2 %), so the record array and the id table are allocated once for typical files. At most one row
    /// per 8 bytes left is assumed, which bounds what a sample of unusually short rows can reserve.
    static func estimatedRowCount(after parser: CSVParser) -> Int {
        var sampler = parser
        var row = CSVRow()
        let startPosition = parser.position
        var rows = 0
        while rows < 256, sampler.next(into: &row) { rows += 1 }
        let sampled = sampler.position - startPosition
        let remaining = parser.count - startPosition
        guard rows > 0, sampled > 0 else { return 0 }
        if sampler.position >= parser.count { return rows }
        let estimate = Double(remaining) / Double(sampled) * Double(rows) * 1.02
        return min(Int(estimate) + 16, remaining / 8)
    }
}

/// Applies a ``HeaderMapping`` to parsed rows.
///
/// The roles are compiled once per file into a plan of one small ``Column`` per column, so the per-cell work is a
/// switch on a one-byte tag and no role payload (kind, extra name) is copied unless it is used. Values go to
/// ``RecordFields`` as byte ranges of the input (unescaped into a scratch buffer only when they hold doubled
/// quotes); each record reserves its buffer from its row's length, so it allocates once.
struct RowMapper {
    /// What a column does with a non-blank cell.
    enum Action: UInt8 {
        case sourceID, single, email, phone, kindCell, address, extra
    }

    struct Column {
        var action: Action
        /// The canonical field of `.single` and `.address` columns.
        var field: CanonicalField
        /// The Google kind group of `.email`/`.phone` columns (`-1`: none); the address group of `.address`.
        var group: Int
        /// The kind the header gives `.email`/`.phone` values.
        var headerKind: String?
        /// The extra-field name of `.extra` columns, and of `.address` columns outside the row's address group.
        var extraName: String
    }

    let mapping: HeaderMapping
    let columnCount: Int
    let columns: [Column]
    let hasKindColumns: Bool
    let hasAddressGroups: Bool
    /// Bytes of labels a record may store besides its row's text: extra-field names (with room for a `_N`
    /// suffix) and contact kinds.
    let labelBytes: Int

    init(mapping: HeaderMapping) {
        self.mapping = mapping
        self.columnCount = mapping.headers.count
        var columns: [Column] = []
        columns.reserveCapacity(mapping.roles.count)
        for (i, role) in mapping.roles.enumerated() {
            var column = Column(action: .extra, field: .fullName, group: -1, headerKind: nil, extraName: "")
            switch role {
            case .sourceID:
                column.action = .sourceID
            case .field(let canonical):
                column.action = .single
                column.field = canonical
            case .email(let kind, let group):
                column.action = .email
                column.headerKind = kind
                column.group = group ?? -1
            case .phone(let kind, let group):
                column.action = .phone
                column.headerKind = kind
                column.group = group ?? -1
            case .emailKind, .phoneKind:
                column.action = .kindCell
            case .address(let canonical, let group):
                column.action = .address
                column.field = canonical
                column.group = group
                column.extraName = HeaderMapping.snakeCase(mapping.headers[i])
            case .extra(let name):
                column.extraName = name
            }
            columns.append(column)
        }
        self.columns = columns
        self.labelBytes = columns.reduce(0) { total, column in
            switch column.action {
            case .email, .phone: return total + (column.headerKind?.utf8.count ?? 8)
            case .extra, .address: return total + column.extraName.utf8.count + 3
            case .sourceID, .single, .kindCell: return total
            }
        }
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

    /// The record fields of one row (its field count equals the header's), its source id if it has one, and
    /// whether every cell is blank (only bytes `<= 0x20`; such rows are skipped, not rejected).
    func map(_ row: CSVRow, _ parser: CSVParser) -> (fields: RecordFields, id: String?, allBlank: Bool) {
        var fields = RecordFields()
        var sourceID: String?
        var allBlank = true
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
        let base = parser.base
        var scratch: [UInt8] = []
        fields.reserveCapacity(bytes: row.end - row.start + labelBytes, values: min(columnCount, 16))
        row.fields.withUnsafeBufferPointer { cells in
            columns.withUnsafeBufferPointer { columns in
                for i in 0..<cells.count {
                    let cell = cells[i]
                    // Blank: only bytes <= 0x20 (what `CSVParser.isBlank` tests).
                    var start = cell.start
                    while start < cell.end && base[start] <= 0x20 { start += 1 }
                    if start == cell.end { continue }
                    allBlank = false
                    switch columns[i].action {
                    case .sourceID:
                        let id = parser.trimmed(cell)
                        if !id.isEmpty { sourceID = parser.string(id) }
                    case .single:
                        let canonical = columns[i].field
                        parser.forEachPartRange(cell) { _, part in
                            guard !part.isEmpty else { return }
                            parser.withBytes(part, scratch: &scratch) { fields.set(canonical, utf8: $0) }
                        }
                    case .email:
                        let headerKind = columns[i].headerKind
                        let group = columns[i].group
                        let kinds = hasKindColumns && group >= 0 ? emailKinds[group] : nil
                        parser.forEachPartRange(cell) { k, part in
                            guard !part.isEmpty else { return }
                            parser.withBytes(part, scratch: &scratch) {
                                fields.addEmail(utf8: $0, kind: headerKind ?? kind(kinds, k))
                            }
                        }
                    case .phone:
                        let headerKind = columns[i].headerKind
                        let group = columns[i].group
                        let kinds = hasKindColumns && group >= 0 ? phoneKinds[group] : nil
                        parser.forEachPartRange(cell) { k, part in
                            guard !part.isEmpty else { return }
                            parser.withBytes(part, scratch: &scratch) {
                                fields.addPhone(utf8: $0, kind: headerKind ?? kind(kinds, k))
                            }
                        }
                    case .kindCell:
                        continue
                    case .address:
                        if columns[i].group == addressGroup {
                            let canonical = columns[i].field
                            parser.forEachPartRange(cell) { _, part in
                                guard !part.isEmpty else { return }
                                parser.withBytes(part, scratch: &scratch) { fields.set(canonical, utf8: $0) }
                            }
                        } else {
                            parser.withBytes(parser.paddingTrimmed(cell), scratch: &scratch) {
                                fields.addExtra(columns[i].extraName, utf8: $0)
                            }
                        }
                    case .extra:
                        parser.withBytes(parser.paddingTrimmed(cell), scratch: &scratch) {
                            fields.addExtra(columns[i].extraName, utf8: $0)
                        }
                    }
                }
            }
        }
        return (fields, sourceID, allBlank)
    }
}
