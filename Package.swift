// swift-tools-version: 6.2
import PackageDescription

// Arrows point down only:
//   gotriage → TriageCLI → {DecisionEngine, HostEffects, LineEditing}
//   DecisionEngine → PlaybookSpec → {Yams, Diagnosis};  LineEditing → CEditLine (libedit)
//   Diagnosis reads Go's error output as structure and ranks causes: pure, no I/O, no YAML.
let package = Package(
    name: "gotriage",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gotriage", targets: ["gotriage"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0")
    ],
    targets: [
        .executableTarget(name: "gotriage", dependencies: ["TriageCLI"]),
        .target(
            name: "TriageCLI",
            dependencies: [
                "DecisionEngine", "Diagnosis", "HostEffects", "LineEditing", "PlaybookSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
        ),
        .target(name: "DecisionEngine", dependencies: ["PlaybookSpec"]),
        .target(name: "PlaybookSpec", dependencies: ["Diagnosis", .product(name: "Yams", package: "Yams")]),
        .target(name: "Diagnosis"),
        .target(
            name: "HostEffects",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto")
            ]
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
            dependencies: ["DecisionEngine", "Diagnosis", "PlaybookSpec", "HostEffects", "TestSupport"],
            path: "Benchmarks/gotriage-bench"
        ),
        .executableTarget(
            name: "gotriage-corpus",
            dependencies: ["Diagnosis", "PlaybookSpec"],
            path: "Tools/gotriage-corpus"
        ),
        .executableTarget(
            name: "gotriage-fuzz",
            dependencies: ["TriageCLI", "TestSupport", "PlaybookSpec", "HostEffects", "LineEditing"],
            path: "Fuzz/gotriage-fuzz"
        ),

        .testTarget(
            name: "PlaybookSpecTests", dependencies: ["PlaybookSpec", "Diagnosis", "TestSupport"],
            resources: [.copy("Fixtures")]),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "PlaybookSpec", "TestSupport"]),
        .testTarget(name: "DecisionEngineTests", dependencies: ["DecisionEngine", "TestSupport"]),
        .testTarget(name: "HostEffectsTests", dependencies: ["HostEffects", "TestSupport"]),
        .testTarget(name: "LineEditingTests", dependencies: ["LineEditing", "TestSupport"]),
        .testTarget(
            name: "TriageCLITests", dependencies: ["TriageCLI", "Diagnosis", "TestSupport"],
            exclude: ["Transcripts"]),  // golden files, read by path (ShellHarness.expectGolden)
        // TriageCLI for JSONEvent: the tests decode `--json` lines with the schema the binary writes.
        .testTarget(name: "EndToEndTests", dependencies: ["gotriage", "TriageCLI", "TestSupport"])
    ],
    swiftLanguageModes: [.v6]
)
