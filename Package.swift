// swift-tools-version: 6.2
import PackageDescription

// Arrows point down only:
//   gotriage → TriageCLI → {DecisionEngine, HostEffects, LineEditing}
//   DecisionEngine → PlaybookSpec → Yams;  LineEditing → CEditLine (libedit)
let package = Package(
    name: "gotriage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gotriage", targets: ["gotriage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
    ],
    targets: [
        .executableTarget(name: "gotriage", dependencies: ["TriageCLI"]),
        .target(
            name: "TriageCLI",
            dependencies: [
                "DecisionEngine", "HostEffects", "LineEditing", "PlaybookSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "DecisionEngine", dependencies: ["PlaybookSpec"]),
        .target(name: "PlaybookSpec", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(
            name: "HostEffects",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),
        .target(name: "LineEditing", dependencies: ["CEditLine"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["DecisionEngine", "HostEffects", "LineEditing", "PlaybookSpec"]
        ),
        .executableTarget(
            name: "gotriage-bench",
            dependencies: ["PlaybookSpec", "HostEffects", "TestSupport"],
            path: "Benchmarks/gotriage-bench"
        ),
        .executableTarget(
            name: "gotriage-fuzz",
            dependencies: ["TriageCLI", "TestSupport", "PlaybookSpec", "HostEffects", "LineEditing"],
            path: "Fuzz/gotriage-fuzz"
        ),

        .testTarget(name: "PlaybookSpecTests", dependencies: ["PlaybookSpec", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DecisionEngineTests", dependencies: ["DecisionEngine", "TestSupport"]),
        .testTarget(name: "HostEffectsTests", dependencies: ["HostEffects", "TestSupport"]),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "TestSupport"]),
        .testTarget(name: "TriageCLITests", dependencies: ["TriageCLI", "TestSupport"],
                    exclude: ["Transcripts"]),  // golden files, read by path (ShellHarness.expectGolden)
        .testTarget(name: "EndToEndTests", dependencies: ["gotriage", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
