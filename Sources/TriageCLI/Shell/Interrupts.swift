import Synchronization

/// Turns Ctrl-C, SIGTERM and SIGHUP into task cancellation while a walk is running, so the running
/// probe (and its whole process group) is killed; the caller learns which signal it was.
enum Interrupts {
    /// Runs `operation` in a task that SIGINT, SIGTERM and SIGHUP cancel; returns its value and the
    /// first of those signals that arrived meanwhile. Outside it the signals are handled as before,
    /// unless one came and `holdingAfterStop` asks to keep catching them (``SignalWatch/disarm(holdingAfterStop:)``).
    static func cancellingOnStopSignals<T: Sendable>(
        holdingAfterStop: Bool, _ operation: sending @escaping () async -> T
    ) async -> (value: T, signal: Int32?) {
        // Armed before the task starts: on a busy machine the walk could otherwise start its probe
        // while the signals still had their old handlers (a SIGHUP then killed gotriage).
        let canceller = Canceller()
        SignalWatch.shared.arm { _ in canceller.signalled() }
        let task = Task { await operation() }
        canceller.cancels { task.cancel() }
        let value = await task.value
        return (value, SignalWatch.shared.disarm(holdingAfterStop: holdingAfterStop))
    }

    /// Cancels the walk's task on a signal, also one that came before the task was handed over.
    private final class Canceller: Sendable {
        private let state = Mutex<(cancel: (@Sendable () -> Void)?, signalled: Bool)>((nil, false))

        func signalled() {
            let cancel = state.withLock { state in
                state.signalled = true
                return state.cancel
            }
            cancel?()
        }

        func cancels(_ cancel: @escaping @Sendable () -> Void) {
            let already = state.withLock { state in
                state.cancel = cancel
                return state.signalled
            }
            if already { cancel() }
        }
    }
}

extension WalkDriver {
    /// `advance()`, with Ctrl-C, SIGTERM and SIGHUP stopping the running probe instead of gotriage;
    /// also returns the signal, if one came. `holdingAfterStop`: after a signal, later ones are
    /// caught and dropped (for `gotriage run`, which then only writes its end and exits).
    func advanceStoppably(holdingAfterStop: Bool = false) async -> (stop: Stop, signal: Int32?) {
        let box = Box(self)
        let (stop, signal) = await Interrupts.cancellingOnStopSignals(holdingAfterStop: holdingAfterStop) {
            await box.driver.advance()
        }
        return (stop, signal)
    }

    /// Hands the driver to the walking task; the caller waits for that task and does not touch the
    /// driver meanwhile, so the unchecked sendability holds.
    private final class Box: @unchecked Sendable {
        let driver: WalkDriver
        init(_ driver: WalkDriver) { self.driver = driver }
    }
}
