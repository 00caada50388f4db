import Foundation
import Synchronization

/// GOENV files held in memory, for offline playbook tests and tests of the shell, the driver and the journal: the same
/// locking and whole-file replacement as ``PosixGoEnvFiles``, in one process.
public final class InMemoryGoEnvFiles: GoEnvFileStore {
    private let files: Mutex<[String: Data]>
    private let locked = Mutex<Set<String>>([])
    private let failure = Mutex<GoEnvFileError?>(nil)

    /// Files by path; a path not listed does not exist.
    public init(_ files: [String: Data] = [:]) { self.files = Mutex(files) }

    /// The bytes at `path`, nil when absent.
    public subscript(path: String) -> Data? {
        get { files.withLock { $0[path] } }
        set { files.withLock { $0[path] = newValue } }
    }

    /// Makes every later ``replace(_:with:)`` fail with `error` (nil: succeed again), as a full disk would.
    public func failReplacing(with error: GoEnvFileError?) { failure.withLock { $0 = error } }

    public func target(of path: String) -> String { path }

    public func lock(_ target: String) async throws(GoEnvFileError) -> any GoEnvFileLock {
        while true {
            if let lock = try tryLock(target) { return lock }
            do { try await Task.sleep(for: .milliseconds(1)) } catch { throw .interrupted }
        }
    }

    public func tryLock(_ target: String) throws(GoEnvFileError) -> (any GoEnvFileLock)? {
        guard locked.withLock({ $0.insert(target).inserted }) else { return nil }
        return Held(files: self, target: target)
    }

    public func contents(of target: String) throws(GoEnvFileError) -> Data? { self[target] }

    public func replace(_ target: String, with data: Data?) throws(GoEnvFileError) {
        if let error = failure.withLock({ $0 }) { throw error }
        self[target] = data
    }

    /// Whether `target` is locked now.
    public func isLocked(_ target: String) -> Bool { locked.withLock { $0.contains(target) } }

    fileprivate func unlock(_ target: String) { _ = locked.withLock { $0.remove(target) } }

    private final class Held: GoEnvFileLock {
        let files: InMemoryGoEnvFiles
        let target: String
        private let released = Mutex(false)

        init(files: InMemoryGoEnvFiles, target: String) {
            self.files = files
            self.target = target
        }

        func release() {
            guard
                released.withLock({ done in
                    defer { done = true }
                    return !done
                })
            else { return }
            files.unlock(target)
        }
    }
}
