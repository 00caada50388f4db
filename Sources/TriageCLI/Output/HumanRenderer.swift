import DecisionEngine
import Diagnosis
import Foundation
import HostEffects
import PlaybookSpec

/// Writes a walk's events as plain words for a person at a terminal.
///
/// Quiet by default: each check is one line (`✓ git 2.39.5 runs`, `✗ go mod download M` with
/// the error under it), and a check's introduction is left out, since its line says the same.
/// `verbose` (`-v`) shows every introduction, the command line, the exit code and time, and a
/// built-in probe's whole report.
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
    /// The settings the walk changed (so "fixed" is true of its end), and why a fix was last not
    /// applied.
    private var changes: [(key: String, old: String, new: String)] = []
    private var lastDecline: DeclineReason?
    /// The first error line of the last check that failed: the evidence when the catalog read none.
    private var lastFailure: String?
    /// The last lines of output shown, so the same error is not printed twice in a row.
    private var lastExcerpt: [Substring] = []

    /// Whether someone answers at the keyboard (a question's "press Enter" hint is for them), and
    /// whether that is the shell (whose commands, such as retry, a message may suggest).
    private let interactive: Bool
    private let inShell: Bool
    /// Whether each check shows its introduction, command line and output, or one line.
    public var verbose: Bool
    /// A `say` held until the next event shows whether it introduces its step's check.
    private var heldSay: (text: String, step: StepAddress)?

    /// `causes`: the catalog whose titles name causes in the end's headline.
    public init(
        console: Console, causes: [Cause] = [], interactive: Bool = true, inShell: Bool = true, verbose: Bool = false
    ) {
        self.console = console
        self.interactive = interactive
        self.inShell = inShell
        self.verbose = verbose
        causeTitles = Dictionary(causes.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        spinner = console.isTerminal ? ProbeSpinner(console: console) : nil
    }

    /// A renderer whose spinner appears after `spinnerDelayMilliseconds` (for tests).
    init(console: Console, spinnerDelayMilliseconds: Int) {
        self.console = console
        interactive = true
        inShell = true
        verbose = true
        causeTitles = [:]
        spinner =
            console.isTerminal
            ? ProbeSpinner(
                console: console, delayMilliseconds: spinnerDelayMilliseconds,
                intervalMilliseconds: 20) : nil
    }

    public func handle(_ event: WalkEvent) {
        if let held = heldSay {
            heldSay = nil
            if case .probeStarted(let probe) = event, probe.step == held.step {
                // The introduction of a check: its one line says what it checks.
            } else {
                showSaid(held.text)
            }
        }
        switch event {
        case .started(let playbook, let title):
            changes = []
            lastDecline = nil
            lastFailure = nil
            lastExcerpt = []
            console.line(console.styled("▶ \(title) (\(playbook))", .bold))
        case .said(let text, let step):
            if verbose { showSaid(text) } else { heldSay = (text, step) }
        case .probeStarted(let probe):
            if verbose { console.line(console.styled("  $ \(ShellQuote.display(probe.argv))", .dim)) }
            spinner?.start(label: Self.label(of: probe))
        case .probeFinished(let probe, let result):
            spinner?.stop()
            let failure = Self.failure(of: probe, result)
            if let failure { lastFailure = Self.lines(of: failure).first.map { $0.trimmingCharacters(in: .whitespaces) } }
            if verbose {
                showResult(result, builtIn: probe.isBuiltIn, says: probe.says)
            } else {
                showCheck(probe, result, failure: failure)
            }
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
            for case .applied(let key, let old, let new) in results { changes.append((key, old, new)) }
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

    private func showSaid(_ text: String) {
        console.line()
        console.paragraph(text)
    }

    /// What a check is called on its line and its spinner: the playbook's `pending` words, else
    /// the command.
    static func label(of probe: PendingProbe) -> String {
        probe.pending ?? ShellQuote.display(probe.argv)
    }

    /// A check's one line: `✓` and what the playbook says of it (else its label) when it passed;
    /// `•` and the playbook's words for an exit code it explains; `✗` and its label when it failed,
    /// with `failure`, its error, under it (a built-in probe's report stays for `-v` and `why`).
    private func showCheck(_ probe: PendingProbe, _ result: CommandResult, failure: String?) {
        if result.interrupted { return }
        let (mark, words): (String, String) =
            if result.timedOut {
                (console.styled("✗", .red), "\(Self.label(of: probe)) — stopped after \(Self.duration(result.durationMilliseconds))")
            } else if result.exitCode == 0 {
                (console.styled("✓", .green), probe.says ?? Self.label(of: probe))
            } else if let says = probe.says {
                ("•", says)
            } else {
                (console.styled("✗", .red), Self.label(of: probe))
            }
        console.paragraph(words, lead: "  \(mark) ", indent: "    ")
        if let failure, !probe.isBuiltIn { showExcerpt(of: failure, lines: Self.excerptLines) }
    }

    /// The error output of a check that failed (timed out, or an exit code the playbook's `says`
    /// does not explain); nil for one that passed, was explained or was interrupted. Its first line
    /// is the end's evidence when the catalog read none.
    private static func failure(of probe: PendingProbe, _ result: CommandResult) -> String? {
        guard !result.interrupted, result.timedOut || result.exitCode != 0 && probe.says == nil else { return nil }
        return errorText(of: result)
    }

    /// The error output of a failed command: its stderr, or when that is empty (`go mod download
    /// -json`), the `Error` of go's JSON as go meant it, else its stdout.
    private static func errorText(of result: CommandResult) -> String {
        let error = ProbeObservation.errorText(stdout: result.stdout, stderr: result.stderr)
        return error.contains(where: { !$0.isWhitespace }) ? error : result.stdout
    }

    /// The outcome line of a probe, then evidence: a built-in probe's report (written for people)
    /// always; for other commands that failed, the last lines of the error output, or when that
    /// is empty (`go mod download -json`), the `Error` of go's JSON as go meant it (its `\n` and
    /// `\t` as line breaks and indents), else of the output.
    /// `says`: what the playbook says each exit code means, shown in words instead of ok/failed.
    private func showResult(_ result: CommandResult, builtIn: Bool, says: String?) {
        let time = Self.duration(result.durationMilliseconds)
        if result.interrupted { return }
        if result.timedOut {
            console.line(console.styled("    stopped after \(time): it took longer than allowed", .red))
        } else if let words = says {
            console.paragraph("\(words) (exit \(result.exitCode), \(time))", lead: "    → ", indent: "      ")
        } else if result.exitCode == 0 {
            console.line(console.styled("    ok (exit 0, \(time))", .green))
        } else {
            console.line(console.styled("    failed (exit \(result.exitCode), \(time))", .red))
        }
        if builtIn {
            showExcerpt(of: result.stdout, lines: Self.builtInLines)
        } else if result.exitCode != 0 || result.timedOut {
            showExcerpt(of: Self.errorText(of: result), lines: Self.excerptLines)
        }
    }

    /// The last `count` lines of `text` (`lines(of:)`), each cut at spaces to fit the width, tabs
    /// as two spaces.
    private func showExcerpt(of text: String, lines count: Int) {
        let lines = Array(Self.lines(of: text).suffix(count))
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

    /// The lines of `text` that hold more than white space, cut at each `\n` scalar (Swift takes
    /// `\r\n` for one character, which splitting on `\n` would leave whole); a `\r` just before it
    /// ends the line too (ssh writes `\r\n`), any other is shown escaped.
    static func lines(of text: String) -> [Substring] {
        text.unicodeScalars.split(separator: "\n").map { Substring($0.last == "\r" ? $0.dropLast() : $0) }
            .filter { !$0.allSatisfy(\.isWhitespace) }
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
            console.paragraph("\(key) is now \(Self.show(new)) (go env confirms it)", lead: "  ✓ ", indent: "    ", styles: [.green])
        case .overridden(let key, let variable, let osValue, _):
            console.paragraph(
                "Not done: \(key) was written to the GOENV file, but your shell's environment variable "
                    + "\(variable)=\(osValue) overrides that file, so Go still uses \(Self.show(osValue)).", lead: "  ✗ ",
                indent: "    ", styles: [.red])
            console.paragraph(
                "Remove it from your environment: `unset \(variable)` and delete the line that sets it in ~/.bashrc, "
                    + "~/.profile or similar, then run gotriage again.", lead: "    ", indent: "    ")
        case .failed(let key, let message):
            console.paragraph("\(key) was not changed: \(message)", lead: "  ✗ ", indent: "    ", styles: [.red])
        case .unconfirmed(let key, _, let new, let message):
            console.paragraph(
                "\(key) was changed to \(Self.show(new)) in the GOENV file, but \(message). gotriage undo puts it back.",
                lead: "  ! ", indent: "    ", styles: [.yellow])
        }
    }

    /// The verdict: a headline naming the cause, the evidence line, the conclusion; then, unless
    /// nothing was wrong, a block to paste into a ticket (what happened, the cause, what changed,
    /// the one next step and how to undo it).
    private func showEnd(_ end: WalkEnd) {
        console.line()
        let (words, styles) = Self.headline(end, fixApplied: !changes.isEmpty)
        // A declined fix, a dry run or an escalation still names what the output showed.
        let proven = end.cause.flatMap { $0 == "unknown" ? nil : $0 }
        let causeID = proven ?? end.diagnosis?.cause
        let cause = causeID.map { id in causeTitles[id].map { "\($0) (\(id))" } ?? id }
        console.paragraph(words + (cause.map { " — \($0)" } ?? ""), indent: "  ", styles: styles)
        let evidence = end.diagnosis.flatMap { $0.cause == causeID ? $0.evidence : nil } ?? lastFailure
        if let evidence, end.outcome != .resolved || !changes.isEmpty, !Self.quotes(end.conclusion, evidence) {
            console.paragraph(evidence, lead: "  evidence: ", indent: "            ", styles: [.red])
        }
        console.paragraph(end.conclusion)
        // What the output shows but the walk proved otherwise, or no playbook proves yet.
        if let diagnosis = end.diagnosis {
            if diagnosis.cause != causeID {
                console.paragraph("\(diagnosis.cause) — \(diagnosis.reason)", lead: "note: the output also reads as ", indent: "  ")
            } else if proven == nil, end.reason == .done {
                console.paragraph(
                    "\(diagnosis.cause) — \(diagnosis.reason); no playbook proves this cause yet", lead: "note: the output reads as ",
                    indent: "  ")
            }
        }
        guard !(end.outcome == .resolved && changes.isEmpty && end.cause == nil) else { return }
        showTicket(end, status: words, cause: causeID)
    }

    /// Whether `conclusion` quotes the error `evidence` shows (`stdout line 4: "go: M: …"`, or the
    /// line itself), so the verdict need not show it once more.
    static func quotes(_ conclusion: String, _ evidence: String) -> Bool {
        var error = evidence[...]
        if let open = error.firstIndex(of: "\""), let close = error.lastIndex(of: "\""), open < close {
            error = error[error.index(after: open)..<close]
        }
        if error.hasPrefix("go: ") { error = error.dropFirst(4) }
        let words = { (text: Substring) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return !error.isEmpty && words(conclusion[...]).contains(words(error))
    }

    /// The lines a ticket needs, one fact each: status, cause, what changed, the one next step
    /// (`help:`) and how to undo.
    private func showTicket(_ end: WalkEnd, status: String, cause: String?) {
        console.line()
        console.line(console.styled("For a ticket:", .bold))
        let changed = changes.map { "\($0.key) \(Self.show($0.old)) → \(Self.show($0.new))" }
        let rows: [(String, TicketValue)] = [
            ("status", .words(String(status.drop { !$0.isLetter }).lowercased())),
            ("cause", .words(cause.map { id in causeTitles[id].map { "\(id) — \($0)" } ?? id } ?? "not known")),
            ("changed", .words(changed.isEmpty ? "nothing" : changed.joined(separator: ", "))),
            ("help", nextStep(end)),
            ("undo", .words(changes.isEmpty ? "nothing to undo" : inShell ? "undo" : "gotriage undo"))
        ]
        for (name, value) in rows {
            let lead = "  " + (name + ":").padding(toLength: 9, withPad: " ", startingAt: 0)
            switch value {
            case .words(let words): console.paragraph(words, lead: lead, indent: String(repeating: " ", count: lead.count))
            case .command(let command): console.line(lead + console.styled(command, .cyan))  // whole, to copy
            }
        }
    }

    /// A value of the ticket block: words, laid out; or a command, never cut.
    private enum TicketValue {
        case words(String)
        case command(String)
    }

    /// The one thing to do next: the walk's `help` command, or what to do in words.
    private func nextStep(_ end: WalkEnd) -> TicketValue {
        if let command = end.help, end.outcome == .notResolved { return .command(command) }
        return .words(nextStepWords(end))
    }

    private func nextStepWords(_ end: WalkEnd) -> String {
        switch (end.outcome, end.reason) {
        case (.resolved, _): return changes.isEmpty ? "nothing to do" : "run your go command again"
        case (.notResolved, .fixProposed):
            return inShell ? "type dryrun off, then restart, to apply the fix" : "run the same command again without --dry-run"
        case (.notResolved, .fixDeclined):
            if lastDecline == .noConsent { return "run the same command again with --yes to apply the fix" }
            return inShell ? "type restart and answer y to apply the fix" : "run the same command again and answer y"
        case (.escalate, _),
            (.notResolved, _) where end.cause == nil || end.cause == "unknown":
            // What the catalog says to do for a cause no playbook proves, else a ticket.
            if let help = end.diagnosis?.help { return help }
            return inShell ? "type report and attach the file it writes" : "run again with --report FILE and attach the file"
        default:
            return end.diagnosis?.help ?? "do what the conclusion above says, then run your go command again"
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
