import StewardModel

/// One cluster of this run as the id assigner sees it: its members and its content fingerprint.
public struct ClusterContent: Sendable, Hashable {
    /// Member references, any order, at least one; a reference belongs to one cluster only.
    public var members: [RecordRef]
    /// ``GoldenContent/fingerprint`` of the cluster's golden record: a kept id whose members and fingerprint are
    /// both unchanged gets no event.
    public var fingerprint: String

    public init(members: [RecordRef], fingerprint: String) {
        self.members = members
        self.fingerprint = fingerprint
    }
}

/// The golden id of every cluster of a run, and what changed.
public struct GoldenIDAssignment: Sendable, Hashable {
    /// One id per input cluster, in input order.
    public var ids: [String]
    /// Sorted (``ChangeEvent/<(_:_:)``); empty when nothing changed.
    public var events: [ChangeEvent]

    public init(ids: [String], events: [ChangeEvent]) {
        self.ids = ids
        self.events = events
    }

    /// Ids this run retires (`merged_into` and `retired` events).
    public var retiredIDs: [String] {
        events.filter { $0.kind == .mergedInto || $0.kind == .retired }.map(\.goldenID)
    }
}

/// Stable golden ids across runs: which cluster keeps which previous id, which ids are new, merged or retired.
///
/// The rules, applied in this order (issue 7):
/// 1. **Split**: each previous golden id is claimed by its *heir*, the cluster holding most of its previous
///    members; ties go to the part holding the smallest member reference (`(source, source_id)`), never to input
///    order. Only the heir can keep the id.
/// 2. **Merge**: a cluster that is heir to several ids keeps the oldest (smallest creating run; then more
///    previous members; then the smaller id) and each other one is retired with a `merged_into` event naming the
///    survivor.
/// 3. **Kept ids** get an `updated` event when their members or their content fingerprint changed, and none
///    otherwise: an unchanged rerun produces no events.
/// 4. **New ids** for clusters heir to no id: `split` (one event per origin id, the origin keeping its id and
///    getting `updated`) when they hold records of earlier golden records, else `created`. A new id is
///    ``newID(smallest:taken:)`` of the cluster's smallest member: the id ``MergeStage`` gives without a store,
///    so a first run's ids are the store-less ids.
/// 5. **Retired**: a previous id none of whose members is in any cluster.
///
/// Deterministic whatever the order of the clusters and of their members: clusters are processed by smallest
/// member, and new ids are drawn in that order.
///
/// - Complexity: O(n log n) for n member references (sorting each cluster's members), plus a dictionary lookup
///   per member.
public enum GoldenIDAssigner {
    /// Assigns ids from the store's prior state.
    public static func assign(_ clusters: [ClusterContent], prior: PriorState) -> GoldenIDAssignment {
        assign(
            clusters, previous: prior.records.mapValues(\.goldenID), goldens: prior.goldens, issued: prior.issuedIDs)
    }

