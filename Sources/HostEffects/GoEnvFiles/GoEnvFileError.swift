#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the GOENV file could not be locked, read or replaced.
public enum GoEnvFileError: Error, Equatable, CustomStringConvertible {
    /// A system call failed on `path`; `errno` is its error number (ENOSPC: the disk is full).
    case systemCall(name: String, path: String, errno: Int32)
    /// Ctrl-C stopped gotriage while it waited for the lock.
    case interrupted
    /// The file is larger than ``GoEnvFileState/keptBytesLimit`` bytes, too large to keep in the journal.
    case tooLarge(path: String, size: Int)
    /// The path names something other than a regular file (a directory, a device…).
    case notAFile(path: String)
    /// The file belongs to another user or group, which a replacement written by this user
    /// could not keep.
    case ownerNotKept(path: String, uid: UInt32, gid: UInt32)

    public var description: String {
        switch self {
        case .systemCall(let name, let path, let errno):
            "\(name) '\(path)' failed: \(String(cString: strerror(errno)))"
        case .interrupted:
            "interrupted (Ctrl-C) while waiting for another gotriage to finish its change"
        case .tooLarge(let path, let size):
            "'\(path)' is \(size) bytes, more than gotriage keeps in its undo journal (\(GoEnvFileState.keptBytesLimit))"
        case .notAFile(let path):
            "'\(path)' is not a regular file"
        case .ownerNotKept(let path, let uid, let gid):
            "'\(path)' belongs to user \(uid), group \(gid), and a replacement written by this user could not keep that owner"
        }
    }
}
