import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec

/// Writes a walk's events as JSON, one `JSONEvent` per line, for `gotriage run --json`.
///
/// Every string is redacted before it is encoded (unless `--no-redact`), and the answer to a
/// secret question is `REDACTED` whatever it is. An event that cannot be
/// encoded is reported on standard error and the stream goes on, so it still ends with the `end`
/// line; nothing is left out without a word.
public final class JSONLinesRenderer: WalkObserver {
    private let console: Console
    private let encoder: JSONEncoder
    /// Applied to every string of every event (off only with `--no-redact`).
    private let redactor: Redactor
    /// Probe output kept in a `probe-end` event, per stream, in characters.
    static let outputExcerpt = 4_000
    /// The walk's latest diagnosis, repeated in an `interrupted` line.
    private var diagnosis: DiagnosedCause?

    public init(console: Console, redactor: Redactor = Redactor()) {
        self.console = console
        self.redactor = redactor
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    public func handle(_ event: WalkEvent) {
        var event = event
        switch event {
        case .probeFinished(let probe, var result):
            // Redact the whole output before it is cut to an excerpt, so no secret is cut in half.
            result.stdout = redactor.redact(result.stdout)
            result.stderr = redactor.redact(result.stderr)
            event = .probeFinished(probe, result)
        case .answered(let question, let value, let origin):
            event = .answered(question, value: redactor.redact(answer: value, secret: question.isSecret), origin: origin)
        case .answerRejected(let question, let reply, let reason):
            event = .answerRejected(question, reply: redactor.redact(answer: reply, secret: question.isSecret), reason: reason)
        default:
            break
        }
        if case .diagnosed(let diagnosis) = event { self.diagnosis = diagnosis }
        var json = JSONEvent(event)
        if case .interrupted(let interrupted) = json, let diagnosis {
            json = .interrupted(JSONEvent.Interrupted(step: interrupted.step, diagnosis: JSONEvent.Diagnosis(diagnosis)))
        }
        write(redactor.redact(json))
    }

    /// Writes one event as a line, or says on standard error why it cannot be written. Its strings
    /// are redacted already, so the line is written as it is: masking JSON text again could only
    /// break it.
    func write(_ event: JSONEvent) {
        do {
            console.verbatimLine(String(decoding: try encoder.encode(event), as: UTF8.self))
        } catch {
            console.errorLine(
                "gotriage: the \(event.kind.rawValue) event could not be written as JSON, "
                    + "so it is missing from the output: \(Self.describe(error))")
        }
    }

    /// An encoding error in a line: the key path and what was wrong with the value.
    static func describe(_ error: any Error) -> String {
        guard case EncodingError.invalidValue(let value, let context) = error else { return "\(error)" }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return "\(path.isEmpty ? "" : path + " is ")\(value): \(context.debugDescription)"
    }
}

extension JSONEvent {
    /// The JSON form of a walk event (probe output cut to `JSONLinesRenderer.outputExcerpt`).
    init(_ walkEvent: WalkEvent) {
        switch walkEvent {
        case .started(let playbook, let title):
            self = .start(Start(playbook: playbook, title: title))
        case .said(let text, let step):
            self = .say(Say(step: step.description, text: text))
        case .probeStarted(let probe):
            self = .probeStart(
                ProbeStart(
                    step: probe.step.description, argv: probe.argv,
                    timeoutMs: probe.timeoutMilliseconds, text: probe.pending))
        case .probeFinished(let probe, let result):
            self = .probeEnd(
                ProbeEnd(
                    step: probe.step.description, argv: probe.argv, exitCode: result.exitCode, timedOut: result.timedOut,
                    interrupted: result.interrupted, durationMs: (result.durationMilliseconds * 10).rounded() / 10,
                    stdout: String(result.stdout.prefix(JSONLinesRenderer.outputExcerpt)),
                    stderr: String(result.stderr.prefix(JSONLinesRenderer.outputExcerpt))))
        case .asked(let question):
            self = .ask(
                Ask(
                    step: question.step.description, variable: question.variable, question: question.prompt,
                    choices: question.choices.isEmpty ? nil : question.choices,
                    defaultValue: question.defaultValue))
        case .answered(let question, let value, let origin):
            self = .answer(
                Answer(
                    step: question.step.description, variable: question.variable, value: value,
                    origin: origin))
        case .answerRejected(let question, let reply, let reason):
            self = .answerRejected(
                AnswerRejected(
                    step: question.step.description, variable: question.variable,
                    reply: reply, reason: reason))
        case .fixProposed(let fix, let commands, let current):
            self = .fixProposed(
                FixProposed(
                    step: fix.step.description, reason: fix.reason,
                    changes: zip(fix.changes, commands).map {
                        FixProposed.Change(
                            key: $0.key, value: $0.value, command: $1, current: current?.values[$0.key],
                            source: current.map { [key = $0.key] in FixProposed.Source($0.source(of: key)) })
                    }))
        case .fixApplied(let fix, let results):
            self = .fixApplied(FixApplied(step: fix.step.description, results: results.map(FixApplied.ChangeResult.init)))
        case .fixWouldRun(let fix, let commands):
            self = .fixWouldRun(FixWouldRun(step: fix.step.description, commands: commands))
        case .fixDeclined(let fix, let why):
            self = .fixDeclined(FixDeclined(step: fix.step.description, reason: why))
        case .decided(let decision):
            self = .decision(
                Decision(
                    step: decision.step.description, target: decision.target.description,
                    condition: decision.condition, evidence: decision.evidence,
                    location: decision.location.description))
        case .diagnosed(let diagnosis):
            self = .diagnosis(Diagnosis(diagnosis))
        case .goEnvUnreadable(let message):
            self = .goEnvUnreadable(GoEnvUnreadable(message: message))
        case .interrupted(let step):
            self = .interrupted(Interrupted(step: step.description))
        case .finished(let end):
            self = .end(
                End(
                    step: end.step.description, outcome: End.Outcome(end), cause: end.cause,
                    conclusion: end.conclusion, reason: End.Reason(end.reason),
                    diagnosis: end.diagnosis.map(Diagnosis.init), help: end.help))
        case .runStopped(let stop):
            let (outcome, reason) = End.stopped(stop.cause)
            var variable: String?
            if case .unanswered(let question) = stop.cause { variable = question.variable }
            self = .end(
                End(
                    step: stop.step.description, outcome: outcome, cause: nil, conclusion: stop.conclusion,
                    reason: reason, variable: variable))
        }
    }
}

extension JSONEvent.Diagnosis {
    init(_ diagnosis: DiagnosedCause) {
        self.init(
            cause: diagnosis.cause, signature: diagnosis.signature, score: (diagnosis.score * 100).rounded() / 100,
            evidence: diagnosis.evidence, reason: diagnosis.reason, help: diagnosis.help,
            step: diagnosis.step.description)
    }
}

extension JSONEvent.FixProposed.Source {
    init(_ source: GoEnvSource) {
        switch source {
        case .osEnvironment: self = .environment
        case .goenvFile: self = .goenvFile
        case .defaultValue: self = .defaultValue
        }
    }
}

extension JSONEvent.FixApplied.ChangeResult {
    init(_ result: GoEnvApplyResult) {
        switch result {
        case .applied(let key, let old, let new):
            self.init(key: key, status: .applied, old: old, new: new, variable: nil, message: nil)
        case .overridden(let key, let variable, let osValue, let wanted):
            self.init(key: key, status: .overridden, old: osValue, new: wanted, variable: variable, message: nil)
        case .failed(let key, let message):
            self.init(key: key, status: .failed, old: nil, new: nil, variable: nil, message: message)
        case .unconfirmed(let key, let old, let new, let message):
            self.init(key: key, status: .unconfirmed, old: old, new: new, variable: nil, message: message)
        }
    }
}

extension JSONEvent.End.Outcome {
    /// `fix-proposed` for a dry run stopped at a fix, else the playbook's outcome.
    init(_ end: WalkEnd) {
        if end.reason == .fixProposed {
            self = .fixProposed
            return
        }
        switch end.outcome {
        case .resolved: self = .resolved
        case .notResolved: self = .notResolved
        case .escalate: self = .escalate
        }
    }
}
