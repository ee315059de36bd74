/// Settings of the vCard ingester.
public struct VCardOptions: Sendable {
    /// Longest property value kept (after unfolding and decoding); longer values make the card a reject.
    public var maxFieldBytes: Int
    /// Longest card (BEGIN…END, bytes); a longer card is a reject and the ingester moves on to the next one.
    public var maxCardBytes: Int

    public init(maxFieldBytes: Int = 1 << 20, maxCardBytes: Int = 16 << 20) {
        self.maxFieldBytes = maxFieldBytes
        self.maxCardBytes = maxCardBytes
    }
}

/// Settings of the XML ingester: which element is one record and where each field sits inside it.
public struct XMLOptions: Sendable {
    /// One field mapping: a field name (canonical such as `given_name`, `emails`; `source_id`; or an extra field in
    /// snake_case) and its path relative to the record element: `Email`, `Name/First`, `@id`, `Account/@name`,
    /// `Phones/Phone` (every matching element feeds a list field).
    public struct FieldPath: Sendable, Hashable {
        public var field: String
        public var path: String

        public init(field: String, path: String) {
            self.field = field
            self.path = path
        }
    }

    /// Absolute path of the repeated record element (`/Export/Contacts/Contact`, prefixes declared in
    /// `namespaces`); `nil` lets the ingester pick the most repeated element and map its children by name.
    public var recordPath: String?
    public var fields: [FieldPath]
    /// Namespace prefix → URI, for the prefixes used in `recordPath` and `fields`.
    public var namespaces: [String: String]
    /// Deepest element nesting accepted; deeper documents are refused as hostile.
    public var maxDepth: Int
    /// Longest field value kept.
    public var maxFieldBytes: Int

    public init(
        recordPath: String? = nil, fields: [FieldPath] = [], namespaces: [String: String] = [:],
        maxDepth: Int = 256, maxFieldBytes: Int = 1 << 20
    ) {
        self.recordPath = recordPath
        self.fields = fields
        self.namespaces = namespaces
        self.maxDepth = maxDepth
        self.maxFieldBytes = maxFieldBytes
    }
}

/// Settings of the email-header ingester.
public struct EmailHeaderOptions: Sendable {
    /// The headers whose addresses become records.
    public var headers: [String]
    /// Also read phone numbers and a job title from the signature block of each sender's message body.
    public var signatures: Bool
    /// Longest message read; the rest of a longer message is skipped (its headers still count).
    public var maxMessageBytes: Int

    public static let defaultHeaders = ["From", "Sender", "Reply-To", "To", "Cc"]

    public init(
        headers: [String] = EmailHeaderOptions.defaultHeaders, signatures: Bool = false,
        maxMessageBytes: Int = 64 << 20
    ) {
        self.headers = headers
        self.signatures = signatures
        self.maxMessageBytes = maxMessageBytes
    }
}
