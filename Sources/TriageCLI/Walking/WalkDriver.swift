import DecisionEngine
import HostEffects
import PlaybookSpec

/// Carries out what a `Walk` asks for — reads go env, runs probes, applies fixes — until the walk
/// needs the user or ends. The shell and `gotriage run` both walk through it.
public final class WalkDriver {
    /// Where a walk waits for someone.
    public enum Stop: Sendable, Equatable {
        /// A question no preset answers; reply with `answer(_:)`.
        case question(PendingQuestion)
        /// A fix waits for a yes or no; reply with `applyFix()` or `declineFix()`.
        case fixConfirmation(PendingFix)
        /// Ctrl-C stopped a probe; `retry()`, `back()` or `restart()`.
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
    /// The step whose question or fix has been announced, so it is shown once.
    private var announced: StepAddress?
    private var finishedReported = false
    private var reportedDecisions = 0
    /// Question steps a preset answer has already answered in this walk.
    private var presetsUsed: Set<StepAddress> = []

    public init(walk: Walk, host: Host, observer: any WalkObserver, presetAnswers: [String: String] = [:],
                fixPolicy: FixPolicy) {
        self.walk = walk
        self.host = host
        self.observer = observer
        self.presetAnswers = presetAnswers
        self.fixPolicy = fixPolicy
        let playbook = walk.tree.playbooks[walk.start.playbook]
        observer.handle(.started(playbook: walk.start.playbook, title: playbook?.title ?? ""))
    }

    /// Runs the walk until it needs someone or ends.
    public func advance() async -> Stop {
        while true {
            // Decisions first: one `next()` can branch into a step and reach its fix or question.
            let directive = walk.next()
            reportNewDecisions()
            switch directive {
            case .readGoEnv(let keys):
                walk.record(goEnv: await readGoEnv(keys)?.values ?? [:])
            case .say(let text, let step):
                observer.handle(.said(text, step: step))
            case .run(let probe):
                let result = await run(probe)
                try? walk.record(probe: ProbeObservation(result))
            case .ask(let question):
                if announced != question.step {
                    announced = question.step
                    observer.handle(.asked(question))
                }
                // A preset answers each question once: a loop back to it needs someone to decide.
                guard let preset = presetAnswers[question.variable], !presetsUsed.contains(question.step) else {
                    return .question(question)
                }
                presetsUsed.insert(question.step)
                if case .rejected = answer(preset, origin: .preset) {
                    presetAnswers[question.variable] = nil
                    return .question(question)
                }
            case .proposeFix(let fix):
                var current: GoEnvSnapshot?
                if announced != fix.step {
                    announced = fix.step
                    current = await readGoEnv(Self.goEnvKeys(forFixChanging: fix.changes.map(\.key)))
                    observer.handle(.fixProposed(fix, commands: commands(for: fix), current: current))
                }
                switch fixPolicy {
                case .confirm: return .fixConfirmation(fix)
                case .applyAll: await applyFix(before: current)  // read just now: nothing ran since
                case .declineAll: declineFix(why: .noConsent)
                case .dryRun:
                    observer.handle(.fixWouldRun(fix, commands: commands(for: fix)))
                    try? walk.endAtProposedFix()
                }
            case .interrupted(let step):
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

    /// Answers the pending question. A rejected reply is reported and the question stays.
    @discardableResult
    public func answer(_ reply: String, origin: AnswerOrigin = .user) -> AnswerCheck {
        guard case .ask(let question) = walk.next(), let check = try? walk.answer(reply) else {
            return .rejected("There is no question waiting for an answer.")
        }
        switch check {
        case .accepted(let value):
            announced = nil
            observer.handle(.answered(question, value: value, origin: origin))
        case .rejected(let reason):
            observer.handle(.answerRejected(question, reply: reply, reason: reason))
        }
        return check
    }

    /// Applies the pending fix, one change at a time, stopping at the first that does not take.
    public func applyFix() async { await applyFix(before: nil) }

    /// Applies the pending fix; `before`, a snapshot read just now, saves reading the first
    /// change's key again (later changes are read afresh: the ones before them changed the file).
    /// The read confirming the last change also asks for the walk's keys, so the walk, which must
    /// read them again after a fix, has them from that read.
    private func applyFix(before: GoEnvSnapshot?) async {
        guard case .proposeFix(let fix) = walk.next() else { return }
        var results: [GoEnvApplyResult] = []
        var after: GoEnvSnapshot?
        for (index, change) in fix.changes.enumerated() {
            let last = index == fix.changes.count - 1
            let applied = await host.applyJournaled(GoEnvEdit(change), before: index == 0 ? before : nil,
                                                    alsoReading: last ? walk.tree.goEnvKeys : [])
            results.append(applied.result)
            after = applied.after
            guard case .applied = applied.result else { break }
        }
        announced = nil
        observer.handle(.fixApplied(fix, results: results))
        let allApplied = results.count == fix.changes.count && results.allSatisfy {
            if case .applied = $0 { true } else { false }
        }
        try? walk.record(fix: allApplied ? .applied : .failed)
        if allApplied, let after, walk.tree.goEnvKeys.allSatisfy({ after[$0] != nil }) {
            goEnv = after
            walk.record(goEnv: after.values)
        }
    }

    /// Declines the pending fix: nothing is changed.
    public func declineFix(why: DeclineReason = .userSaidNo) {
        guard case .proposeFix(let fix) = walk.next() else { return }
        announced = nil
        observer.handle(.fixDeclined(fix, why: why))
        try? walk.record(fix: .declined)
    }

    /// Goes back to the previous question or fix; false when there is none.
    public func back() -> Bool {
        guard walk.back() else { return false }
        announced = nil
        finishedReported = false
        return true
    }

    /// Starts the walk over.
    public func restart() {
        walk.restart()
        announced = nil
        finishedReported = false
        presetsUsed = []
    }

    /// Runs an interrupted probe again; false when nothing was interrupted.
    public func retry() -> Bool { walk.retry() }

    /// The exact commands a fix would run, as shown to the user before asking.
    public func commands(for fix: PendingFix) -> [[String]] {
        fix.changes.map { host.goEnvironment.commandLine(for: GoEnvEdit($0)) }
    }

    /// Emits the decisions the walk made since the last call (the walk only ever appends, except
    /// on back and restart, which cut the list short).
    private func reportNewDecisions() {
        if walk.decisions.count < reportedDecisions { reportedDecisions = walk.decisions.count }
        for decision in walk.decisions.dropFirst(reportedDecisions) { observer.handle(.decided(decision)) }
        reportedDecisions = walk.decisions.count
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

    private func run(_ probe: PendingProbe) async -> CommandResult {
        observer.handle(.probeStarted(probe))
        var argv = probe.argv
        if argv.first == "gotriage" { argv[0] = host.selfExecutable }
        let request = CommandRequest(
            argv: argv,
            environment: host.environment.merging(probe.environment) { _, new in new },
            workingDirectory: host.workingDirectory,
            timeoutMilliseconds: probe.timeoutMilliseconds)
        var result = await host.runner.run(request)
        result.argv = probe.argv
        observer.handle(.probeFinished(probe, result))
        if result.interrupted { observer.handle(.interrupted(probe.step)) }
        return result
    }
}

extension ProbeObservation {
    init(_ result: CommandResult) {
        self.init(exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr, timedOut: result.timedOut,
                  interrupted: result.interrupted, durationMilliseconds: result.durationMilliseconds)
    }
}

extension GoEnvEdit {
    init(_ change: PendingFix.Change) {
        if let value = change.value { self = .set(key: change.key, value: value) } else { self = .unset(key: change.key) }
    }
}
