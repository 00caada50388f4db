import Diagnosis
import HostEffects
import PlaybookSpec
import Testing

@testable import DecisionEngine
@testable import TriageCLI

/// What a person sees of a walk: one line per check (every detail with `-v`), go's JSON error as
/// go meant it and once, and a verdict that names the cause with a block for a ticket.
@Suite struct HumanRendererTests {
    static let step = StepAddress(playbook: "p", step: "s")
    static let download = PendingProbe(
        step: step, argv: ["go", "mod", "download", "-json", "example.com/hello"], environment: [:], timeoutMilliseconds: 1_000,
        pending: "go mod download example.com/hello")
    static let causes = [
        Cause(id: "goproxy-off", title: "Module lookup is switched off", meaning: "GOPROXY is off", start: nil, help: nil)
    ]

    /// The text `events` make, without colour, at `columns`.
    static func screen(_ events: [WalkEvent], verbose: Bool = false, columns: Int = 80, inShell: Bool = false) -> String {
        var text = ""
        let renderer = HumanRenderer(
            console: Console(usesColour: false, columns: columns, out: { text += $0 }, err: { text += $0 }), causes: causes,
            interactive: false, inShell: inShell, verbose: verbose)
        events.forEach(renderer.handle)
        return text
    }

    static func runs(_ results: [CommandResult], probe: PendingProbe = download, verbose: Bool = false) -> String {
        screen(results.flatMap { [.probeStarted(probe), .probeFinished(probe, $0)] }, verbose: verbose)
    }

    @Test func eachCheckIsOneLineUnlessVerbose() {
        var version = PendingProbe(step: Self.step, argv: ["go", "version"], environment: [:], timeoutMilliseconds: 1_000, pending: nil)
        version.says = "go1.27.3 runs"
        let events: [WalkEvent] = [
            .said("First, let's check that Go itself runs.", step: Self.step),
            .probeStarted(version),
            .probeFinished(version, CommandResult(argv: version.argv, exitCode: 0, stdout: "go version go1.27.3 linux/amd64\n"))
        ]
        let quiet = Self.screen(events)
        #expect(quiet == "  ✓ go1.27.3 runs\n", "the introduction and the command line are for -v: \(quiet)")
        let verbose = Self.screen(events, verbose: true)
        #expect(verbose.contains("First, let's check that Go itself runs.\n"), "\(verbose)")
        #expect(verbose.contains("  $ go version\n"), "\(verbose)")
        #expect(verbose.contains("    → go1.27.3 runs (exit 0, 0 ms)\n"), "\(verbose)")
    }

    @Test func aSentenceThatIntroducesNoCheckIsShownInQuietModeToo() {
        let text = Self.screen([.said("Found it: GOPROXY is \"off\".", step: Self.step), .goEnvUnreadable("boom")])
        #expect(text.hasPrefix("\nFound it: GOPROXY is \"off\".\n"), "\(text)")
    }

    @Test func aFailedCheckShowsItsLabelAndTheErrorUnderIt() {
        let failed = CommandResult(argv: Self.download.argv, exitCode: 1, stderr: "go: example.com/hello@v1.0.0: 410 Gone\n")
        let text = Self.runs([failed])
        #expect(text == "  ✗ go mod download example.com/hello\n    │ go: example.com/hello@v1.0.0: 410 Gone\n", "\(text)")
    }

    @Test func aCRLFEndsALineAndAnyOtherCarriageReturnIsShownEscaped() {
        let failed = CommandResult(argv: Self.download.argv, exitCode: 255, stderr: "Host key verification failed.\r\nover\rwritten\r\n")
        let text = Self.runs([failed])
        #expect(text.hasSuffix("    │ Host key verification failed.\n    │ over\\rwritten\n"), "\(text.debugDescription)")
    }

    @Test func anExitCodeThePlaybookNamesIsShownInItsWords() {
        var netrc = PendingProbe(
            step: Self.step, argv: ["grep", "-c", "machine", "/home/dev/.netrc"], environment: [:], timeoutMilliseconds: 1_000,
            pending: nil)
        netrc.says = "there is no /home/dev/.netrc"
        let missing = CommandResult(argv: netrc.argv, exitCode: 2)
        #expect(Self.runs([missing], probe: netrc) == "  • there is no /home/dev/.netrc\n")
        let verbose = Self.runs([missing], probe: netrc, verbose: true)
        #expect(verbose.contains("    → there is no /home/dev/.netrc (exit 2, 0 ms)\n"), "\(verbose)")
        #expect(!verbose.contains("failed"))
        netrc.says = nil
        let other = Self.runs([CommandResult(argv: netrc.argv, exitCode: 1)], probe: netrc, verbose: true)
        #expect(other.contains("    failed (exit 1, 0 ms)"), "a code it does not name is shown as before: \(other)")
    }

