import Diagnosis
import Foundation
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// `paste` in the shell: the pasted text ends at an empty line, the causes are shown, and the
/// offer starts the playbook with the module filled in.
@Suite struct ShellPasteTests {
    static func knowledge() throws -> Knowledge {
        try PlaybookSet.load(directories: [GotriageBinary.shippedPlaybooks]).get()
    }

    @Test func pasteNamesTheCauseAndStartsThePlaybookForTheModule() async throws {
        let knowledge = try Self.knowledge()
        // go 1.19.8 with GOPROXY=off in the GOENV file (scripts/capture-local-scenarios.py)
        let harness = ShellHarness(
            lines: [
                "paste",
                "go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off",
                "",
                "",
                "quit"
            ], goEnv: ["GOPROXY": "off", "GOFLAGS": ""])
        _ = await harness.run(knowledge.tree, catalog: knowledge.catalog.catalog)
        let transcript = harness.transcript
        #expect(transcript.contains("1. goproxy-off — Module lookup is switched off"))
        #expect(transcript.contains("│ line 1: go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off"))
        #expect(transcript.contains("Start go-settings at goflags-set for example.com/hello@v1.0.0? [Y/n] "))
        #expect(transcript.contains("▶ "), "the walk started:\n\(transcript)")
    }

    @Test func pasteOfAnUnknownTextOffersTheTriage() async throws {
        let knowledge = try Self.knowledge()
        let harness = ShellHarness(lines: ["paste", "main.go:12:2: undefined: fmt.Printl", "", "quit"])
        _ = await harness.run(knowledge.tree, catalog: knowledge.catalog.catalog)
        #expect(harness.transcript.contains("No known cause."))
        #expect(harness.transcript.contains("type start exit-status-128"))
        #expect(!harness.transcript.contains("[Y/n]"))
    }

    @Test func answeringNoStartsNothing() async throws {
        let knowledge = try Self.knowledge()
        let harness = ShellHarness(lines: [
            "paste", "go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off", "", "n", "quit"
        ])
        _ = await harness.run(knowledge.tree, catalog: knowledge.catalog.catalog)
        #expect(harness.transcript.contains("Not started. To start it later: start go-settings"))
        #expect(!harness.transcript.contains("▶ "))
    }
}
