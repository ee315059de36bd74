import Foundation
import StewardModel

extension SourceRecord {
    /// The record's value of `field` as reports show it: a single field's text, the emails or phones joined by
    /// `; `, an extra field by name; empty when absent.
    func text(of field: FieldReference) -> String {
        switch field {
        case .canonical(.emails): return fields.emails.map(\.value).joined(separator: "; ")
        case .canonical(.phones): return fields.phones.map(\.value).joined(separator: "; ")
        case .canonical(let single): return fields[single] ?? ""
        case .extra(let name): return fields.extra(name) ?? ""
        }
    }

    var ref: RecordRef { RecordRef(source: source, sourceID: sourceID) }
}

extension RunOutput {
    /// Record `index`'s value of `field` as reports show it: the source's text, or for a name part the source did
    /// not give on its own (a record with only a full name) the part the name normalizer found, so the audit shows
    /// what was compared.
    func text(_ index: Int32, _ field: FieldReference) -> String {
        let record = records[Int(index)]
        let text = record.text(of: field)
        guard text.isEmpty, normalized.indices.contains(Int(index)), let name = normalized[Int(index)].name else {
            return text
        }
        switch field {
        case .canonical(.givenName): return name.given ?? ""
        case .canonical(.middleName): return name.middle ?? ""
        case .canonical(.familyName): return name.family ?? ""
        case .canonical(.namePrefix): return name.prefix ?? ""
        case .canonical(.nameSuffix): return name.suffix ?? ""
        default: return text
        }
    }
}

extension MatchResult {
    /// Index of the kept pair of records `a` and `b` (either order), found by binary search over the (a, b) order.
    func pairIndex(_ a: Int32, _ b: Int32) -> Int? {
        let key = (min(a, b), max(a, b))
        var low = 0
        var high = pairs.count
        while low < high {
            let mid = (low + high) / 2
            if (pairs[mid].a, pairs[mid].b) < key { low = mid + 1 } else { high = mid }
        }
        guard low < pairs.count, pairs[low].a == key.0, pairs[low].b == key.1 else { return nil }
        return low
    }
}

/// Number formats shared by the CSV reports: fixed decimals, `.` as separator whatever the locale.
enum ReportNumber {
    /// Probability with 6 decimals (`0.953104`), so a value just under a threshold never prints as the threshold.
    static func probability(_ value: Double) -> String { fixed(value, 6) }

    /// Match weight (log2 odds) with 3 decimals.
    static func weight(_ value: Double) -> String { fixed(value, 3) }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        return String(format: "%.\(decimals)f", value)
    }
}
