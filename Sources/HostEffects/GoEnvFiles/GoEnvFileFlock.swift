import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A held `flock` on `<target>.gotriage-lock`: one gotriage process at a time changes a GOENV file.
///
/// The lock file is never removed (removing it would let two processes lock two different
/// files of one name). The descriptor is close-on-exec, so a `go` that gotriage starts does
/// not hold the lock after gotriage is gone; the kernel drops the lock when gotriage dies.
final class GoEnvFileFlock: GoEnvFileLock {
    private let descriptor: Locked<Int32>

    private init(descriptor: Int32) { self.descriptor = Locked(descriptor) }

    /// The lock file of `target`.
    static func path(for target: String) -> String { target + ".gotriage-lock" }

    /// Takes the lock, polling every 5 ms while another process holds it, until it is free or
    /// the task is cancelled.
    static func acquire(_ target: String) async throws(GoEnvFileError) -> GoEnvFileFlock {
        while true {
            if let lock = try attempt(target) { return lock }
            do {
                try await Task.sleep(for: .milliseconds(5))
            } catch {
                throw .interrupted
            }
        }
    }

    /// Takes the lock if it is free; nil when another process holds it.
    static func attempt(_ target: String) throws(GoEnvFileError) -> GoEnvFileFlock? {
        if Task.isCancelled { throw .interrupted }
        let path = path(for: target)
        try PosixFile.makeDirectories(PosixFile.directory(of: target))
        let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: path, errno: errno) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            close(descriptor)
            if failure == EWOULDBLOCK { return nil }
            throw .systemCall(name: "flock", path: path, errno: failure)
        }
        return GoEnvFileFlock(descriptor: descriptor)
    }

    func release() {
        descriptor.withLock { descriptor in
            guard descriptor >= 0 else { return }
            close(descriptor)  // closing the only descriptor drops the flock
            descriptor = -1
        }
    }

    deinit { release() }
}
