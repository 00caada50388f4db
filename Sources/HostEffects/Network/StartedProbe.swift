import Foundation
import Synchronization

/// A probe already running on a thread of its own; `result()` waits for its report.
///
/// The thread starts in `init`, so several probes started one after another run at the same time
/// even when no task thread is free to start them.
final class StartedProbe: Sendable {
    private struct State {
        var outcome: (report: NetworkProbeReport, finishedAt: Double)?
        var waiter: CheckedContinuation<(report: NetworkProbeReport, finishedAt: Double), Never>?
    }

    private let state = Mutex(State())

    /// Starts `work` on a new thread; `watch` times when it finished.
    init(watch: Stopwatch, _ work: @escaping @Sendable () -> NetworkProbeReport) {
        Thread.detachNewThread { [self] in
            let outcome = (report: work(), finishedAt: watch.elapsedMilliseconds)
            let waiter = state.withLock { state in
                state.outcome = outcome
                return state.waiter.take()
            }
            waiter?.resume(returning: outcome)
        }
    }

    /// The report, and the milliseconds from `watch`'s start until the probe finished.
    func result() async -> (report: NetworkProbeReport, finishedAt: Double) {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> (report: NetworkProbeReport, finishedAt: Double)? in
                if let outcome = state.outcome { return outcome }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
