import DecisionEngine
import Diagnosis
import Foundation
import HostEffects
import PlaybookSpec

/// Writes a walk's events as plain words for a person at a terminal.
public final class HumanRenderer: WalkObserver {
    private let console: Console
    /// At most this many lines of a failing command's error output are shown inline.
    static let excerptLines = 4
    /// At most this many lines of a built-in probe's report are shown.
    static let builtInLines = 24

    /// Draws the running probe's status line; nil when the output is not a terminal.
    private let spinner: ProbeSpinner?
    /// Each cause's headline in plain words (`The module declares another path`), by id.
    private let causeTitles: [String: String]
    /// Whether the walk changed a setting (so "fixed" is true of its end), and why a fix was last
    /// not applied.
    private var fixApplied = false
    private var lastDecline: DeclineReason?
    /// The last lines of output shown, so the same error is not printed twice in a row.
    private var lastExcerpt: [Substring] = []

    /// Whether someone answers at the keyboard (a question's "press Enter" hint is for them), and
    /// whether that is the shell (whose commands, such as retry, a message may suggest).
    private let interactive: Bool
    private let inShell: Bool

    /// `causes`: the catalog whose titles name causes in the end's headline.
    public init(console: Console, causes: [Cause] = [], interactive: Bool = true, inShell: Bool = true) {
        self.console = console
        self.interactive = interactive
        self.inShell = inShell
        causeTitles = Dictionary(causes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        spinner = console.isTerminal ? ProbeSpinner(console: console) : nil
    }

    /// A renderer whose spinner appears after `spinnerDelayMilliseconds` (for tests).
    init(console: Console, spinnerDelayMilliseconds: Int) {
        self.console = console
        interactive = true
        inShell = true
        causeTitles = [:]
        spinner =
            console.isTerminal
            ? ProbeSpinner(
                console: console, delayMilliseconds: spinnerDelayMilliseconds,
                intervalMilliseconds: 20) : nil
    }

    public func handle(_ event: WalkEvent) {
        switch event {
        case .started(let playbook, let title):
            fixApplied = false
            lastDecline = nil
            lastExcerpt = []
            console.line(console.styled("▶ \(title) (\(playbook))", .bold))
        case .said(let text, _):
            console.line()
            console.paragraph(text)
        case .probeStarted(let probe):
            console.line(console.styled("  $ \(ShellQuote.display(probe.argv))", .dim))
            spinner?.start(label: probe.pending ?? ShellQuote.display(probe.argv))
        case .probeFinished(let probe, let result):
            spinner?.stop()
            showResult(result, builtIn: probe.argv.first == "gotriage", says: probe.says)
        case .asked(let question):
            showQuestion(question)
        case .answered(let question, let value, let origin):
            let shown = question.isSecret ? "(a secret, not shown)" : value
            switch origin {
            case .preset: console.line("  \(question.variable) = \(shown)  (from --answer)")
            case .defaultValue:
                console.line("  \(question.variable) = \(shown)  (the default; pass --answer \(question.variable)=VALUE to choose)")
            case .user: break
            }
        case .answerRejected(_, _, let reason):
            console.line(console.styled("  \(reason)", .yellow))
        case .fixProposed(let fix, let commands, let current):
            showFix(fix, commands: commands, current: current)
        case .fixApplied(_, let results):
            if results.contains(where: { if case .applied = $0 { true } else { false } }) { fixApplied = true }
            results.forEach(showApplyResult)
        case .fixWouldRun(_, let commands):
            for command in commands { console.line(console.styled("  would run: \(ShellQuote.display(command))", .yellow)) }
            console.line("  Dry run: nothing was changed.")
        case .fixDeclined(_, let why):
            lastDecline = why
            switch why {
            case .userSaidNo: console.line("  Not applied. Nothing was changed.")
            case .noConsent: console.line("  Not applied: without --yes, gotriage changes nothing.")
            }
        case .decided, .diagnosed:
            break  // `why` shows the evidence on request; the walk's texts say what was found.
        case .goEnvUnreadable(let message):
            console.line(console.styled("  (could not read go env: \(message))", .dim))
        case .interrupted:
            console.line(
                console.styled("  Interrupted: the command was stopped.", .yellow)
                    + (inShell ? " Type retry to run it again, back to return to the last question, or restart." : ""))
        case .finished(let end):
            showEnd(end)
        case .runStopped(let stop):
            guard case .interrupted = stop.cause else { break }  // a missing answer is told on stderr
            console.line()
            console.line(console.styled("■ Interrupted", .bold, .yellow))
            console.paragraph(stop.conclusion)
        }
    }

    /// The outcome line of a probe, then evidence: a built-in probe's report (written for people)
    /// always; for other commands that failed, the last lines of the error output, or when that
    /// is empty (`go mod download -json`), the `Error` of go's JSON as go meant it (its `\n` and
    /// `\t` as line breaks and indents), else of the output.
    /// `says`: what the playbook says each exit code means, shown in words instead of ok/failed.
    private func showResult(_ result: CommandResult, builtIn: Bool, says: [Int32: String]) {
        let time = Self.duration(result.durationMilliseconds)
        if result.interrupted { return }
        if result.timedOut {
            console.line(console.styled("    stopped after \(time): it took longer than allowed", .yellow))
        } else if let words = says[result.exitCode] {
            console.paragraph("\(words) (exit \(result.exitCode), \(time))", lead: "    → ", indent: "      ")
        } else if result.exitCode == 0 {
            console.line(console.styled("    ok (exit 0, \(time))", .green))
        } else {
            console.line(console.styled("    failed (exit \(result.exitCode), \(time))", .red))
        }
        if builtIn {
            showExcerpt(of: result.stdout, lines: Self.builtInLines)
        } else if result.exitCode != 0 || result.timedOut {
            let stderr = result.stderr.contains(where: { !$0.isWhitespace })
            showExcerpt(of: stderr ? result.stderr : Self.jsonErrors(in: result.stdout) ?? result.stdout, lines: Self.excerptLines)
        }
    }

    /// The `Error` fields of `go … -json` output, decoded; nil when it holds none.
    static func jsonErrors(in stdout: String) -> String? {
        let texts = stdout.matches(of: /"Error":\s*("(?:[^"\\]|\\.)*")/).compactMap { match in
            (try? JSONSerialization.jsonObject(with: Data(match.1.utf8), options: .fragmentsAllowed)) as? String
        }
        return texts.isEmpty ? nil : texts.joined(separator: "\n")
    }

