import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The GOENV file on the real file system: locked with `flock`, replaced by writing a copy beside
/// it, syncing it, and renaming it over the file (then syncing the folder).
///
/// The copy gets the file's mode and, when they differ from this process's, its owner and group
/// before it is renamed, so the replacement is the same file to everyone but for its bytes. A
/// symlinked GOENV keeps its link: the link's target is what is replaced.
public struct PosixGoEnvFiles: GoEnvFileStore {
    public init() {}

    public func target(of path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
                let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current)
            else { return current }
            current =
                destination.hasPrefix("/")
                ? destination : PosixFile.directory(of: current) + "/" + destination
        }
        return current
    }

    public func lock(_ target: String) async throws(GoEnvFileError) -> any GoEnvFileLock {
        let lock = try await GoEnvFileFlock.acquire(target)
        removeLeftovers(beside: target)
        return lock
    }

    public func tryLock(_ target: String) throws(GoEnvFileError) -> (any GoEnvFileLock)? {
        guard let lock = try GoEnvFileFlock.attempt(target) else { return nil }
        removeLeftovers(beside: target)
        return lock
    }

    public func contents(of target: String) throws(GoEnvFileError) -> Data? {
        let descriptor = open(target, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw .systemCall(name: "open", path: target, errno: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .systemCall(name: "fstat", path: target, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path: target) }
        return try PosixFile.readAll(descriptor, path: target, limit: GoEnvFileState.keptBytesLimit)
    }

    public func replace(_ target: String, with data: Data?) throws(GoEnvFileError) {
        let folder = PosixFile.directory(of: target)
        guard let data else {
            guard unlink(target) == 0 || errno == ENOENT else { throw .systemCall(name: "unlink", path: target, errno: errno) }
            try? PosixFile.syncDirectory(folder)
            return
        }
        try PosixFile.makeDirectories(folder)
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists, info.st_mode & S_IFMT != S_IFREG { throw .notAFile(path: target) }
        let copy = PosixFile.scratchName(beside: target)
        let descriptor = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: copy, errno: errno) }
        do throws(GoEnvFileError) {
            defer { close(descriptor) }
            if exists { try keepAttributes(of: info, on: descriptor, copy: copy, target: target) }
            try PosixFile.writeAll(data, to: descriptor, path: copy)
            guard fsync(descriptor) == 0 else { throw .systemCall(name: "fsync", path: copy, errno: errno) }
        } catch {
            unlink(copy)
            throw error
        }
        guard rename(copy, target) == 0 else {
            let failure = errno
            unlink(copy)
            throw .systemCall(name: "rename", path: target, errno: failure)
        }
        // The new bytes are in place; a folder that cannot be synced only risks a power cut.
        try? PosixFile.syncDirectory(folder)
    }

    /// Gives the copy the file's mode, and its owner and group when they are not this process's.
    private func keepAttributes(of info: stat, on descriptor: Int32, copy: String, target: String) throws(GoEnvFileError) {
        guard fchmod(descriptor, info.st_mode & 0o7777) == 0 else { throw .systemCall(name: "fchmod", path: copy, errno: errno) }
        if info.st_uid != geteuid() || info.st_gid != getegid() {
            guard fchown(descriptor, info.st_uid, info.st_gid) == 0 else {
                throw .ownerNotKept(path: target, uid: UInt32(info.st_uid), gid: UInt32(info.st_gid))
            }
            // chown clears set-id bits; put the mode back whole.
            _ = fchmod(descriptor, info.st_mode & 0o7777)
        }
    }

    /// A new scratch path beside `target`, its folder created when missing; nothing is written there.
    public func scratchPath(beside target: String) throws(GoEnvFileError) -> String {
        try PosixFile.makeDirectories(PosixFile.directory(of: target))
        return PosixFile.scratchName(beside: target)
    }

    /// Writes `data` to the new scratch file `path`, for go to edit (mode 0600).
    public func writeScratch(_ data: Data, to path: String) throws(GoEnvFileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        do throws(GoEnvFileError) {
            try PosixFile.writeAll(data, to: descriptor, path: path)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// The bytes at the scratch path `path`, which is then removed; nil when nothing is there.
    public func takeScratch(_ path: String) throws(GoEnvFileError) -> Data? {
        defer { unlink(path) }
        return try contents(of: path)
    }

    /// Removes scratch copies a process that held the lock left behind when it died. Called with
    /// the lock held, so no live process is writing one.
    func removeLeftovers(beside target: String) {
        let folder = PosixFile.directory(of: target)
        let prefix = (target as NSString).lastPathComponent + PosixFile.scratchInfix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) { unlink(folder + "/" + name) }
    }
}
