/// Two records a steward (or a pipeline file) says belong together, or apart.
public struct RecordLink: Sendable, Hashable {
    public var a: Int32
    public var b: Int32

    public init(_ a: Int32, _ b: Int32) {
        self.a = min(a, b)
        self.b = max(a, b)
    }
}

/// Why two records were joined.
public enum JoinReason: String, Sendable, Hashable, Codable {
    /// The pair's match probability reached the merge threshold.
    case score
    /// A deterministic rule decided.
    case rule
    /// A must-link constraint.
    case mustLink = "must_link"
}

/// One union performed by clustering: the two records and why.
public struct ClusterEdge: Sendable, Hashable {
    public var a: Int32
    public var b: Int32
    public var reason: JoinReason
    /// Index into ``MatchResult/pairs`` for score and rule joins.
    public var pair: Int?

    public init(a: Int32, b: Int32, reason: JoinReason, pair: Int?) {
        self.a = a
        self.b = b
        self.reason = reason
        self.pair = pair
    }
}

/// Something a steward should look at in a cluster.
public struct ClusterFlag: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Two members have strong evidence of being different people (chained through others).
        case contraryEvidence = "contrary_evidence"
        /// A merge was refused because a cannot-link constraint (or rule) kept the two sides apart.
        case cannotLinkRefused = "cannot_link_refused"
    }

    public var kind: Kind
    public var a: Int32
    public var b: Int32
    /// Index into ``MatchResult/pairs`` (or into the extra pairs scored for flagging) when a pair is behind it.
    public var pair: Int?
    public var detail: String

    public init(kind: Kind, a: Int32, b: Int32, pair: Int?, detail: String) {
        self.kind = kind
        self.a = a
        self.b = b
        self.pair = pair
        self.detail = detail
    }
}

/// A group of records that are one entity. Singletons are clusters too.
public struct Cluster: Sendable, Hashable {
    /// Record indices, ascending.
    public var members: [Int32]
    /// The unions that built it (empty for singletons), in the order performed.
    public var edges: [ClusterEdge]
    public var flags: [ClusterFlag]

    public init(members: [Int32], edges: [ClusterEdge] = [], flags: [ClusterFlag] = []) {
        self.members = members
        self.edges = edges
        self.flags = flags
    }
}

/// The cluster stage's output.
public struct ClusterResult: Sendable {
    /// Every record's cluster, ordered by smallest member.
    public var clusters: [Cluster]
    /// Cluster index of each record.
    public var clusterOf: ContiguousArray<Int32>
    /// Indices into ``MatchResult/pairs`` of the pairs for steward review (review band, records in different
    /// clusters), highest probability first.
    public var review: [Int]

    public init(clusters: [Cluster], clusterOf: ContiguousArray<Int32>, review: [Int]) {
        self.clusters = clusters
        self.clusterOf = clusterOf
        self.review = review
    }
}
