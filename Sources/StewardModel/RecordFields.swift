/// A contact point (email address or phone number) with the kind its source gave it (`work`, `mobile`, `home`, …).
public struct ContactPoint: Sendable, Hashable, Codable {
    public var value: String
    /// Lower-case kind such as `work`, `home`, `mobile`, `fax`, `other`; `nil` when the source did not say.
    public var kind: String?

    public init(_ value: String, kind: String? = nil) {
        self.value = value
        self.kind = kind
    }
}

/// A mapped field that is not canonical (e.g. `date_of_birth`, `notes`), kept under its own name.
public struct ExtraField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The fields of one record: single-valued canonical fields, the email and phone lists, and extra fields.
///
/// Empty values are never stored: setting an empty or all-space value is a no-op, so "absent" has one spelling.
///
/// Storage: every value (and every extra-field name and contact kind) is kept as UTF-8 in one byte buffer, described
/// by a table of slots: first the set single-valued fields in canonical order (a bit set over the fields' ordinals
/// says which; the k-th set bit's slot is at index k), then emails, phones and extras in the order added. A record
/// therefore costs two allocations however many values it has, and `String`s are made when a value is read:
/// reading is O(value length) and allocates only for values over 15 bytes. Values compare as `String`s do (Unicode
/// canonical equivalence), so "repeated value" and `==` mean what they meant for `String` storage.
///
/// - Complexity: `subscript` O(value length); `set`/`replace` O(number of values) (an insertion into the slot table);
///   `addEmail`/`addPhone`/`addExtra` O(total length of the list) for the duplicate check; `emails`, `phones`,
///   `extras` and `setFields` build their arrays on each call (read them once per record in hot loops).
///
/// Limits: one record holds at most 4 GiB of text (offsets are `UInt32`; more traps).
public struct RecordFields: Sendable {
    /// One value: `tag` is a single field's ordinal, or ``Slot/email``, ``Slot/phone``, ``Slot/extra``; the value
    /// is `bytes[start..<end]`; the label (contact kind or extra-field name) `bytes[labelStart..<labelEnd]`, absent
    /// when `labelStart == Slot.noLabel`.
    fileprivate struct Slot: Sendable, Equatable {
        static let email: UInt32 = 32
        static let phone: UInt32 = 33
        static let extra: UInt32 = 34
        static let noLabel = UInt32.max

        var tag: UInt32
        var start: UInt32
        var end: UInt32
        var labelStart: UInt32
        var labelEnd: UInt32
    }

    /// Bit `ordinal` is set when the single-valued field with that ordinal has a value.
    private var mask: UInt32 = 0
    private var slots: [Slot] = []
    private var bytes: [UInt8] = []

    public init() {}

    /// Reserves room for about `bytes` bytes of text (values, extra names, kinds) and `values` values, so an
    /// ingester that knows the size of its row allocates once.
    public mutating func reserveCapacity(bytes: Int, values: Int) {
        self.bytes.reserveCapacity(bytes)
        slots.reserveCapacity(values)
    }

    // MARK: Reading

    /// The value of a single-valued canonical field (`nil` for `emails`/`phones`; use the lists).
    public subscript(field: CanonicalField) -> String? {
        let bit = field.bit
        guard mask & bit != 0 else { return nil }
        let slot = slots[(mask & (bit &- 1)).nonzeroBitCount]
        return string(slot.start, slot.end)
    }

    /// The email addresses in the order added, with their kinds.
    public var emails: [ContactPoint] { contactPoints(Slot.email) }

    /// The phone numbers in the order added, with their kinds.
    public var phones: [ContactPoint] { contactPoints(Slot.phone) }

    /// Extra fields in the order the source presented them.
    public var extras: [ExtraField] {
        var out: [ExtraField] = []
        for slot in slots[singleCount...] where slot.tag == Slot.extra {
            out.append(ExtraField(name: string(slot.labelStart, slot.labelEnd), value: string(slot.start, slot.end)))
        }
        return out
    }

