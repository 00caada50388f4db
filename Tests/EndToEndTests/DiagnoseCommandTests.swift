import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage diagnose` on real go output: the causes, their evidence and facts, as text and JSON.
@Suite struct DiagnoseCommandTests {
    /// go 1.19.8 against a proxy that could not reach the private origin (scripts/capture-local-scenarios.py).
    static let privateModuleText = """
        go: git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:PORT/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found
        \tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path "git.corp.test/team/lib": https fetch: Get "https://git.corp.test/team/lib?go-get=1": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host

        """

    @Test func jsonNamesTheCauseWithEvidenceFactsAndStart() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["diagnose", "--json", "-"], input: Self.privateModuleText)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(DiagnosisReport.self, from: Data(result.stdout.utf8))
        #expect(report.known)
        #expect(report.causes.count <= 3)
        let best = try #require(report.causes.first)
        #expect(best.id == "private-module-proxy")
        #expect(best.start == "private-modules:triage")
        #expect(best.facts["module"] == "git.corp.test/team/lib")
        #expect(best.facts["version"] == "v1.2.0")
        #expect(best.evidence.first?.hasPrefix("line 1: go: git.corp.test/team/lib@v1.2.0: reading") == true)
        #expect(best.evidence.contains { $0.hasPrefix("line 2:") && $0.contains("no such host") })
        #expect(!report.causes.contains { $0.id == "network-unreachable" && $0.score >= best.score })
    }

    @Test func textOutputQuotesTheLinesAndTheRunCommand() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let file = lab.root.appendingPathComponent("ci.log")
        try Data(Self.privateModuleText.utf8).write(to: file)
        let result = try lab.gotriage(["diagnose", file.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("1. private-module-proxy — A private module was asked of a public proxy"))
        #expect(result.stdout.contains("│ line 2: "))
        #expect(result.stdout.contains("gotriage run private-modules --answer module=git.corp.test/team/lib@v1.2.0"))
    }

    @Test func anUnknownTextIsNoKnownCauseAndOffersTheTriage() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["diagnose"], input: "main.go:12:2: undefined: fmt.Printl\n")
        #expect(result.exitCode == 5)
        #expect(result.stdout.contains("No known cause."))
        #expect(result.stdout.contains("gotriage run exit-status-128"))
        let json = try lab.gotriage(["diagnose", "--json"], input: "main.go:12:2: undefined: fmt.Printl\n")
        let report = try JSONDecoder().decode(DiagnosisReport.self, from: Data(json.stdout.utf8))
        #expect(!report.known)
    }
}
