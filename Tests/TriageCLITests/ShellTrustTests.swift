import Foundation
import HostEffects
import TestSupport
import Testing

@testable import TriageCLI

/// The shell's `undo` and `report`.
@Suite("Shell undo and report")
struct ShellTrustTests {
    @Test func undoPutsBackTheLastChangeOnce() async throws {
        let journal = InMemoryJournal()
        let harness = ShellHarness(
            lines: ["undo", "start private-module", "1", "y", "undo", "undo", "quit"],
            goEnv: ["GOPRIVATE": "old.example.com"], runner: ShellTests.failingDownload(),
            journal: journal)
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.fileValues == ["GOPRIVATE": "old.example.com"])
        #expect(journal.written.map(\.state) == [.planned, .planned, .applied, .undone])
        #expect(journal.written.last?.undoneBy == "shell-test")
        try expectGolden(harness.transcript, named: "undoPutsBackTheLastChangeOnce")
    }

    @Test func undoAllGoesNewestFirstAndForceIsAccepted() async throws {
        let journal = InMemoryJournal()
        let harness = ShellHarness(
            lines: ["start private-module", "1", "y", "restart", "2", "y", "undo all --force", "quit"],
            runner: ShellTests.failingDownload(), journal: journal)
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.fileValues.isEmpty)
        let undone = journal.written.filter { $0.state == .undone }
        #expect(undone.map(\.change) == [2, 1])
        #expect(
            harness.transcript.asProse.contains(
                "Undone: GOPRIVATE is no longer set in the GOENV file (back to Go's default)"
                    + " (wrote back the GOENV file as it was before the change)"), "\(harness.transcript)")
    }

    @Test func reportPrintsMarkdownForATicket() async throws {
        let harness = ShellHarness(
            lines: ["report", "start private-module", "1", "y", "report -", "quit"],
            goEnv: ["GOPROXY": "http://bob:hunter2secret@proxy.corp:3128"],
            runner: ShellTests.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        let text = harness.transcript
        #expect(text.contains("Nothing to report yet. Start a playbook first"))
        #expect(text.contains("## gotriage report: A private module is asked of the proxy (`private-module`)"))
        #expect(text.contains("| **Outcome** | ✔ **resolved** |"))
        #expect(text.contains("| **Cause** | `private-module-proxy` |"))
        #expect(text.contains("| 1 | `private-module:download` | ran `go mod download -json corp.example.com/team/lib` | exit 1 | 12 ms |"))
        #expect(text.contains("| 2 | `private-module:which` | asked “Which host is private?” | `corp.example.com` |  |"))
        #expect(text.contains("```console\n$ go mod download -json corp.example.com/team/lib\n```"))
        #expect(text.contains("```sh\ngo env -w GOPRIVATE=corp.example.com\n```"))
        #expect(text.contains("- `GOPRIVATE`: (empty) (default) → `corp.example.com` — applied, go env now reports `corp.example.com`"))
        #expect(text.contains("stderr:\n\n```text\ngo: corp.example.com/team/lib@v1.0.0: reading http://proxy/…: 404 Not Found\n```"))
        #expect(text.contains("### Evidence"))
        #expect(text.contains("| **gotriage** | \(Gotriage.version) |"))
        #expect(text.contains("GOPROXY=http://REDACTED@proxy.corp:3128"))
        #expect(!text.contains("hunter2secret"))
    }

    @Test func reportWithoutAFileWritesANewOneInTheCurrentFolder() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gotriage-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let harness = ShellHarness(
            lines: ["start private-module", "1", "y", "report", "report --json", "quit"], runner: ShellTests.failingDownload(),
            workingDirectory: directory.path)
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written.count == 2, "\(written)")
        let markdown = try #require(written.first { $0.hasSuffix(".md") })
        let json = try #require(written.first { $0.hasSuffix(".json") })
        #expect(markdown.hasPrefix("gotriage-report-private-module-") && json.hasPrefix("gotriage-report-private-module-"))
        #expect(
            harness.transcript.contains("Wrote the report, secrets redacted:\n    \(directory.path)/\(markdown)\n"), "\(harness.transcript)"
        )
        #expect(!harness.transcript.contains("## gotriage report"), "the report went to the file, not the screen")
        let text = try String(contentsOf: directory.appendingPathComponent(markdown), encoding: .utf8)
        #expect(text.contains("## gotriage report: A private module is asked of the proxy (`private-module`)"))
    }

    @Test func reportWritesJSONToAFileAndOnlyNoRedactKeepsSecrets() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gotriage-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let redacted = directory.appendingPathComponent("r.json").path
        let plain = directory.appendingPathComponent("plain.json").path
        let harness = ShellHarness(
            lines: [
                "start private-module", "1", "n", "report --json \(redacted)",
                "report --no-redact \(plain)", "quit"
            ],
            goEnv: ["GOPROXY": "http://bob:hunter2secret@proxy.corp:3128"],
            runner: ShellTests.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.transcript.contains("Wrote the report, secrets redacted:\n    \(redacted)\n"), "\(harness.transcript)")
        #expect(harness.transcript.contains("NOT redacted"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: redacted))) as? [String: Any])
        #expect(json["redacted"] as? Bool == true)
        let walk = try #require(json["walk"] as? [String: Any])
        #expect((walk["steps"] as? [Any])?.count == 3)
        #expect((walk["end"] as? [String: Any])?["outcome"] as? String == "not-resolved")
        #expect(!(try String(contentsOfFile: redacted, encoding: .utf8)).contains("hunter2secret"))
        #expect(try String(contentsOfFile: plain, encoding: .utf8).contains("hunter2secret"))
    }
}
