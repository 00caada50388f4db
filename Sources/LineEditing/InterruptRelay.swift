import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The write end of the pipe of the relay currently waiting for input, or -1.
///
/// Read by the signal handler, so it must be lock-free: an atomic, not a lock.
private let armedWriteFD = Atomic<Int32>(-1)

/// SIGINT handler: wakes the waiting reader by writing one byte to its pipe (async-signal-safe).
private func relayInterrupt(_ signal: Int32) {
    let savedErrno = errno
    let fd = armedWriteFD.load(ordering: .acquiring)
    if fd >= 0 {
        var byte: UInt8 = 3
        _ = write(fd, &byte, 1)
    }
    errno = savedErrno
}

/// What waiting for one input byte produced.
enum ByteRead: Equatable {
    case byte(UInt8)
    case endOfFile
    case interrupted
    case failed(errno: Int32)
}

/// Turns Ctrl-C (SIGINT) into a wake-up of a blocking read, using a self-pipe.
///
/// While ``whileArmed(_:)`` runs, SIGINT is handled (sigaction without `SA_RESTART`) by writing a byte
/// to a private pipe; ``readByte(from:)`` polls the input and that pipe, so the read ends on Ctrl-C
/// no matter which thread the kernel delivers the signal to. The previous SIGINT disposition is
/// restored afterwards, so the shell's own handling (e.g. while probes run) is untouched.
final class InterruptRelay {
    private let pipeRead: Int32
    private let pipeWrite: Int32

    init() throws(LineEditingError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .systemCall(name: "pipe", errno: errno) }
        pipeRead = fds[0]
        pipeWrite = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    deinit {
        close(pipeRead)
        close(pipeWrite)
    }

    /// Runs `body` with SIGINT relayed to this object's pipe, then restores the previous handler.
    func whileArmed<T>(_ body: () -> T) -> T {
        drain()
        var action = sigaction()
        action.__sigaction_handler.sa_handler = relayInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read or poll returns EINTR
        var previous = sigaction()
        let previousFD = armedWriteFD.exchange(pipeWrite, ordering: .acquiringAndReleasing)
        sigaction(SIGINT, &action, &previous)
        defer {
            sigaction(SIGINT, &previous, nil)
            armedWriteFD.store(previousFD, ordering: .releasing)
        }
        return body()
    }

    /// Waits until `fd` has a byte or Ctrl-C was pressed, and reads one byte.
    func readByte(from fd: Int32) -> ByteRead {
        while true {
            var polls = [
                pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                pollfd(fd: pipeRead, events: Int16(POLLIN), revents: 0)
            ]
            let ready = poll(&polls, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failed(errno: errno)
            }
            if polls[1].revents != 0 {
                drain()
                return .interrupted
            }
            if polls[0].revents == 0 { continue }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count == 0 { return .endOfFile }
            if errno == EINTR || errno == EAGAIN { continue }
            // A pty whose master side closed reports EIO: that is the end of the input.
            return errno == EIO ? .endOfFile : .failed(errno: errno)
        }
    }

    /// Empties the pipe so an old Ctrl-C does not interrupt the next read.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(pipeRead, &buffer, buffer.count) > 0 {}
    }
}
