import DecisionEngine
import HostEffects
import PlaybookSpec

/// Carries out what a `Walk` asks for — reads go env, runs probes, applies fixes — until the walk
/// needs the user or ends. The shell and `gotriage run` both walk through it.
///
/// It also registers every secret the walk meets in `host.secrets` before any observer hears of
/// it (see `WalkDriver+Secrets.swift`), so whatever writes the events can mask it by value.
public final class WalkDriver {
    /// Where a walk waits for someone.
    public enum Stop: Sendable, Equatable {
        /// A question no preset answers; reply with `answer(_:)`.
        case question(PendingQuestion)
        /// A fix waits for a yes or no; reply with `applyFix()` or `declineFix()`.
        case fixConfirmation(PendingFix)
        /// Ctrl-C stopped a probe, or the walk right after a fix; `retry()`, `back()` or `restart()`.
        case interrupted(StepAddress)
        case finished(WalkEnd)
    }

    /// What to do when a walk proposes a fix.
    public enum FixPolicy: Sendable {
        /// Stop and let the user say yes or no.
        case confirm
        /// Apply without asking (`--yes`).
        case applyAll
        /// Never apply (script mode without `--yes`).
        case declineAll
        /// Show the fix's commands, apply nothing, and end the walk there (`--dry-run`).
        case dryRun
    }

    public private(set) var walk: Walk
    public let host: Host
    public var presetAnswers: [String: String]
    public var fixPolicy: FixPolicy
    private let observer: any WalkObserver
    /// The Go environment as last read (for the walk or for a fix), with where each value comes from.
    public private(set) var goEnv: GoEnvSnapshot?
    /// The question or fix `advance()` last stopped at, until it is answered (or `back` and
    /// `restart` move away); `answer(_:)`, `applyFix()` and `declineFix(why:)` reply to it.
    private var waiting: Stop?
    /// The step whose question or fix has been announced, so it is shown once.
    private var announced: StepAddress?
    private var finishedReported = false
    /// Question steps a preset answer has already answered in this walk.
    private var presetsUsed: Set<StepAddress> = []
    /// The fix step Ctrl-C stopped the walk after (its changes are done or not, as reported);
    /// `retry()` walks on from there.
    private var stoppedAfterFix: StepAddress?
    /// The diagnosis last reported to the observer.
    private var reportedDiagnosis: DiagnosedCause?

    public init(
        walk: Walk, host: Host, observer: any WalkObserver, presetAnswers: [String: String] = [:],
        fixPolicy: FixPolicy
    ) {
        self.walk = walk
        self.host = host
        self.observer = observer
        self.presetAnswers = presetAnswers
        self.fixPolicy = fixPolicy
        rememberSecretAnswers(presetAnswers)
        rememberSecretVariables()
        let playbook = walk.tree.playbooks[walk.start.playbook]
        observer.handle(.started(playbook: walk.start.playbook, title: playbook?.title ?? ""))
    }

    /// Runs the walk until it needs someone or ends.
    public func advance() async -> Stop {
        while true {
            // Decisions first: one `next()` can branch into a step and reach its fix or question.
            let directive = walk.next()
            for decision in directive.decisions { observer.handle(.decided(decision)) }
            if let diagnosis = walk.diagnosis, diagnosis != reportedDiagnosis {
                reportedDiagnosis = diagnosis
                observer.handle(.diagnosed(diagnosis))
            }
            switch directive.action {
            case .readGoEnv(let keys):
                walk.record(goEnv: await readGoEnv(keys)?.values ?? [:])
            case .say(let text, let step):
                observer.handle(.said(text, step: step))
            case .run(var probe):
                let result = await run(probe)
                handOver { try $0.record(probe: ProbeObservation(result)) }
                // Told only now, once the captures are in: a secret-named capture is registered
                // first, and what the playbook says of the exit code can quote them.
                rememberSecretVariables()
                probe.says = walk.lastProbeSays
                observer.handle(.probeFinished(probe, result))
            case .ask(let question):
                if announced != question.step {
                    announced = question.step
                    observer.handle(.asked(question))
                }
                // A preset answers each question once: a loop back to it needs someone to decide.
                if let preset = presetAnswers[question.variable], !presetsUsed.contains(question.step) {
                    presetsUsed.insert(question.step)
                    if case .accepted = answer(question, preset, origin: .preset) { continue }
                    presetAnswers[question.variable] = nil
                }
                waiting = .question(question)
                return .question(question)
            case .proposeFix(let fix):
                var current: GoEnvSnapshot?
                if announced != fix.step {
                    announced = fix.step
                    current = await readGoEnv(Self.goEnvKeys(forFixChanging: fix.changes.map(\.key)))
                    observer.handle(.fixProposed(fix, commands: commands(for: fix), current: current))
                }
                switch fixPolicy {
                case .confirm:
                    waiting = .fixConfirmation(fix)
                    return .fixConfirmation(fix)
                case .applyAll:
                    await apply(fix, before: current)  // read just now: nothing ran since
                    if Task.isCancelled { return interruptedAtFix(fix) }
                case .declineAll: decline(fix, why: .noConsent)
                case .dryRun:
                    observer.handle(.fixWouldRun(fix, commands: commands(for: fix)))
                    handOver { try $0.endAtProposedFix() }
                }
            case .interrupted(let step):
                // Ctrl-C stopped the probe, or the matching of its output.
                observer.handle(.interrupted(step))
                return .interrupted(step)
            case .finished(let end):
                if !finishedReported {
                    finishedReported = true
                    observer.handle(.finished(end))
                }
                return .finished(end)
            }
        }
    }

