import Foundation

/// Minimal benchmark harness: repeats a closure, reports the median, min and max wall time and the
/// process's peak resident set size. Results are printed one line per benchmark in a stable format.
enum Bench {
    struct Result {
        var name: String
        var median: Double
        var min: Double
        var max: Double
        var units: Double
        var unitName: String

        var line: String {
            let rate = units / median
            return String(
                format: "%-34@ median %8.3f ms  (min %8.3f, max %8.3f)  %@",
                name as NSString, median * 1000, min * 1000, max * 1000, Bench.formatRate(rate, unitName) as NSString)
        }
    }

    /// Runs `body` `warmup` times unmeasured, then `runs` times measured; `units` is the work per run
    /// (bytes, numbers, pairs) so the rate can be printed.
    static func measure(
        _ name: String, runs: Int = 7, warmup: Int = 1, units: Double, unitName: String, _ body: () -> Void
    ) -> Result {
        for _ in 0..<warmup { body() }
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        let result = Result(
            name: name, median: times[times.count / 2], min: times[0], max: times[times.count - 1],
            units: units, unitName: unitName)
        print(result.line)
        return result
    }

    static func formatRate(_ rate: Double, _ unit: String) -> String {
        if unit == "B" { return String(format: "%.1f MB/s", rate / 1_000_000) }
        if rate >= 1_000_000 { return String(format: "%.2f M %@/s", rate / 1_000_000, unit) }
        return String(format: "%.0f %@/s", rate, unit)
    }

    /// Peak resident set size of this process so far, in MiB.
    static func peakRSSMiB() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