    @Test func goJSONErrorIsShownUnescapedNotAsJSON() {
        let stdout = #"""
            {
            	"Path": "example.com/hello",
            	"Version": "v1.0.0",
            	"Error": "example.com/hello@v1.0.0: reading http://127.0.0.1:9/x: 404 Not Found\n\tserver response: \"not found\""
            }
            """#
        for verbose in [false, true] {
            let text = Self.runs([CommandResult(argv: Self.download.argv, exitCode: 1, stdout: stdout)], verbose: verbose)
            #expect(text.contains("    │ example.com/hello@v1.0.0: reading http://127.0.0.1:9/x: 404 Not Found\n"), "\(text)")
            #expect(text.contains("    │   server response: \"not found\"\n"), "\(text)")
            #expect(!text.contains("\\n") && !text.contains("\\\"") && !text.contains("\"Path\""), "\(text)")
        }
    }

    @Test func theSameErrorTwiceInARowIsShownOnce() {
        let failed = CommandResult(argv: Self.download.argv, exitCode: 1, stderr: "go: example.com/hello@v1.0.0: 410 Gone\n")
        let other = CommandResult(argv: Self.download.argv, exitCode: 1, stderr: "go: example.com/hello@v1.0.0: 404 Not Found\n")
        let text = Self.runs([failed, failed, other])
        #expect(text.components(separatedBy: "410 Gone").count == 2, "\(text)")
        #expect(text.contains("    │ (the same as above)\n"))
        #expect(text.contains("404 Not Found"))
    }

    // MARK: The verdict

    static let diagnosis = DiagnosedCause(
        cause: "goproxy-off", signature: "goproxy-off", score: 0.95,
        evidence: #"stdout line 4: "go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off""#,
        reason: "GOPROXY is off", help: nil, step: step)
    static let fix = PendingFix(
        step: step, reason: "GOPROXY=off forbids every download.", changes: [.init(key: "GOPROXY", value: "direct")])

    static func end(_ outcome: Outcome, cause: String?, reason: WalkEnd.Reason = .done, help: String? = nil) -> WalkEnd {
        WalkEnd(
            outcome: outcome, cause: cause, conclusion: "It is over.", step: step, reason: reason, diagnosis: diagnosis, help: help)
    }

    /// The `name:` row of the ticket block, as shown.
    static func row(_ name: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("  \(name):") }.map { String($0.dropFirst(11)) }
    }

    @Test func aDeclinedFixStillNamesTheCauseWithItsEvidenceAndTheNextStep() {
        let text = Self.screen([
            .fixDeclined(Self.fix, why: .noConsent),
            .finished(Self.end(.notResolved, cause: nil, reason: .fixDeclined))
        ])
        #expect(text.contains("✘ Fix not applied — Module lookup is switched off (goproxy-off)\n"), "\(text)")
        #expect(text.contains("  evidence: stdout line 4: \"go: example.com/hello@v1.0.0: module lookup disabled"), "\(text)")
        #expect(text.contains("For a ticket:\n"), "\(text)")
        #expect(Self.row("status", in: text) == "fix not applied")
        #expect(Self.row("cause", in: text) == "goproxy-off — Module lookup is switched off")
        #expect(Self.row("changed", in: text) == "nothing")
        #expect(Self.row("help", in: text) == "run the same command again with --yes to apply the fix")
        #expect(Self.row("undo", in: text) == "nothing to undo")
    }

    @Test func aFixTellsWhatChangedAndHowToUndoIt() {
        let events: [WalkEvent] = [
            .fixApplied(Self.fix, results: [.applied(key: "GOPROXY", old: "off", new: "direct")]),
            .finished(Self.end(.resolved, cause: "goproxy-off"))
        ]
        let text = Self.screen(events)
        #expect(text.contains("✔ Fixed — Module lookup is switched off (goproxy-off)\n"), "\(text)")
        #expect(Self.row("changed", in: text) == #"GOPROXY "off" → "direct""#)
        #expect(Self.row("help", in: text) == "run your go command again")
        #expect(Self.row("undo", in: text) == "gotriage undo")
        #expect(Self.row("undo", in: Self.screen(events, inShell: true)) == "undo", "the shell's own command")
    }

    @Test func theNextCommandStandsWholeOnItsLineAtAnyWidth() {
        let command = "git config --file /home/dev/.gitconfig --unset-all url.ssh://git@git.corp.example/.insteadOf"
        let text = Self.screen([.finished(Self.end(.notResolved, cause: "goproxy-off", help: command))], columns: 40)
        #expect(text.contains("  help:    \(command)\n"), "\(text)")
        #expect(text.hasPrefix("\n✘ Cause found: needs a change by you"), "\(text)")
    }

    @Test func nothingWrongNeedsNoTicket() {
        let healthy = WalkEnd(outcome: .resolved, cause: nil, conclusion: "The download works.", step: Self.step, reason: .done)
        let text = Self.screen([.finished(healthy)])
        #expect(text == "\n✔ No problem found\nThe download works.\n", "\(text)")
    }
}
