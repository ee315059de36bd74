import ArgumentParser
import Foundation
import StewardText

/// `steward similarity jaro-winkler`: `a<TAB>b` lines → similarity with 6 decimals.
struct Similarity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "String similarity of tab-separated pairs read on stdin, one result line per input line.",
        subcommands: [JaroWinklerCommand.self]
    )

    struct JaroWinklerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "jaro-winkler",
            abstract: "Jaro-Winkler similarity of the two strings as given (Unicode scalars, no normalization).",
            discussion: """
                Standard definition: prefix scale 0.1, common prefix of at most 4, boost when the Jaro similarity \
                exceeds 0.7. A line without a TAB gives an empty output line and a message on stderr (exit 1).
                """
        )

        func run() throws {
            var out = OutputBuffer()
            var lineNumber = 0
            var bad = 0
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                guard let tab = line.firstIndex(of: "\t") else {
                    Console.error("stdin:\(lineNumber): expected two strings separated by a TAB")
                    bad += 1
                    out.append("")
                    continue
                }
                let a = String(line[..<tab])
                let b = String(line[line.index(after: tab)...])
                out.append(String(format: "%.6f", JaroWinkler.similarity(a, b)))
            }
            out.flush()
            if bad > 0 { throw CommandStatus(status: .finishedWithRejects) }
        }
    }
}
