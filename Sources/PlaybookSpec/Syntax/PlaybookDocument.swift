/// A playbook as written in its YAML file: structurally sound, not yet checked for meaning.
///
/// The loader makes these; `Validator` turns a set of them into a `DecisionTree`. Step references
/// are still plain strings here and regexes are still source text.
public struct PlaybookDocument: Sendable {
    public var file: String
    public var location: SourceLocation
    /// Format version; only 1 exists.
    public var version: Int
    public var id: Located<String>
    public var title: String
    public var summary: String
    public var start: Located<String>
    public var inputs: [InputSyntax]
    /// Steps in file order.
    public var steps: [StepSyntax]

    public init(
        file: String, location: SourceLocation, version: Int, id: Located<String>, title: String,
        summary: String, start: Located<String>, inputs: [InputSyntax], steps: [StepSyntax]
    ) {
        self.file = file
        self.location = location
        self.version = version
        self.id = id
        self.title = title
        self.summary = summary
        self.start = start
        self.inputs = inputs
        self.steps = steps
    }
}

/// `inputs:` entry: a variable the playbook expects, with an optional default.
public struct InputSyntax: Sendable {
    public var name: Located<String>
    public var defaultValue: Located<Template>?

    public init(name: Located<String>, defaultValue: Located<Template>?) {
        self.name = name
        self.defaultValue = defaultValue
    }
}

/// One entry of `steps:`.
public struct StepSyntax: Sendable {
    public var id: Located<String>
    public var say: Located<Template>?
    public var action: ActionSyntax
    /// nil when the step has neither `next` nor `branch`.
    public var transition: TransitionSyntax?

    public init(
        id: Located<String>, say: Located<Template>?, action: ActionSyntax,
        transition: TransitionSyntax?
    ) {
        self.id = id
        self.say = say
        self.action = action
        self.transition = transition
    }
}

public enum ActionSyntax: Sendable {
    case message
    case run(RunSyntax)
    case ask(AskSyntax)
    case fix(FixSyntax)
    case done(DoneSyntax)
    case jump(JumpSyntax)
}

public enum TransitionSyntax: Sendable {
    case next(Located<String>)
    case branch([BranchSyntax], location: SourceLocation)
}

/// One entry of `branch:`: `if:` + `goto:`, a lone `else:`, or a lone `route: causes`.
public struct BranchSyntax: Sendable {
    /// nil for the `else` arm and for a `route` arm.
    public var condition: ConditionSyntax?
    /// A step id or `playbook:step`; for a `route` arm, the value of `route`.
    public var target: Located<String>
    /// Whether this is a `route: causes` arm, whose targets come from the cause catalog.
    public var routes: Bool
    public var location: SourceLocation

    public init(condition: ConditionSyntax?, target: Located<String>, routes: Bool = false, location: SourceLocation) {
        self.condition = condition
        self.target = target
        self.routes = routes
        self.location = location
    }

    /// Whether this is the `else` arm.
    public var isFallback: Bool { condition == nil && !routes }
}

public struct RunSyntax: Sendable {
    public var argv: [Located<Template>]
    public var timeoutMilliseconds: Int?
    public var environment: [(name: Located<String>, value: Located<Template>)]
    public var captures: [CaptureSyntax]
    public var pending: Located<Template>?
    /// `says`: what an exit code means, in words, by exit code.
    public var says: [(code: Located<Int32>, text: Located<Template>)]
    public var location: SourceLocation

    public init(
        argv: [Located<Template>], timeoutMilliseconds: Int?,
        environment: [(name: Located<String>, value: Located<Template>)], captures: [CaptureSyntax],
        pending: Located<Template>?, says: [(code: Located<Int32>, text: Located<Template>)] = [],
        location: SourceLocation
    ) {
        self.argv = argv
        self.timeoutMilliseconds = timeoutMilliseconds
        self.environment = environment
        self.captures = captures
        self.pending = pending
        self.says = says
        self.location = location
    }
}