    /// Answers the question the walk waits at (`advance()` returned `.question`). A rejected reply
    /// is reported and the question stays.
    ///
    /// - Precondition: a question is waiting; answering none is a bug in the caller.
    @discardableResult
    public func answer(_ reply: String, origin: AnswerOrigin = .user) -> AnswerCheck {
        guard case .question(let question) = waiting else {
            preconditionFailure("WalkDriver.answer(_:) was called while no question waits for an answer")
        }
        let check = answer(question, reply, origin: origin)
        if case .accepted = check { waiting = nil }
        return check
    }

    /// Applies the fix the walk waits at (`advance()` returned `.fixConfirmation`).
    ///
    /// - Precondition: a fix is waiting; applying none is a bug in the caller.
    public func applyFix() async {
        await apply(takeWaitingFix(for: "applyFix()"), before: nil)
    }

    /// Declines the fix the walk waits at: nothing is changed.
    ///
    /// - Precondition: a fix is waiting; declining none is a bug in the caller.
    public func declineFix(why: DeclineReason = .userSaidNo) {
        decline(takeWaitingFix(for: "declineFix(why:)"), why: why)
    }

    /// Goes back to the previous question or fix; false when there is none.
    public func back() -> Bool {
        guard walk.back() else { return false }
        stoppedAfterFix = nil
        waiting = nil
        announced = nil
        finishedReported = false
        return true
    }

    /// Starts the walk over.
    public func restart() {
        walk.restart()
        stoppedAfterFix = nil
        waiting = nil
        announced = nil
        finishedReported = false
        presetsUsed = []
        reportedDiagnosis = nil
    }

    /// Runs an interrupted probe again, or walks on after a fix that Ctrl-C stopped the walk at;
    /// false when nothing was interrupted.
    public func retry() -> Bool {
        if stoppedAfterFix != nil {
            stoppedAfterFix = nil
            return true
        }
        return walk.retry()
    }

    /// Reports that `gotriage run` stopped before the walk ended; the walk is left as it is.
    public func stopRun(_ stop: RunStop) {
        observer.handle(.runStopped(stop))
    }

    /// Stops the walk after `fix`, which was applied (or not, as reported) when Ctrl-C came: a
    /// change is never cut short, but the walk does not go on.
    private func interruptedAtFix(_ fix: PendingFix) -> Stop {
        stoppedAfterFix = fix.step
        observer.handle(.interrupted(fix.step))
        return .interrupted(fix.step)
    }

    /// The exact commands a fix would run, as shown to the user before asking.
    public func commands(for fix: PendingFix) -> [[String]] {
        fix.changes.map { host.goEnvironment.commandLine(for: GoEnvEdit($0)) }
    }

    /// The fix the walk waits at, which the caller is about to apply or decline.
    private func takeWaitingFix(for caller: String) -> PendingFix {
        guard case .fixConfirmation(let fix) = waiting else {
            preconditionFailure("WalkDriver.\(caller) was called while no fix waits for a yes or no")
        }
        waiting = nil
        return fix
    }

    /// Hands `reply` to the walk, which waits at `question`, and reports what became of it.
    private func answer(_ question: PendingQuestion, _ reply: String, origin: AnswerOrigin) -> AnswerCheck {
        rememberSecrets(inReply: reply, to: question)
        let check = handOver { try $0.answer(reply) }
        switch check {
        case .accepted(let value):
            rememberSecrets(inReply: value, to: question)
            rememberSecretVariables()
            announced = nil
            observer.handle(.answered(question, value: value, origin: origin))
        case .rejected(let reason):
            observer.handle(.answerRejected(question, reply: reply, reason: reason))
        }
        return check
    }

