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
public struct RecordFields: Sendable, Hashable {
    private var single: [CanonicalField: String] = [:]
    public private(set) var emails: [ContactPoint] = []
    public private(set) var phones: [ContactPoint] = []
    /// Extra fields in the order the source presented them.
    public private(set) var extras: [ExtraField] = []

    public init() {}

    /// The value of a single-valued canonical field (`nil` for `emails`/`phones`; use the lists).
    public subscript(field: CanonicalField) -> String? {
        single[field]
    }

    /// Sets a single-valued field. If the field already has a value, the first one wins and the
    /// new one is kept as an extra field named `field_2`, `field_3`, … so nothing is lost.
    public mutating func set(_ field: CanonicalField, _ value: String) {
        precondition(!field.isList, "use addEmail/addPhone for list fields")
        let trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        if single[field] == nil {
            single[field] = trimmed
        } else if single[field] != trimmed {
            addExtra(field.rawValue, trimmed)
        }
    }

    /// Replaces a single-valued field outright (used by ingesters that split one value into parts).
    public mutating func replace(_ field: CanonicalField, _ value: String?) {
        precondition(!field.isList, "use addEmail/addPhone for list fields")
        if let value, !value.trimmedForField.isEmpty {
            single[field] = value.trimmedForField
        } else {
            single[field] = nil
        }
    }

    public mutating func addEmail(_ value: String, kind: String? = nil) {
        let trimmed = value.trimmedForField
        guard !trimmed.isEmpty, !emails.contains(where: { $0.value == trimmed }) else { return }
        emails.append(ContactPoint(trimmed, kind: kind))
    }

    public mutating func addPhone(_ value: String, kind: String? = nil) {
        let trimmed = value.trimmedForField
        guard !trimmed.isEmpty, !phones.contains(where: { $0.value == trimmed }) else { return }
        phones.append(ContactPoint(trimmed, kind: kind))
    }

    /// Adds an extra field; a repeated name gets a numeric suffix (`notes`, `notes_2`, …).
    public mutating func addExtra(_ name: String, _ value: String) {
        let trimmed = value.trimmedForField
        guard !trimmed.isEmpty else { return }
        var candidate = name
        var n = 1
        while extras.contains(where: { $0.name == candidate }) {
            n += 1
            candidate = "\(name)_\(n)"
        }
        extras.append(ExtraField(name: candidate, value: trimmed))
    }

    /// The value of an extra field by name.
    public func extra(_ name: String) -> String? {
        extras.first(where: { $0.name == name })?.value
    }

    /// Single-valued canonical fields that are set, in canonical order.
    public var setFields: [(field: CanonicalField, value: String)] {
        CanonicalField.allCases.compactMap { field in single[field].map { (field, $0) } }
    }

    /// True when the record carries no value at all.
    public var isEmpty: Bool { single.isEmpty && emails.isEmpty && phones.isEmpty && extras.isEmpty }
}

extension String {
    /// Trims white space and control characters around a field value.
    var trimmedForField: String {
        // Fast path: most values start and end with printable ASCII and need no trimming.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].isFieldPadding { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].isFieldPadding { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}

extension Unicode.Scalar {
    fileprivate var isFieldPadding: Bool {
        properties.isWhitespace || (value < 0x20) || value == 0x7F || value == 0xFEFF
    }
}
