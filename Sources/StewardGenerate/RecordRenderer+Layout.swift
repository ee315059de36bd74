/// Lays a drafted record out in its source's format: RFC 4180 CSV (Salesforce- and Google-Contacts-like), vCard
/// 2.1/3.0/4.0 as a card scanner exports them, the XML export of a marketing tool, and mbox messages.
extension RecordRenderer {
    static let crmHeader =
        "Contact ID,Salutation,First Name,Last Name,Title,Account Name,Email,Phone,Mobile,Mailing City,"
        + "Mailing Country,Last Modified Date\r\n"
    static let marketingHeader =
        "ID,Name,Given Name,Family Name,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,Organization 1 - Name,"
        + "Organization 1 - Title,Address 1 - Country\r\n"
    static let xmlHeader =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Export system=\"CampaignHub\" version=\"2\">\n  <Subscribers>\n"
    static let xmlFooter = "  </Subscribers>\n</Export>\n"

    // MARK: - CSV

    /// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled.
    static func appendCSVField(_ field: [UInt8], to out: inout [UInt8]) {
        var quote = false
        for b in field where b == 44 || b == 34 || b == 10 || b == 13 {
            quote = true
            break
        }
        guard quote else {
            out += field
            return
        }
        out.append(34)
        for b in field {
            if b == 34 { out.append(34) }
            out.append(b)
        }
        out.append(34)
    }

    private mutating func field(_ bytes: [UInt8], _ out: inout [UInt8], last: Bool = false) {
        RecordRenderer.appendCSVField(bytes, to: &out)
        out.append(contentsOf: last ? [13, 10] : [44])
    }

    /// Writes phone `i` of the draft in a national or international form into `line`.
    private mutating func phoneText(_ i: Int, _ rng: inout SplitMix64) {
        line.removeAll(keepingCapacity: true)
        PhoneText.render(
            draft.phones[i].nsn[...], locale: draft.locale, international: draft.international,
            ext: draft.phones[i].ext, rng: &rng, to: &line)
    }

    private func firstPhone(_ roles: [RecordDraft.PhoneRole]) -> Int? {
        for role in roles {
            for i in 0..<draft.phoneCount where draft.phones[i].role == role { return i }
        }
        return nil
    }

    /// `Contact ID,Salutation,First Name,Last Name,Title,Account Name,Email,Phone,Mobile,Mailing City,
    /// Mailing Country,Last Modified Date`.
    mutating func layoutCRM(id: [UInt8], _ rng: inout SplitMix64, to out: inout [UInt8]) {
        field(id, &out)
        field(draft.honorificInName ? [] : draft.honorific, &out)
        var first = draft.swapped ? draft.family : draft.given
        var last = draft.swapped ? draft.given : draft.family
        if draft.honorificInName { first = draft.honorific + [32] + first }
        if !draft.suffix.isEmpty { last += [32] + draft.suffix }
        field(first, &out)
        field(last, &out)
        field(draft.title, &out)
        field(draft.company, &out)
        field(draft.emailCount > 0 ? draft.emails[0] : [], &out)
        if let i = firstPhone([.work, .home]) {
            phoneText(i, &rng)
            field(line, &out)
        } else {
            field([], &out)
        }
        if let i = firstPhone([.mobile]) {
            phoneText(i, &rng)
            field(line, &out)
        } else {
            field([], &out)
        }
        field(draft.city, &out)
        field(draft.country, &out)
        line.removeAll(keepingCapacity: true)
        CivilDate.appendISO(day: draft.day, seconds: draft.seconds, to: &line)
        field(line, &out, last: true)
    }

    /// The full name as one string: `Dr. Jürgen Müller Jr.`, or `Müller Jr., Dr. Jürgen` when `lastFirst`.
    func appendFullName(_ out: inout [UInt8], lastFirst: Bool) {
        if lastFirst {
            out += draft.family
            if !draft.suffix.isEmpty { out += [32] + draft.suffix }
            out += [44, 32]
            if !draft.honorific.isEmpty && draft.honorificInName { out += draft.honorific + [32] }
            out += draft.given
            return
        }
        if !draft.honorific.isEmpty && draft.honorificInName { out += draft.honorific + [32] }
        out += draft.given
        out.append(32)
        out += draft.family
        if !draft.suffix.isEmpty { out += [32] + draft.suffix }
    }

