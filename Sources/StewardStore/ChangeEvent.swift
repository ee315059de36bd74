/// What happened to a golden id in one run (`changes.csv`, `steward history`).
public enum ChangeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// A new golden record from records no earlier golden record held.
    case created
    /// The id was kept; its members or its golden values changed.
    case updated
    /// The id was retired because its records joined an older golden record (``ChangeEvent/relatedID``).
    case mergedInto = "merged_into"
    /// A new golden record made of records split off an existing one (``ChangeEvent/relatedID``, the origin,
    /// which kept its id).
    case split
    /// None of the id's records is left.
    case retired

    private var rank: Int {
        switch self {
        case .created: return 0
        case .updated: return 1
        case .mergedInto: return 2
        case .split: return 3
        case .retired: return 4
        }
    }

    public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool { lhs.rank < rhs.rank }
}

/// One change event: a golden id, what happened to it, the other id involved, and a short detail for people.
public struct ChangeEvent: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var goldenID: String
    public var kind: ChangeKind
    /// `merged_into`: the surviving id; `split`: the id the records were split from; otherwise `nil`.
    public var relatedID: String?
    /// `records +2 -1, values changed`, `merged into G…`, … (for people; not parsed).
    public var detail: String

    public init(goldenID: String, kind: ChangeKind, relatedID: String? = nil, detail: String = "") {
        self.goldenID = goldenID
        self.kind = kind
        self.relatedID = relatedID
        self.detail = detail
    }

    /// By golden id, then kind, then related id.
    public static func < (lhs: ChangeEvent, rhs: ChangeEvent) -> Bool {
        if lhs.goldenID != rhs.goldenID { return lhs.goldenID < rhs.goldenID }
        if lhs.kind != rhs.kind { return lhs.kind < rhs.kind }
        return (lhs.relatedID ?? "") < (rhs.relatedID ?? "")
    }

    /// `G… merged_into G…: detail`.
    public var description: String {
        var text = "\(goldenID) \(kind.rawValue)"
        if let relatedID { text += " \(relatedID)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
