import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells live gotriage sessions from dead ones: each process that changes something holds a
/// `flock` on `<folder>/<session>.lock` until it exits, and the kernel drops it however the
/// process ends (exit, crash, `kill -9`).
final class SessionLocks: Sendable {
    /// The folder of the lock files (`sessions/` beside the journal).
    let folder: String
    /// The descriptors this process holds, by session.
    private let held = Locked<[String: Int32]>([:])

    init(folder: String) { self.folder = folder }

    func path(_ session: String) -> String { folder + "/" + session + ".lock" }

    /// Takes `session`'s lock for the life of this process (idempotent), after removing the lock
    /// files of sessions that are gone.
    func hold(_ session: String) throws(JournalError) {
        if held.withLock({ $0[session] != nil }) { return }
        if mkdir(folder, 0o700) != 0, errno != EEXIST { throw .systemCall(name: "mkdir", path: folder, errno: errno) }
        removeDead()
        let path = path(session)
        while true {
            let descriptor = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .systemCall(name: "open", path: path, errno: errno) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                close(descriptor)
                throw .systemCall(name: "flock", path: path, errno: failure)
            }
            // Another process's clean-up may have removed the file between open and flock: then
            // the lock is on a file nobody can find; take it again on a fresh one.
            var mine = stat()
            var named = stat()
            if fstat(descriptor, &mine) == 0, stat(path, &named) == 0, mine.st_ino == named.st_ino, mine.st_dev == named.st_dev {
                held.withLock { $0[session] = descriptor }  // kept open: closing would drop the lock
                return
            }
            close(descriptor)
        }
    }

    /// Removes the lock files no live process holds.
    private func removeDead() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasSuffix(".lock") { _ = isAlive(String(name.dropLast(".lock".count))) }
    }

    /// Whether a live process holds `session`'s lock. A dead session's lock file is removed.
    func isAlive(_ session: String) -> Bool {
        if held.withLock({ $0[session] != nil }) { return true }
        let path = path(session)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }  // never held, or cleaned up: gone
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        unlink(path)
        return false
    }
}
