import Foundation

// steward-bench [all|csv|phone|similarity]…  — release benchmarks; see README "Performance".
let selected = Set(CommandLine.arguments.dropFirst())
let runAll = selected.isEmpty || selected.contains("all")
print("steward-bench  (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
if runAll || selected.contains("similarity") { SimilarityBench.run() }
print(String(format: "peak RSS %.1f MiB", Bench.peakRSSMiB()))
