import StewardModel

/// A steward's decision about two records: they are one entity (must-link) or never (cannot-link).
///
/// Every later run honours it: the pipeline hands the store's decisions to clustering as constraints. A later
/// decision on the same pair replaces an earlier one (``MasterStore/loadPriorState()`` returns the latest per
/// pair; the store keeps them all).
public struct StewardDecision: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case mustLink = "must_link"
        case cannotLink = "cannot_link"
    }

    public var kind: Kind
    /// The smaller of the two references (the initializer orders them).
    public var a: RecordRef
    public var b: RecordRef
    /// Who decided (a user name, `review.csv`'s reviewer, …).
    public var who: String
    /// When, as ISO-8601 text (`2026-10-02T09:15:00Z`).
    public var decidedAt: String
    /// Why, in the steward's words (may be empty).
    public var why: String
    /// Where the decision came from: `review.csv:12`, `unmerge`, `pipeline`.
    public var origin: String

    public init(
        kind: Kind, _ first: RecordRef, _ second: RecordRef, who: String, decidedAt: String, why: String = "",
        origin: String
    ) {
        self.kind = kind
        self.a = min(first, second)
        self.b = max(first, second)
        self.who = who
        self.decidedAt = decidedAt
        self.why = why
        self.origin = origin
    }
}