    /// The last `count` lines of `text`, each cut at spaces to fit the width, tabs as two spaces.
    private func showExcerpt(of text: String, lines count: Int) {
        let lines = Array(text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.suffix(count))
        let prefix = "    │ "
        // "Let's run the download once more": the same error again is said, not shown.
        if !lines.isEmpty, lines == lastExcerpt {
            console.line(prefix + "(the same as above)")
            return
        }
        lastExcerpt = lines
        for line in lines {
            let untabbed = line.replacingOccurrences(of: "\t", with: "  ")
            for piece in ProseLayout.outputLines(untabbed[...], width: console.proseWidth - prefix.count) {
                console.line(prefix + piece)
            }
        }
    }

    private func showQuestion(_ question: PendingQuestion) {
        console.line()
        console.paragraph(question.prompt, styles: [.bold])
        if !question.choices.isEmpty {
            let numbered = question.choices.enumerated().map { "\($0.offset + 1)) \($0.element)" }
            console.line("  " + numbered.joined(separator: "   "))
        }
        if interactive, let value = question.defaultValue, !value.isEmpty {
            console.line(console.styled("  (press Enter for: \(value))", .dim))
        }
    }

    private func showFix(_ fix: PendingFix, commands: [[String]], current: GoEnvSnapshot?) {
        console.line()
        console.paragraph(fix.reason, lead: "Proposed fix: ", leadStyles: [.bold], indent: "  ")
        for (change, command) in zip(fix.changes, commands) {
            console.line("  " + console.styled(ShellQuote.display(command), .cyan))
            let old = current?.values[change.key] ?? ""
            let source = current.map { Self.describe($0.source(of: change.key)) } ?? "unknown source"
            console.paragraph("\(Self.show(old)) (\(source))", lead: "      \(change.key) now: ", indent: "        ")
            console.paragraph(change.value.map(Self.show) ?? "(Go's default)", lead: "      \(change.key) new: ", indent: "        ")
        }
    }

