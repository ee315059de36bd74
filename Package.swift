// swift-tools-version:6.0
// Steward: master-data deduplication and merge batch pipeline.
// Module layout follows the one-way data flow ingest → normalize → (match → cluster → merge) → store/report;
// see README.md "Architecture" for what each module may import.
import PackageDescription

let package = Package(
    name: "Steward",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "steward", targets: ["steward"]),
        .library(name: "StewardModel", targets: ["StewardModel"]),
        .library(name: "StewardText", targets: ["StewardText"]),
        .library(name: "StewardIngest", targets: ["StewardIngest"]),
        .library(name: "StewardNormalize", targets: ["StewardNormalize"]),
        .library(name: "StewardMatch", targets: ["StewardMatch"]),
        .library(name: "StewardCluster", targets: ["StewardCluster"]),
        .library(name: "StewardMerge", targets: ["StewardMerge"]),
        .library(name: "StewardReport", targets: ["StewardReport"]),
        .library(name: "StewardConfig", targets: ["StewardConfig"]),
        .library(name: "StewardPipeline", targets: ["StewardPipeline"]),
        .library(name: "StewardGenerate", targets: ["StewardGenerate"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Values that cross stages. No algorithms.
        .target(name: "StewardModel"),
        // Byte-level primitives: UTF-8 scanning, folding, similarity metrics, phonetic keys.
        .target(name: "StewardText"),
        // libxml2 (streaming reader) for the XML ingester: apt-get install libxml2-dev.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // One ingester per format → IngestResult { records, rejects }.
        .target(name: "StewardIngest", dependencies: ["StewardModel", "StewardText", "CLibXML2"]),
        // Name, email, phone and company normalizers with their reference tables as resources.
        .target(
            name: "StewardNormalize",
            dependencies: ["StewardModel", "StewardText"],
            resources: [.process("Resources")]
        ),
        // Blocking passes, comparison levels, Fellegi-Sunter weights, deterministic rules → MatchResult.
        .target(name: "StewardMatch", dependencies: ["StewardModel", "StewardText"]),
        // Union-find over merged pairs with must-link / cannot-link and coherence flags → ClusterResult.
        .target(name: "StewardCluster", dependencies: ["StewardModel"]),
        // Survivorship rules with lineage, deterministic golden ids → MergeResult.
        .target(name: "StewardMerge", dependencies: ["StewardModel"]),
        // Pipeline files: lint with line:col diagnostics, then resolve into one immutable PipelineSpec.
        .target(name: "StewardConfig", dependencies: ["StewardModel", .product(name: "Yams", package: "Yams")]),
        // Output files: formula-safe CSV, rejects, atomic writes.
        .target(name: "StewardReport", dependencies: ["StewardModel"]),
        // The master store (SQLite through GRDB; libsqlite3-dev on Linux) and stable golden ids across runs.
        .target(name: "StewardStore", dependencies: ["StewardModel", .product(name: "GRDB", package: "GRDB.swift")]),
        // The only module that knows the order of the stages.
        .target(
            name: "StewardPipeline",
            dependencies: [
                "StewardModel", "StewardIngest", "StewardNormalize", "StewardMatch", "StewardCluster", "StewardMerge",
                "StewardReport", "StewardConfig",
            ]
        ),
        // Deterministic synthetic contact sources with ground truth (`steward generate`).
        .target(name: "StewardGenerate", dependencies: ["StewardModel"]),
        // Thin command line.
        .executableTarget(
            name: "steward",
            dependencies: [
                "StewardModel", "StewardPipeline", "StewardIngest", "StewardNormalize", "StewardText", "StewardReport",
                "StewardConfig", "StewardGenerate",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fixture helpers shared by the test targets.
        .target(name: "StewardTestSupport", dependencies: ["StewardModel"], path: "Sources/StewardTestSupport"),

        .testTarget(name: "StewardModelTests", dependencies: ["StewardModel", "StewardTestSupport"]),
        .testTarget(name: "StewardTextTests", dependencies: ["StewardText", "StewardTestSupport"]),
        .testTarget(name: "StewardIngestTests", dependencies: ["StewardIngest", "StewardModel", "StewardTestSupport"]),
        .testTarget(
            name: "StewardNormalizeTests",
            dependencies: ["StewardNormalize", "StewardModel", "StewardText", "StewardTestSupport"]
        ),
        .testTarget(
            name: "StewardConfigTests", dependencies: ["StewardConfig", "StewardModel", "StewardTestSupport"]
        ),
        .testTarget(
            name: "StewardMatchTests",
            dependencies: ["StewardMatch", "StewardModel", "StewardText", "StewardTestSupport"]
        ),
        .testTarget(name: "StewardClusterTests", dependencies: ["StewardCluster", "StewardModel"]),
        .testTarget(name: "StewardMergeTests", dependencies: ["StewardMerge", "StewardModel"]),
        .testTarget(name: "StewardReportTests", dependencies: ["StewardReport", "StewardModel"]),
        .testTarget(
            name: "StewardPipelineTests",
            dependencies: ["StewardPipeline", "StewardModel", "StewardConfig", "StewardIngest", "StewardTestSupport"]
        ),
        .testTarget(
            name: "StewardGenerateTests",
            dependencies: [
                "StewardGenerate", "StewardPipeline", "StewardConfig", "StewardNormalize", "StewardModel",
            ]
        ),
        .testTarget(
            name: "StewardStoreTests", dependencies: ["StewardStore", "StewardModel", "steward-store-harness"]
        ),
        // Test-only helper (no product): writes runs into a store in a loop for the SIGKILL test, and measures writes.
        .executableTarget(
            name: "steward-store-harness", dependencies: ["StewardStore", "StewardModel"], path: "Tests/StoreHarness"
        ),
        // End to end: runs the built `steward` binary on testdata/.
        .testTarget(name: "StewardCLITests", dependencies: ["steward", "StewardTestSupport"]),
    ]
)