    /// `ID,Name,Given Name,Family Name,E-mail 1 - Value,E-mail 2 - Value,Phone 1 - Value,Organization 1 - Name,
    /// Organization 1 - Title,Address 1 - Country`; two phones share one cell as Google writes them (` ::: `).
    mutating func layoutMarketing(id: [UInt8], _ rng: inout SplitMix64, to out: inout [UInt8]) {
        field(id, &out)
        var name: [UInt8] = []
        appendFullName(&name, lastFirst: draft.nameOnly && draft.lastFirst)
        field(name, &out)
        field(draft.nameOnly ? [] : draft.given, &out)
        field(draft.nameOnly ? [] : draft.family, &out)
        field(draft.emailCount > 0 ? draft.emails[0] : [], &out)
        field(draft.emailCount > 1 ? draft.emails[1] : [], &out)
        var phones: [UInt8] = []
        for i in 0..<draft.phoneCount {
            if i > 0 { phones.append(" ::: ") }
            phoneText(i, &rng)
            phones += line
        }
        field(phones, &out)
        field(draft.company, &out)
        field(draft.title, &out)
        field(draft.country, &out, last: true)
    }

    // MARK: - vCard

    private enum CardVersion {
        case v21, v30, v40
    }

    /// A business card as a scanner app exports it: vCard 3.0 (70%), 2.1 (20%, quoted-printable UTF-8 for
    /// non-ASCII values) or 4.0 (10%, `tel:` URIs for international numbers). Values escaped per version, lines
    /// folded at 75 octets (3.0/4.0) or with quoted-printable soft breaks (2.1).
    mutating func layoutCard(id: [UInt8], _ rng: inout SplitMix64, to out: inout [UInt8]) {
        let roll = rng.below(10)
        let version: CardVersion = roll < 7 ? .v30 : roll < 9 ? .v21 : .v40
        out.append("BEGIN:VCARD\r\n")
        out.append(version == .v21 ? "VERSION:2.1\r\n" : version == .v30 ? "VERSION:3.0\r\n" : "VERSION:4.0\r\n")
        // N: family;given;additional;prefix;suffix
        var value: [UInt8] = []
        escapeCard(draft.family, version, &value)
        value.append(59)
        escapeCard(draft.honorificInName ? draft.honorific + [32] + draft.given : draft.given, version, &value)
        value += [59, 59]
        if !draft.honorificInName { escapeCard(draft.honorific, version, &value) }
        value.append(59)
        escapeCard(draft.suffix, version, &value)
        cardLine("N", value, version, &out)
        value.removeAll(keepingCapacity: true)
        var full: [UInt8] = []
        if !draft.honorificInName && !draft.honorific.isEmpty { full += draft.honorific + [32] }
        appendFullName(&full, lastFirst: false)
        escapeCard(full, version, &value)
        cardLine("FN", value, version, &out)
        if !draft.company.isEmpty {
            value.removeAll(keepingCapacity: true)
            escapeCard(draft.company, version, &value)
            cardLine("ORG", value, version, &out)
        }
        if !draft.title.isEmpty {
            value.removeAll(keepingCapacity: true)
            escapeCard(draft.title, version, &value)
            cardLine("TITLE", value, version, &out)
        }
        for i in 0..<draft.phoneCount {
            let role = draft.phones[i].role
            let name: String
            switch version {
            case .v21: name = role == .work ? "TEL;WORK;VOICE" : role == .mobile ? "TEL;CELL" : "TEL;HOME;VOICE"
            case .v30:
                name = role == .work ? "TEL;TYPE=WORK,VOICE" : role == .mobile ? "TEL;TYPE=CELL" : "TEL;TYPE=HOME"
            case .v40:
                name = role == .work ? "TEL;TYPE=\"work,voice\"" : role == .mobile ? "TEL;TYPE=cell" : "TEL;TYPE=home"
            }
            if version == .v40 && (draft.international || rng.chance(0.5)) {
                line.removeAll(keepingCapacity: true)
                PhoneText.appendTelURI(
                    draft.phones[i].nsn[...], locale: draft.locale, ext: draft.phones[i].ext, to: &line)
                cardLine(name + ";VALUE=uri", line, version, &out)
            } else {
                phoneText(i, &rng)
                cardLine(name, line, version, &out)
            }
        }
        for i in 0..<draft.emailCount {
            let name = version == .v21 ? "EMAIL;INTERNET" : version == .v30 ? "EMAIL;TYPE=INTERNET" : "EMAIL"
            cardLine(name, draft.emails[i], version, &out)
        }
        if !draft.city.isEmpty || !draft.country.isEmpty {
            value.removeAll(keepingCapacity: true)
            value += [59, 59, 59]
            escapeCard(draft.city, version, &value)
            value += [59, 59, 59]
            escapeCard(draft.country, version, &value)
            cardLine(
                version == .v21 ? "ADR;WORK" : version == .v30 ? "ADR;TYPE=WORK" : "ADR;TYPE=work", value, version, &out
            )
        }
        if rng.chance(0.25) {
            value.removeAll(keepingCapacity: true)
            var note: [UInt8] = Array("Scanned at ".utf8)
            note.append(RecordRenderer.events[rng.below(RecordRenderer.events.count)])
            note.append(", booth ")
            note.append(UInt8(ascii: "A") + UInt8(rng.below(8)))
            note.appendDecimal(1 + rng.below(60))
            escapeCard(note, version, &value)
            cardLine("NOTE", value, version, &out)
        }
        line.removeAll(keepingCapacity: true)
        CivilDate.appendISO(day: draft.day, seconds: draft.seconds, basic: version != .v30, to: &line)
        cardLine("REV", line, version, &out)
        line.removeAll(keepingCapacity: true)
        if version != .v21 { line.append("urn:uuid:") }
        line += id
        cardLine("UID", line, version, &out)
        out.append("END:VCARD\r\n")
    }