    private func showApplyResult(_ result: GoEnvApplyResult) {
        switch result {
        case .applied(let key, _, let new):
            console.line(console.styled("  ✓ \(key) is now \(Self.show(new)) (go env confirms it)", .green))
        case .overridden(let key, let variable, let osValue, _):
            console.line(
                console.styled(
                    "  ✗ Not done: \(key) was written to the GOENV file, but your shell's environment "
                        + "variable \(variable)=\(osValue) overrides that file, so Go still uses \(Self.show(osValue)).", .red))
            console.line(
                "    Remove it from your environment (run: unset \(variable), and delete the line that sets it in "
                    + "~/.bashrc, ~/.profile or similar), then run gotriage again.")
        case .failed(let key, let message):
            console.line(console.styled("  ✗ \(key) was not changed: \(message)", .red))
        case .unconfirmed(let key, _, let new, let message):
            console.line(
                console.styled("  ! \(key) was changed to \(Self.show(new)) in the GOENV file, but \(message).", .yellow)
                    + " gotriage undo puts it back.")
        }
    }

    private func showEnd(_ end: WalkEnd) {
        console.line()
        let (words, styles) = Self.headline(end, fixApplied: fixApplied)
        let cause = end.cause.flatMap { $0 == "unknown" ? nil : $0 }.map { id in
            " — " + (causeTitles[id].map { "\($0) (\(id))" } ?? id)
        }
        console.paragraph(words + (cause ?? ""), indent: "  ", styles: styles)
        console.paragraph(end.conclusion)
        if end.reason == .fixDeclined, lastDecline == .noConsent {
            console.line("  help: run the same command again with --yes to apply the fix")
        }
        // A cause the output shows but the walk could not prove (no playbook yet, or another
        // ending): say what the catalog read, and what to do when it knows.
        if let diagnosis = end.diagnosis, diagnosis.cause != end.cause {
            console.paragraph("\(diagnosis.cause) — \(diagnosis.reason)", lead: "Diagnosis: ", indent: "  ", styles: [.dim])
            if let help = diagnosis.help { console.paragraph(help, lead: "  help: ", indent: "        ", styles: [.dim]) }
        }
    }

    /// What happened, in words that are true of the end, and its colour.
    static func headline(_ end: WalkEnd, fixApplied: Bool) -> (String, [Console.Style]) {
        switch (end.outcome, end.reason) {
        case (.notResolved, .fixProposed): ("◌ Fix proposed, not applied (dry run)", [.bold, .cyan])
        case (.resolved, _) where fixApplied: ("✔ Fixed", [.bold, .green])
        case (.resolved, _): (end.cause == nil ? "✔ No problem found" : "✔ Resolved", [.bold, .green])
        case (.notResolved, .fixDeclined): ("✘ Fix not applied", [.bold, .red])
        case (.notResolved, .fixFailed): ("✘ The fix did not take effect", [.bold, .red])
        case (.notResolved, _) where end.cause != nil && end.cause != "unknown":
            ("✘ Cause found: needs a change by you", [.bold, .red])
        case (.notResolved, _): ("✘ Not resolved", [.bold, .red])
        case (.escalate, _): ("⚑ Escalate: gotriage cannot finish this alone", [.bold, .red])
        }
    }

    static func show(_ value: String) -> String { value.isEmpty ? "(empty)" : "\"\(value)\"" }

    static func describe(_ source: GoEnvSource) -> String {
        switch source {
        case .osEnvironment: "set in your shell's environment"
        case .goenvFile(let path): "set in the GOENV file \(path)"
        case .defaultValue: "Go's default"
        }
    }

    static func duration(_ milliseconds: Double) -> String {
        milliseconds < 1_000 ? "\(Int(milliseconds.rounded())) ms" : String(format: "%.1f s", milliseconds / 1_000)
    }
}
