import DecisionEngine
import HostEffects
import PlaybookSpec

/// Keeps a ``WalkRecord`` of the walk it observes, for `report` and `run --report`.
public final class WalkRecorder: WalkObserver {
    private(set) var record = WalkRecord()
    /// Output kept per stream and command, in characters (the end, where errors are).
    static let keptOutput = 64_000

    public init() {}

    public func handle(_ event: WalkEvent) {
        switch event {
        case .started(let playbook, let title):
            record.playbook = playbook
            record.title = title
        case .probeStarted(let probe):
            append(probe.step, .command, command: WalkRecord.Command(argv: probe.argv, environment: probe.environment))
        case .probeFinished(let probe, let result):
            guard let index = lastIndex(of: probe.step, .command) else { return }
            var command = record.steps[index].command ?? WalkRecord.Command(argv: probe.argv, environment: probe.environment)
            command.exitCode = result.exitCode
            command.durationMs = (result.durationMilliseconds * 10).rounded() / 10
            command.timedOut = result.timedOut
            command.interrupted = result.interrupted
            command.stdout = String(result.stdout.suffix(Self.keptOutput))
            command.stderr = String(result.stderr.suffix(Self.keptOutput))
            record.steps[index].command = command
        case .asked(let question):
            append(question.step, .question, question: Self.question(question))
        case .answered(let question, let value, let origin):
            if lastIndex(of: question.step, .question) == nil {
                append(question.step, .question, question: Self.question(question))
            }
            guard let index = lastIndex(of: question.step, .question) else { return }
            record.steps[index].question?.answer = value
            record.steps[index].question?.origin = origin.rawValue
        case .fixProposed(let fix, let commands, let current):
            // The settings before the first fix: a later fix reads them after the earlier one.
            if let current, record.goEnv == nil {
                record.goEnv = current.values.filter { GoEnvKeys.relevant.contains($0.key) }
            }
            let changes = zip(fix.changes, commands).map { change, command in
                WalkRecord.Change(
                    key: change.key, command: command, old: current?.values[change.key],
                    source: current.map { JournalEntry.sourceName($0.source(of: change.key)) },
                    new: change.value)
            }
            append(fix.step, .fix, fix: WalkRecord.Fix(reason: fix.reason, status: "proposed", changes: changes))
        case .fixApplied(let fix, let results):
            guard let index = lastIndex(of: fix.step, .fix), var recorded = record.steps[index].fix else { return }
            for result in results { Self.merge(result, into: &recorded) }
            let allApplied = results.count == fix.changes.count && results.allSatisfy { if case .applied = $0 { true } else { false } }
            recorded.status = allApplied ? "applied" : "failed"
            record.steps[index].fix = recorded
        case .fixWouldRun(let fix, _):
            guard let index = lastIndex(of: fix.step, .fix) else { return }
            record.steps[index].fix?.status = "shown only (dry run)"
        case .fixDeclined(let fix, let why):
            guard let index = lastIndex(of: fix.step, .fix) else { return }
            record.steps[index].fix?.status = "declined"
            record.steps[index].fix?.declined = why.rawValue
        case .decided(let decision):
            record.decisions.append(
                WalkRecord.DecisionEntry(
                    step: decision.step.description, target: decision.target.description, condition: decision.condition,
                    evidence: decision.evidence, location: decision.location.description))
        case .diagnosed(let diagnosis):
            record.diagnosis = WalkRecord.Diagnosis(diagnosis)
        case .finished(let end):
            if let diagnosis = end.diagnosis { record.diagnosis = WalkRecord.Diagnosis(diagnosis) }
            record.end = WalkRecord.End(
                outcome: end.reportedOutcome, cause: end.cause, conclusion: end.conclusion,
                step: end.step.description, reason: end.reason.rawValue, help: end.help)
        case .runStopped(let stop):
            let (outcome, reason) = JSONEvent.End.stopped(stop.cause)
            record.end = WalkRecord.End(
                outcome: outcome.rawValue, cause: nil, conclusion: stop.conclusion,
                step: stop.step.description, reason: reason.rawValue)
        case .said, .answerRejected, .goEnvUnreadable, .interrupted:
            break
        }
    }

    private static func question(_ question: PendingQuestion) -> WalkRecord.Question {
        WalkRecord.Question(variable: question.variable, prompt: question.prompt, secret: question.isSecret ? true : nil)
    }

    private func append(
        _ step: StepAddress, _ kind: WalkRecord.Step.Kind, command: WalkRecord.Command? = nil,
        question: WalkRecord.Question? = nil, fix: WalkRecord.Fix? = nil
    ) {
        record.steps.append(
            WalkRecord.Step(
                number: record.steps.count + 1, step: step.description, kind: kind,
                command: command, question: question, fix: fix))
    }

    private func lastIndex(of step: StepAddress, _ kind: WalkRecord.Step.Kind) -> Int? {
        record.steps.lastIndex { $0.step == step.description && $0.kind == kind }
    }

    private static func merge(_ result: GoEnvApplyResult, into fix: inout WalkRecord.Fix) {
        let key: String
        let status: String
        let now: String?
        let message: String?
        switch result {
        case .applied(let applied, _, let new): (key, status, now, message) = (applied, "applied", new, nil)
        case .overridden(let overridden, _, let osValue, _):
            (key, status, now, message) = (overridden, "overridden", osValue, result.description)
        case .failed(let failed, let why): (key, status, now, message) = (failed, "failed", nil, why)
        case .unconfirmed(let changed, _, let new, _): (key, status, now, message) = (changed, "unconfirmed", new, result.description)
        }
        guard let index = fix.changes.firstIndex(where: { $0.key == key && $0.status == nil }) else { return }
        fix.changes[index].status = status
        fix.changes[index].now = now
        fix.changes[index].message = message
    }
}

extension WalkRecord.Diagnosis {
    init(_ diagnosis: DiagnosedCause) {
        self.init(
            cause: diagnosis.cause, signature: diagnosis.signature, score: (diagnosis.score * 100).rounded() / 100,
            evidence: diagnosis.evidence, reason: diagnosis.reason, help: diagnosis.help,
            step: diagnosis.step.description)
    }
}
