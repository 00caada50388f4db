/// Turns Ctrl-C, SIGTERM and SIGHUP into task cancellation while a walk is running, so the running
/// probe (and its whole process group) is killed; the caller learns which signal it was.
enum Interrupts {
    /// Runs `operation` in a task that SIGINT, SIGTERM and SIGHUP cancel; returns its value and the
    /// first of those signals that arrived meanwhile. Outside it the signals are handled as before.
    static func cancellingOnStopSignals<T: Sendable>(_ operation: sending @escaping () async -> T) async
        -> (value: T, signal: Int32?)
    {
        let task = Task { await operation() }
        SignalWatch.shared.arm { _ in task.cancel() }
        let value = await task.value
        return (value, SignalWatch.shared.disarm())
    }
}

extension WalkDriver {
    /// `advance()`, with Ctrl-C, SIGTERM and SIGHUP stopping the running probe instead of gotriage;
    /// also returns the signal, if one came.
    func advanceStoppably() async -> (stop: Stop, signal: Int32?) {
        let box = Box(self)
        let (stop, signal) = await Interrupts.cancellingOnStopSignals { await box.driver.advance() }
        return (stop, signal)
    }

    /// Hands the driver to the walking task; the caller waits for that task and does not touch the
    /// driver meanwhile, so the unchecked sendability holds.
    private final class Box: @unchecked Sendable {
        let driver: WalkDriver
        init(_ driver: WalkDriver) { self.driver = driver }
    }
}