public struct CaptureSyntax: Sendable {
    public var stream: ProbeStream
    /// Regex source, compiled by the validator; for `- module: output`, the text `module` where it is written.
    public var pattern: Located<String>
    /// `- module: output`: the failing module as Go names it, read as structure, not a regex.
    public var readsModule: Bool

    public init(stream: ProbeStream, pattern: Located<String>, readsModule: Bool = false) {
        self.stream = stream
        self.pattern = pattern
        self.readsModule = readsModule
    }
}

public struct AskSyntax: Sendable {
    public var prompt: Located<Template>
    public var variable: Located<String>
    public var choices: [Located<String>]
    public var pattern: Located<String>?
    public var defaultValue: Located<Template>?
    /// `secret: true`: the answer is a secret (never shown, never kept in history).
    public var secret: Located<Bool>?
    /// `only-if-empty: true`: asked only when the variable has no value yet.
    public var onlyIfEmpty: Located<Bool>?
    /// `example`: an answer of the right form, shown when a reply does not match `pattern`.
    public var example: Located<String>?
    public var location: SourceLocation

    public init(
        prompt: Located<Template>, variable: Located<String>, choices: [Located<String>],
        pattern: Located<String>?, defaultValue: Located<Template>?, secret: Located<Bool>? = nil,
        onlyIfEmpty: Located<Bool>? = nil, example: Located<String>? = nil, location: SourceLocation
    ) {
        self.prompt = prompt
        self.variable = variable
        self.choices = choices
        self.pattern = pattern
        self.defaultValue = defaultValue
        self.secret = secret
        self.onlyIfEmpty = onlyIfEmpty
        self.example = example
        self.location = location
    }
}

public struct FixSyntax: Sendable {
    public var reason: Located<Template>
    public var changes: [GoEnvChangeSyntax]
    public var location: SourceLocation

    public init(reason: Located<Template>, changes: [GoEnvChangeSyntax], location: SourceLocation) {
        self.reason = reason
        self.changes = changes
        self.location = location
    }
}

public struct GoEnvChangeSyntax: Sendable {
    public var key: Located<String>
    /// nil means `go env -u KEY`.
    public var value: Located<Template>?

    public init(key: Located<String>, value: Located<Template>?) {
        self.key = key
        self.value = value
    }
}

public struct DoneSyntax: Sendable {
    public var outcome: Located<Outcome>
    public var cause: Located<String>?
    public var text: Located<Template>
    /// `help`: the one command to run next, when it is not the conclusion's first.
    public var help: Located<Template>?
    public var location: SourceLocation

    public init(
        outcome: Located<Outcome>, cause: Located<String>?, text: Located<Template>,
        help: Located<Template>? = nil, location: SourceLocation
    ) {
        self.outcome = outcome
        self.cause = cause
        self.text = text
        self.help = help
        self.location = location
    }
}

public struct JumpSyntax: Sendable {
    public var playbook: Located<String>
    /// nil means the playbook's start step.
    public var step: Located<String>?
    public var location: SourceLocation

    public init(playbook: Located<String>, step: Located<String>?, location: SourceLocation) {
        self.playbook = playbook
        self.step = step
        self.location = location
    }
}

/// A condition as written; regexes are still source text.
public struct ConditionSyntax: Sendable {
    public indirect enum Kind: Sendable {
        case exitCode([Int32])
        case timedOut(Bool)
        case output(ProbeStream, TextTestSyntax)
        case variable(Located<String>, TextTestSyntax)
        case goEnv(Located<String>, TextTestSyntax)
        case fix(FixResult)
        case all([ConditionSyntax])
        case any([ConditionSyntax])
        case not(ConditionSyntax)
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public enum TextTestSyntax: Sendable {
    case equals(Located<Template>)
    case contains(Located<Template>)
    case matches(Located<String>)
    case isEmpty(Bool)
    /// A signature id of the cause catalog.
    case signature(Located<String>)
    /// A cause id of the cause catalog.
    case cause(Located<String>)
}