    /// The value of an extra field by name.
    public func extra(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { name in
            for slot in slots[singleCount...] where slot.tag == Slot.extra {
                if textEqual(slot.labelStart, slot.labelEnd, name) { return string(slot.start, slot.end) }
            }
            return nil
        }
    }

    /// Single-valued canonical fields that are set, in canonical order.
    public var setFields: [(field: CanonicalField, value: String)] {
        var out: [(field: CanonicalField, value: String)] = []
        out.reserveCapacity(singleCount)
        for slot in slots[..<singleCount] {
            out.append((CanonicalField.byOrdinal[Int(slot.tag)], string(slot.start, slot.end)))
        }
        return out
    }

    /// True when the record carries no value at all.
    public var isEmpty: Bool { slots.isEmpty }

    // MARK: Writing

    /// Sets a single-valued field. If the field already has a value, the first one wins and the
    /// new one is kept as an extra field named `field_2`, `field_3`, … so nothing is lost.
    public mutating func set(_ field: CanonicalField, _ value: String) {
        precondition(!field.isList, "use addEmail/addPhone for list fields")
        var trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        trimmed.withUTF8 { setTrimmed(field, $0) }
    }

    /// ``set(_:_:)`` from UTF-8 bytes (as an ingester holds them): trimmed the same way; `utf8` must be valid UTF-8.
    public mutating func set(_ field: CanonicalField, utf8: UnsafeBufferPointer<UInt8>) {
        precondition(!field.isList, "use addEmail/addPhone for list fields")
        RecordFields.withTrimmed(utf8) { setTrimmed(field, $0) }
    }

    /// Replaces a single-valued field outright (used by ingesters that split one value into parts).
    public mutating func replace(_ field: CanonicalField, _ value: String?) {
        precondition(!field.isList, "use addEmail/addPhone for list fields")
        let bit = field.bit
        let index = (mask & (bit &- 1)).nonzeroBitCount
        var trimmed = value?.trimmedForField ?? ""
        if !trimmed.isEmpty {
            let (start, end) = trimmed.withUTF8 { append($0) }
            if mask & bit == 0 {
                insertSlot(Slot(tag: field.ordinal32, start: start, end: end), at: index)
                mask |= bit
            } else {
                slots[index].start = start
                slots[index].end = end
            }
        } else if mask & bit != 0 {
            slots.remove(at: index)
            mask &= ~bit
        }
    }

    public mutating func addEmail(_ value: String, kind: String? = nil) {
        var trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        trimmed.withUTF8 { addContactTrimmed(Slot.email, $0, kind: kind) }
    }

    /// ``addEmail(_:kind:)`` from UTF-8 bytes; `utf8` must be valid UTF-8.
    public mutating func addEmail(utf8: UnsafeBufferPointer<UInt8>, kind: String? = nil) {
        RecordFields.withTrimmed(utf8) { addContactTrimmed(Slot.email, $0, kind: kind) }
    }

    public mutating func addPhone(_ value: String, kind: String? = nil) {
        var trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        trimmed.withUTF8 { addContactTrimmed(Slot.phone, $0, kind: kind) }
    }

    /// ``addPhone(_:kind:)`` from UTF-8 bytes; `utf8` must be valid UTF-8.
    public mutating func addPhone(utf8: UnsafeBufferPointer<UInt8>, kind: String? = nil) {
        RecordFields.withTrimmed(utf8) { addContactTrimmed(Slot.phone, $0, kind: kind) }
    }

    /// Adds an extra field; a repeated name gets a numeric suffix (`notes`, `notes_2`, …).
    public mutating func addExtra(_ name: String, _ value: String) {
        var trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        trimmed.withUTF8 { addExtraTrimmed(name, $0) }
    }

    /// ``addExtra(_:_:)`` from UTF-8 bytes; `utf8` must be valid UTF-8.
    public mutating func addExtra(_ name: String, utf8: UnsafeBufferPointer<UInt8>) {
        RecordFields.withTrimmed(utf8) { addExtraTrimmed(name, $0) }
    }

    // MARK: Implementation

    /// Number of slots holding single-valued fields (they come first).
    private var singleCount: Int { mask.nonzeroBitCount }

