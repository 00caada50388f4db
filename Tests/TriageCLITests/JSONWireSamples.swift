import HostEffects
import PlaybookSpec

@testable import DecisionEngine
@testable import TriageCLI

/// One walk event of every kind (and the variants whose optional keys differ), for the `--json`
/// wire-format tests.
enum JSONWireSamples {
    static let step = StepAddress(playbook: "book", step: "check")
    static let question = PendingQuestion(
        step: step, prompt: "Which proxy?", variable: "goproxy",
        choices: ["a", "b"], defaultValue: "a", pattern: nil)
    static let freeQuestion = PendingQuestion(
        step: step, prompt: "Which module?", variable: "module",
        choices: [], defaultValue: nil, pattern: "[a-z]+")
    static let probe = PendingProbe(
        step: step, argv: ["go", "version"], environment: ["X": "1"],
        timeoutMilliseconds: 30_000, pending: "go version")
    static let quietProbe = PendingProbe(
        step: step, argv: ["true"], environment: [:], timeoutMilliseconds: 5,
        pending: nil)
    static let fix = PendingFix(
        step: step, reason: "GOPROXY is off.",
        changes: [.init(key: "GOPROXY", value: "https://p/x"), .init(key: "GOFLAGS", value: nil)])
    static let snapshot = GoEnvSnapshot(
        values: ["GOPROXY": "off", "GOFLAGS": "-x"], goenvFile: "/g/env",
        fileValues: ["GOPROXY": "off"], osEnvironment: ["GOFLAGS": "-x"])
    static let commands = [["go", "env", "-w", "GOPROXY=https://p/x"], ["go", "env", "-u", "GOFLAGS"]]
    static let decision = Decision(
        step: step, target: StepAddress(playbook: "book", step: "next"),
        kind: .branch(index: 1, count: 2), condition: "exit is 0", evidence: ["exit 0"],
        location: SourceLocation(file: "/p/book.yaml", line: 7, column: 9))
    static let plainDecision = Decision(
        step: step, target: StepAddress(playbook: "book", step: "next"), kind: .next,
        condition: nil, evidence: [],
        location: SourceLocation(file: "/p/book.yaml", line: 8, column: 5))

    static let diagnosis = DiagnosedCause(
        cause: "goproxy-off", signature: "goproxy-off", score: 0.95,
        evidence: #"stdout line 4: "go: m@v1: module lookup disabled by GOPROXY=off""#,
        reason: "GOPROXY is off, so go may not download m", help: nil, step: step)
    static let helped = DiagnosedCause(
        cause: "proxy-auth", signature: "proxy-auth", score: 0.75,
        evidence: #"stdout line 4: "go: m@v1: reading http://p/m/@v/v1.info: 401 Unauthorized""#,
        reason: "the proxy answered 401 Unauthorized for http://p/m/@v/v1.info",
        help: "give go the proxy's credentials", step: step)

    static let events: [WalkEvent] = [
        .started(playbook: "book", title: "A book"),
        .said("Hello / there", step: step),
        .probeStarted(probe),
        .probeStarted(quietProbe),
        .probeFinished(
            probe,
            CommandResult(
                argv: ["go", "version"], exitCode: 0, stdout: "go1.19\n", stderr: "",
                timedOut: false, interrupted: false, durationMilliseconds: 3.14159)),
        .probeFinished(
            quietProbe,
            CommandResult(
                argv: ["true"], exitCode: 137, timedOut: true, interrupted: true,
                durationMilliseconds: 5)),
        .asked(question),
        .asked(freeQuestion),
        .answered(question, value: "b", origin: .user),
        .answered(freeQuestion, value: "x", origin: .preset),
        .answerRejected(question, reply: "c", reason: "Please answer with one of: a, b."),
        .fixProposed(fix, commands: commands, current: snapshot),
        .fixProposed(fix, commands: commands, current: nil),
        .fixApplied(
            fix,
            results: [
                .applied(key: "GOPROXY", old: "off", new: "https://p/x"),
                .overridden(key: "GOFLAGS", variable: "GOFLAGS", osValue: "-x", wanted: ""),
                .failed(key: "GOSUMDB", message: "boom")
            ]),
        .fixDeclined(fix, why: .userSaidNo),
        .fixDeclined(fix, why: .noConsent),
        .fixWouldRun(fix, commands: commands),
        .decided(decision),
        .decided(plainDecision),
        .goEnvUnreadable("go: not found"),
        .interrupted(step),
        .finished(WalkEnd(outcome: .resolved, cause: "goproxy-off", conclusion: "Fixed.", step: step, reason: .done)),
        .finished(WalkEnd(outcome: .notResolved, cause: nil, conclusion: "Dry.", step: step, reason: .fixProposed)),
        .answered(question, value: "a", origin: .defaultValue),
        .runStopped(RunStop(step: step, cause: .interrupted(signal: "SIGTERM"))),
        .runStopped(RunStop(step: step, cause: .unanswered(freeQuestion))),
        .said("tab\there\u{1B}[0m é \"q\" \\ https://u:pw@h/x \u{7F}\u{2028}", step: step),
        .diagnosed(diagnosis),
        .interrupted(step),
        .diagnosed(helped),
        .finished(
            WalkEnd(
                outcome: .escalate, cause: "unknown", conclusion: "Over.", step: step, reason: .done,
                diagnosis: helped)),
        .finished(
            WalkEnd(
                outcome: .notResolved, cause: "ssh-auth", conclusion: "Add your key: `ssh-add -l`.", step: step, reason: .done,
                help: "ssh-add /home/dev/.ssh/id_ed25519"))
    ]
}
