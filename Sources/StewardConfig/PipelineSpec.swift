import StewardModel

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
    /// Explicit column mapping (field → header; for XML, field → path relative to the record element);
    /// unmapped headers still go through auto-mapping.
    public var columns: [FieldColumn]
    /// XML: the repeated record element (`/Export/Contacts/Contact`); `nil` lets the ingester find it.
    public var record: String? = nil
    /// XML: namespace prefix → URI for the prefixes in `record` and the field paths.
    public var namespaces: [String: String] = [:]
    /// Email: the headers whose addresses become records (`nil`: From, Sender, Reply-To, To, Cc).
    public var headers: [String]? = nil
    /// Email: also read phones and a job title from senders' signatures.
    public var signatures: Bool = false

    public init(
        name: String, format: SourceFormat, files: [String], trust: Double = 0.5, region: String? = nil,
        delimiter: UInt8? = nil, columns: [FieldColumn] = []
    ) {
        self.name = name
        self.format = format
        self.files = files
        self.trust = trust
        self.region = region
        self.delimiter = delimiter
        self.columns = columns
    }
}

/// One explicit column mapping of a source.
public struct FieldColumn: Sendable, Hashable {
    public var field: FieldReference
    public var header: String

    public init(field: FieldReference, header: String) {
        self.field = field
        self.header = header
    }
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
    /// Deterministic rules beside the scores.
    public var rules: [MatchRuleSpec]
    /// Prior probability that a candidate pair is a match.
    public var prior: Double
    /// Whether `matching.prior` is absent: the run then sizes the prior to its records (1/N, at most `prior`).
    public var automaticPrior = true
    /// Largest block a blocking pass expands into pairs.
    public var maxBlockSize: Int
    /// Trained weights (`matching.model`, written by `steward train`; `--model` replaces it), resolved against the
    /// pipeline file's folder: their m, u and prior replace the configured ones.
    public var modelFile: String? = nil

    public init(
        name: String, file: String, defaultRegion: String? = nil, sources: [SourceSpec],
        blocking: [BlockingPassSpec] = [], comparisons: [ComparisonSpec] = [],
        mergeThreshold: Double = MatchSettings.defaultMergeThreshold,
        reviewThreshold: Double = MatchSettings.defaultReviewThreshold,
        survivorship: [String: [SurvivorshipRule]] = [:], mustLink: [[String]] = [], cannotLink: [[String]] = [],
        outputDirectory: String, store: String? = nil, rules: [MatchRuleSpec] = [],
        prior: Double = MatchSettings.defaultPrior, maxBlockSize: Int = MatchSettings.defaultMaxBlockSize
    ) {
        self.name = name
        self.file = file
        self.defaultRegion = defaultRegion
        self.sources = sources
        self.blocking = blocking
        self.comparisons = comparisons
        self.mergeThreshold = mergeThreshold
        self.reviewThreshold = reviewThreshold
        self.survivorship = survivorship
        self.mustLink = mustLink
        self.cannotLink = cannotLink
        self.outputDirectory = outputDirectory
        self.store = store
        self.rules = rules
        self.prior = prior
        self.maxBlockSize = maxBlockSize
    }

    /// The match stage's view of the pipeline.
    public var match: MatchSettings {
        var settings = MatchSettings(
            blocking: blocking, comparisons: comparisons, rules: rules, mergeThreshold: mergeThreshold,
            reviewThreshold: reviewThreshold, prior: prior, maxBlockSize: maxBlockSize)
        settings.automaticPrior = automaticPrior
        return settings
    }
}
