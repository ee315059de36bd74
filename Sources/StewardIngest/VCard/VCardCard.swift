import StewardModel

/// The values of one card while it is read, decoded to UTF-8 into one reused byte arena, and the mapping of them
/// onto ``RecordFields`` once its `END:VCARD` is seen.
///
/// Mapping (property → field):
/// - `FN` → `full_name`; `N` (family;given;additional;prefixes;suffixes) → `family_name`, `given_name`,
///   `middle_name`, `name_prefix`, `name_suffix`, each component's comma-separated values joined by a space
///   (`Richter,James` → `Richter James`; an escaped `\,` stays a comma);
/// - `ORG` (name;unit;unit…) → `organization`, and the first unit → `department`; `TITLE` → `title`; `ROLE` →
///   extra `role`, or `title` when the card has no `TITLE`;
/// - every `TEL` → `phones`, every `EMAIL` → `emails`, preferred ones (`PREF`, `TYPE=pref`, lowest `PREF=n`) first,
///   otherwise in file order, each with its kind from `TYPE` or the Apple `X-ABLabel` of its group
///   (``VCardKind``);
/// - `ADR` (pobox;ext;street;locality;region;code;country) → `street` (ext and street joined by `, `, else the
///   post-office box), `city`, `region`, `postal_code`, `country`, from the first `ADR` with `TYPE=work` or a
///   preference, else the first `ADR`; other addresses are not kept;
/// - `URL` → `website`; `REV` → `updated_at` as written; `NOTE` → extra `note`; `BDAY` → extra `birthday`;
///   `NICKNAME` → extra `nickname`; `UID` → the source id (without `urn:uuid:`).
///
/// A repeated single-valued property keeps its first value; later ones become extras (`website_2`), as
/// ``RecordFields/set(_:_:)`` does for every ingester.
struct VCardCard {
    enum Slot: UInt8 {
        case fullName, familyName, givenName, middleName, namePrefix, nameSuffix
        case organization, department, title, role, website, updatedAt, note, birthday, nickname
        case email, phone
        case street, city, region, postalCode, country
    }

    struct Item {
        var slot: Slot
        var flags: UInt8 = 0
        var prefRank = Int.max
        /// The `ADR` an address part belongs to (0, 1, …); -1 for other items.
        var address: Int32 = -1
        var start: Int32
        var end: Int32
        var groupStart: Int32 = 0
        var groupEnd: Int32 = 0
    }

    struct Label {
        var groupStart: Int32
        var groupEnd: Int32
        var flag: UInt8
        var recognized: Bool
    }

    private(set) var arena: [UInt8] = []
    private var items: [Item] = []
    private var labels: [Label] = []
    private var uid: (start: Int, end: Int)?
    private var hasTitle = false
    private var addressCount: Int32 = 0
    private var preferredAddress: Int32 = -1
    /// Scratch for ordering emails and phones.
    private var order: [Int] = []
    /// Decoding notes of the card's values so far.
    private(set) var notes: VCardDecodeNotes = []
    /// Bytes of the longest value decoded so far.
    private(set) var longestValue = 0

    mutating func reset() {
        arena.removeAll(keepingCapacity: true)
        items.removeAll(keepingCapacity: true)
        labels.removeAll(keepingCapacity: true)
        uid = nil
        hasTitle = false
        addressCount = 0
        preferredAddress = -1
        notes = []
        longestValue = 0
    }