    /// Applies `fix`, which the walk waits at, one change at a time, stopping at the first that
    /// does not take. `before`, a snapshot read just now, saves reading the first change's key
    /// again (later changes are read afresh: the ones before them changed the file). The read
    /// confirming the last change also asks for the walk's keys, so the walk, which must read them
    /// again after a fix, has them from that read.
    private func apply(_ fix: PendingFix, before: GoEnvSnapshot?) async {
        var results: [GoEnvApplyResult] = []
        var after: GoEnvSnapshot?
        for (index, change) in fix.changes.enumerated() {
            let last = index == fix.changes.count - 1
            let applied = await host.applyJournaled(
                GoEnvEdit(change), before: index == 0 ? before : nil,
                alsoReading: last ? walk.tree.goEnvKeys : [])
            results.append(applied.result)
            after = applied.after
            guard case .applied = applied.result else { break }
        }
        announced = nil
        observer.handle(.fixApplied(fix, results: results))
        let allApplied =
            results.count == fix.changes.count
            && results.allSatisfy {
                if case .applied = $0 { true } else { false }
            }
        handOver { try $0.record(fix: allApplied ? .applied : .failed) }
        if allApplied, let after, walk.tree.goEnvKeys.allSatisfy({ after[$0] != nil }) {
            goEnv = after
            walk.record(goEnv: after.values)
        }
    }

    /// Declines `fix`, which the walk waits at.
    private func decline(_ fix: PendingFix, why: DeclineReason) {
        announced = nil
        observer.handle(.fixDeclined(fix, why: why))
        handOver { try $0.record(fix: .declined) }
    }

    /// Hands a result to the walk. The driver hands over only what the walk's last directive asked
    /// for — a probe's result right after `.run`, a reply to the question or fix it stopped at — so
    /// a `WalkError` here is a bug in this driver, never something a user can cause: it stops
    /// gotriage with the error rather than walk on from a state nobody chose.
    private func handOver<Result>(_ result: (inout Walk) throws -> Result) -> Result {
        do {
            return try result(&walk)
        } catch {
            preconditionFailure("WalkDriver handed the walk a result it did not ask for: \(error)")
        }
    }

    /// The keys read when a fix changing `keys` is proposed: its own (shown with their values and
    /// where each comes from), then the download settings a report keeps as "before the fix".
    static func goEnvKeys(forFixChanging keys: [String]) -> [String] {
        var seen: Set<String> = []
        return (keys + GoEnvKeys.relevant).filter { seen.insert($0).inserted }
    }

    /// Reads `keys` with `go env`; nil, after a `goEnvUnreadable` event, when go cannot tell.
    private func readGoEnv(_ keys: [String]) async -> GoEnvSnapshot? {
        do {
            let snapshot = try await host.goEnvironment.read(keys: keys)
            goEnv = snapshot
            return snapshot
        } catch {
            goEnv = nil
            observer.handle(.goEnvUnreadable("\(error)"))
            return nil
        }
    }

    /// Runs `probe`, announced by `.probeStarted`; the caller tells of its end.
    private func run(_ probe: PendingProbe) async -> CommandResult {
        rememberSecrets(in: probe)
        observer.handle(.probeStarted(probe))
        if let write = SettingsWriteCommand.find(in: probe.argv) {
            // The validator refuses such a step as written; this one became a write once its
            // placeholders were filled in. Only a fix step changes settings: it asks first and is journaled.
            var refused = CommandResult.notStarted(
                probe.argv,
                reason: "gotriage did not run '\(probe.argv.joined(separator: " "))': "
                    + "\(write.kind.what), and only a fix step may do that (it asks first, and undo can put it back)")
            refused.argv = probe.argv
            return refused
        }
        var argv = probe.argv
        if probe.isBuiltIn { argv[0] = host.selfExecutable }
        let request = CommandRequest(
            argv: argv,
            environment: host.environment.merging(probe.environment) { _, new in new },
            workingDirectory: host.workingDirectory,
            timeoutMilliseconds: probe.timeoutMilliseconds)
        var result = await host.runner.run(request)
        result.argv = probe.argv
        rememberSecrets(in: result)
        return result
    }
}

extension ProbeObservation {
    init(_ result: CommandResult) {
        self.init(
            exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut,
            interrupted: result.interrupted, durationMilliseconds: result.durationMilliseconds)
    }
}

extension GoEnvEdit {
    init(_ change: PendingFix.Change) {
        if let value = change.value { self = .set(key: change.key, value: value) } else { self = .unset(key: change.key) }
    }
}
