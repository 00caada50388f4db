import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// The cause the catalog read in go's output is never lost: the `end` line of `--json` (and an
/// `interrupted` line), the Markdown report and the JSON report carry it whatever the outcome —
/// a fix declined by the user or for lack of `--yes`, a dry run, an escalation, an interrupt.
@Suite struct DiagnosisCarriedTests {
    static let module = "example.com/hello"
    /// go 1.19.8's `go mod download -json example.com/hello` with GOPROXY=off.
    static let goproxyOff = """
        {
        \t"Path": "example.com/hello",
        \t"Version": "v1.0.0",
        \t"Error": "module lookup disabled by GOPROXY=off"
        }

        """
    /// go 1.19.8 against a proxy that wants a login (no playbook proves proxy-auth yet).
    static let proxyAuth = """
        {
        \t"Path": "example.com/hello",
        \t"Version": "v1.0.0",
        \t"Error": "reading http://127.0.0.1:4/example.com/hello/@v/v1.0.0.info: 401 Unauthorized"
        }

        """
    /// go 1.19.8 with a proxy on a dead port.
    static let refused = """
        {
        \t"Path": "example.com/hello",
        \t"Version": "v1.0.0",
        \t"Error": "Get \\"http://127.0.0.1:1/example.com/hello/@v/v1.0.0.info\\": dial tcp 127.0.0.1:1: connect: connection refused"
        }

        """

    /// Everything one walk produced: its last stop, the `--json` lines, the recorded walk.
    struct Run {
        let stop: WalkDriver.Stop
        let lines: [JSONEvent]
        let record: WalkRecord
    }

    /// Walks exit-status-128 over the shipped playbooks with go answering `download` for the
    /// failing module; `interruptGoEnvProbe` makes the `go env GOPROXY` probe end by Ctrl-C.
    static func walk(
        download: String, policy: WalkDriver.FixPolicy, answerNo: Bool = false,
        interruptGoEnvProbe: Bool = false
    ) async throws -> Run {
        let knowledge = try ShellPasteTests.knowledge()
        let runner = FakeCommandRunner { request in
            switch request.argv {
            case ["go", "version"]: CommandResult(argv: request.argv, stdout: "go version go1.19.8 linux/amd64\n")
            case ["go", "mod", "download", "-json", module]: CommandResult(argv: request.argv, exitCode: 1, stdout: download)
            case ["go", "env", "GOPROXY"]:
                CommandResult(
                    argv: request.argv, exitCode: interruptGoEnvProbe ? 130 : 0,
                    stdout: "off\n", interrupted: interruptGoEnvProbe)
            default: CommandResult(argv: request.argv)
            }
        }
        let host = Host(
            runner: runner, goEnvironment: InMemoryGoEnvironment(values: ["GOPROXY": "off"]), environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let walk = try #require(Walk(tree: knowledge.tree, playbook: "exit-status-128", variables: ["module": module]))
        let output = JSONLinesRendererTests.Output()
        let recorder = WalkRecorder()
        let driver = WalkDriver(
            walk: walk, host: host,
            observer: WalkObservers([JSONLinesRenderer(console: output.console), recorder]),
            presetAnswers: ["module": module, "goproxy": "https://proxy.example.com"], fixPolicy: policy)
        var stop = await driver.advance()
        if answerNo, case .fixConfirmation = stop {
            driver.declineFix(why: .userSaidNo)
            stop = await driver.advance()
        }
        return Run(stop: stop, lines: try JSONLinesRendererTests.decode(output.out), record: recorder.record)
    }

    /// The `diagnosis` of the last line (`end` or `interrupted`).
    static func lastDiagnosis(_ lines: [JSONEvent]) -> JSONEvent.Diagnosis? {
        switch lines.last {
        case .end(let end)?: end.diagnosis
        case .interrupted(let interrupted)?: interrupted.diagnosis
        default: nil
        }
    }

    /// Both reports of the run, Markdown and JSON.
    static func reports(_ record: WalkRecord) throws -> (markdown: String, json: String) {
        let context = ReportContext(
            gotriage: "test", go: "go version go1.19.8 linux/amd64", os: "Linux",
            generatedAt: "2026-12-03T00:00:00Z")
        let redactor = Redactor()
        return (
            MarkdownReport(record: record, context: context, redactor: redactor).render(),
            try JSONReport(record: record, context: context, redactor: redactor).render(with: redactor)
        )
    }

    /// The diagnosis is on the last line and in both reports, with its evidence line.
    static func expectCarried(
        _ run: Run, cause: String, evidence: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let diagnosis = try #require(
            lastDiagnosis(run.lines), "no diagnosis on the last line: \(run.lines.last.map { "\($0)" } ?? "none")",
            sourceLocation: sourceLocation)
        #expect(diagnosis.cause == cause, sourceLocation: sourceLocation)
        #expect(diagnosis.evidence.contains(evidence), "\(diagnosis.evidence)", sourceLocation: sourceLocation)
        #expect(diagnosis.step == "exit-status-128:reproduce", sourceLocation: sourceLocation)
        #expect(run.record.diagnosis?.cause == cause, sourceLocation: sourceLocation)
        let (markdown, json) = try reports(run.record)
        #expect(markdown.contains("| **Diagnosis** | `\(cause)`"), "\(markdown)", sourceLocation: sourceLocation)
        #expect(markdown.contains(evidence), sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let walk = object?["walk"] as? [String: Any]
        let reported = walk?["diagnosis"] as? [String: Any]
        #expect(reported?["cause"] as? String == cause, "\(json)", sourceLocation: sourceLocation)
        #expect((reported?["evidence"] as? String)?.contains(evidence) == true, sourceLocation: sourceLocation)
    }

