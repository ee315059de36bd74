import StewardModel

/// Collects the mailboxes seen across the messages of one source into one entry per address (compared ignoring
/// case over the whole address), and turns the entries into records.
///
/// Per address it keeps: the address as first written; the best header kind (`from` > `reply-to` > `sender` >
/// `to` > `cc` > other configured headers in their order); the header, file and line where it was first seen; the
/// number of messages it appears in; the newest message date and the Message-ID of the newest message that has
/// one; every person-like display name with the number of messages using it and when it was last used; and the
/// signature of the newest message it sent that had one. Memory grows with the number of distinct addresses and
/// display-name spellings, not with the number of messages.
struct EmailContactBook {
    /// Order of messages: a dated message is newer than an undated one; ties go to the later message.
    struct Recency: Comparable {
        var date: Int64
        var sequence: Int

        static let none = Recency(date: Int64.min, sequence: -1)

        static func < (a: Recency, b: Recency) -> Bool {
            a.date != b.date ? a.date < b.date : a.sequence < b.sequence
        }
    }

    /// The message a mailbox was seen in.
    struct MessageInfo {
        var sequence: Int
        var date: Int64?
        var messageID: String?
        var recency: Recency { Recency(date: date ?? Int64.min, sequence: sequence) }
    }

    /// One display-name spelling (cleaned UTF-8) of an address.
    struct NameUse {
        var bytes: [UInt8]
        var person: Bool
        var count: Int
        var last: Recency
        var lastMessage: Int
    }

    struct Entry {
        var address: String
        var sourceID: String
        var rank: Int
        var firstHeader: Int
        var location: SourceLocation
        var messages = 0
        var lastMessage = -1
        var newestDate: Int64?
        var messageID: String?
        var messageIDRecency = Recency.none
        /// Every spelling seen, person-like or not (compared as bytes: usually one to three per address).
        var names: [NameUse] = []
        var signature: EmailSignature?
        var signatureRecency = Recency.none
    }

    /// Configured header names (as written in the options) and their preference rank.
    let headers: [String]
    private let kinds: [String]
    private let ranks: [Int]

    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    init(headers: [String]) {
        self.headers = headers
        self.kinds = headers.map { $0.lowercased() }
        let preferred = ["from", "reply-to", "sender", "to", "cc"]
        self.ranks = headers.enumerated().map { k, name in
            preferred.firstIndex(of: name.lowercased()) ?? preferred.count + k
        }
    }

    /// The lower-cased address: the record's source id and the dedup key.
    static func key(_ address: String) -> String {
        var ascii = true
        for b in address.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            var hasUpper = false
            for b in address.utf8 where b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") {
                hasUpper = true
                break
            }
            if !hasUpper { return address }
        }
        return address.lowercased()
    }

    /// Records `mailbox`, seen in header `header` (index into ``headers``) at `location` of `message`. Returns the
    /// entry's index.
    @discardableResult
    mutating func add(
        _ mailbox: EmailMailbox, header: Int, location: @autoclosure () -> SourceLocation, message: MessageInfo
    ) -> Int {
        let key = EmailContactBook.key(mailbox.address)
        let k: Int
        if let existing = index[key] {
            k = existing
        } else {
            k = entries.count
            index[key] = k
            entries.append(
                Entry(
                    address: mailbox.address, sourceID: key, rank: ranks[header], firstHeader: header,
                    location: location()))
        }
        entries[k].rank = min(entries[k].rank, ranks[header])
        let recency = message.recency
        if entries[k].lastMessage != message.sequence {
            entries[k].lastMessage = message.sequence
            entries[k].messages += 1
            if let date = message.date, date > entries[k].newestDate ?? Int64.min { entries[k].newestDate = date }
            if let id = message.messageID, recency > entries[k].messageIDRecency {
                entries[k].messageID = id
                entries[k].messageIDRecency = recency
            }
        }
        if let raw = mailbox.name {
            let name = EmailDisplayName.cleaned(utf8: raw.utf8)
            if name.isEmpty {
            } else if let j = entries[k].names.firstIndex(where: { $0.bytes == name }) {
                if entries[k].names[j].lastMessage != message.sequence {
                    entries[k].names[j].lastMessage = message.sequence
                    entries[k].names[j].count += 1
                    entries[k].names[j].last = max(entries[k].names[j].last, recency)
                }
            } else {
                let person = EmailDisplayName.isPersonLike(
                    String(decoding: name, as: UTF8.self), address: mailbox.address)
                entries[k].names.append(
                    NameUse(bytes: name, person: person, count: 1, last: recency, lastMessage: message.sequence))
            }
        }
        return k
    }

    /// Whether a message with `recency` would replace entry `k`'s signature.
    func wantsSignature(_ k: Int, recency: Recency) -> Bool {
        recency > entries[k].signatureRecency
    }

    mutating func setSignature(_ signature: EmailSignature, for k: Int, recency: Recency) {
        guard !signature.isEmpty, recency > entries[k].signatureRecency else { return }
        entries[k].signature = signature
        entries[k].signatureRecency = recency
    }

    /// The most frequent person-like name; ties go to the most recently used, then to the smaller string.
    static func bestName(_ names: [NameUse]) -> String? {
        var best: NameUse?
        for use in names where use.person {
            guard let current = best else {
                best = use
                continue
            }
            if use.count != current.count {
                if use.count > current.count { best = use }
            } else if use.last != current.last {
                if use.last > current.last { best = use }
            } else if use.bytes.lexicographicallyPrecedes(current.bytes) {
                best = use
            }
        }
        return best.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// One record per address, in the order the addresses were first seen.
    func records(source: String) -> [SourceRecord] {
        entries.map { entry in
            var fields = RecordFields()
            fields.reserveCapacity(bytes: entry.address.utf8.count * 2 + 96, values: 8)
            if let name = EmailContactBook.bestName(entry.names) { fields.set(.fullName, name) }
            if let title = entry.signature?.title { fields.set(.title, title) }
            fields.addEmail(entry.address, kind: kinds[kindIndex(rank: entry.rank, fallback: entry.firstHeader)])
            for phone in entry.signature?.phones ?? [] { fields.addPhone(phone.value, kind: phone.kind) }
            if let date = entry.newestDate { fields.set(.updatedAt, EmailDate.iso8601(date)) }
            if let id = entry.messageID { fields.addExtra("message_id", id) }
            fields.addExtra("header", kinds[entry.firstHeader])
            fields.addExtra("messages", String(entry.messages))
            return SourceRecord(source: source, sourceID: entry.sourceID, location: entry.location, fields: fields)
        }
    }

    private func kindIndex(rank: Int, fallback: Int) -> Int {
        ranks.firstIndex(of: rank) ?? fallback
    }
}
