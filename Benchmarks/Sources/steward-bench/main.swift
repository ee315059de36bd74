import Foundation

// steward-bench [all|csv|phone|name|email|similarity|vcard|xml|mbox]…  — release benchmarks (README "Performance").
// steward-bench generate vcard|xml|mbox FILE MEGABYTES  — write a synthetic input file.
// steward-bench rss vcard|xml|mbox FILE                 — stream one file through its ingester, print peak RSS.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "generate", arguments.count == 4, let megabytes = Int(arguments[3]) {
    switch arguments[1] {
    case "vcard": try VCardBench.write(path: arguments[2], megabytes: megabytes)
    case "xml": XMLBench.write(path: arguments[2], megabytes: megabytes)
    case "mbox": HeaderBench.generate(path: arguments[2], bytes: megabytes * 1_000_000)
    default: print("unknown format \(arguments[1]): vcard, xml or mbox")
    }
    exit(0)
}
if arguments.first == "rss", arguments.count == 3 {
    switch arguments[1] {
    case "vcard": VCardBench.rss(path: arguments[2])
    case "xml": XMLBench.rss(path: arguments[2])
    case "mbox": HeaderBench.rss(path: arguments[2])
    default: print("unknown format \(arguments[1]): vcard, xml or mbox")
    }
    exit(0)
}
let selected = Set(arguments)
let runAll = selected.isEmpty || selected.contains("all")
print("steward-bench  (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
if runAll || selected.contains("csv") { CSVBench.run() }
if runAll || selected.contains("phone") { PhoneBench.run() }
if runAll || selected.contains("name") { NameBench.run() }
if runAll || selected.contains("email") { EmailBench.run() }
if runAll || selected.contains("similarity") { SimilarityBench.run() }
if runAll || selected.contains("vcard") { VCardBench.run() }
if runAll || selected.contains("xml") { XMLBench.run() }
if runAll || selected.contains("mbox") { HeaderBench.run() }
print(String(format: "peak RSS %.1f MiB", Bench.peakRSSMiB()))
