/// One node of the decision tree: optional text to show, one action, and where to go next.
///
/// Immutable, and shared rather than copied: a step holds many values, and a tree holds
/// thousands of steps that the engine hands around one at a time.
public final class Step: Sendable {
    public let address: StepAddress
    public let location: SourceLocation
    /// Shown when the walk enters the step, before the action.
    public let say: Template?
    public let action: Action
    public let transition: Transition
    /// The `go env` keys the step reads (in its `say`, action or branches), sorted; empty for most.
    public let goEnvKeys: [String]

    public init(
        address: StepAddress, location: SourceLocation, say: Template?, action: Action,
        transition: Transition
    ) {
        self.address = address
        self.location = location
        self.say = say
        self.action = action
        self.transition = transition
        self.goEnvKeys = GoEnvReferences.keys(say: say, action: action, transition: transition)
    }
}

/// What a step does.
public enum Action: Sendable {
    /// Only shows the step's `say` text.
    case message
    /// Runs a diagnostic command.
    case run(Probe)
    /// Asks the user; the answer lands in a variable.
    case ask(Question)
    /// Proposes `go env -w` / `go env -u` changes; applied only after a yes.
    case fix(Fix)
    /// Ends the walk.
    case done(Conclusion)
    /// Continues at a step of another playbook (or another step of this one).
    case jump(StepAddress)
}

/// Where the walk goes after a step's action.
public enum Transition: Sendable {
    /// The step ends the walk or jumps (`done`, `jump`).
    case end
    /// Always continue here.
    case next(StepAddress)
    /// The first branch whose condition holds wins; `fallback` when none does.
    case branch([Branch], fallback: Fallback)
}

/// One arm of a branch list before its `else`: an `if` with its `goto`, or a `route: causes`.
public struct Branch: Sendable {
    public let rule: Rule
    public let location: SourceLocation

    /// What an arm tests and where it leads.
    public enum Rule: Sendable {
        /// `if:` … `goto:` …
        case test(Condition, target: StepAddress)
        /// `route: causes`: the catalog's best cause for the probe's output, to the step that proves it.
        case route(Route)
    }

    public init(condition: Condition, target: StepAddress, location: SourceLocation) {
        self.init(rule: .test(condition, target: target), location: location)
    }

    public init(rule: Rule, location: SourceLocation) {
        self.rule = rule
        self.location = location
    }

    /// The condition of an `if` arm; nil for a route.
    public var condition: Condition? { if case .test(let condition, _) = rule { condition } else { nil } }
    /// The `goto` of an `if` arm; nil for a route, whose target depends on the output.
    public var target: StepAddress? { if case .test(_, let target) = rule { target } else { nil } }
}

/// A `route: causes` arm: where each cause of the catalog is proven.
public struct Route: Sendable {
    /// Cause id → the step its catalog entry names as `start`, for each start the tree holds.
    public let starts: [String: StepAddress]

    public init(starts: [String: StepAddress]) {
        self.starts = starts
    }
}

/// The `else` arm of a branch list.
public struct Fallback: Sendable {
    public let target: StepAddress
    public let location: SourceLocation

    public init(target: StepAddress, location: SourceLocation) {
        self.target = target
        self.location = location
    }
}

/// A diagnostic command to run: an argv array, never a shell string.
public struct Probe: Sendable {
    /// argv[0] is the program. `gotriage` as argv[0] means gotriage's own built-in probes.
    public let argv: [Template]
    /// Killed (with its whole process group) after this many milliseconds.
    public let timeoutMilliseconds: Int
    /// Extra environment variables for the command, in file order.
    public let environment: [(name: String, value: Template)]
    /// Named-group regexes applied to the output after the run.
    public let captures: [Capture]
    /// What the user is waiting for, shown while the probe runs ("the proxy at {{goproxy}}").
    public let pending: Template?
    /// What an exit code means, in words (`says`), shown instead of "failed (exit 2)".
    public let says: [Int32: Template]

    public static let defaultTimeoutMilliseconds = 10_000

