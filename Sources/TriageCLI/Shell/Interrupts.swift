import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns Ctrl-C into task cancellation while a walk is running, so the running probe (and its
/// whole process group) is killed and the shell keeps going.
enum Interrupts {
    /// Runs `operation` in a task that SIGINT cancels; outside it SIGINT is left as it was.
    static func cancellingOnSIGINT<T: Sendable>(_ operation: sending @escaping () async -> T) async -> T {
        let task = Task { await operation() }
        let previous = signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { task.cancel() }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, previous)
        }
        return await task.value
    }
}

extension WalkDriver {
    /// `advance()`, with Ctrl-C stopping the running probe instead of gotriage.
    func advanceStoppableByCtrlC() async -> Stop {
        let box = Box(self)
        return await Interrupts.cancellingOnSIGINT { await box.driver.advance() }
    }

    /// Hands the driver to the walking task; the caller waits for that task and does not touch the
    /// driver meanwhile, so the unchecked sendability holds.
    private final class Box: @unchecked Sendable {
        let driver: WalkDriver
        init(_ driver: WalkDriver) { self.driver = driver }
    }
}
