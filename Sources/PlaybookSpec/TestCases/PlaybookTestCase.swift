/// One offline test of a walk (a case of a `*.test.yaml` file): where it starts, what the machine
/// looks like (the GOENV file, the environment), what each command answers, and how the walk must
/// end. `gotriage test` replays it without running anything; `gotriage run --record` writes one
/// from a real walk.
public struct PlaybookTestCase: Sendable, Equatable {
    public var name: String
    /// `playbook` or `playbook:step`.
    public var start: String
    /// Answers to questions, by variable, given before the walk (as `--answer`): the variable
    /// also holds its answer from the start.
    public var answers: [String: String] = [:]
    /// Answers typed when the walk asks, by variable: the variable stays empty until its question.
    public var asked: [String: String] = [:]
    /// The GOENV file's settings before the walk.
    public var goEnv: [String: String] = [:]
    /// The process environment: what probes start from, and Go variables that override the file.
    public var environment: [String: String] = [:]
    /// Go's own values (`go env KEY` when nothing sets KEY) for the keys the walk reads.
    public var goDefaults: [String: String] = [:]
    /// Apply the fixes the walk proposes (as `--yes`); false declines them.
    public var applyFixes = true
    /// What each command answers, in the order the walk runs them.
    public var probes: [RecordedProbe] = []
    public var expected: Expectation
    /// Where the case is written (the start of its entry); nil for a case made in code.
    public var location: SourceLocation?

    public init(
        name: String, start: String, answers: [String: String] = [:], asked: [String: String] = [:],
        goEnv: [String: String] = [:],
        environment: [String: String] = [:], goDefaults: [String: String] = [:], applyFixes: Bool = true,
        probes: [RecordedProbe] = [],
        expected: Expectation, location: SourceLocation? = nil
    ) {
        self.name = name
        self.start = start
        self.answers = answers
        self.asked = asked
        self.goEnv = goEnv
        self.environment = environment
        self.goDefaults = goDefaults
        self.applyFixes = applyFixes
        self.probes = probes
        self.expected = expected
        self.location = location
    }

    /// How the walk must end.
    public struct Expectation: Sendable, Equatable {
        /// `resolved`, `not-resolved` or `escalate`.
        public var outcome: String
        /// The cause id the end names; nil: none.
        public var cause: String?
        /// The steps the walk goes through, in order (`step` in the start playbook, else
        /// `playbook:step`); nil: not checked.
        public var path: [String]?

        public init(outcome: String, cause: String? = nil, path: [String]? = nil) {
            self.outcome = outcome
            self.cause = cause
            self.path = path
        }
    }
}

/// One command's recorded answer. Commands are matched by argv (`gotriage` for gotriage's own
/// probes), each recorded answer used once, in order.
public struct RecordedProbe: Sendable, Equatable {
    public var argv: [String]
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool
    public var location: SourceLocation?

    public init(
        argv: [String], exitCode: Int32 = 0, stdout: String = "", stderr: String = "", timedOut: Bool = false,
        location: SourceLocation? = nil
    ) {
        self.argv = argv
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.location = location
    }
}
