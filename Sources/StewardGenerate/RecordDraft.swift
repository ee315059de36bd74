/// One record of one person for one source, its values decided (corruption applied) and not yet laid out in the
/// source's format. Buffers are reused from record to record.
struct RecordDraft {
    enum PhoneRole: UInt8 {
        case work, mobile, home
    }

    struct Phone {
        var nsn: [UInt8] = []
        var ext = 0
        var role = PhoneRole.work
    }

    var locale = ContactLocale.us
    var entity = 0
    var honorific: [UInt8] = []
    /// The honorific is written inside the given-name field (`Dr. Jürgen`) instead of its own.
    var honorificInName = false
    var given: [UInt8] = []
    var family: [UInt8] = []
    var suffix: [UInt8] = []
    /// Given and family name in each other's column.
    var swapped = false
    /// Only the full-name column is filled (marketing), `Family, Given` when `lastFirst`.
    var nameOnly = false
    var lastFirst = false
    /// Email header without a display name.
    var noDisplayName = false
    var company: [UInt8] = []
    var title: [UInt8] = []
    var emails: [[UInt8]] = [[], []]
    var emailCount = 0
    var phones: [Phone] = [Phone(), Phone(), Phone()]
    var phoneCount = 0
    var city: [UInt8] = []
    var country: [UInt8] = []
    /// No country on the record: phones are written with `+`.
    var international = false
    /// Days since 2023-01-01 and seconds into that day of the record's last change.
    var day = 0
    var seconds = 0

    mutating func reset() {
        honorific.removeAll(keepingCapacity: true)
        honorificInName = false
        given.removeAll(keepingCapacity: true)
        family.removeAll(keepingCapacity: true)
        suffix.removeAll(keepingCapacity: true)
        swapped = false
        nameOnly = false
        lastFirst = false
        noDisplayName = false
        company.removeAll(keepingCapacity: true)
        title.removeAll(keepingCapacity: true)
        emails[0].removeAll(keepingCapacity: true)
        emails[1].removeAll(keepingCapacity: true)
        emailCount = 0
        for i in 0..<3 { phones[i].nsn.removeAll(keepingCapacity: true) }
        phoneCount = 0
        city.removeAll(keepingCapacity: true)
        country.removeAll(keepingCapacity: true)
        international = false
    }

    mutating func addPhone(role: PhoneRole, ext: Int) -> Int {
        phones[phoneCount].role = role
        phones[phoneCount].ext = ext
        phones[phoneCount].nsn.removeAll(keepingCapacity: true)
        phoneCount += 1
        return phoneCount - 1
    }
}

/// Calendar arithmetic for the dates the sources carry (proleptic Gregorian, UTC), without Foundation.
enum CivilDate {
    /// Days from 1970-01-01 to 2023-01-01.
    static let epochOffset = 19_358

    /// (year, month, day) of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2024-05-12T13:31:12Z`, or `20240512T133112Z` when `basic`.
    static func appendISO(day: Int, seconds: Int, basic: Bool = false, to out: inout [UInt8]) {
        let (y, m, d) = civil(day + epochOffset)
        out.appendDecimal(y, width: 4)
        if !basic { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(m, width: 2)
        if !basic { out.append(UInt8(ascii: "-")) }
        out.appendDecimal(d, width: 2)
        out.append(UInt8(ascii: "T"))
        appendTime(seconds, separator: !basic, to: &out)
        out.append(UInt8(ascii: "Z"))
    }

    /// RFC 5322: `Sun, 12 May 2024 13:31:12 +0000`.
    static func appendRFC5322(day: Int, seconds: Int, to out: inout [UInt8]) {
        let days = day + epochOffset
        let (y, m, d) = civil(days)
        out.append(weekdays[days % 7])
        out.append(", ")
        out.appendDecimal(d, width: 2)
        out.append(UInt8(ascii: " "))
        out.append(months[m - 1])
        out.append(UInt8(ascii: " "))
        out.appendDecimal(y, width: 4)
        out.append(UInt8(ascii: " "))
        appendTime(seconds, separator: true, to: &out)
        out.append(" +0000")
    }

    /// The mbox separator's asctime form: `Sun May 12 13:31:12 2024`.
    static func appendAsctime(day: Int, seconds: Int, to out: inout [UInt8]) {
        let days = day + epochOffset
        let (y, m, d) = civil(days)
        out.append(weekdays[days % 7])
        out.append(UInt8(ascii: " "))
        out.append(months[m - 1])
        out.append(UInt8(ascii: " "))
        if d < 10 { out.append(UInt8(ascii: " ")) }
        out.appendDecimal(d)
        out.append(UInt8(ascii: " "))
        appendTime(seconds, separator: true, to: &out)
        out.append(UInt8(ascii: " "))
        out.appendDecimal(y, width: 4)
    }

    private static func appendTime(_ seconds: Int, separator: Bool, to out: inout [UInt8]) {
        out.appendDecimal(seconds / 3600, width: 2)
        if separator { out.append(UInt8(ascii: ":")) }
        out.appendDecimal(seconds / 60 % 60, width: 2)
        if separator { out.append(UInt8(ascii: ":")) }
        out.appendDecimal(seconds % 60, width: 2)
    }
}
