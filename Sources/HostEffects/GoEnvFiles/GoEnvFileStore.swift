import Foundation

/// Where the GOENV file's bytes are read, locked and replaced: the file system, or memory in tests.
///
/// Every change gotriage makes to a GOENV file happens between ``lock(_:)`` and
/// ``GoEnvFileLock/release()``, and replaces the file whole, atomically: a crash, a kill or a full
/// disk leaves it either as it was or as planned, never half-written.
public protocol GoEnvFileStore: Sendable {
    /// The file `path` names after following symlinks: the one whose bytes change. A link stays
    /// a link; its target is replaced.
    func target(of path: String) -> String
    /// Takes the lock for `target` (a `flock` on `<target>.gotriage-lock`), waiting while another
    /// gotriage holds it. Ctrl-C (task cancellation) stops the wait with ``GoEnvFileError/interrupted``.
    func lock(_ target: String) async throws(GoEnvFileError) -> any GoEnvFileLock
    /// Takes the lock for `target` if nobody holds it; nil when another process does.
    func tryLock(_ target: String) throws(GoEnvFileError) -> (any GoEnvFileLock)?
    /// The bytes of `target`; nil when it does not exist.
    func contents(of target: String) throws(GoEnvFileError) -> Data?
    /// Replaces `target` with `data` atomically — written beside it, synced, renamed over it —
    /// keeping its mode and owner; nil removes it. When this throws, the file is as it was.
    func replace(_ target: String, with data: Data?) throws(GoEnvFileError)
}

/// A held lock on one GOENV file.
public protocol GoEnvFileLock: Sendable {
    /// Lets the next process in. Idempotent.
    func release()
}
