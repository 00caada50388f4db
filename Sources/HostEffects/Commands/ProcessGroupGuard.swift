import Glibc
import Synchronization

/// Kills a child's whole process group when its timeout fires or its task is cancelled.
///
/// The trigger may arrive before the child has started (the group id is not known
/// yet); the guard remembers it and kills as soon as ``started(processGroup:)`` is
/// called. The first trigger decides the reason.
final class ProcessGroupGuard: Sendable {
    /// Why the group was killed.
    enum Reason: Sendable { case timeout, cancellation }

    private struct State {
        var processGroup: pid_t?
        var finished = false
        var reason: Reason?
    }

    private let state = Mutex(State())

    /// Records the child's process group (its pid, as it leads its own group); kills it at once if already triggered.
    func started(processGroup: pid_t) {
        let killNow = state.withLock { state -> Bool in
            state.processGroup = processGroup
            return state.reason != nil
        }
        if killNow { Self.kill(processGroup) }
    }

    /// Records `reason` (unless another came first) and kills the group if it is running.
    func trigger(_ reason: Reason) {
        let target = state.withLock { state -> pid_t? in
            guard !state.finished, state.reason == nil else { return nil }
            state.reason = reason
            return state.processGroup
        }
        if let target { Self.kill(target) }
    }

    /// Marks the run finished, kills any processes the child left behind in its group, and returns the reason it was killed, if any.
    func finish() -> Reason? {
        let (group, reason) = state.withLock { state in
            state.finished = true
            return (state.processGroup, state.reason)
        }
        // Background grandchildren that outlived the child would otherwise linger.
        if let group { Self.kill(group) }
        return reason
    }

    /// The reason recorded so far, if any.
    var reason: Reason? { state.withLock { $0.reason } }

    private static func kill(_ processGroup: pid_t) {
        guard processGroup > 1 else { return }
        _ = Glibc.kill(-processGroup, SIGKILL)
    }
}
