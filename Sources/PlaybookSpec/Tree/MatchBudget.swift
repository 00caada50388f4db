/// The time all the regex matching of one step may take, shared by every match it makes.
///
/// ICU backtracks, so a pattern like `(a+)+b` can take 2^n steps on n characters of output, and
/// `NSRegularExpression` has no timeout. `Pattern.firstMatch(in:within:)` matches with progress
/// reports, which ICU makes every few thousand steps of a match and at every starting position, and
/// stops the match when the budget is spent or the running task is cancelled (Ctrl-C): the
/// matching really stops, nothing is left running.
public struct MatchBudget: Sendable {
    /// What one step may spend on matching by default: 500 milliseconds.
    public static let stepMilliseconds = 500

    /// The budget, in milliseconds.
    public let milliseconds: Int
    private let deadline: ContinuousClock.Instant

    /// A budget of `milliseconds` that starts now.
    public init(milliseconds: Int = MatchBudget.stepMilliseconds) {
        self.milliseconds = milliseconds
        self.deadline = ContinuousClock.now + .milliseconds(milliseconds)
    }

    /// Why matching must stop now, or nil while there is time and nobody cancelled.
    func stopReason() -> MatchStopped.Reason? {
        if Task.isCancelled { return .cancelled }
        if ContinuousClock.now >= deadline { return .outOfTime(milliseconds: milliseconds) }
        return nil
    }
}

/// A match that was stopped before it finished: its budget ran out, or the task was cancelled.
public struct MatchStopped: Error, Equatable, Sendable {
    /// Why matching stopped.
    public enum Reason: Equatable, Sendable {
        /// The step's budget (this many milliseconds) was spent.
        case outOfTime(milliseconds: Int)
        /// The task doing the matching was cancelled (Ctrl-C).
        case cancelled
    }

    /// The pattern as written in the playbook.
    public let pattern: String
    public let reason: Reason
    /// Where the condition or capture that was matching is written; nil until the engine knows.
    public var location: SourceLocation?

    public init(pattern: String, reason: Reason, location: SourceLocation? = nil) {
        self.pattern = pattern
        self.reason = reason
        self.location = location
    }
}
