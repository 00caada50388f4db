import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The write end of the watch's pipe while it is armed, or -1. Read by the signal handler, so it
/// is an atomic, not a lock.
private let watchWriteFD = Atomic<Int32>(-1)

/// The handler: writes the signal's number to the watch's pipe (async-signal-safe).
private func relayStopSignal(_ signal: Int32) {
    let savedErrno = errno
    let fd = watchWriteFD.load(ordering: .acquiring)
    if fd >= 0 {
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(fd, &byte, 1)
    }
    errno = savedErrno
}

/// Turns SIGINT, SIGTERM and SIGHUP into a call of a Swift closure while it is armed.
///
/// A real handler (sigaction) writes the signal's number to a pipe, and a thread of the watch's
/// own reads the pipe and calls `onSignal`. Ignoring the signal and reading it from a Dispatch
/// signal source instead (what gotriage did first) loses it: the kernel drops an ignored signal
/// whenever the thread it picks does not block it, which after a few walks was every time. The
/// handlers are installed only while armed; disarming puts the previous ones back (libedit's,
/// the terminal restorer's, or the default), so the prompt and the rest of gotriage are untouched.
final class SignalWatch: @unchecked Sendable {
    /// The one watch of this process (signal handlers are process-wide).
    static let shared = SignalWatch()

    /// The signals that stop a walk.
    static let stopping: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let pipeRead: Int32
    private let pipeWrite: Int32
    private let lock = NSLock()
    /// Called for each signal while armed (under `lock`).
    private var onSignal: ((Int32) -> Void)?
    /// The first signal since the watch was armed.
    private var received: Int32?
    private var previous: [Int32: sigaction] = [:]

    private init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        for fd in fds where fd >= 0 {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        let thread = Thread { [self] in watch() }
        thread.name = "gotriage-signals"
        thread.start()
    }

    /// Installs the handlers; until `disarm()`, each of `stopping` calls `onSignal` (on the watch's thread).
    func arm(onSignal: @escaping @Sendable (Int32) -> Void) {
        lock.withLock {
            drain()
            received = nil
            self.onSignal = onSignal
            watchWriteFD.store(pipeWrite, ordering: .releasing)
            for signalNumber in Self.stopping {
                var action = sigaction()
                #if canImport(Glibc)
                    action.__sigaction_handler.sa_handler = relayStopSignal
                #else
                    action.__sigaction_u.__sa_handler = relayStopSignal
                #endif
                sigemptyset(&action.sa_mask)
                action.sa_flags = SA_RESTART
                var old = sigaction()
                sigaction(signalNumber, &action, &old)
                previous[signalNumber] = old
            }
        }
    }

    /// Puts the previous handlers back and returns the first signal received while armed, if any
    /// (including one still in the pipe).
    ///
    /// With `holdingAfterStop`, a signal received leaves the handlers installed, so later ones are
    /// caught and dropped: `gotriage run` then only writes its end (event, report) and exits, and a
    /// second Ctrl-C must not cut that short or turn exit status 6 into death by SIGINT.
    func disarm(holdingAfterStop: Bool = false) -> Int32? {
        lock.withLock {
            for signalNumber in drain() where received == nil { received = signalNumber }
            onSignal = nil
            if holdingAfterStop, received != nil { return received }
            for (signalNumber, old) in previous {
                var old = old
                sigaction(signalNumber, &old, nil)
            }
            previous = [:]
            watchWriteFD.store(-1, ordering: .releasing)
            for signalNumber in drain() where received == nil { received = signalNumber }
            return received
        }
    }

    /// The watch's thread: waits for signal numbers on the pipe and hands them on.
    private func watch() {
        while true {
            var poller = pollfd(fd: pipeRead, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, -1) >= 0 || errno == EINTR else { return }
            lock.withLock {
                for signalNumber in drain() {
                    if received == nil { received = signalNumber }
                    onSignal?(signalNumber)
                }
            }
        }
    }

    /// Reads every signal number waiting in the pipe (under `lock`).
    @discardableResult
    private func drain() -> [Int32] {
        var numbers: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(pipeRead, &buffer, buffer.count)
            guard count > 0 else { return numbers }
            numbers += buffer.prefix(count).map { Int32($0) }
        }
    }

    /// The name of a stopping signal (`SIGTERM`), for messages.
    static func name(of signalNumber: Int32) -> String {
        switch signalNumber {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(signalNumber)"
        }
    }
}
