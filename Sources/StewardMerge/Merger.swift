import StewardModel

/// What the survivorship rules compare about one offer: plain values, copied without reference counting.
struct Rank {
    var record: Int32
    /// Position of the value in its record's list (list fields), else 0.
    var position: Int32 = 0
    /// Unicode scalar count of the value.
    var length: Int32 = 0
    var trust: Double = 0
    var updated: Int64 = 0
}

/// One member's offer for a field.
struct Candidate {
    var value: String
    /// Grouping key: loose (``Merger/groupingKey(_:)``) for single-valued fields, the match key for lists; empty
    /// until computed.
    var key: String = ""
    var isRole = false
    var rank: Rank

    init(value: String, record: Int32, key: String = "", position: Int32 = 0, isRole: Bool = false) {
        self.value = value
        self.key = key
        self.isRole = isRole
        rank = Rank(record: record, position: position)
    }

    var record: Int32 { rank.record }
}

/// Candidates sharing a key: the best one (index) and how many distinct records carry the key.
struct CandidateGroup {
    var best: Int
    var support: Int
    var last: Int32
}

/// The merge stage's worker: the input and the resolved rules, with the survivorship logic.
struct Merger {
    let input: MergeInput
    let plan: SurvivorshipPlan
    /// `CanonicalField.allCases`, once.
    let fields = CanonicalField.allCases
    /// The rule a lone value of each canonical field reports (`recency` for `updated_at`, `union` for list fields
    /// under union), by position.
    let firstRule: [SurvivorshipRule]

    init(_ input: MergeInput) {
        self.input = input
        let plan = SurvivorshipPlan(input.survivorship)
        self.plan = plan
        firstRule = CanonicalField.allCases.map { field in
            if field == .updatedAt { return .recency }
            let rules = plan.rules(field)
            return rules.union ? .union : rules.rules[0]
        }
    }

    // MARK: Clusters

    /// Fast path: a one-record cluster keeps its own values (support 1, the field's first rule; emails and phones
    /// in the record's order, personal addresses first). No grouping, no per-record dictionary.
    ///
    /// `out` is scratch space reused from record to record: the golden record gets an exact-size copy, so a million
    /// singletons do not each hold a generously reserved buffer.
    func singleton(_ members: [Int32], cluster: Int, scratch out: inout [GoldenField]) -> GoldenRecord {
        let record = members[0]
        let fields = input.records[Int(record)].fields
        let name = input.normalized[Int(record)].name
        out.removeAll(keepingCapacity: true)
        for field in self.fields {
            if field.isList {
                let values = singletonListValues(field, of: record)
                if !values.isEmpty { out.append(GoldenField(field: .canonical(field), values: values)) }
            } else if let value = Self.value(field, fields, name) {
                let rule = firstRule[field.ordinal]
                out.append(
                    GoldenField(
                        field: .canonical(field), values: [GoldenValue(value: value, record: record, rule: rule)]))
            }
        }
        let extras = fields.extras
        if !extras.isEmpty {
            for extra in extras.sorted(by: { $0.name < $1.name }) {
                let rule = plan.rules(extra: extra.name)[0]
                out.append(
                    GoldenField(
                        field: .extra(extra.name), values: [GoldenValue(value: extra.value, record: record, rule: rule)]
                    ))
            }
        }
        let id = MergeStage.goldenID(
            source: input.records[Int(record)].source, sourceID: input.records[Int(record)].sourceID)
        // An exact-size copy (`Array(out)` would share the buffer, and the next record's `removeAll` copy it).
        let exact = [GoldenField](unsafeUninitializedCapacity: out.count) { buffer, initialized in
            _ = buffer.initialize(from: out)
            initialized = out.count
        }
        return GoldenRecord(goldenID: id, cluster: cluster, members: members, fields: exact)
    }