    private func string(_ start: UInt32, _ end: UInt32) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]), as: UTF8.self)
        }
    }

    private func contactPoints(_ tag: UInt32) -> [ContactPoint] {
        var out: [ContactPoint] = []
        for slot in slots[singleCount...] where slot.tag == tag {
            let kind = slot.labelStart == Slot.noLabel ? nil : string(slot.labelStart, slot.labelEnd)
            out.append(ContactPoint(string(slot.start, slot.end), kind: kind))
        }
        return out
    }

    /// Whether `bytes[start..<end]` equals `other` as `String`s compare (canonical equivalence): equal bytes are
    /// equal, different all-ASCII bytes are not, anything else is decided by `String` comparison.
    private func textEqual(_ start: UInt32, _ end: UInt32, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { all in
            let mine = UnsafeBufferPointer(rebasing: all[Int(start)..<Int(end)])
            if mine.elementsEqual(other) { return true }
            if RecordFields.isASCII(mine) && RecordFields.isASCII(other) { return false }
            return String(decoding: mine, as: UTF8.self) == String(decoding: other, as: UTF8.self)
        }
    }

    private static func isASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { $0 < 0x80 }
    }

    /// Appends `text` to the buffer; returns its range.
    private mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> (UInt32, UInt32) {
        let start = UInt32(bytes.count)
        bytes.append(contentsOf: text)
        return (start, UInt32(bytes.count))
    }

    /// Calls `body` with `utf8` trimmed as ``Swift/String/trimmedForField`` trims, unless that leaves nothing.
    /// ASCII padding is cut on the bytes; a non-ASCII byte left at an end goes through the `String` trim.
    @inline(__always)
    private static func withTrimmed(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var start = 0
        var end = utf8.count
        while start < end, utf8[start].isASCIIFieldPadding { start += 1 }
        while end > start, utf8[end - 1].isASCIIFieldPadding { end -= 1 }
        guard start < end else { return }
        if utf8[start] < 0x80 && utf8[end - 1] < 0x80 {
            body(UnsafeBufferPointer(rebasing: utf8[start..<end]))
            return
        }
        var trimmed = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self).trimmedForField
        guard !trimmed.isEmpty else { return }
        trimmed.withUTF8(body)
    }

    private mutating func setTrimmed(_ field: CanonicalField, _ value: UnsafeBufferPointer<UInt8>) {
        let bit = field.bit
        let index = (mask & (bit &- 1)).nonzeroBitCount
        if mask & bit == 0 {
            let (start, end) = append(value)
            insertSlot(Slot(tag: field.ordinal32, start: start, end: end), at: index)
            mask |= bit
        } else if !textEqual(slots[index].start, slots[index].end, value) {
            addExtraTrimmed(field.rawValue, value)
        }
    }

    /// Inserts by appending and moving the new slot down: cheaper than the generic `insert` for short tables, and
    /// a single field's slot mostly goes at or near the end.
    @inline(__always)
    private mutating func insertSlot(_ slot: Slot, at index: Int) {
        slots.append(slot)
        var k = slots.count - 1
        while k > index {
            slots.swapAt(k, k - 1)
            k -= 1
        }
    }

    private mutating func addContactTrimmed(_ tag: UInt32, _ value: UnsafeBufferPointer<UInt8>, kind: String?) {
        for slot in slots[singleCount...] where slot.tag == tag {
            if textEqual(slot.start, slot.end, value) { return }
        }
        let (start, end) = append(value)
        var slot = Slot(tag: tag, start: start, end: end)
        if var kind {
            (slot.labelStart, slot.labelEnd) = kind.withUTF8 { append($0) }
        }
        slots.append(slot)
    }

    private mutating func addExtraTrimmed(_ name: String, _ value: UnsafeBufferPointer<UInt8>) {
        var candidate = name
        var n = 1
        while hasExtra(named: candidate) {
            n += 1
            candidate = "\(name)_\(n)"
        }
        let (start, end) = append(value)
        var slot = Slot(tag: Slot.extra, start: start, end: end)
        (slot.labelStart, slot.labelEnd) = candidate.withUTF8 { append($0) }
        slots.append(slot)
    }

    private func hasExtra(named name: String) -> Bool {
        var name = name
        return name.withUTF8 { name in
            slots[singleCount...].contains { $0.tag == Slot.extra && textEqual($0.labelStart, $0.labelEnd, name) }
        }
    }
}

