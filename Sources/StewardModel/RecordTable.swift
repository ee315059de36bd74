/// The view of a field a ``ByteColumn`` holds.
public enum ColumnView: String, Sendable, Hashable, CaseIterable {
    /// The field's match key: email match key, E.164 phone, folded name part, company key, folded text.
    case key
    /// The trimmed original text (dates and numbers are parsed from it).
    case raw
    /// The folded given name and every name the nickname table says it may be short for (`bob` → bob, robert).
    case canonical
    /// German transliteration of the family name (`mueller`), else the folded family name.
    case alt
    /// Double Metaphone of the family name (or of the folded value for other fields).
    case phonetic
    /// Phone extension digits, aligned value for value with the phone key column (empty when none).
    case ext
}

/// A column of a ``RecordTable``: a field's view.
public struct ColumnKey: Sendable, Hashable, CustomStringConvertible {
    public var field: FieldReference
    public var view: ColumnView

    public init(_ field: FieldReference, _ view: ColumnView) {
        self.field = field
        self.view = view
    }

    public var description: String { "\(field).\(view.rawValue)" }
}

/// Byte values of one column for every record: each record holds zero or more values (lists hold several).
///
/// Storage is three flat arrays: the UTF-8 bytes of all values, the end offset of each value in `bytes`, and the
/// end index of each record's values in `valueEnds`; plus one byte of flags per value (``ByteColumn/Flag``).
/// - Complexity: value access O(1); building O(total bytes).
public struct ByteColumn: Sendable {
    /// Per-value flags.
    public struct Flag: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A role address (`info@`, `sales@`): says nothing about a person.
        public static let role = Flag(rawValue: 1)
        /// A free-mail domain (gmail.com): says nothing about the employer.
        public static let freeMail = Flag(rawValue: 2)
    }

    public private(set) var bytes: ContiguousArray<UInt8> = []
    public private(set) var valueEnds: ContiguousArray<Int32> = []
    public private(set) var flags: ContiguousArray<UInt8> = []
    public private(set) var recordEnds: ContiguousArray<Int32> = []

    public init() {}

    /// Number of records.
    @inlinable public var count: Int { recordEnds.count }

    /// Indices (into the value arrays) of record `record`'s values.
    @inlinable @inline(__always)
    public func values(of record: Int) -> Range<Int> {
        let start = record == 0 ? 0 : Int(recordEnds[record - 1])
        return start..<Int(recordEnds[record])
    }

    /// Whether record `record` has at least one value.
    @inlinable @inline(__always)
    public func hasValue(_ record: Int) -> Bool { !values(of: record).isEmpty }

    /// Byte range of value `value` in `bytes`.
    @inlinable @inline(__always)
    public func range(ofValue value: Int) -> Range<Int> {
        let start = value == 0 ? 0 : Int(valueEnds[value - 1])
        return start..<Int(valueEnds[value])
    }

    /// Calls `body` with the bytes of value `value`.
    @inlinable @inline(__always)
    public func withValue<R>(_ value: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = range(ofValue: value)
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }

    /// Value `value` as text (for reports and keys shown to people).
    public func string(_ value: Int) -> String {
        withValue(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// The first value of a record as text, or `nil`.
    public func first(_ record: Int) -> String? {
        let values = values(of: record)
        return values.isEmpty ? nil : string(values.lowerBound)
    }

    /// Flags of value `value`.
    @inlinable @inline(__always)
    public func flag(_ value: Int) -> Flag { Flag(rawValue: flags[value]) }

    // MARK: Building

    /// Appends a value to the record being built (empty values are skipped).
    public mutating func append<S: Sequence>(value: S, flag: Flag = []) where S.Element == UInt8 {
        let before = bytes.count
        bytes.append(contentsOf: value)
        guard bytes.count > before else { return }
        valueEnds.append(Int32(bytes.count))
        flags.append(flag.rawValue)
    }

    /// Appends a value even when empty (aligned columns such as ``ColumnView/ext``).
    public mutating func appendAligned<S: Sequence>(value: S) where S.Element == UInt8 {
        bytes.append(contentsOf: value)
        valueEnds.append(Int32(bytes.count))
        flags.append(0)
    }

    /// Appends a text value to the record being built.
    public mutating func append(_ value: String, flag: Flag = []) {
        append(value: value.utf8, flag: flag)
    }

    /// Closes the record being built.
    public mutating func endRecord() {
        recordEnds.append(Int32(valueEnds.count))
    }

    /// Reserves room for `records` records of about `bytesPerRecord` bytes each.
    public mutating func reserveCapacity(records: Int, bytesPerRecord: Int) {
        recordEnds.reserveCapacity(records)
        valueEnds.reserveCapacity(records)
        flags.reserveCapacity(records)
        bytes.reserveCapacity(records * bytesPerRecord)
    }
}

/// The columnar, byte-level form of the normalized records that blocking and comparison read. Record `i` of the
/// table is record `i` of the run's record list; the table holds only the columns the run's blocking passes and
/// comparisons need, plus each record's source index and recency.
public struct RecordTable: Sendable {
    public var count: Int
    public var columns: [ColumnKey: ByteColumn]
    /// Index of each record's source in the run's source list.
    public var sourceIndex: ContiguousArray<UInt16>
    /// `updated_at` as `yyyymmddhhmmss` (0 when unknown), for recency.
    public var updatedAt: ContiguousArray<Int64>

    public init(
        count: Int, columns: [ColumnKey: ByteColumn], sourceIndex: ContiguousArray<UInt16>,
        updatedAt: ContiguousArray<Int64>
    ) {
        self.count = count
        self.columns = columns
        self.sourceIndex = sourceIndex
        self.updatedAt = updatedAt
    }

    public subscript(_ field: FieldReference, _ view: ColumnView) -> ByteColumn? {
        columns[ColumnKey(field, view)]
    }

    /// The column, or one with no values for any record when the table lacks it.
    public func column(_ key: ColumnKey) -> ByteColumn {
        if let column = columns[key] { return column }
        var empty = ByteColumn()
        for _ in 0..<count { empty.endRecord() }
        return empty
    }
}
