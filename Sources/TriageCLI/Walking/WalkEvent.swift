import DecisionEngine
import HostEffects
import PlaybookSpec

/// Something that happened during a walk, in the order it happened. Renderers (terminal text,
/// JSON lines, reports) all read the same events.
public enum WalkEvent: Sendable {
    case started(playbook: String, title: String)
    case said(String, step: StepAddress)
    case probeStarted(PendingProbe)
    case probeFinished(PendingProbe, CommandResult)
    case asked(PendingQuestion)
    case answered(PendingQuestion, value: String, origin: AnswerOrigin)
    case answerRejected(PendingQuestion, reply: String, reason: String)
    /// A fix is proposed; `current` is the Go environment before it, when it could be read.
    case fixProposed(PendingFix, commands: [[String]], current: GoEnvSnapshot?)
    case fixApplied(PendingFix, results: [GoEnvApplyResult])
    case fixDeclined(PendingFix, why: DeclineReason)
    /// A dry run showed the fix's commands without running them; the walk ends next.
    case fixWouldRun(PendingFix, commands: [[String]])
    /// The walk left a step; the decision holds the evidence (for `why` and reports).
    case decided(Decision)
    /// The cause catalog read a cause in a probe's output; it stays the walk's diagnosis until a
    /// later one replaces it.
    case diagnosed(DiagnosedCause)
    case goEnvUnreadable(String)
    case interrupted(StepAddress)
    case finished(WalkEnd)
    /// `gotriage run` stopped before the walk ended (a signal, or a question nobody answered).
    case runStopped(RunStop)
}

/// Where an answer came from.
public enum AnswerOrigin: String, Sendable, Codable {
    case user
    /// `--answer NAME=VALUE`
    case preset = "answer-flag"
    /// The question's default, taken by `gotriage run` when nothing else answers it.
    case defaultValue = "default"
}

/// Why a fix was not applied.
public enum DeclineReason: String, Sendable, Codable {
    /// The user answered no.
    case userSaidNo = "user-said-no"
    /// Script mode without `--yes` never changes anything.
    case noConsent = "no-yes-flag"
}

/// Receives the events of a walk.
public protocol WalkObserver: AnyObject {
    func handle(_ event: WalkEvent)
}
