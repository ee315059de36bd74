// swift-tools-version:6.0
// Release benchmarks for Steward's hot paths. Run from the repository root:
//   swift run -c release --package-path Benchmarks steward-bench all
// Kept out of the main package so the comparison libraries (CSV.swift, SwiftCSV) are never product dependencies.
import PackageDescription

let package = Package(
    name: "StewardBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Steward", path: ".."),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "steward-bench",
            dependencies: [
                .product(name: "StewardIngest", package: "Steward"),
                .product(name: "StewardNormalize", package: "Steward"),
                .product(name: "StewardText", package: "Steward"),
                .product(name: "StewardModel", package: "Steward"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]
        )
    ]
)
