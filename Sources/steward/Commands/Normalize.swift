import ArgumentParser
import StewardModel
import StewardNormalize

/// `steward normalize phone|email|name|company`: one input line → one canonical line (empty when none).
struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize values read one per line on stdin; writes exactly one line per input line.",
        discussion: "An input line with no usable value gives an empty output line, so output lines pair with input.",
        subcommands: [Phone.self, Email.self, Name.self, Company.self]
    )

    struct Phone: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Phone numbers → E.164 (+14155550100). Extensions are dropped from the output line.")

        @Option(help: "Default region (ISO 3166 code, e.g. US, DE) for numbers without a country code.")
        var region: String?

        func validate() throws { _ = try RegionOption.resolve(region) }

        func run() throws {
            let normalizer = PhoneNormalizer()
            let region = try RegionOption.resolve(region)
            LineFilter.run { normalizer.normalized($0, defaultRegion: region)?.e164 }
        }
    }

    struct Email: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Email addresses → canonical address (trimmed, lower-cased, IDN domain in ASCII).")

        @Flag(help: "Print the match key instead (provider rules: gmail dots and +tags removed, …).")
        var key = false

        func run() throws {
            let normalizer = EmailNormalizer()
            let key = self.key
            LineFilter.run { line in normalizer.normalized(line).map { key ? $0.key : $0.address } }
        }
    }

    struct Name: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Person names → folded match key (\"Dr. Müller, Hans\" → \"hans muller\").")

        func run() throws {
            let normalizer = NameNormalizer()
            LineFilter.run { normalizer.matchKey($0) }
        }
    }

    struct Company: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Company names → match key without legal suffixes (\"The Acme Corp., Inc.\" → \"acme\").")

        func run() throws {
            let normalizer = CompanyNormalizer()
            LineFilter.run { normalizer.key($0) }
        }
    }
}

/// Reads stdin line by line (LF or CRLF) and writes one output line per input line.
enum LineFilter {
    static func run(_ transform: (String) -> String?) {
        var out = OutputBuffer()
        while let line = readLine(strippingNewline: true) {
            out.append(transform(line) ?? "")
        }
        out.flush()
    }
}
