import StewardModel

/// The normalize stage: source records → normalized values and match keys, one ``NormalizedRecord`` per record.
///
/// Pure: the output depends only on the records and the options. Phone numbers without an international prefix
/// use the record's own country when it names a known region, else ``NormalizeOptions/defaultRegion``.
public enum NormalizeStage {
    /// Normalizes every record, in order.
    public static func run(_ records: [SourceRecord], options: NormalizeOptions) -> [NormalizedRecord] {
        let normalizer = RecordNormalizer(options: options)
        return records.map { normalizer.normalized($0) }
    }
}

/// Normalizes one record with the four field normalizers; reusable across records (tables are shared).
public struct RecordNormalizer: Sendable {
    public let options: NormalizeOptions
    let names = NameNormalizer()
    let emails = EmailNormalizer()
    let phones = PhoneNormalizer()
    let companies = CompanyNormalizer()

    public init(options: NormalizeOptions) {
        self.options = options
    }

    public func normalized(_ record: SourceRecord) -> NormalizedRecord {
        let fields = record.fields
        var out = NormalizedRecord()
        out.name = names.normalized(
            fullName: fields[.fullName], given: fields[.givenName], middle: fields[.middleName],
            family: fields[.familyName], prefix: fields[.namePrefix], suffix: fields[.nameSuffix])
        for email in fields.emails {
            switch emails.parse(email.value) {
            case .success(let normalized):
                if !out.emails.contains(where: { $0.address == normalized.address }) { out.emails.append(normalized) }
            case .failure(let failure):
                out.invalid.append(InvalidValue(field: .emails, value: email.value, reason: failure.description))
            }
        }
        let region = fields[.country].flatMap(PhoneNormalizer.regionCode(forCountry:)) ?? options.defaultRegion
        for phone in fields.phones {
            switch phones.parse(phone.value, defaultRegion: region) {
            case .success(let normalized):
                if !out.phones.contains(normalized) { out.phones.append(normalized) }
            case .failure(let failure):
                out.invalid.append(InvalidValue(field: .phones, value: phone.value, reason: failure.description))
            }
        }
        out.organizationKey = fields[.organization].flatMap(companies.key)
        return out
    }
}
