/// A test in a branch, with the place it was written.
public struct Condition: Sendable {
    public let kind: Kind
    public let location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    public indirect enum Kind: Sendable {
        /// The probe's exit code is one of these.
        case exitCode([Int32])
        /// The probe was killed at its timeout (true) or finished in time (false).
        case timedOut(Bool)
        /// The probe's stdout, stderr or either, tested with `test`.
        case output(ProbeStream, TextTest)
        /// A walk variable (answer, capture or input).
        case variable(String, TextTest)
        /// A `go env` value, as read when the walk first reaches a step that reads one, and again after each fix.
        case goEnv(String, TextTest)
        /// How the user and the host answered the step's fix.
        case fix(FixResult)
        case all([Condition])
        case any([Condition])
        case not(Condition)
    }
}

/// A test on a piece of text.
public enum TextTest: Sendable {
    case equals(Template)
    case contains(Template)
    case matches(Pattern)
    /// true: the text is empty (after trimming white space); false: it is not.
    case isEmpty(Bool)
    /// The catalog signature with this id matches an error of the text (in the stages it reads).
    case signature(String)
    /// The cause catalog ranks the cause with this id first for the text, sure enough to name it.
    case cause(String)
}

/// What became of a proposed fix.
public enum FixResult: String, Sendable, Codable, CaseIterable {
    /// Every change was made and `go env` shows the new values.
    case applied
    /// The user said no (or script mode ran without `--yes`).
    case declined
    /// `go env -w` failed, or an OS environment variable overrides the GOENV file.
    case failed
}