    public init(
        argv: [Template], timeoutMilliseconds: Int, environment: [(name: String, value: Template)],
        captures: [Capture], pending: Template?, says: [Int32: Template] = [:]
    ) {
        self.argv = argv
        self.timeoutMilliseconds = timeoutMilliseconds
        self.environment = environment
        self.captures = captures
        self.pending = pending
        self.says = says
    }
}

/// Which output of a probe a condition or capture looks at.
public enum ProbeStream: String, Sendable, Codable {
    case stdout
    case stderr
    /// stdout and stderr, each searched in turn.
    case output
    /// go's error message, unescaped: stderr, or when that is empty, the `Error` fields of its
    /// `-json` output decoded (`ProbeObservation.errorText`).
    case error
}

/// What a probe's output sets: a regex's named groups, or the failing module Go names.
public struct Capture: Sendable {
    public let stream: ProbeStream
    /// The regex; nil for `- module: …`.
    public let pattern: Pattern?
    public let location: SourceLocation

    /// The variables `- module: …` sets: the failing module's path, its version, its first path
    /// element, and the module whose requirement pulled it in.
    public static let moduleVariables = ["module", "version", "module_host", "requiredby"]

    /// A regex whose named groups that match set the variables of the same names.
    public init(stream: ProbeStream, pattern: Pattern, location: SourceLocation) {
        self.stream = stream
        self.pattern = pattern
        self.location = location
    }

    /// `- module: stream`: the failing module as Go names it in any form, read as structure.
    public init(moduleIn stream: ProbeStream, location: SourceLocation) {
        self.stream = stream
        self.pattern = nil
        self.location = location
    }
}

/// A question for the user. Script mode answers it from `--answer NAME=VALUE`.
public struct Question: Sendable {
    public let prompt: Template
    /// The variable that receives the answer.
    public let variable: String
    /// Allowed answers; empty means free text.
    public let choices: [String]
    /// Free text must match this (the whole answer).
    public let pattern: Pattern?
    /// Used when the answer is empty.
    public let defaultValue: Template?
    /// The answer is a secret (`secret: true`): remembered and hidden, never kept in history.
    public let secret: Bool
    /// `only-if-empty: true`: a variable that already has a value (from `--answer`, or from the
    /// playbook that led here) is not asked again; the walk goes on as if it had been answered.
    public let onlyIfEmpty: Bool
    /// An answer of the right form (`example`), shown when a reply does not match `pattern`.
    public let example: String?

    public init(
        prompt: Template, variable: String, choices: [String], pattern: Pattern?,
        defaultValue: Template?, secret: Bool = false, onlyIfEmpty: Bool = false, example: String? = nil
    ) {
        self.prompt = prompt
        self.variable = variable
        self.choices = choices
        self.pattern = pattern
        self.defaultValue = defaultValue
        self.secret = secret
        self.onlyIfEmpty = onlyIfEmpty
        self.example = example
    }
}

/// A proposed change to the Go environment file (`go env -w` / `go env -u`).
public struct Fix: Sendable {
    /// Why, in plain words.
    public let reason: Template
    public let changes: [GoEnvChange]

    public init(reason: Template, changes: [GoEnvChange]) {
        self.reason = reason
        self.changes = changes
    }
}

/// One `go env` change.
public enum GoEnvChange: Sendable {
    /// `go env -w KEY=VALUE`
    case set(key: String, value: Template)
    /// `go env -u KEY`
    case unset(key: String)

    public var key: String {
        switch self {
        case .set(let key, _), .unset(let key): key
        }
    }
}

/// How a walk ends, as a playbook declares it.
public struct Conclusion: Sendable {
    public let outcome: Outcome
    /// A stable cause id from the cause catalog (`Playbooks/causes.yaml`), or nil when nothing was wrong.
    public let cause: String?
    public let text: Template
    /// The one command to run next; nil means the conclusion's first command (between backticks).
    public let help: Template?

    public init(outcome: Outcome, cause: String?, text: Template, help: Template? = nil) {
        self.outcome = outcome
        self.cause = cause
        self.text = text
        self.help = help
    }
}

/// The declared outcome of a `done` step.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case resolved
    case notResolved = "not-resolved"
    case escalate
}
