import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec

/// Writes a walk's events as JSON, one object per line, for `gotriage run --json`.
///
/// Every object has an `event` key; the last line is the `end` event with `outcome` and `cause`.
/// The README lists the events and their keys.
public final class JSONLinesRenderer: WalkObserver {
    private let console: Console
    private let encoder: JSONEncoder
    /// Applied to every string of every event (off only with `--no-redact`).
    private let redactor: Redactor
    /// Probe output kept in a `probe-end` event, per stream, in characters.
    static let outputExcerpt = 4_000

    public init(console: Console, redactor: Redactor = Redactor()) {
        self.console = console
        self.redactor = redactor
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public func handle(_ event: WalkEvent) {
        var event = event
        if case .probeFinished(let probe, var result) = event {
            // Redact the whole output before it is cut to an excerpt, so no secret is cut in half.
            result.stdout = redactor.redact(result.stdout)
            result.stderr = redactor.redact(result.stderr)
            event = .probeFinished(probe, result)
        }
        guard let data = try? encoder.encode(JSONEvent(event)),
              let line = String(data: redactor.redact(json: data), encoding: .utf8) else { return }
        console.line(line)
    }
}

/// The JSON form of one `WalkEvent`. Keys are snake_case; absent values are left out.
struct JSONEvent: Encodable {
    var event: String
    var playbook: String?
    var title: String?
    var step: String?
    var text: String?
    var argv: [String]?
    var timeout_ms: Int?
    var exit_code: Int32?
    var timed_out: Bool?
    var interrupted: Bool?
    var duration_ms: Double?
    var stdout: String?
    var stderr: String?
    var variable: String?
    var question: String?
    var choices: [String]?
    var default_value: String?
    var value: String?
    var origin: String?
    var reply: String?
    var reason: String?
    var changes: [Change]?
    var commands: [[String]]?
    var results: [Result]?
    var target: String?
    var condition: String?
    var evidence: [String]?
    var location: String?
    var outcome: String?
    var cause: String?
    var conclusion: String?
    var message: String?

    struct Change: Encodable {
        var key: String
        var value: String?
        var command: [String]
        var current: String?
        var source: String?
    }

    struct Result: Encodable {
        var key: String
        var status: String
        var old: String?
        var new: String?
        var variable: String?
        var message: String?
    }

    init(event: String) { self.event = event }

    init(_ walkEvent: WalkEvent) {
        switch walkEvent {
        case .started(let playbook, let title):
            self.init(event: "start")
            self.playbook = playbook
            self.title = title
        case .said(let text, let step):
            self.init(event: "say")
            self.step = step.description
            self.text = text
        case .probeStarted(let probe):
            self.init(event: "probe-start")
            step = probe.step.description
            argv = probe.argv
            timeout_ms = probe.timeoutMilliseconds
            text = probe.pending
        case .probeFinished(let probe, let result):
            self.init(event: "probe-end")
            step = probe.step.description
            argv = probe.argv
            exit_code = result.exitCode
            timed_out = result.timedOut
            interrupted = result.interrupted
            duration_ms = (result.durationMilliseconds * 10).rounded() / 10
            stdout = String(result.stdout.prefix(JSONLinesRenderer.outputExcerpt))
            stderr = String(result.stderr.prefix(JSONLinesRenderer.outputExcerpt))
        case .asked(let pending):
            self.init(event: "ask")
            step = pending.step.description
            variable = pending.variable
            question = pending.prompt
            choices = pending.choices.isEmpty ? nil : pending.choices
            default_value = pending.defaultValue
        case .answered(let pending, let value, let origin):
            self.init(event: "answer")
            step = pending.step.description
            variable = pending.variable
            self.value = value
            self.origin = origin.rawValue
        case .answerRejected(let pending, let reply, let reason):
            self.init(event: "answer-rejected")
            step = pending.step.description
            variable = pending.variable
            self.reply = reply
            self.reason = reason
        case .fixProposed(let fix, let commands, let current):
            self.init(event: "fix-proposed")
            step = fix.step.description
            reason = fix.reason
            changes = zip(fix.changes, commands).map { change, command in
                Change(key: change.key, value: change.value, command: command, current: current?.values[change.key],
                       source: current.map { Self.sourceName($0.source(of: change.key)) })
            }
        case .fixApplied(let fix, let results):
            self.init(event: "fix-applied")
            step = fix.step.description
            self.results = results.map(Self.result)
        case .fixWouldRun(let fix, let commands):
            self.init(event: "fix-would-run")
            step = fix.step.description
            self.commands = commands
        case .fixDeclined(let fix, let why):
            self.init(event: "fix-declined")
            step = fix.step.description
            reason = why.rawValue
        case .decided(let decision):
            self.init(event: "decision")
            step = decision.step.description
            target = decision.target.description
            condition = decision.condition
            evidence = decision.evidence
            location = decision.location.description
        case .goEnvUnreadable(let message):
            self.init(event: "go-env-unreadable")
            self.message = message
        case .interrupted(let step):
            self.init(event: "interrupted")
            self.step = step.description
        case .finished(let end):
            self.init(event: "end")
            step = end.step.description
            outcome = end.reportedOutcome
            cause = end.cause
            conclusion = end.conclusion
            reason = end.reason.rawValue
        }
    }

    static func sourceName(_ source: GoEnvSource) -> String {
        switch source {
        case .osEnvironment: "environment"
        case .goenvFile: "goenv-file"
        case .defaultValue: "default"
        }
    }

    static func result(_ result: GoEnvApplyResult) -> Result {
        switch result {
        case .applied(let key, let old, let new): Result(key: key, status: "applied", old: old, new: new)
        case .overridden(let key, let variable, let osValue, let wanted):
            Result(key: key, status: "overridden", old: osValue, new: wanted, variable: variable)
        case .failed(let key, let message): Result(key: key, status: "failed", message: message)
        }
    }
}
