import StewardModel

extension Merger {
    /// The golden values of a list field (`emails`, `phones`) over `members` (ascending): all distinct values under
    /// `union`, else the single best one. Empty when no member has a normalized value.
    func listValues(_ field: CanonicalField, members: [Int32]) -> [GoldenValue] {
        var items: [Candidate] = []
        for member in members { appendItems(field, of: member, to: &items) }
        guard !items.isEmpty else { return [] }
        let rules = plan.rules(field)

        if !rules.union {
            var pool = items.filter { !$0.isRole }
            if pool.isEmpty { pool = items }
            return [choose(&pool, rules: rules.rules)]
        }

        var groups = group(&items, rules: rules.rules)
        let ordering = rules.rules.filter { $0 == .trust || $0 == .recency }
        groups.sort { l, r in
            // Plain values first; the strings only on a full tie.
            let xRole = items[l.best].isRole
            let yRole = items[r.best].isRole
            if xRole != yRole { return !xRole }
            if l.support != r.support { return l.support > r.support }
            let x = items[l.best].rank
            let y = items[r.best].rank
            for rule in ordering {
                let order = Self.order(x, l.support, y, r.support, rule)
                if order != 0 { return order < 0 }
            }
            if x.position != y.position { return x.position < y.position }
            if items[l.best].value != items[r.best].value { return items[l.best].value < items[r.best].value }
            return refLess(x.record, y.record)
        }
        return groups.map { group in
            let item = items[group.best]
            return GoldenValue(value: item.value, record: item.record, rule: .union, support: group.support)
        }
    }

    /// ``listValues(_:members:)`` for a one-record cluster: the record's distinct values, personal addresses first,
    /// otherwise in the record's order; under rules other than `union`, the first of them.
    func singletonListValues(_ field: CanonicalField, of record: Int32) -> [GoldenValue] {
        let union = plan.rules(field).union
        let rule = firstRule[field.ordinal]
        switch field {
        case .emails:
            let emails = input.normalized[Int(record)].emails
            if emails.count == 1 { return [GoldenValue(value: emails[0].address, record: record, rule: rule)] }
            guard !emails.isEmpty else { return [] }
        case .phones:
            let phones = input.normalized[Int(record)].phones
            if phones.count == 1 {
                var value = phones[0].e164
                if let ext = phones[0].extension, !ext.isEmpty { value += ";ext=" + ext }
                return [GoldenValue(value: value, record: record, rule: rule)]
            }
            guard !phones.isEmpty else { return [] }
        default:
            return []
        }
        var items: [Candidate] = []
        appendItems(field, of: record, to: &items)
        var values: [GoldenValue] = []
        for role in [false, true] {
            for item in items where item.isRole == role {
                values.append(GoldenValue(value: item.value, record: record, rule: rule))
            }
        }
        return union ? values : Array(values.prefix(1))
    }

    /// Appends the normalized values of `field` carried by `record`, in the record's order, one per key: emails
    /// by match key (shown as the canonical address), phones as E.164 plus `;ext=N`.
    func appendItems(_ field: CanonicalField, of record: Int32, to items: inout [Candidate]) {
        let start = items.count
        var position: Int32 = 0
        func add(_ value: String, key: String, isRole: Bool) {
            for index in start..<items.count where items[index].key == key { return }
            items.append(Candidate(value: value, record: record, key: key, position: position, isRole: isRole))
            position += 1
        }
        let normalized = input.normalized[Int(record)]
        switch field {
        case .emails:
            for email in normalized.emails { add(email.address, key: email.key, isRole: email.isRole) }
        case .phones:
            for phone in normalized.phones {
                var value = phone.e164
                if let ext = phone.extension, !ext.isEmpty { value += ";ext=" + ext }
                add(value, key: value, isRole: false)
            }
        default:
            break
        }
    }
}
