import DecisionEngine
import PlaybookSpec

/// gotriage's exit statuses, documented in the README. `run` maps a walk's end onto them.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case resolved = 0
    case notResolved = 1
    case usage = 2
    case invalidPlaybook = 3
    case fixDeclined = 4
    case escalate = 5
    case interrupted = 6

    /// The status for how a walk ended.
    public init(_ end: WalkEnd) {
        switch (end.reason, end.outcome) {
        case (.fixDeclined, _): self = .fixDeclined
        case (.fixProposed, _): self = .notResolved  // a dry run resolves nothing
        case (.stepLimit, _): self = .escalate
        case (_, .resolved): self = .resolved
        case (_, .notResolved): self = .notResolved
        case (_, .escalate): self = .escalate
        }
    }
}