    /// A cluster of two or more records (`members` ascending).
    func merged(_ members: [Int32], cluster: Int) -> GoldenRecord {
        // Each member's offers, read once per member: by field position, and extra fields by name.
        var offers = [[Candidate]](repeating: [], count: fields.count)
        var extras: [String: [Candidate]] = [:]
        for member in members {
            let recordFields = input.records[Int(member)].fields
            let name = input.normalized[Int(member)].name
            for field in fields where !field.isList {
                if let value = Self.value(field, recordFields, name) {
                    if offers[field.ordinal].isEmpty { offers[field.ordinal].reserveCapacity(members.count) }
                    offers[field.ordinal].append(Candidate(value: value, record: member))
                }
            }
            for extra in recordFields.extras {
                extras[extra.name, default: []].append(Candidate(value: extra.value, record: member))
            }
        }

        var out: [GoldenField] = []
        for field in fields {
            if field.isList {
                let values = listValues(field, members: members)
                if !values.isEmpty { out.append(GoldenField(field: .canonical(field), values: values)) }
                continue
            }
            guard !offers[field.ordinal].isEmpty else { continue }
            var chosen: GoldenValue
            if field == .updatedAt {
                chosen = choose(&offers[field.ordinal], rules: [.recency, .trust, .completeness])
                chosen.rule = .recency
            } else {
                chosen = choose(&offers[field.ordinal], rules: plan.rules(field).rules)
            }
            out.append(GoldenField(field: .canonical(field), values: [chosen]))
        }
        for name in extras.keys.sorted() {
            guard var group = extras[name] else { continue }
            let value = choose(&group, rules: plan.rules(extra: name))
            out.append(GoldenField(field: .extra(name), values: [value]))
        }

        var smallest = members[0]
        for member in members.dropFirst() where refLess(member, smallest) { smallest = member }
        let id = MergeStage.goldenID(
            source: input.records[Int(smallest)].source, sourceID: input.records[Int(smallest)].sourceID)
        return GoldenRecord(goldenID: id, cluster: cluster, members: members, fields: out)
    }

    // MARK: Values

    /// A member's value of a single-valued canonical field: the cleaned name part when set, else the raw value;
    /// `full_name` falls back to the cleaned given, middle and family names.
    static func value(_ field: CanonicalField, _ fields: RecordFields, _ name: NormalizedName?) -> String? {
        switch field {
        case .givenName: return nonEmpty(name?.given) ?? fields[field]
        case .middleName: return nonEmpty(name?.middle) ?? fields[field]
        case .familyName: return nonEmpty(name?.family) ?? fields[field]
        case .namePrefix: return nonEmpty(name?.prefix) ?? fields[field]
        case .nameSuffix: return nonEmpty(name?.suffix) ?? fields[field]
        case .fullName:
            if let raw = fields[field] { return raw }
            guard let name else { return nil }
            var joined = nonEmpty(name.given) ?? ""
            for part in [name.middle, name.family] {
                guard let part = nonEmpty(part) else { continue }
                joined = joined.isEmpty ? part : joined + " " + part
            }
            return joined.isEmpty ? nil : joined
        case .emails, .phones: return nil
        default: return fields[field]
        }
    }

    @inline(__always)
    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    // MARK: Choosing one value

    /// The surviving value among `candidates` (one field's offers, at least one) by `rules`.
    func choose(_ candidates: inout [Candidate], rules: [SurvivorshipRule]) -> GoldenValue {
        let first = rules.first ?? .trust
        if candidates.count == 1 {
            return GoldenValue(value: candidates[0].value, record: candidates[0].record, rule: first)
        }
        let groups = group(&candidates, rules: rules)
        let ranks = groups.map { candidates[$0.best].rank }
        var winner = 0
        for index in groups.indices.dropFirst()
        where better(ranks[index], groups[index].support, than: ranks[winner], groups[winner].support, rules: rules) {
            winner = index
        }
        var rule = first
        if groups.count > 1 {
            var runnerUp = winner == 0 ? 1 : 0
            for index in groups.indices where index != winner && index != runnerUp {
                if better(
                    ranks[index], groups[index].support, than: ranks[runnerUp], groups[runnerUp].support, rules: rules)
                {
                    runnerUp = index
                }
            }
            for candidate in rules
            where Self.order(
                ranks[winner], groups[winner].support, ranks[runnerUp], groups[runnerUp].support, candidate)
                != 0
            {
                rule = candidate
                break
            }
        }
        let best = candidates[groups[winner].best]
        return GoldenValue(value: best.value, record: best.record, rule: rule, support: groups[winner].support)
    }

