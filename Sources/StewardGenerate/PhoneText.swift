/// Phone numbers of the generated people: national significant numbers from unique slots, written the ways people
/// write them per country (`+1 (415) 555-0100`, `415.555.0100`, `0049 30 1234567`, `030 1234567`,
/// `+44 (0)20 7946 0123`, `01 42 68 53 00`), with extensions as ` x107`, ` ext. 107`.
enum PhoneText {
    enum Kind {
        case direct, newDirect, switchboard, mobile, home
    }

    /// Appends the national significant number (no trunk 0) of a person's phone of `kind`.
    static func appendNSN(_ kind: Kind, entity e: Int, world: World, to out: inout [UInt8]) {
        let p = world.entities[e]
        let l = Int(p.locale)
        let t = world.tables[l]
        let ordinal = Int(p.ordinal)
        switch kind {
        case .direct, .newDirect, .switchboard:
            let c = Int(kind == .newDirect ? p.newCompany : p.company)
            let company = world.companies[c]
            let area = t.cities[company.city].areas[company.area]
            out += area.digits
            let slot =
                kind == .switchboard
                ? 4 * world.localeCounts[l] + company.ordinal : 4 * ordinal + (kind == .direct ? 0 : 3)
            area.plan.append(slot: slot, to: &out)
        case .mobile:
            if p.locale == UInt8(ContactLocale.us.rawValue) {
                let area = t.cities[Int(p.city)].areas[Int(p.area)]
                out += area.digits
                area.plan.append(slot: 4 * ordinal + 1, to: &out)
            } else {
                t.mobile.append(slot: 4 * ordinal + 1, to: &out)
            }
        case .home:
            let owner = world.entities[Int(p.homeOwner)]
            let area = t.cities[Int(owner.city)].areas[Int(owner.area)]
            out += area.digits
            area.plan.append(slot: 4 * Int(owner.ordinal) + 2, to: &out)
        }
    }

    /// Writes `nsn` as people of `locale` do: national forms 60% and international 40%, or only forms with `+`
    /// when the record has no country to read a national number in. `ext` > 0 is appended as an extension.
    static func render(
        _ nsn: ArraySlice<UInt8>, locale: ContactLocale, international: Bool, ext: Int, rng: inout SplitMix64,
        to out: inout [UInt8]
    ) {
        var w = PhoneWriter(out: out, nsn: nsn)
        out = []
        let intl = international || rng.chance(0.4)
        switch locale {
        case .us: w.us(intl: intl, &rng)
        case .uk: w.uk(intl: intl, plus: international, &rng)
        case .de: w.de(intl: intl, plus: international, &rng)
        case .fr: w.fr(intl: intl, plus: international, &rng)
        }
        if ext > 0 {
            w.put([" x", " ext. ", " ext ", " Ext. "][rng.below(4)])
            w.out.appendDecimal(ext)
        }
        out = w.out
    }

    /// An RFC 3966 URI of the number (`tel:+49-30-1234567;ext=12`), as vCard 4.0 writers put it.
    static func appendTelURI(_ nsn: ArraySlice<UInt8>, locale: ContactLocale, ext: Int, to out: inout [UInt8]) {
        out += "tel:+".utf8
        out.append(locale.callingCode)
        out.append(UInt8(ascii: "-"))
        let n = Array(nsn)
        let split = locale == .fr ? 1 : locale == .us ? 3 : n.count > 10 ? 3 : 2
        out += n[0..<split]
        out.append(UInt8(ascii: "-"))
        out += n[split...]
        if ext > 0 {
            out += ";ext=".utf8
            out.appendDecimal(ext)
        }
    }
}

/// Appends the parts of one phone number; `nsn` is the national significant number.
private struct PhoneWriter {
    var out: [UInt8]
    let nsn: ArraySlice<UInt8>

    @inline(__always)
    mutating func put(_ text: String) {
        out.append(contentsOf: text.utf8)
    }

    /// Digits `from..<to` of the number (offsets from its start).
    @inline(__always)
    mutating func digits(_ from: Int, _ to: Int) {
        let base = nsn.startIndex
        out.append(contentsOf: nsn[(base + from)..<(base + min(to, nsn.count))])
    }

    /// Digits from `from` in groups of `sizes`, joined by `separator` (the rest in a last group).
    mutating func groups(_ from: Int, _ sizes: [Int], _ separator: String) {
        var i = from
        for (k, size) in sizes.enumerated() where i < nsn.count {
            if k > 0 { put(separator) }
            digits(i, i + size)
            i += size
        }
        if i < nsn.count {
            put(separator)
            digits(i, nsn.count)
        }
    }

