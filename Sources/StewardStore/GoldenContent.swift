import StewardModel

/// A golden record's values and lineage as the store keeps them, with the fingerprint that tells whether they
/// changed since the last run.
///
/// Built from the merge stage's ``GoldenRecord`` (``init(_:records:)``); the golden id is not part of it, so the
/// content can be fingerprinted before ``GoldenIDAssigner`` picks the id.
public struct GoldenContent: Sendable, Hashable {
    /// One surviving value: the value, the record it came from and the rule that chose it.
    public struct Value: Sendable, Hashable {
        public var value: String
        public var source: RecordRef
        public var rule: String

        public init(value: String, source: RecordRef, rule: String) {
            self.value = value
            self.source = source
            self.rule = rule
        }
    }

    /// One golden field: its name (`given_name`, `emails`, an extra field's name) and its values, best first.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var values: [Value]

        public init(name: String, values: [Value]) {
            self.name = name
            self.values = values
        }
    }

    /// In the merge stage's order (canonical fields, then extra fields by name).
    public private(set) var fields: [Field]
    /// 16 hex digits of FNV-1a 64 over every field name, value, lineage reference and rule, in order.
    public private(set) var fingerprint: String

    public init(fields: [Field]) {
        self.fields = fields
        var hash = FNV1a64()
        hash.add(fields.count)
        for field in fields {
            hash.add(field.name)
            hash.add(field.values.count)
            for value in field.values {
                hash.add(value.value)
                hash.add(value.source.source)
                hash.add(value.source.sourceID)
                hash.add(value.rule)
            }
        }
        fingerprint = hash.hex
    }

    /// The content of a merged golden record; `records` are the run's records the golden values point into.
    /// - Precondition: every value's ``GoldenValue/record`` indexes `records`.
    public init(_ golden: GoldenRecord, records: [SourceRecord]) {
        self.init(
            fields: golden.fields.map { field in
                Field(
                    name: field.field.description,
                    values: field.values.map { value in
                        let record = records[Int(value.record)]
                        return Value(
                            value: value.value, source: RecordRef(source: record.source, sourceID: record.sourceID),
                            rule: value.rule.rawValue)
                    })
            })
    }

    /// `{"emails":["a@x","b@y"],"given_name":["Robert"]}`: values per field, keys sorted (the `golden.fields`
    /// column).
    var valuesJSON: String {
        var json = JSONText()
        json.object(fields.sorted { $0.name < $1.name }) { json, field in
            json.key(field.name)
            json.array(field.values) { json, value in json.string(value.value) }
        }
        return json.text
    }
}
