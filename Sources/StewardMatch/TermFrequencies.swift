import Foundation
import StewardModel

/// Term-frequency adjustment: exact agreement on a rare value ("Zylberstein", a small company) is stronger evidence
/// than agreement on a common one ("Smith", "Müller"), with frequencies counted in the run's own data.
///
/// For a comparison with ``Comparison/termFrequency`` on, each record's value (the first value of the field's
/// match key) has a frequency p = records with that value / records with a value. Two different entities agree on
/// that value with probability about p, against Σp² for an average agreeing value (summed over the distinct
/// values), so the exact level's u is scaled by p / Σp²: the adjustment added to the level's weight is
/// log2(Σp² / p) bits, clamped to ±``bound``. Over random agreeing pairs it averages about zero; a value no more
/// common than the others (every value seen once) adjusts nothing. The pair's adjustment is the smaller of its
/// two records' (they agree on the value, or on a transliteration of it, Müller = Mueller). A field with fewer
/// than ``minimumRecords`` values is not adjusted.
///
/// - Complexity: O(total key bytes) to build; O(1) per pair.
struct TermFrequencies: Sendable {
    /// Largest adjustment either way, in bits: a value seen once in a million records does not outweigh a phone.
    static let bound: Float = 4
    /// Fewest records with a value for frequencies to mean anything: below it the comparison is not adjusted (in
    /// 60 records a name seen twice is chance, not a common name).
    static let minimumRecords = 1000

    /// Per comparison of the model: per record the adjustment (bits) its value earns at exact agreement; empty for
    /// comparisons without term-frequency adjustment.
    let adjustments: [ContiguousArray<Float>]
    /// Indices of the adjusted comparisons.
    let adjusted: [Int]

    init(model: MatchModel, table: RecordTable) {
        let adjusted = model.comparisons.indices.filter { model.comparisons[$0].termFrequency }
        var adjustments = [ContiguousArray<Float>](repeating: [], count: model.comparisons.count)
        for i in adjusted {
            let column = table.column(ColumnKey(model.comparisons[i].field, .key))
            adjustments[i] = Self.adjustments(column)
        }
        self.adjusted = adjusted
        self.adjustments = adjustments
    }

    /// The adjustment of each record of `column` (0 for records without a value).
    static func adjustments(_ column: ByteColumn) -> ContiguousArray<Float> {
        let records = column.count
        var hashes = ContiguousArray<UInt64>(repeating: 0, count: records)
        var counts: [UInt64: Int32] = [:]
        counts.reserveCapacity(records / 4)
        var withValue = 0
        column.bytes.withUnsafeBufferPointer { all in
            for record in 0..<records {
                let values = column.values(of: record)
                guard let first = values.first else { continue }
                let hash = fnv1a(UnsafeBufferPointer(rebasing: all[column.range(ofValue: first)]))
                hashes[record] = hash
                counts[hash, default: 0] += 1
                withValue += 1
            }
        }
        var out = ContiguousArray<Float>(repeating: 0, count: records)
        guard withValue >= minimumRecords else { return out }
        let n = Double(withValue)
        var sumOfSquares = 0.0
        for count in counts.values { sumOfSquares += (Double(count) / n) * (Double(count) / n) }
        for record in 0..<records where column.hasValue(record) {
            let p = Double(counts[hashes[record], default: 1]) / n
            let adjustment = Float(log2(sumOfSquares / p))
            out[record] = min(max(adjustment, -bound), bound)
        }
        return out
    }

    /// The adjustment of a pair that agrees exactly on comparison `comparison`.
    @inline(__always)
    func adjustment(_ comparison: Int, _ a: Int32, _ b: Int32) -> Float {
        let values = adjustments[comparison]
        return min(values[Int(a)], values[Int(b)])
    }

    /// FNV-1a, 64 bits.
    @inline(__always)
    private static func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
