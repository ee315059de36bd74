import StewardModel

/// The merge stage: one golden record per cluster, each value chosen by survivorship rules and carrying its lineage
/// (the record it came from, the rule that chose it, how many members agreed).
///
/// **Single-valued fields** (every canonical field but `emails`/`phones` that some member has, then extra fields by
/// name): each member offers one value. Name parts come from the member's cleaned name (`NormalizedName` display
/// parts) when set, else the raw field; `full_name` is the raw full name, else the cleaned given, middle and family
/// names joined by spaces. Values are grouped by a loose key (lower case, white space collapsed) so "ACME Inc" and
/// "acme inc" count together as support. Within a group the best record by the field's rules gives the text; the
/// winning group is chosen by the rules in order, each a tie-breaker for the one before:
/// - `trust`: higher trust of the group's best record's source;
/// - `recency`: later `updated_at` of that record;
/// - `completeness`: longer value, in Unicode scalars;
/// - `frequency`: more members in the group (support);
/// and finally the smaller ``RecordRef`` (source, source id) — never input order. ``GoldenValue/rule`` names the
/// first rule that separated the winner from the runner-up (the first rule of the list when there was one group or
/// when only the final tie-break separated them). `updated_at` always takes the latest value (rule `recency`).
///
/// **List fields** (`emails`, `phones`) under `union`: every distinct normalized value — email address deduplicated
/// by its match key, phone as E.164 plus `;ext=N` — ordered personal addresses before role addresses, then by
/// support descending, then by the `trust` and `recency` rules (in the field's rule order) applied to the best
/// record carrying the value, then by its position in that record (a source's first address stays first), then by
/// value. Values that did not normalize are left out. Under other rules, the single best value by those rules
/// (personal addresses preferred).
///
/// Cost: a singleton cluster copies its record's values (no grouping); a larger one costs O(m·f) for m members and
/// f fields, plus a sort of each field's few groups.
public enum MergeStage {
    /// Merges every cluster of `input.clusters` into a golden record.
    /// - Returns: one golden record per cluster, in cluster order, and the golden index of every record (-1 for a
    ///   record no cluster names).
    /// - Precondition: `normalized`, `sourceIndex` and `updatedAt` have one entry per record, and clusters name
    ///   records of `records`.
    public static func run(_ input: MergeInput) -> MergeResult {
        let count = input.records.count
        precondition(
            input.normalized.count == count && input.sourceIndex.count == count && input.updatedAt.count == count,
            "MergeInput: normalized, sourceIndex and updatedAt need one entry per record")
        let merger = Merger(input)
        var golden: [GoldenRecord] = []
        golden.reserveCapacity(input.clusters.clusters.count)
        var goldenOf = ContiguousArray<Int32>(repeating: -1, count: count)
        var scratch: [GoldenField] = []
        scratch.reserveCapacity(CanonicalField.allCases.count + 16)
        for (index, cluster) in input.clusters.clusters.enumerated() {
            let members = cluster.members
            for member in members { goldenOf[Int(member)] = Int32(truncatingIfNeeded: index) }
            if members.count == 1 {
                golden.append(merger.singleton(members, cluster: index, scratch: &scratch))
            } else if !members.isEmpty {
                let ascending = zip(members, members.dropFirst()).allSatisfy { $0 < $1 }
                golden.append(merger.merged(ascending ? members : members.sorted(), cluster: index))
            } else {
                golden.append(GoldenRecord(goldenID: "", cluster: index, members: [], fields: []))
            }
        }
        return MergeResult(golden: golden, goldenOf: goldenOf)
    }

    /// The golden id of a cluster whose smallest member reference is `ref`: `G` and 16 lower-case hex digits of
    /// FNV-1a 64 over the UTF-8 of `source` U+001F `sourceID`.
    ///
    /// The same cluster gets the same id on every run and whatever the order of its records, as long as its
    /// smallest member stays the same; a cluster that gains a smaller member gets a new id. Stable ids across runs
    /// (through the store's prior state) are a later step: this is the id a cluster gets when nothing is known.
    public static func goldenID(smallest ref: RecordRef) -> String {
        goldenID(source: ref.source, sourceID: ref.sourceID)
    }

    /// ``goldenID(smallest:)`` from the reference's parts.
    static func goldenID(source: String, sourceID: String) -> String {
        var hash = fnv1a64(source.utf8)
        hash = fnv1a64(CollectionOfOne(0x1F), hash)
        hash = fnv1a64(sourceID.utf8, hash)
        return String(unsafeUninitializedCapacity: 17) { buffer in
            buffer[0] = UInt8(ascii: "G")
            for index in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: hash >> (60 - 4 * UInt64(index))) & 0xF
                buffer[index + 1] = nibble < 10 ? nibble + UInt8(ascii: "0") : nibble - 10 + UInt8(ascii: "a")
            }
            return 17
        }
    }

    /// FNV-1a 64 (Fowler, Noll, Vo; draft-eastlake-fnv) of `bytes`, continuing from `hash` (the offset basis by
    /// default).
    static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes, _ hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
