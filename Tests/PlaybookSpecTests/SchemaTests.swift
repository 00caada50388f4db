import Foundation
import TestSupport
import Testing

/// `Playbooks/schema.json` against a real JSON Schema validator (Python's jsonschema, through
/// `scripts/check-schema.py`): it accepts every shipped playbook and every valid fixture, and
/// refuses every fixture the loader refuses, but for the few checks a schema cannot express.
@Suite struct SchemaTests {
    static let root = URL(fileURLWithPath: GotriageBinary.shippedPlaybooks).deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/PlaybookSpecTests/Fixtures")

    /// Loader checks a schema cannot make, each with the reason.
    static let beyondSchema: [String: String] = [
        // A schema sees the parsed mapping, where the repeat is already gone.
        "loader-repeated-key.yaml": "a repeated key",
        // Expanding the aliases is the attack; the loader refuses before it reads the nodes.
        "loader-alias-bomb.yaml": "an alias bomb"
    ]

    static func verdicts(_ files: [String]) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", root.appendingPathComponent("scripts/check-schema.py").path,
                root.appendingPathComponent("Playbooks/schema.json").path
            ] + files
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(problems)")
        var verdicts: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            let file = parts[1].split(separator: ":", maxSplits: 1).first.map(String.init) ?? parts[1]
            verdicts[file] = parts[0] == "accepted" ? "accepted" : String(line)
        }
        return verdicts
    }

    static func files(_ folder: URL, matching keep: (String) -> Bool = { _ in true }) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") && keep($0) }.sorted().map { folder.appendingPathComponent($0).path }
    }

    @Test func theSchemaAcceptsEveryShippedPlaybookAndValidFixture() throws {
        let shipped = Self.files(URL(fileURLWithPath: GotriageBinary.shippedPlaybooks)) { $0 != "causes.yaml" }
        let valid = Self.files(Self.fixtures.appendingPathComponent("valid"))
        #expect(shipped.count == 7 && valid.count >= 5)
        let verdicts = try Self.verdicts(shipped + valid)
        for file in shipped + valid {
            #expect(verdicts[file] == "accepted", "\(verdicts[file] ?? "no verdict for \(file)")")
        }
    }

    @Test func theSchemaRefusesWhatTheLoaderRefuses() throws {
        let loaderFixtures = Self.files(Self.fixtures.appendingPathComponent("invalid")) {
            $0.hasPrefix("loader-") && Self.beyondSchema[$0] != "an alias bomb"
        }
        #expect(loaderFixtures.count >= 25)
        let verdicts = try Self.verdicts(loaderFixtures)
        for file in loaderFixtures {
            let name = (file as NSString).lastPathComponent
            if Self.beyondSchema[name] != nil {
                #expect(verdicts[file] == "accepted", "\(name) is listed as beyond a schema, so the schema must not catch it")
            } else {
                #expect(verdicts[file]?.hasPrefix("refused") == true, "the loader refuses \(name); the schema accepts it")
            }
        }
    }
}
