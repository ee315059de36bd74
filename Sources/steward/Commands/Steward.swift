import ArgumentParser

/// `steward`: the root command. Subcommands live one per file in this folder.
struct Steward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steward",
        abstract: "Master-data deduplication and merge: ingest, normalize, match and merge contact records.",
        discussion: """
            Exit status: 0 ok, 1 finished with rejects or warnings (listed on stderr), 2 bad usage or input \
            file problem, 3 failure.
            """,
        version: StewardVersion.current,
        subcommands: [
            Run.self, Dedup.self, Plan.self, Evaluate.self, Validate.self, Inspect.self, Normalize.self,
            Similarity.self, Train.self, Generate.self, Bench.self,
        ]
    )
}

enum StewardVersion {
    static let current = "0.1.0"
}