    mutating func us(intl: Bool, _ rng: inout SplitMix64) {
        if intl {
            switch rng.below(5) {
            case 0:
                put("+1 (")
                digits(0, 3)
                put(") ")
                groups(3, [3, 4], "-")
            case 1:
                put("+1 ")
                groups(0, [3, 3, 4], " ")
            case 2:
                put("+1-")
                groups(0, [3, 3, 4], "-")
            case 3:
                put("+1")
                digits(0, 10)
            default:
                put("+1 ")
                groups(0, [3, 3, 4], "-")
            }
            return
        }
        switch rng.below(6) {
        case 0:
            put("(")
            digits(0, 3)
            put(") ")
            groups(3, [3, 4], "-")
        case 1: groups(0, [3, 3, 4], "-")
        case 2: groups(0, [3, 3, 4], ".")
        case 3: groups(0, [3, 3, 4], " ")
        case 4: digits(0, 10)
        default:
            put("1-")
            groups(0, [3, 3, 4], "-")
        }
    }

    mutating func uk(intl: Bool, plus: Bool, _ rng: inout SplitMix64) {
        let first = nsn[nsn.startIndex]
        let mobile = first == UInt8(ascii: "7")
        let area = mobile ? 4 : first == UInt8(ascii: "2") ? 2 : 3
        let sub = mobile ? [6] : area == 2 ? [4, 4] : [3, 4]
        if intl {
            switch plus ? [0, 1, 3][rng.below(3)] : rng.below(4) {
            case 0:
                put("+44 ")
                groups(0, [area] + sub, " ")
            case 1:
                put("+44 (0)")
                groups(0, [area] + sub, " ")
            case 2:
                put("0044 ")
                groups(0, [area] + sub, " ")
            default:
                put("+44")
                digits(0, nsn.count)
            }
            return
        }
        switch rng.below(mobile ? 3 : 4) {
        case 0:
            put("0")
            groups(0, [area] + sub, " ")
        case 1:
            put("0")
            digits(0, nsn.count)
        case 2:
            put("0")
            groups(0, [area, nsn.count - area], " ")
        default:
            put("(0")
            digits(0, area)
            put(") ")
            groups(area, sub, " ")
        }
    }

    mutating func de(intl: Bool, plus: Bool, _ rng: inout SplitMix64) {
        let a = nsn[nsn.startIndex]
        let b = nsn[nsn.startIndex + 1]
        let twoDigit =
            (a == UInt8(ascii: "3") && b == UInt8(ascii: "0")) || (a == UInt8(ascii: "8") && b == UInt8(ascii: "9"))
            || (a == UInt8(ascii: "4") && b == UInt8(ascii: "0")) || (a == UInt8(ascii: "6") && b == UInt8(ascii: "9"))
        let area = twoDigit ? 2 : 3
        let rest = nsn.count - area
        let spaced = rest == 7 ? [3, 2, 2] : rest == 8 ? [4, 4] : [rest]
        if intl {
            switch plus ? [0, 1, 3, 4][rng.below(4)] : rng.below(5) {
            case 0:
                put("+49 ")
                groups(0, [area, rest], " ")
            case 1:
                put("+49 (0)")
                groups(0, [area] + spaced, " ")
            case 2:
                put("0049 ")
                groups(0, [area, rest], " ")
            case 3:
                put("+49-")
                groups(0, [area, rest], "-")
            default:
                put("+49")
                groups(0, [area, rest], " ")
            }
            return
        }
        let style = rng.below(5)
        put(style == 3 ? "(0" : "0")
        digits(0, area)
        put(["/", "-", ") ", " ", " "][style == 3 ? 2 : style == 0 ? 3 : style == 1 ? 0 : style == 2 ? 1 : 4])
        if style == 4 {
            groups(area, spaced, " ")
        } else {
            digits(area, nsn.count)
        }
    }

    mutating func fr(intl: Bool, plus: Bool, _ rng: inout SplitMix64) {
        if intl {
            switch plus ? [0, 1, 3][rng.below(3)] : rng.below(4) {
            case 0:
                put("+33 ")
                groups(0, [1, 2, 2, 2, 2], " ")
            case 1:
                put("+33 (0)")
                groups(0, [1, 2, 2, 2, 2], " ")
            case 2:
                put("0033 ")
                groups(0, [1, 2, 2, 2, 2], " ")
            default:
                put("+33")
                digits(0, nsn.count)
            }
            return
        }
        put("0")
        switch rng.below(4) {
        case 0: groups(0, [1, 2, 2, 2, 2], " ")
        case 1: groups(0, [1, 2, 2, 2, 2], ".")
        case 2: digits(0, nsn.count)
        default: groups(0, [1, 2, 2, 2, 2], "-")
        }
    }
}