    static let events = [
        "CeBIT Hannover", "Web Summit", "VivaTech Paris", "DMEXCO Köln", "London Tech Week", "SaaStr Annual",
        "Hannover Messe", "Salon des Entrepreneurs", "Dreamforce", "it-sa Nürnberg",
    ]

    /// vCard text escaping: 3.0/4.0 escape backslash, comma, semicolon and newline; 2.1 only semicolon and
    /// backslash (commas are plain text there).
    private func escapeCard(_ text: [UInt8], _ version: CardVersion, _ out: inout [UInt8]) {
        for b in text {
            switch b {
            case 92, 59:
                out.append(92)
                out.append(b)
            case 44 where version != .v21:
                out.append(92)
                out.append(b)
            case 10:
                out.append(92)
                out.append(110)
            default: out.append(b)
            }
        }
    }

    /// Appends `name:value` with its line end, folded: 3.0/4.0 at 75 octets with CRLF + space, never inside a
    /// UTF-8 sequence; 2.1 values that are not plain short ASCII as quoted-printable UTF-8 with soft breaks.
    private func cardLine(_ name: String, _ value: [UInt8], _ version: CardVersion, _ out: inout [UInt8]) {
        if version == .v21 {
            let plain = value.count + name.utf8.count < 74 && value.allSatisfy { $0 >= 32 && $0 < 127 }
            if plain {
                out.append(name)
                out.append(58)
                out += value
                out += [13, 10]
                return
            }
            out.append(name)
            out.append(";CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:")
            var column = name.utf8.count + 42
            let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
            for (i, b) in value.enumerated() {
                let literal = b >= 33 && b <= 126 && b != 61 || b == 32 && i + 1 < value.count
                let width = literal ? 1 : 3
                if column + width > 75 {
                    out += [61, 13, 10]
                    column = 0
                }
                if literal {
                    out.append(b)
                } else {
                    out += [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
                column += width
            }
            out += [13, 10]
            return
        }
        var column = name.utf8.count + 1
        out.append(name)
        out.append(58)
        if column + value.count <= 75 {
            out += value
            out += [13, 10]
            return
        }
        var i = 0
        while i < value.count {
            // The whole UTF-8 sequence starting here.
            let b = value[i]
            let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            if column + length > 75 {
                out += [13, 10, 32]
                column = 1
            }
            let end = min(value.count, i + length)
            out += value[i..<end]
            column += end - i
            i = end
        }
        out += [13, 10]
    }

    // MARK: - XML

    /// One `<Subscriber>` of the marketing tool's export; empty values are left out, text escaped.
    mutating func layoutXML(id: [UInt8], _ rng: inout SplitMix64, to out: inout [UInt8]) {
        out.append("    <Subscriber id=\"")
        RecordRenderer.escapeXML(id, to: &out)
        out.append("\">\n")
        if !draft.honorificInName { element("Salutation", draft.honorific, &out) }
        element("FirstName", draft.honorificInName ? draft.honorific + [32] + draft.given : draft.given, &out)
        element("LastName", draft.family, &out)
        element("Suffix", draft.suffix, &out)
        for i in 0..<draft.emailCount { element("Email", draft.emails[i], &out) }
        element("Company", draft.company, &out)
        element("JobTitle", draft.title, &out)
        if draft.phoneCount > 0 {
            out.append("      <Phones>\n")
            for i in 0..<draft.phoneCount {
                out.append("        <Phone type=\"")
                out.append(["work", "mobile", "home"][Int(draft.phones[i].role.rawValue)])
                out.append("\">")
                phoneText(i, &rng)
                RecordRenderer.escapeXML(line, to: &out)
                out.append("</Phone>\n")
            }
            out.append("      </Phones>\n")
        }
        element("City", draft.city, &out)
        element("Country", draft.country, &out)
        line.removeAll(keepingCapacity: true)
        CivilDate.appendISO(day: draft.day, seconds: draft.seconds, to: &line)
        element("Modified", line, &out)
        element("Consent", Array((rng.chance(0.8) ? "opt-in" : "double-opt-in").utf8), &out)
        out.append("    </Subscriber>\n")
    }

    private func element(_ name: String, _ value: [UInt8], _ out: inout [UInt8]) {
        guard !value.isEmpty else { return }
        out.append("      <")
        out.append(name)
        out.append(62)
        RecordRenderer.escapeXML(value, to: &out)
        out.append("</")
        out.append(name)
        out.append(">\n")
    }

    /// `&`, `<`, `>`, `"` and `'` as entities (valid in text and in attribute values).
    static func escapeXML(_ text: [UInt8], to out: inout [UInt8]) {
        for b in text {
            switch b {
            case 38: out.append("&amp;")
            case 60: out.append("&lt;")
            case 62: out.append("&gt;")
            case 34: out.append("&quot;")
            case 39: out.append("&apos;")
            default: out.append(b)
            }
        }
    }

    // MARK: - mbox

    /// A message the person sent to the support desk (and, 15% of the time, a follow-up): an mbox `From `
    /// separator, `From:` with the display name (quoted when it needs it, RFC 2047 encoded-words for some non-ASCII
    /// names), the desk in `To:`, sometimes the previous sender in `Cc:`, date and message id.
    mutating func layoutMessage(_ rng: inout SplitMix64, to out: inout [UInt8]) {
        var mailbox: [UInt8] = []
        if draft.noDisplayName {
            mailbox += draft.emails[0]
        } else {
            var name: [UInt8] = []
            if !draft.honorific.isEmpty { name += draft.honorific + [32] }
            if draft.lastFirst {
                name.removeAll()
                appendFullName(&name, lastFirst: true)
            } else {
                name += draft.given + [32] + draft.family
                if !draft.suffix.isEmpty { name += [32] + draft.suffix }
            }
            appendDisplayName(name, &rng, to: &mailbox)
            mailbox += [32, 60] + draft.emails[0] + [62]
        }
        let messages = rng.chance(0.15) ? 2 : 1
        for m in 0..<messages {
            let day = draft.day + m * (1 + rng.below(9))
            let seconds = m == 0 ? draft.seconds : 7 * 3600 + rng.below(12 * 3600)
            out.append("From ")
            for b in draft.emails[0] { out.append(b >= 65 && b <= 90 ? b + 32 : b) }
            out.append(32)
            CivilDate.appendAsctime(day: day, seconds: seconds, to: &out)
            out.append("\nFrom: ")
            out += mailbox
            out.append("\nTo: Customer Support <support@helpdesk.example.com>\n")
            if !lastMailbox.isEmpty && rng.chance(0.2) {
                out.append("Cc: ")
                out += lastMailbox
                out.append(10)
            }
            out.append("Subject: ")
            let subjects = RecordRenderer.subjects[draft.locale.rawValue]
            out.append(subjects[rng.below(subjects.count)])
            if m > 0 { out.append(" (follow-up)") }
            out.append(" #")
            out.appendDecimal(100_000 + rng.below(900_000))
            out.append("\nDate: ")
            CivilDate.appendRFC5322(day: day, seconds: seconds, to: &out)
            out.append("\nMessage-ID: <")
            out.appendHex(rng.next(), count: 16)
            out.append("@mail.example.net>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n")
            out.append("Content-Transfer-Encoding: 8bit\n\n")
            let bodies = RecordRenderer.bodies[draft.locale.rawValue]
            out.append(bodies[rng.below(bodies.count)])
            out += draft.given
            out.append("\n\n")
        }
        lastMailbox = mailbox
    }

    static let subjects: [[String]] = [
        [
            "Question about my invoice", "Login problem", "Order status", "Cancel subscription",
            "Update billing address",
        ],
        ["Query regarding invoice", "Cannot log in", "Delivery enquiry", "Change of address", "Account question"],
        ["Frage zur Rechnung", "Login funktioniert nicht", "Lieferstatus", "Kündigung", "Adressänderung"],
        [
            "Question sur ma facture", "Problème de connexion", "Suivi de commande", "Résiliation",
            "Changement d'adresse",
        ],
    ]

    static let bodies: [[String]] = [
        [
            "Hello,\n\nI have a question about my last invoice. Could you please call me back?\n\nBest regards\n",
            "Hi there,\n\nI still cannot log in to my account since the update.\n\nThanks,\n",
            "Hello support team,\n\nplease update the billing address on our account.\n\nKind regards\n",
        ],
        [
            "Hello,\n\nCould you confirm when my order will be delivered?\n\nMany thanks\n",
            "Dear Sir or Madam,\n\nI would like to change the contact details on our account.\n\nKind regards,\n",
            "Hi,\n\nI was charged twice this month, please advise.\n\nCheers\n",
        ],
        [
            "Guten Tag,\n\nich habe eine Frage zu meiner letzten Rechnung. Bitte rufen Sie mich zurück.\n\nViele Grüße\n",
            "Hallo,\n\nseit dem Update kann ich mich nicht mehr anmelden.\n\nMit freundlichen Grüßen\n",
            "Sehr geehrte Damen und Herren,\n\nbitte ändern Sie unsere Rechnungsadresse.\n\nBeste Grüße\n",
        ],
        [
            "Bonjour,\n\nJ'ai une question concernant ma dernière facture. Pourriez-vous me rappeler ?\n\nCordialement,\n",
            "Bonjour,\n\nJe n'arrive plus à me connecter depuis la mise à jour.\n\nMerci d'avance,\n",
            "Madame, Monsieur,\n\nMerci de mettre à jour notre adresse de facturation.\n\nBien à vous,\n",
        ],
    ]

    /// An RFC 5322 display name: plain when it is atoms only; a quoted string when it holds specials (`,` `.`
    /// `"` …); non-ASCII names as raw UTF-8 half of the time, else as RFC 2047 encoded-words (Q 70%, B 30%).
    private func appendDisplayName(_ name: [UInt8], _ rng: inout SplitMix64, to out: inout [UInt8]) {
        let ascii = name.allSatisfy { $0 < 0x80 }
        if !ascii && rng.chance(0.5) {
            let useQ = rng.chance(0.7)
            // Encoded-words of at most 75 characters, split between characters, separated by folding white space.
            var i = 0
            var first = true
            while i < name.count {
                if !first { out.append("\n ") }
                first = false
                out.append(useQ ? "=?UTF-8?Q?" : "=?UTF-8?B?")
                var chunk: [UInt8] = []
                var budget = useQ ? 63 : 45
                while i < name.count {
                    let b = name[i]
                    let length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                    let end = min(name.count, i + length)
                    let cost = useQ ? name[i..<end].reduce(0) { $0 + (RecordRenderer.qLiteral($1) ? 1 : 3) } : length
                    if cost > budget { break }
                    budget -= cost
                    chunk += name[i..<end]
                    i = end
                }
                if useQ {
                    let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
                    for b in chunk {
                        if b == 32 {
                            out.append(95)
                        } else if RecordRenderer.qLiteral(b) {
                            out.append(b)
                        } else {
                            out += [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
                        }
                    }
                } else {
                    RecordRenderer.appendBase64(chunk, to: &out)
                }
                out.append("?=")
            }
            return
        }
        let specials: [UInt8] = Array("()<>[]:;@\\,.\"".utf8)
        if name.contains(where: { specials.contains($0) }) {
            out.append(34)
            for b in name {
                if b == 34 || b == 92 { out.append(92) }
                out.append(b)
            }
            out.append(34)
        } else {
            out += name
        }
    }

    /// Characters an RFC 2047 Q encoded-word in a phrase may carry as themselves (space is written `_`).
    static func qLiteral(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 33 || b == 42 || b == 43
            || b == 45 || b == 47 || b == 32
    }

    static func appendBase64(_ bytes: [UInt8], to out: inout [UInt8]) {
        let table: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var i = 0
        while i + 2 < bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2])
            out += [table[n >> 18], table[n >> 12 & 63], table[n >> 6 & 63], table[n & 63]]
            i += 3
        }
        if i + 1 == bytes.count {
            let n = Int(bytes[i]) << 16
            out += [table[n >> 18], table[n >> 12 & 63], 61, 61]
        } else if i + 2 == bytes.count {
            let n = Int(bytes[i]) << 16 | Int(bytes[i + 1]) << 8
            out += [table[n >> 18], table[n >> 12 & 63], table[n >> 6 & 63], 61]
        }
    }
}
