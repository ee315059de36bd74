import StewardModel

/// Placeholder until the CSV ingester lands.
public enum IngestFormat: String, CaseIterable, Sendable {
    case csv
}
