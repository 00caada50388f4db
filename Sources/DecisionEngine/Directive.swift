import PlaybookSpec

/// What the front end must do next for a walk, with the decisions that led there. The engine
/// never prints or spawns; it says what should happen and waits for the result.
public struct Directive: Sendable {
    /// The decisions the walk made since the previous directive, oldest first: every step it left
    /// on the way to this one (none when it has not moved, or after `back` and `restart`, which
    /// forget decisions rather than make new ones).
    public let decisions: [Decision]
    /// What to do.
    public let action: Action

    /// One thing for the front end to do.
    public enum Action: Sendable {
        /// Read these keys with `go env -json KEY…` and hand the values to `Walk.record(goEnv:)`.
        case readGoEnv(keys: [String])
        /// Show this text to the user.
        case say(String, step: StepAddress)
        /// Ask the user; hand the reply to `Walk.answer(_:)`.
        case ask(PendingQuestion)
        /// Run the probe; hand the result to `Walk.record(probe:)`.
        case run(PendingProbe)
        /// Show the fix, ask for a yes, apply it if given; hand the result to `Walk.record(fix:)`
        /// (or, in a dry run, call `Walk.endAtProposedFix()`).
        case proposeFix(PendingFix)
        /// The last probe was interrupted; the walk waits at this step (`retry`, `back` or `restart`).
        case interrupted(StepAddress)
        /// The walk is over.
        case finished(WalkEnd)
    }
}

/// A question with its templates filled in.
public struct PendingQuestion: Sendable, Equatable {
    public let step: StepAddress
    public let prompt: String
    public let variable: String
    public let choices: [String]
    /// The answer used when the reply is empty.
    public let defaultValue: String?
    /// The regex a free-text answer must match, as written (for help texts).
    public let pattern: String?
    /// The playbook marks the answer a secret (`secret: true`): front ends remember and hide it.
    public var secret = false
}

/// A probe with its argv and environment filled in.
public struct PendingProbe: Sendable, Equatable {
    public let step: StepAddress
    /// The command; every element came from exactly one template, so values never split or merge.
    public let argv: [String]
    public let environment: [String: String]
    public let timeoutMilliseconds: Int
    /// What the user is waiting for, for a spinner or a log line.
    public let pending: String?
    /// What the playbook's `says` makes of the run's exit code, with the run's captures filled in
    /// (`Walk.lastProbeSays`): set by the front end once the run is recorded, nil before.
    public var says: String? = nil

    /// `gotriage` as argv[0]: one of gotriage's own probes, run by this very executable.
    public var isBuiltIn: Bool { argv.first == "gotriage" }
}

/// A fix with its values filled in.
public struct PendingFix: Sendable, Equatable {
    public let step: StepAddress
    public let reason: String
    public let changes: [Change]

    /// One `go env` change: a nil value means `go env -u KEY`.
    public struct Change: Sendable, Equatable {
        public let key: String
        public let value: String?

        public init(key: String, value: String?) {
            self.key = key
            self.value = value
        }
    }
}

/// How a walk ended.
public struct WalkEnd: Sendable, Equatable {
    public let outcome: Outcome
    /// The cause id, when the walk named one.
    public let cause: String?
    public let conclusion: String
    /// The step where it ended.
    public let step: StepAddress
    public let reason: Reason
    /// The latest cause the cause catalog read in the walk's probe output, whatever the outcome.
    public var diagnosis: DiagnosedCause? = nil
    /// The one command to run next: the `done` step's `help`, else its conclusion's first command.
    public var help: String? = nil

    public enum Reason: String, Sendable, Equatable, Codable, CaseIterable {
        /// A `done` step was reached.
        case done
        /// The user declined a fix and the playbook had no branch for that.
        case fixDeclined = "fix-declined"
        /// A fix did not take effect and the playbook had no branch for that.
        case fixFailed = "fix-failed"
        /// The walk went on too long; the playbook loops.
        case stepLimit = "step-limit"
        /// A dry run stopped at the first proposed fix: it was shown, not applied, and what the
        /// playbook would check after it cannot be checked honestly.
        case fixProposed = "fix-proposed"
        /// A probe was not run because a variable's value would have become one of its options.
        case unsafeArgument = "unsafe-argument"
        /// A regex of the step took longer than its `MatchBudget` on the text it was matching.
        case patternTooSlow = "pattern-too-slow"
    }

    /// The outcome as reports name it: `fix-proposed` for a dry run stopped at a fix, else the
    /// playbook's outcome (`resolved`, `not-resolved`, `escalate`).
    public var reportedOutcome: String {
        reason == .fixProposed ? Reason.fixProposed.rawValue : outcome.rawValue
    }
}
