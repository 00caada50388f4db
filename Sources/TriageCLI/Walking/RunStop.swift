import DecisionEngine
import PlaybookSpec

/// How a `gotriage run` ended before its walk did: a signal stopped it, or a question had no answer.
public struct RunStop: Sendable, Equatable {
    /// Why the run stopped.
    public enum Cause: Sendable, Equatable {
        /// Ctrl-C, SIGTERM or SIGHUP (named as `SIGINT`, …) stopped the running step.
        case interrupted(signal: String)
        /// Nobody could answer this question: no `--answer`, no default, no terminal.
        case unanswered(PendingQuestion)
    }

    /// The step the walk was at.
    public let step: StepAddress
    public let cause: Cause

    public init(step: StepAddress, cause: Cause) {
        self.step = step
        self.cause = cause
    }

    /// What happened, in one or two sentences for people.
    public var conclusion: String {
        switch cause {
        case .interrupted(let signal):
            let who = signal == "SIGINT" ? "Ctrl-C (SIGINT)" : signal
            return "\(who) stopped the walk at \(step); the running command, if any, was stopped with its whole "
                + "process group. Nothing was changed after that."
        case .unanswered(let question):
            return "The playbook asks \"\(question.prompt)\" and no answer was given. "
                + "Pass --answer \(question.variable)=VALUE."
        }
    }
}
