import StewardModel

/// Settings of the normalize stage.
public struct NormalizeOptions: Sendable {
    /// ISO 3166 region used for phone numbers written without a country code, when the record has no country.
    public var defaultRegion: String?

    public init(defaultRegion: String? = nil) {
        self.defaultRegion = defaultRegion
    }
}