    /// Assigns ids.
    /// - Parameters:
    ///   - clusters: this run's clusters.
    ///   - previous: each live record's previous golden id (members naming an id missing from `goldens` are
    ///     treated as new records).
    ///   - goldens: the live previous golden ids with their age, fingerprint and member count.
    ///   - issued: every id ever issued (retired ones included); new ids avoid these and `goldens`' ids.
    /// - Precondition: every cluster has a member, and no reference is in two clusters.
    public static func assign(
        _ clusters: [ClusterContent], previous: [RecordRef: String], goldens: [String: PriorState.Golden],
        issued: Set<String>
    ) -> GoldenIDAssignment {
        precondition(clusters.allSatisfy { !$0.members.isEmpty }, "GoldenIDAssigner: a cluster without members")
        // Each cluster's members ascending, and for each previous id the cluster holds, how many of its members
        // and the smallest one.
        let members = clusters.map { cluster in
            zip(cluster.members, cluster.members.dropFirst()).allSatisfy { $0 < $1 }
                ? cluster.members : cluster.members.sorted()
        }
        let order = clusters.indices.sorted { members[$0][0] < members[$1][0] }
        var parts: [[Part]] = Array(repeating: [], count: clusters.count)
        var claims: [String: Claim] = [:]
        for cluster in order {
            var local: [Part] = []
            for member in members[cluster] {
                guard let id = previous[member], goldens[id] != nil else { continue }
                if let at = local.firstIndex(where: { $0.id == id }) {
                    local[at].count += 1
                } else {
                    local.append(Part(id: id, count: 1, smallest: member))
                }
            }
            for part in local {
                if let claim = claims[part.id],
                    claim.count > part.count || (claim.count == part.count && claim.smallest < part.smallest)
                {
                    continue
                }
                claims[part.id] = Claim(cluster: cluster, count: part.count, smallest: part.smallest)
            }
            parts[cluster] = local
        }

        var heirTo: [Int: [String]] = [:]
        for (id, claim) in claims { heirTo[claim.cluster, default: []].append(id) }

        var ids = Array(repeating: "", count: clusters.count)
        var events: [ChangeEvent] = []
        var taken = issued
        taken.formUnion(goldens.keys)
        // Kept ids first, so that `updated` of a split origin is known before its new parts are named.
        for cluster in order {
            guard let candidates = heirTo[cluster] else { continue }
            let ranked = candidates.sorted { older($0, $1, goldens) }
            let keep = ranked[0]
            ids[cluster] = keep
            for other in ranked.dropFirst() {
                events.append(
                    ChangeEvent(goldenID: other, kind: .mergedInto, relatedID: keep, detail: "merged into \(keep)"))
            }
            guard let prior = goldens[keep] else { continue }
            let kept = parts[cluster].first { $0.id == keep }?.count ?? 0
            let added = members[cluster].count - kept
            let removed = prior.memberCount - kept
            let valuesChanged = clusters[cluster].fingerprint != prior.fingerprint
            if added != 0 || removed != 0 || valuesChanged {
                events.append(
                    ChangeEvent(
                        goldenID: keep, kind: .updated,
                        detail: updateDetail(added: added, removed: removed, valuesChanged: valuesChanged)))
            }
        }
        for cluster in order where heirTo[cluster] == nil {
            let id = newID(smallest: members[cluster][0], taken: &taken)
            ids[cluster] = id
            let origins = parts[cluster].map(\.id).sorted()
            if origins.isEmpty {
                events.append(
                    ChangeEvent(goldenID: id, kind: .created, detail: recordCount(members[cluster].count)))
            }
            for origin in origins {
                let count = parts[cluster].first { $0.id == origin }?.count ?? 0
                events.append(
                    ChangeEvent(
                        goldenID: id, kind: .split, relatedID: origin,
                        detail: "\(recordCount(count)) split from \(origin)"))
            }
        }
        for id in goldens.keys where claims[id] == nil {
            events.append(ChangeEvent(goldenID: id, kind: .retired, detail: "no records left"))
        }
        events.sort()
        return GoldenIDAssignment(ids: ids, events: events)
    }

    /// A new golden id for a cluster whose smallest member is `smallest`: `G` and 16 hex digits of FNV-1a 64 over
    /// `source` U+001F `source_id` (``MergeStage``'s store-less id), or, when that id is in `taken`, over
    /// `source` U+001F `source_id` U+001F `n` for the first n = 1, 2, … that is free. The id is added to `taken`.
    public static func newID(smallest: RecordRef, taken: inout Set<String>) -> String {
        var attempt = 0
        while true {
            var hash = FNV1a64()
            hash.raw(smallest.source.utf8)
            hash.raw(CollectionOfOne(0x1F))
            hash.raw(smallest.sourceID.utf8)
            if attempt > 0 {
                hash.raw(CollectionOfOne(0x1F))
                hash.raw(String(attempt).utf8)
            }
            let id = FNV1a64.hex(hash.value, prefix: UInt8(ascii: "G"))
            if taken.insert(id).inserted { return id }
            attempt += 1
        }
    }

    /// The records of one previous id inside one cluster.
    private struct Part {
        var id: String
        var count: Int
        var smallest: RecordRef
    }

    /// The cluster holding most of an id's records so far (ties: the one holding its smallest record).
    private struct Claim {
        var cluster: Int
        var count: Int
        var smallest: RecordRef
    }

    /// Survivor order among ids merging into one cluster: older first, then more members, then the smaller id.
    private static func older(_ lhs: String, _ rhs: String, _ goldens: [String: PriorState.Golden]) -> Bool {
        let left = goldens[lhs]
        let right = goldens[rhs]
        let leftRun = left?.createdRun ?? .max
        let rightRun = right?.createdRun ?? .max
        if leftRun != rightRun { return leftRun < rightRun }
        let leftCount = left?.memberCount ?? 0
        let rightCount = right?.memberCount ?? 0
        if leftCount != rightCount { return leftCount > rightCount }
        return lhs < rhs
    }

    private static func recordCount(_ count: Int) -> String { count == 1 ? "1 record" : "\(count) records" }

    private static func updateDetail(added: Int, removed: Int, valuesChanged: Bool) -> String {
        var parts: [String] = []
        if added != 0 || removed != 0 { parts.append("records +\(added) -\(removed)") }
        if valuesChanged { parts.append("values changed") }
        return parts.joined(separator: ", ")
    }
}