extension RecordFields.Slot {
    init(tag: UInt32, start: UInt32, end: UInt32) {
        self.init(tag: tag, start: start, end: end, labelStart: Self.noLabel, labelEnd: Self.noLabel)
    }
}

/// Equality and hashing by content, as `String`s compare: the same single fields with equal values, and equal
/// email, phone and extra lists in the same order.
extension RecordFields: Hashable {
    public static func == (lhs: RecordFields, rhs: RecordFields) -> Bool {
        guard lhs.mask == rhs.mask, lhs.slots.count == rhs.slots.count else { return false }
        if lhs.slots == rhs.slots && lhs.bytes == rhs.bytes { return true }
        return lhs.setFields.map(\.value) == rhs.setFields.map(\.value) && lhs.emails == rhs.emails
            && lhs.phones == rhs.phones && lhs.extras == rhs.extras
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mask)
        for (_, value) in setFields { hasher.combine(value) }
        hasher.combine(emails)
        hasher.combine(phones)
        hasher.combine(extras)
    }
}

extension CanonicalField {
    /// The field's position in declaration order (= its index in `allCases`); fits a `UInt32` bit set.
    public var ordinal: Int {
        switch self {
        case .fullName: return 0
        case .givenName: return 1
        case .middleName: return 2
        case .familyName: return 3
        case .namePrefix: return 4
        case .nameSuffix: return 5
        case .organization: return 6
        case .title: return 7
        case .department: return 8
        case .emails: return 9
        case .phones: return 10
        case .street: return 11
        case .city: return 12
        case .region: return 13
        case .postalCode: return 14
        case .country: return 15
        case .website: return 16
        case .updatedAt: return 17
        }
    }

    /// `1 << ordinal`.
    @inline(__always)
    fileprivate var bit: UInt32 { 1 &<< ordinal32 }

    @inline(__always)
    fileprivate var ordinal32: UInt32 { UInt32(truncatingIfNeeded: ordinal) }

    /// The fields indexed by ``ordinal``.
    static let byOrdinal: [CanonicalField] = CanonicalField.allCases
}

extension String {
    /// Trims white space and control characters around a field value: Unicode white space (`White_Space`), C0
    /// controls, DEL and U+FEFF.
    ///
    /// Fast path on the UTF-8 bytes: ASCII padding is cut from both ends without decoding; only when a non-ASCII
    /// byte is left at an end are the scalars there examined. Returns `self` (no copy) when nothing is trimmed.
    var trimmedForField: String {
        // Fast path on the UTF-8 bytes; `nil`: a non-ASCII byte is left at an end, decode the scalars there.
        var copy = self
        let fast = copy.withUTF8 { bytes -> String? in
            let count = bytes.count
            guard count > 0 else { return self }
            // Printable ASCII at both ends: nothing to trim (values from ingesters come pre-trimmed).
            let first = bytes[0]
            let last = bytes[count - 1]
            if first > 0x20 && first < 0x7F && last > 0x20 && last < 0x7F { return self }
            var start = 0
            var end = count
            while start < end, bytes[start].isASCIIFieldPadding { start += 1 }
            while end > start, bytes[end - 1].isASCIIFieldPadding { end -= 1 }
            if start < end && (bytes[start] >= 0x80 || bytes[end - 1] >= 0x80) { return nil }
            if start == 0 && end == count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let fast { return fast }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isFieldPadding { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isFieldPadding { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension UInt8 {
    /// An ASCII byte that ``Swift/String/trimmedForField`` removes: C0 controls, space and DEL.
    @inline(__always)
    fileprivate var isASCIIFieldPadding: Bool { self <= 0x20 || self == 0x7F }
}

extension Unicode.Scalar {
    fileprivate var isFieldPadding: Bool {
        properties.isWhitespace || (value < 0x20) || value == 0x7F || value == 0xFEFF
    }
}
