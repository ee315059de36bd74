/// JSON shape of ``RecordFields``: canonical names as keys, `emails`/`phones` as lists of strings,
/// `kinds` (only when some contact point has one) as `{"emails": [...], "phones": [...]}` parallel to the lists,
/// and `extra` as an object of extra fields.
extension RecordFields: Codable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Kinds: Codable {
        var emails: [String?]?
        var phones: [String?]?
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (field, value) in setFields {
            try container.encode(value, forKey: Key(field.rawValue))
        }
        // `emails`, `phones` and `extras` are built on each access: read them once.
        let emails = self.emails
        let phones = self.phones
        let extras = self.extras
        if !emails.isEmpty { try container.encode(emails.map(\.value), forKey: Key("emails")) }
        if !phones.isEmpty { try container.encode(phones.map(\.value), forKey: Key("phones")) }
        let hasEmailKinds = emails.contains { $0.kind != nil }
        let hasPhoneKinds = phones.contains { $0.kind != nil }
        if hasEmailKinds || hasPhoneKinds {
            let kinds = Kinds(
                emails: hasEmailKinds ? emails.map(\.kind) : nil,
                phones: hasPhoneKinds ? phones.map(\.kind) : nil
            )
            try container.encode(kinds, forKey: Key("kinds"))
        }
        if !extras.isEmpty {
            var extra = container.nestedContainer(keyedBy: Key.self, forKey: Key("extra"))
            for field in extras { try extra.encode(field.value, forKey: Key(field.name)) }
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: Key.self)
        for field in CanonicalField.allCases where !field.isList {
            if let value = try container.decodeIfPresent(String.self, forKey: Key(field.rawValue)) {
                set(field, value)
            }
        }
        let kinds = try container.decodeIfPresent(Kinds.self, forKey: Key("kinds"))
        for (i, email) in (try container.decodeIfPresent([String].self, forKey: Key("emails")) ?? []).enumerated() {
            addEmail(email, kind: kinds?.emails?[safe: i] ?? nil)
        }
        for (i, phone) in (try container.decodeIfPresent([String].self, forKey: Key("phones")) ?? []).enumerated() {
            addPhone(phone, kind: kinds?.phones?[safe: i] ?? nil)
        }
        if container.contains(Key("extra")) {
            let extra = try container.nestedContainer(keyedBy: Key.self, forKey: Key("extra"))
            for key in extra.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                addExtra(key.stringValue, try extra.decode(String.self, forKey: key))
            }
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