    @Test func aFixDeclinedForLackOfYesKeepsTheDiagnosis() async throws {
        let run = try await Self.walk(download: Self.goproxyOff, policy: .declineAll)
        guard case .finished(let end) = run.stop else {
            Issue.record("expected the end, got \(run.stop)")
            return
        }
        #expect(end.reason == .fixDeclined)
        #expect(run.lines.contains { if case .fixDeclined(let declined) = $0 { declined.reason == .noConsent } else { false } })
        try Self.expectCarried(run, cause: "goproxy-off", evidence: "module lookup disabled by GOPROXY=off")
    }

    @Test func aFixTheUserDeclinesKeepsTheDiagnosis() async throws {
        let run = try await Self.walk(download: Self.goproxyOff, policy: .confirm, answerNo: true)
        guard case .finished(let end) = run.stop else {
            Issue.record("expected the end, got \(run.stop)")
            return
        }
        #expect(end.reason == .fixDeclined)
        #expect(run.lines.contains { if case .fixDeclined(let declined) = $0 { declined.reason == .userSaidNo } else { false } })
        try Self.expectCarried(run, cause: "goproxy-off", evidence: "module lookup disabled by GOPROXY=off")
    }

    @Test func aDryRunKeepsTheDiagnosis() async throws {
        let run = try await Self.walk(download: Self.goproxyOff, policy: .dryRun)
        guard case .end(let end)? = run.lines.last else {
            Issue.record("expected the end")
            return
        }
        #expect(end.outcome == .fixProposed)
        try Self.expectCarried(run, cause: "goproxy-off", evidence: "module lookup disabled by GOPROXY=off")
    }

    @Test func anEscalationForACauseNoPlaybookProvesKeepsTheDiagnosisAndItsHelp() async throws {
        let run = try await Self.walk(download: Self.proxyAuth, policy: .declineAll)
        guard case .end(let end)? = run.lines.last else {
            Issue.record("expected the end")
            return
        }
        #expect(end.outcome == .escalate)
        #expect(end.cause == "unknown", "the walk proved nothing")
        #expect(end.diagnosis?.help?.contains(".netrc") == true, "\(String(describing: end.diagnosis))")
        try Self.expectCarried(run, cause: "proxy-auth", evidence: "401 Unauthorized")
    }

    @Test func anInterruptAfterTheDiagnosisKeepsIt() async throws {
        let run = try await Self.walk(download: Self.refused, policy: .declineAll, interruptGoEnvProbe: true)
        guard case .interrupted(let step) = run.stop else {
            Issue.record("expected the interrupt, got \(run.stop)")
            return
        }
        #expect(step == StepAddress(playbook: "network", step: "read-proxy"))
        #expect(run.lines.last?.kind == .interrupted)
        try Self.expectCarried(run, cause: "network-unreachable", evidence: "connection refused")
    }

    @Test func theDiagnosisIsAnnouncedOnceWhenItIsMade() async throws {
        let run = try await Self.walk(download: Self.goproxyOff, policy: .declineAll)
        let announced = run.lines.compactMap { if case .diagnosis(let diagnosis) = $0 { diagnosis } else { nil } }
        #expect(announced.map(\.cause) == ["goproxy-off"])
        #expect(announced.first?.signature == "goproxy-off")
        #expect(announced.first?.evidence == #"stdout line 4: "go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off""#)
    }
}
