import StewardModel

/// The input formats Steward can ingest.
public enum IngestFormat: String, CaseIterable, Sendable {
    case csv
}
