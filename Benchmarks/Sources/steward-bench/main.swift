import Foundation

// steward-bench [all|csv|phone|name|email|similarity]…  — release benchmarks; see README "Performance".
let selected = Set(CommandLine.arguments.dropFirst())
let runAll = selected.isEmpty || selected.contains("all")
print("steward-bench  (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
if runAll || selected.contains("csv") { CSVBench.run() }
if runAll || selected.contains("phone") { PhoneBench.run() }
if runAll || selected.contains("name") { NameBench.run() }
if runAll || selected.contains("email") { EmailBench.run() }
if runAll || selected.contains("similarity") { SimilarityBench.run() }
print(String(format: "peak RSS %.1f MiB", Bench.peakRSSMiB()))
