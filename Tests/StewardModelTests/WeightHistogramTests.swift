import Foundation
import StewardModel
import Testing

@Suite struct WeightHistogramTests {
    @Test func binsAreOneBitWideAndClampAtTheEnds() {
        #expect(WeightHistogram.bin(0) == -WeightHistogram.lowest)
        #expect(WeightHistogram.bin(-0.5) == -WeightHistogram.lowest - 1)
        #expect(WeightHistogram.bin(-1000) == 0 && WeightHistogram.bin(-.infinity) == 0)
        #expect(WeightHistogram.bin(1000) == WeightHistogram.binCount - 1)
        #expect(WeightHistogram.bin(.infinity) == WeightHistogram.binCount - 1)
    }

    @Test func bandsFollowTheThresholdsAndJSONRoundTrips() throws {
        var histogram = WeightHistogram()
        for (weight, probability) in [(-20.0, 0.0001), (-19.5, 0.0001), (3.2, 0.9), (12.0, 0.9998), (12.9, 0.9999)] {
            histogram.add(weight: weight, probability: probability, mergeThreshold: 0.95, reviewThreshold: 0.7)
        }
        #expect((histogram.merge, histogram.review, histogram.distinct) == (2, 1, 2))
        let span = histogram.span
        #expect(span.from == -20)
        #expect(span.counts.count == 33 && span.counts[0] == 2 && span.counts[23] == 1 && span.counts[32] == 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(histogram), as: UTF8.self)
        #expect(
            json.hasPrefix(#"{"bands":{"distinct":2,"merge":2,"review":1},"bin_bits":1,"bins":[{"from":-20,"pairs":2}"#)
        )
        #expect(try JSONDecoder().decode(WeightHistogram.self, from: Data(json.utf8)) == histogram)
        var sum = WeightHistogram()
        sum.add(histogram)
        sum.add(histogram)
        #expect(sum.total == 10 && sum.counts[WeightHistogram.bin(12)] == 4)
    }
}
