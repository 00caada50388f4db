import DecisionEngine

/// One line of `gotriage run --json`: a walk event as a typed value, used by the writer and by
/// anything that reads the stream (the tests decode with it).
///
/// On the wire an event is one JSON object: `event` names the case (`start`, `probe-end`, …) and
/// the payload's properties sit beside it, keyed in snake_case; an optional value that is absent
/// is left out. This file holds every event type on purpose, so the whole schema reads in one
/// place; the README's `--json` table has one row per payload type.
public enum JSONEvent: Codable, Sendable, Equatable {
    case start(Start)
    case say(Say)
    case probeStart(ProbeStart)
    case probeEnd(ProbeEnd)
    case ask(Ask)
    case answer(Answer)
    case answerRejected(AnswerRejected)
    case fixProposed(FixProposed)
    case fixApplied(FixApplied)
    case fixDeclined(FixDeclined)
    case fixWouldRun(FixWouldRun)
    case decision(Decision)
    case diagnosis(Diagnosis)
    case goEnvUnreadable(GoEnvUnreadable)
    case interrupted(Interrupted)
    case end(End)

    /// The `event` value that names each case on the wire.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case start, say
        case probeStart = "probe-start"
        case probeEnd = "probe-end"
        case ask, answer
        case answerRejected = "answer-rejected"
        case fixProposed = "fix-proposed"
        case fixApplied = "fix-applied"
        case fixDeclined = "fix-declined"
        case fixWouldRun = "fix-would-run"
        case decision, diagnosis
        case goEnvUnreadable = "go-env-unreadable"
        case interrupted, end
    }

    /// `start`: the walk began at this playbook.
    public struct Start: Codable, Sendable, Equatable {
        public let playbook: String
        public let title: String
    }

    /// `say`: text the step shows the user.
    public struct Say: Codable, Sendable, Equatable {
        public let step: String
        public let text: String
    }

    /// `probe-start`: a command starts.
    public struct ProbeStart: Codable, Sendable, Equatable {
        public let step: String
        public let argv: [String]
        /// How long the command may run, in milliseconds.
        public let timeoutMs: Int
        /// What the user waits for, when the playbook says.
        public let text: String?

        enum CodingKeys: String, CodingKey {
            case step, argv, text
            case timeoutMs = "timeout_ms"
        }
    }

    /// `probe-end`: a command finished (or was killed).
    public struct ProbeEnd: Codable, Sendable, Equatable {
        public let step: String
        public let argv: [String]
        public let exitCode: Int32
        public let timedOut: Bool
        public let interrupted: Bool
        /// Wall-clock time, in milliseconds, to one decimal.
        public let durationMs: Double
        /// The first 4 000 characters of standard output.
        public let stdout: String
        /// The first 4 000 characters of standard error.
        public let stderr: String

        enum CodingKeys: String, CodingKey {
            case step, argv, interrupted, stdout, stderr
            case exitCode = "exit_code"
            case timedOut = "timed_out"
            case durationMs = "duration_ms"
        }
    }

    /// `ask`: a question waits for an answer.
    public struct Ask: Codable, Sendable, Equatable {
        public let step: String
        /// The variable the answer goes into (what `--answer NAME=VALUE` names).
        public let variable: String
        public let question: String
        /// The allowed answers; absent for a free-text question.
        public let choices: [String]?
        /// The answer an empty reply gives, when there is one.
        public let defaultValue: String?

        enum CodingKeys: String, CodingKey {
            case step, variable, question, choices
            case defaultValue = "default_value"
        }
    }

    /// `answer`: a question was answered.
    public struct Answer: Codable, Sendable, Equatable {
        public let step: String
        public let variable: String
        public let value: String
        public let origin: AnswerOrigin
    }

    /// `answer-rejected`: a reply did not fit the question, which stays.
    public struct AnswerRejected: Codable, Sendable, Equatable {
        public let step: String
        public let variable: String
        public let reply: String
        public let reason: String
    }

    /// `fix-proposed`: a fix is shown, before anything is changed.
    public struct FixProposed: Codable, Sendable, Equatable {
        public let step: String
        public let reason: String
        public let changes: [Change]

        /// One `go env` change of the fix.
        public struct Change: Codable, Sendable, Equatable {
            public let key: String
            /// The new value; absent for `go env -u`.
            public let value: String?
            /// The exact command that makes the change.
            public let command: [String]
            /// The value now, when go env could be read.
            public let current: String?
            /// Where the current value comes from, when go env could be read.
            public let source: Source?
        }

        /// Where a Go setting's value comes from.
        public enum Source: String, Codable, Sendable, CaseIterable {
            /// A variable in the environment gotriage runs in.
            case environment
            /// The GOENV file that `go env -w` writes.
            case goenvFile = "goenv-file"
            /// Nothing sets it: Go's default.
            case defaultValue = "default"
        }
    }

    /// `fix-applied`: the fix was applied, change by change, up to the first that did not take.
    public struct FixApplied: Codable, Sendable, Equatable {
        public let step: String
        public let results: [ChangeResult]

        /// What became of one change.
        public struct ChangeResult: Codable, Sendable, Equatable {
            public let key: String
            public let status: Status
            /// The value before (`applied`, `unconfirmed`), or the environment's value that wins (`overridden`).
            public let old: String?
            /// The value now (`applied`), the value the GOENV file now sets (`unconfirmed`), or
            /// the value that was wanted (`overridden`).
            public let new: String?
            /// The environment variable that overrides the GOENV file (`overridden`).
            public let variable: String?
            /// Why the change failed (`failed`), or why it is not confirmed (`unconfirmed`).
            public let message: String?
        }

        /// Whether one change took effect.
        public enum Status: String, Codable, Sendable, CaseIterable {
            case applied
            /// Not written: a variable in the environment beats the GOENV file.
            case overridden
            case failed
            /// The GOENV file was changed, but go did not confirm the value (Ctrl-C, go not runnable).
            case unconfirmed
        }
    }

    /// `fix-declined`: the fix was not applied; nothing was changed.
    public struct FixDeclined: Codable, Sendable, Equatable {
        public let step: String
        public let reason: DeclineReason
    }

    /// `fix-would-run`: a dry run shows the fix's commands and stops.
    public struct FixWouldRun: Codable, Sendable, Equatable {
        public let step: String
        public let commands: [[String]]
    }

    /// `decision`: the walk left a step, and why.
    public struct Decision: Codable, Sendable, Equatable {
        public let step: String
        /// The step it went to (`playbook:step`).
        public let target: String
        /// The matched branch's condition in words; absent for `next`, `jump` and `else`.
        public let condition: String?
        /// The values or output lines behind the decision.
        public let evidence: [String]
        /// Where the branch is written: `file:line:col`, 1-based.
        public let location: String
    }

    /// `diagnosis`: the cause catalog read a cause in a probe's output (also the `diagnosis` of
    /// `end` and `interrupted`: the latest one, whatever the outcome).
    public struct Diagnosis: Codable, Sendable, Equatable {
        /// The cause id (`Playbooks/causes.yaml`).
        public let cause: String
        /// The signature whose match shows it.
        public let signature: String
        /// How sure the catalog is, 0…1.
        public let score: Double
        /// The line that shows it: `stdout line 4: "…"`.
        public let evidence: String
        public let reason: String
        /// The one thing to do, for a cause no playbook proves yet.
        public let help: String?
        /// The step whose output was read (`playbook:step`).
        public let step: String

        func mapStrings(_ f: (String) -> String) -> Diagnosis {
            Diagnosis(
                cause: f(cause), signature: f(signature), score: score, evidence: f(evidence), reason: f(reason),
                help: help.map(f), step: f(step))
        }
    }

    /// `go-env-unreadable`: `go env` could not be read; the walk goes on without its values.
    public struct GoEnvUnreadable: Codable, Sendable, Equatable {
        public let message: String
    }

    /// `interrupted`: Ctrl-C stopped the step's command.
    public struct Interrupted: Codable, Sendable, Equatable {
        public let step: String
        /// The walk's diagnosis so far, when the cause catalog read one.
        public var diagnosis: Diagnosis?
    }

    /// `end`: the walk is over; always the last line, also when a signal or a missing answer
    /// stopped the run. It holds only strings and enums, which JSONEncoder always encodes, so it is
    /// always written.
    public struct End: Codable, Sendable, Equatable {
        public let step: String
        public let outcome: Outcome
        /// The cause id; absent when nothing was wrong.
        public let cause: String?
        public let conclusion: String
        public let reason: Reason
        /// The variable of the question nobody answered (reason `no-answer`); absent otherwise.
        public let variable: String?
        /// The latest cause the cause catalog read in the walk's output, whatever the outcome
        /// (`cause` is what the walk proved; absent when nothing was diagnosed).
        public let diagnosis: Diagnosis?
        /// The one command to run next (the conclusion's first, or the playbook's `help`); absent
        /// when the conclusion names none.
        public let help: String?

        public init(
            step: String, outcome: Outcome, cause: String?, conclusion: String, reason: Reason,
            variable: String? = nil, diagnosis: Diagnosis? = nil, help: String? = nil
        ) {
            self.step = step
            self.outcome = outcome
            self.cause = cause
            self.conclusion = conclusion
            self.reason = reason
            self.variable = variable
            self.diagnosis = diagnosis
            self.help = help
        }

        /// How the walk ended, as reports name it.
        public enum Outcome: String, Codable, Sendable, CaseIterable {
            case resolved
            case notResolved = "not-resolved"
            case escalate
            /// A dry run stopped at the first fix.
            case fixProposed = "fix-proposed"
            /// Ctrl-C, SIGTERM or SIGHUP stopped the run.
            case interrupted
            /// A question had no answer, no default and no terminal to ask at.
            case unanswered
        }

        /// Why the walk ended: a walk's own reasons (`WalkEnd.Reason`), or how the run was stopped.
        public enum Reason: String, Codable, Sendable, CaseIterable {
            case done
            case fixDeclined = "fix-declined"
            case fixFailed = "fix-failed"
            case stepLimit = "step-limit"
            case fixProposed = "fix-proposed"
            case unsafeArgument = "unsafe-argument"
            case patternTooSlow = "pattern-too-slow"
            case interrupted
            case noAnswer = "no-answer"

            /// The same reason as the walk's.
            public init(_ reason: WalkEnd.Reason) {
                switch reason {
                case .done: self = .done
                case .fixDeclined: self = .fixDeclined
                case .fixFailed: self = .fixFailed
                case .stepLimit: self = .stepLimit
                case .fixProposed: self = .fixProposed
                case .unsafeArgument: self = .unsafeArgument
                case .patternTooSlow: self = .patternTooSlow
                }
            }
        }

        /// The outcome and reason of a run that `cause` stopped.
        static func stopped(_ cause: RunStop.Cause) -> (Outcome, Reason) {
            switch cause {
            case .interrupted: (.interrupted, .interrupted)
            case .unanswered: (.unanswered, .noAnswer)
            }
        }
    }

    /// The name of this event on the wire.
    public var kind: Kind { parts.kind }

    private enum TagKey: String, CodingKey { case event }

    public init(from decoder: any Decoder) throws {
        switch try decoder.container(keyedBy: TagKey.self).decode(Kind.self, forKey: .event) {
        case .start: self = .start(try Start(from: decoder))
        case .say: self = .say(try Say(from: decoder))
        case .probeStart: self = .probeStart(try ProbeStart(from: decoder))
        case .probeEnd: self = .probeEnd(try ProbeEnd(from: decoder))
        case .ask: self = .ask(try Ask(from: decoder))
        case .answer: self = .answer(try Answer(from: decoder))
        case .answerRejected: self = .answerRejected(try AnswerRejected(from: decoder))
        case .fixProposed: self = .fixProposed(try FixProposed(from: decoder))
        case .fixApplied: self = .fixApplied(try FixApplied(from: decoder))
        case .fixDeclined: self = .fixDeclined(try FixDeclined(from: decoder))
        case .fixWouldRun: self = .fixWouldRun(try FixWouldRun(from: decoder))
        case .decision: self = .decision(try Decision(from: decoder))
        case .diagnosis: self = .diagnosis(try Diagnosis(from: decoder))
        case .goEnvUnreadable: self = .goEnvUnreadable(try GoEnvUnreadable(from: decoder))
        case .interrupted: self = .interrupted(try Interrupted(from: decoder))
        case .end: self = .end(try End(from: decoder))
        }
    }

    /// Writes `event` and the payload's keys into one object.
    public func encode(to encoder: any Encoder) throws {
        let (kind, payload) = parts
        var container = encoder.container(keyedBy: TagKey.self)
        try container.encode(kind, forKey: .event)
        try payload.encode(to: encoder)
    }

    private var parts: (kind: Kind, payload: any Encodable) {
        switch self {
        case .start(let payload): (.start, payload)
        case .say(let payload): (.say, payload)
        case .probeStart(let payload): (.probeStart, payload)
        case .probeEnd(let payload): (.probeEnd, payload)
        case .ask(let payload): (.ask, payload)
        case .answer(let payload): (.answer, payload)
        case .answerRejected(let payload): (.answerRejected, payload)
        case .fixProposed(let payload): (.fixProposed, payload)
        case .fixApplied(let payload): (.fixApplied, payload)
        case .fixDeclined(let payload): (.fixDeclined, payload)
        case .fixWouldRun(let payload): (.fixWouldRun, payload)
        case .decision(let payload): (.decision, payload)
        case .diagnosis(let payload): (.diagnosis, payload)
        case .goEnvUnreadable(let payload): (.goEnvUnreadable, payload)
        case .interrupted(let payload): (.interrupted, payload)
        case .end(let payload): (.end, payload)
        }
    }

    /// This event with `transform` applied to every string it carries — not to the event name or
    /// the enums' fixed values. The redactor uses it, so nothing free-form escapes redaction.
    func mapStrings(_ transform: (String) -> String) -> JSONEvent {
        let f = transform
        switch self {
        case .start(let e): return .start(Start(playbook: f(e.playbook), title: f(e.title)))
        case .say(let e): return .say(Say(step: f(e.step), text: f(e.text)))
        case .probeStart(let e):
            return .probeStart(ProbeStart(step: f(e.step), argv: e.argv.map(f), timeoutMs: e.timeoutMs, text: e.text.map(f)))
        case .probeEnd(let e):
            return .probeEnd(
                ProbeEnd(
                    step: f(e.step), argv: e.argv.map(f), exitCode: e.exitCode, timedOut: e.timedOut,
                    interrupted: e.interrupted, durationMs: e.durationMs, stdout: f(e.stdout),
                    stderr: f(e.stderr)))
        case .ask(let e):
            return .ask(
                Ask(
                    step: f(e.step), variable: f(e.variable), question: f(e.question),
                    choices: e.choices?.map(f), defaultValue: e.defaultValue.map(f)))
        case .answer(let e):
            return .answer(Answer(step: f(e.step), variable: f(e.variable), value: f(e.value), origin: e.origin))
        case .answerRejected(let e):
            return .answerRejected(
                AnswerRejected(
                    step: f(e.step), variable: f(e.variable), reply: f(e.reply),
                    reason: f(e.reason)))
        case .fixProposed(let e):
            return .fixProposed(
                FixProposed(
                    step: f(e.step), reason: f(e.reason),
                    changes: e.changes.map {
                        FixProposed.Change(
                            key: f($0.key), value: $0.value.map(f), command: $0.command.map(f),
                            current: $0.current.map(f), source: $0.source)
                    }))
        case .fixApplied(let e):
            return .fixApplied(
                FixApplied(
                    step: f(e.step),
                    results: e.results.map {
                        FixApplied.ChangeResult(
                            key: f($0.key), status: $0.status, old: $0.old.map(f), new: $0.new.map(f),
                            variable: $0.variable.map(f), message: $0.message.map(f))
                    }))
        case .fixDeclined(let e): return .fixDeclined(FixDeclined(step: f(e.step), reason: e.reason))
        case .fixWouldRun(let e):
            return .fixWouldRun(FixWouldRun(step: f(e.step), commands: e.commands.map { $0.map(f) }))
        case .decision(let e):
            return .decision(
                Decision(
                    step: f(e.step), target: f(e.target), condition: e.condition.map(f),
                    evidence: e.evidence.map(f), location: f(e.location)))
        case .goEnvUnreadable(let e): return .goEnvUnreadable(GoEnvUnreadable(message: f(e.message)))
        case .diagnosis(let e): return .diagnosis(e.mapStrings(f))
        case .interrupted(let e): return .interrupted(Interrupted(step: f(e.step), diagnosis: e.diagnosis?.mapStrings(f)))
        case .end(let e):
            return .end(
                End(
                    step: f(e.step), outcome: e.outcome, cause: e.cause.map(f), conclusion: f(e.conclusion),
                    reason: e.reason, variable: e.variable.map(f), diagnosis: e.diagnosis?.mapStrings(f),
                    help: e.help.map(f)))
        }
    }
}