    /// Groups `candidates` by key (computing keys, lengths and record attributes first), each group's best
    /// candidate by `rules`; groups in order of first appearance.
    func group(_ candidates: inout [Candidate], rules: [SurvivorshipRule]) -> [CandidateGroup] {
        for index in candidates.indices {
            // Members mostly agree: reuse the key and length of an earlier equal value.
            var known: Int?
            var earlier = index - 1
            while earlier >= max(0, index - 8) {
                if candidates[earlier].value == candidates[index].value {
                    known = earlier
                    break
                }
                earlier -= 1
            }
            let record = Int(candidates[index].record)
            candidates[index].rank.trust = trust(record)
            candidates[index].rank.updated = input.updatedAt[record]
            if let known {
                candidates[index].rank.length = candidates[known].rank.length
                if candidates[index].key.isEmpty { candidates[index].key = candidates[known].key }
            } else {
                candidates[index].rank.length = Int32(clamping: Self.scalarCount(candidates[index].value))
                if candidates[index].key.isEmpty { candidates[index].key = Self.groupingKey(candidates[index].value) }
            }
        }
        var groups: [CandidateGroup] = []
        var byKey: [String: Int] = [:]
        let useDictionary = candidates.count > 16
        for index in candidates.indices {
            let found: Int?
            if useDictionary {
                found = byKey[candidates[index].key]
            } else {
                found = groups.firstIndex { candidates[$0.best].key == candidates[index].key }
            }
            let rank = candidates[index].rank
            guard let group = found else {
                if useDictionary { byKey[candidates[index].key] = groups.count }
                groups.append(CandidateGroup(best: index, support: 1, last: rank.record))
                continue
            }
            if groups[group].last != rank.record {
                groups[group].support += 1
                groups[group].last = rank.record
            }
            if better(rank, 1, than: candidates[groups[group].best].rank, 1, rules: rules) {
                groups[group].best = index
            }
        }
        return groups
    }

    /// Whether `x` (with `xSupport`) beats `y` by `rules`, then by the smaller record reference, then by the
    /// smaller position in the record.
    @inline(__always)
    func better(_ x: Rank, _ xSupport: Int, than y: Rank, _ ySupport: Int, rules: [SurvivorshipRule]) -> Bool {
        for rule in rules {
            let order = Self.order(x, xSupport, y, ySupport, rule)
            if order != 0 { return order < 0 }
        }
        if x.record != y.record { return refLess(x.record, y.record) }
        return x.position < y.position
    }

    /// -1 when `x` wins `rule`, 1 when `y` does, 0 on a tie.
    @inline(__always)
    static func order(_ x: Rank, _ xSupport: Int, _ y: Rank, _ ySupport: Int, _ rule: SurvivorshipRule) -> Int {
        switch rule {
        case .trust: return x.trust > y.trust ? -1 : x.trust < y.trust ? 1 : 0
        case .recency: return x.updated > y.updated ? -1 : x.updated < y.updated ? 1 : 0
        case .completeness: return x.length > y.length ? -1 : x.length < y.length ? 1 : 0
        case .frequency: return xSupport > ySupport ? -1 : xSupport < ySupport ? 1 : 0
        case .union: return 0
        }
    }

    @inline(__always)
    func trust(_ record: Int) -> Double {
        let source = Int(input.sourceIndex[record])
        return source < input.sourceTrust.count ? input.sourceTrust[source] : 0
    }

    /// Whether record `x`'s reference (source, source id) sorts before record `y`'s.
    func refLess(_ x: Int32, _ y: Int32) -> Bool {
        let lSource = input.records[Int(x)].source
        let rSource = input.records[Int(y)].source
        if lSource != rSource { return lSource < rSource }
        let lID = input.records[Int(x)].sourceID
        let rID = input.records[Int(y)].sourceID
        if lID != rID { return lID < rID }
        return x < y
    }

    /// Number of Unicode scalars of `value`: its UTF-8 bytes that are not continuation bytes.
    static func scalarCount(_ value: String) -> Int {
        var text = value
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The loose grouping key of a value: lower case, runs of white space as one space, none at the ends.
    ///
    /// ASCII is folded on the bytes (the value itself when already folded); other text goes through `lowercased()`.
    static func groupingKey(_ value: String) -> String {
        var text = value
        // nil: not ASCII; true: already a key.
        let state: Bool? = text.withUTF8 { bytes in
            var folded = true
            var previous: UInt8 = 0x20
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x09 && byte <= 0x0D)
                    || (byte == 0x20 && previous == 0x20)
                {
                    folded = false
                }
                previous = byte
            }
            return folded && previous != 0x20
        }
        switch state {
        case true?:
            return value
        case false?:
            return text.withUTF8 { bytes in
                String(unsafeUninitializedCapacity: bytes.count) { out in
                    var count = 0
                    var space = false
                    for byte in bytes {
                        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                            space = count > 0
                            continue
                        }
                        if space {
                            out[count] = 0x20
                            count += 1
                            space = false
                        }
                        out[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        count += 1
                    }
                    return count
                }
            }
        case nil:
            return value.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
    }
}
