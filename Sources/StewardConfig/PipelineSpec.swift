import StewardModel

/// A field as pipeline files name it: a canonical field or a mapped extra field (`date_of_birth`).
public enum FieldReference: Sendable, Hashable, CustomStringConvertible {
    case canonical(CanonicalField)
    case extra(String)

    public var description: String {
        switch self {
        case .canonical(let field): return field.rawValue
        case .extra(let name): return name
        }
    }

    /// Friendlier names accepted for canonical fields (`email` for `emails`, `first_name` for `given_name`).
    public static let aliases: [String: CanonicalField] = [
        "email": .emails, "phone": .phones, "first_name": .givenName, "last_name": .familyName,
        "company": .organization, "name": .fullName, "job_title": .title, "zip": .postalCode,
    ]
}

/// One blocking key: a field and an optional transform (`family_name.phonetic`).
public struct BlockingKeySpec: Sendable, Hashable, CustomStringConvertible {
    public var field: FieldReference
    public var transform: BlockingTransform?

    public var description: String { transform.map { "\(field).\($0.rawValue)" } ?? field.description }
}

/// A blocking pass: records sharing all its keys become candidate pairs. Passes are OR-ed.
public struct BlockingPassSpec: Sendable, Hashable {
    public var name: String
    public var keys: [BlockingKeySpec]
}

/// How one field of a candidate pair is compared; `levels` are similarity thresholds, best first.
public struct ComparisonSpec: Sendable, Hashable {
    public var field: FieldReference
    public var method: ComparisonMethod
    public var levels: [Double]
}

/// A configured input.
public struct SourceSpec: Sendable, Hashable {
    public var name: String
    public var format: SourceFormat
    /// Files matched by the source's paths and globs, resolved against the pipeline file's folder, sorted.
    public var files: [String]
    /// Survivorship weight of the source, 0…1.
    public var trust: Double
    /// Default region for this source's phone numbers (overrides `defaults.region`).
    public var region: String?
    /// CSV delimiter, when set.
    public var delimiter: UInt8?
    /// Explicit column mapping (field → header); unmapped headers still go through auto-mapping.
    public var columns: [FieldColumn]
}

/// One explicit column mapping of a source.
public struct FieldColumn: Sendable, Hashable {
    public var field: FieldReference
    public var header: String
}

/// The resolved pipeline: the only configuration type the stages see.
public struct PipelineSpec: Sendable, Hashable {
    public var name: String
    /// The pipeline file, as given.
    public var file: String
    public var defaultRegion: String?
    public var sources: [SourceSpec]
    public var blocking: [BlockingPassSpec]
    public var comparisons: [ComparisonSpec]
    /// Match probabilities: pairs at or above `merge` are merged, between `review` and `merge` go to review.
    public var mergeThreshold: Double
    public var reviewThreshold: Double
    /// Rules per field, in order; `default` applies to fields without their own.
    public var survivorship: [String: [SurvivorshipRule]]
    /// Steward decisions given in the file: pairs of `source:source_id`.
    public var mustLink: [[String]]
    public var cannotLink: [[String]]
    /// Output folder and store file, resolved against the pipeline file's folder.
    public var outputDirectory: String
    public var store: String?
}