    /// Adds one property's value (`value` is its raw, unfolded text; `line` the buffer `property`'s group range
    /// refers to). ``longestValue`` grows to the longest value decoded so far, for the field limit.
    mutating func add(
        _ property: VCardProperty, value: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>,
        decoder: inout VCardTextDecoder
    ) {
        let qp = property.encoding == .quotedPrintable
        let charset = property.charset
        switch property.kind {
        case .fn: single(.fullName, value, qp, charset, &decoder)
        case .title:
            hasTitle = true
            single(.title, value, qp, charset, &decoder)
        case .role: single(.role, value, qp, charset, &decoder)
        case .url: single(.website, value, qp, charset, &decoder)
        case .rev: single(.updatedAt, value, qp, charset, &decoder)
        case .note: single(.note, value, qp, charset, &decoder)
        case .bday: single(.birthday, value, qp, charset, &decoder)
        case .nickname: single(.nickname, value, qp, charset, &decoder)
        case .email, .tel:
            let (groupStart, groupEnd) = copyGroup(property, line)
            let (start, end) = decode(value, qp, charset, &decoder)
            items.append(
                Item(
                    slot: property.kind == .email ? .email : .phone, flags: property.types,
                    prefRank: property.prefRank, start: start, end: end, groupStart: groupStart, groupEnd: groupEnd))
        case .uid:
            let (start, end) = decode(value, qp, charset, &decoder)
            uid = (Int(start), Int(end))
        case .abLabel:
            let (groupStart, groupEnd) = copyGroup(property, line)
            guard groupEnd > groupStart else { break }
            let (start, end) = decode(value, qp, charset, &decoder)
            let (flag, recognized) = arena.withUnsafeBufferPointer {
                VCardKind.flag(label: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)]))
            }
            labels.append(Label(groupStart: groupStart, groupEnd: groupEnd, flag: flag, recognized: recognized))
        case .n:
            VCardTextDecoder.forEachComponent(value, separator: VCardByte.semicolon) { index, component in
                let slot: Slot
                switch index {
                case 0: slot = .familyName
                case 1: slot = .givenName
                case 2: slot = .middleName
                case 3: slot = .namePrefix
                case 4: slot = .nameSuffix
                default: return
                }
                let (start, end) = decodeList(component, qp, charset, &decoder)
                if end > start { items.append(Item(slot: slot, start: start, end: end)) }
            }
        case .org:
            VCardTextDecoder.forEachComponent(value, separator: VCardByte.semicolon) { index, component in
                guard index < 2 else { return }
                let (start, end) = decode(component, qp, charset, &decoder)
                items.append(Item(slot: index == 0 ? .organization : .department, start: start, end: end))
            }
        case .adr:
            addAddress(property, value, &decoder)
        case .begin, .end, .version, .agent, .binary, .other:
            break
        }
    }

    /// Decodes `raw` into the arena; returns its range.
    private mutating func decode(
        _ raw: UnsafeBufferPointer<UInt8>, _ qp: Bool, _ charset: VCardCharset, _ decoder: inout VCardTextDecoder
    ) -> (Int32, Int32) {
        let start = arena.count
        notes.formUnion(decoder.append(raw, quotedPrintable: qp, charset: charset, to: &arena))
        longestValue = max(longestValue, arena.count - start)
        return (Int32(start), Int32(arena.count))
    }

    private mutating func single(
        _ slot: Slot, _ raw: UnsafeBufferPointer<UInt8>, _ qp: Bool, _ charset: VCardCharset,
        _ decoder: inout VCardTextDecoder
    ) {
        let (start, end) = decode(raw, qp, charset, &decoder)
        items.append(Item(slot: slot, start: start, end: end))
    }

    /// The comma-separated values of one `N` component, decoded and joined by one space (blank values dropped).
    private mutating func decodeList(
        _ component: UnsafeBufferPointer<UInt8>, _ qp: Bool, _ charset: VCardCharset,
        _ decoder: inout VCardTextDecoder
    ) -> (Int32, Int32) {
        let start = arena.count
        VCardTextDecoder.forEachComponent(component, separator: VCardByte.comma) { _, part in
            let mark = arena.count
            if mark > start { arena.append(VCardByte.space) }
            let (partStart, partEnd) = decode(part, qp, charset, &decoder)
            if isBlank(Int(partStart), Int(partEnd)) { arena.removeSubrange(mark...) }
        }
        return (Int32(start), Int32(arena.count))
    }

    private mutating func addAddress(
        _ property: VCardProperty, _ value: UnsafeBufferPointer<UInt8>, _ decoder: inout VCardTextDecoder
    ) {
        let qp = property.encoding == .quotedPrintable
        let charset = property.charset
        let address = addressCount
        addressCount += 1
        if preferredAddress < 0 && (property.types & (VCardKind.work | VCardKind.pref) != 0) {
            preferredAddress = address
        }
        var poBox: (Int32, Int32) = (0, 0)
        var extended: (Int32, Int32) = (0, 0)
        VCardTextDecoder.forEachComponent(value, separator: VCardByte.semicolon) { index, component in
            let slot: Slot
            switch index {
            case 0:
                poBox = decode(component, qp, charset, &decoder)
                return
            case 1:
                extended = decode(component, qp, charset, &decoder)
                return
            case 2:
                // street = extended address, ", ", street address; the post-office box when both are blank.
                let mark = arena.count
                let hasExtended = !isBlank(Int(extended.0), Int(extended.1))
                if hasExtended {
                    for k in Int(extended.0)..<Int(extended.1) { arena.append(arena[k]) }
                    arena.append(VCardByte.comma)
                    arena.append(VCardByte.space)
                }
                let (start, end) = decode(component, qp, charset, &decoder)
                if isBlank(Int(start), Int(end)) {
                    arena.removeSubrange(mark...)
                    let fallback = hasExtended ? extended : poBox
                    items.append(Item(slot: .street, address: address, start: fallback.0, end: fallback.1))
                } else {
                    items.append(Item(slot: .street, address: address, start: Int32(mark), end: end))
                }
                return
            case 3: slot = .city
            case 4: slot = .region
            case 5: slot = .postalCode
            case 6: slot = .country
            default: return
            }
            let (start, end) = decode(component, qp, charset, &decoder)
            items.append(Item(slot: slot, address: address, start: start, end: end))
        }
    }

    /// Copies the group name into the arena (for matching `X-ABLabel`s); returns its range, empty when none.
    private mutating func copyGroup(_ property: VCardProperty, _ line: UnsafeBufferPointer<UInt8>) -> (Int32, Int32) {
        guard property.groupEnd > property.groupStart else { return (0, 0) }
        let start = arena.count
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: line[property.groupStart..<property.groupEnd]))
        return (Int32(start), Int32(arena.count))
    }

    private func isBlank(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            if arena[i] > VCardByte.space { return false }
            i += 1
        }
        return true
    }

    /// Where the card's `UID` sits in ``arena``, trimmed and without a `urn:uuid:` prefix; `nil` when it has none (or
    /// a blank one).
    var sourceIDRange: Range<Int>? {
        guard let uid else { return nil }
        return arena.withUnsafeBufferPointer { a -> Range<Int>? in
            var start = uid.start
            var end = uid.end
            while start < end && a[start] <= VCardByte.space { start += 1 }
            while end > start && a[end - 1] <= VCardByte.space { end -= 1 }
            if VCardByte.hasPrefixIgnoringCase(a, start, end, "URN:UUID:") { start += 9 }
            return end > start ? start..<end : nil
        }
    }

    /// The record fields of the card (see the type's mapping).
    mutating func fields() -> RecordFields {
        var fields = RecordFields()
        fields.reserveCapacity(bytes: arena.count + 8 * items.count, values: items.count)
        let address = preferredAddress >= 0 ? preferredAddress : 0
        var contacts = order
        order = []
        defer { order = contacts }
        contacts.removeAll(keepingCapacity: true)
        arena.withUnsafeBufferPointer { a in
            func text(_ item: Item) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: a[Int(item.start)..<Int(item.end)])
            }
            for (index, item) in items.enumerated() {
                switch item.slot {
                case .fullName: fields.set(.fullName, utf8: text(item))
                case .familyName: fields.set(.familyName, utf8: text(item))
                case .givenName: fields.set(.givenName, utf8: text(item))
                case .middleName: fields.set(.middleName, utf8: text(item))
                case .namePrefix: fields.set(.namePrefix, utf8: text(item))
                case .nameSuffix: fields.set(.nameSuffix, utf8: text(item))
                case .organization: fields.set(.organization, utf8: text(item))
                case .department: fields.set(.department, utf8: text(item))
                case .title: fields.set(.title, utf8: text(item))
                case .role:
                    if hasTitle {
                        fields.addExtra("role", utf8: text(item))
                    } else {
                        fields.set(.title, utf8: text(item))
                    }
                case .website: fields.set(.website, utf8: text(item))
                case .updatedAt: fields.set(.updatedAt, utf8: text(item))
                case .note: fields.addExtra("note", utf8: text(item))
                case .birthday: fields.addExtra("birthday", utf8: text(item))
                case .nickname: fields.addExtra("nickname", utf8: text(item))
                case .email, .phone: contacts.append(index)
                case .street, .city, .region, .postalCode, .country:
                    guard item.address == address else { continue }
                    let field: CanonicalField
                    switch item.slot {
                    case .street: field = .street
                    case .city: field = .city
                    case .region: field = .region
                    case .postalCode: field = .postalCode
                    default: field = .country
                    }
                    fields.set(field, utf8: text(item))
                }
            }
            // Preferred first, then file order (a stable insertion sort: cards hold a handful).
            var k = 1
            while k < contacts.count {
                let current = contacts[k]
                var j = k
                while j > 0 && items[contacts[j - 1]].prefRank > items[current].prefRank {
                    contacts[j] = contacts[j - 1]
                    j -= 1
                }
                contacts[j] = current
                k += 1
            }
            for index in contacts {
                let item = items[index]
                let kind = kind(of: item, a)
                if item.slot == .email {
                    fields.addEmail(utf8: text(item), kind: kind)
                } else {
                    fields.addPhone(utf8: text(item), kind: kind)
                }
            }
        }
        return fields
    }

    /// The kind of an email or phone: a recognized label of its group, else its `TYPE`, else `other` when its group
    /// has an unrecognized label.
    private func kind(of item: Item, _ a: UnsafeBufferPointer<UInt8>) -> String? {
        if item.groupEnd > item.groupStart {
            for label in labels where sameGroup(item, label, a) {
                if label.recognized { return VCardKind.name(label.flag) }
                return VCardKind.name(item.flags) ?? "other"
            }
        }
        return VCardKind.name(item.flags)
    }

    private func sameGroup(_ item: Item, _ label: Label, _ a: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = Int(item.groupEnd - item.groupStart)
        guard length == Int(label.groupEnd - label.groupStart) else { return false }
        for k in 0..<length
        where VCardByte.upper(a[Int(item.groupStart) + k]) != VCardByte.upper(a[Int(label.groupStart) + k]) {
            return false
        }
        return true
    }
}
