import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The journal as a file of JSON lines: append-only, one entry per line, each append fsync'd
/// (and the directory too when the file is created), under an exclusive `flock` so two gotriage
/// processes never interleave their lines. A process that journals a change holds
/// `sessions/<id>.lock` beside it until it exits, which tells recovery its session is alive.
///
/// A line a crash cut short is skipped when reading and reported in ``JournalContents``; the
/// next append starts on a fresh line, so the damage never spreads.
public final class FileJournal: Journal {
    /// The journal file's path.
    public let path: String
    private let clock: @Sendable () -> Date
    private let sync: @Sendable (Int32) -> Int32
    private let lock = Locked(())
    private let sessions: SessionLocks

    /// Creates a journal at `path` (created on the first append, with its directories, mode 0700).
    ///
    /// - Parameters:
    ///   - clock: stamps each entry.
    ///   - sync: flushes a file descriptor to disk; `fsync` unless a test watches it.
    public init(
        path: String, clock: @escaping @Sendable () -> Date = { Date() },
        sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }
    ) {
        self.path = path
        self.clock = clock
        self.sync = sync
        self.sessions = SessionLocks(folder: (path as NSString).deletingLastPathComponent + "/sessions")
    }

    /// Holds `sessions/<session>.lock` beside the journal for the life of this process.
    public func holdSession(_ session: String) throws(JournalError) {
        try Self.makeDirectories((path as NSString).deletingLastPathComponent)
        try sessions.hold(session)
    }

    public func isAlive(session: String) -> Bool { sessions.isAlive(session) }

    @discardableResult
    public func append(_ entry: JournalEntry) throws(JournalError) -> JournalEntry {
        var stamped = entry
        stamped.time = clock()
        let line: Data
        do {
            line = try Self.encoder.encode(stamped)
        } catch {
            throw .encoding("\(error)")
        }
        let failure: JournalError? = lock.withLock { _ in
            do throws(JournalError) {
                try appendLine(line)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        return stamped
    }

    public func read() throws(JournalError) -> JournalContents {
        guard FileManager.default.fileExists(atPath: path) else { return JournalContents() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .systemCall(name: "read", path: path, errno: EACCES)
        }
        var contents = JournalContents()
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if let entry = try? Self.decoder.decode(JournalEntry.self, from: Data(line)) {
                contents.entries.append(entry)
            } else {
                contents.damagedLines.append(index + 1)
            }
        }
        contents.lastLineTorn = data.last.map { $0 != UInt8(ascii: "\n") } ?? false
        return contents
    }

    private func appendLine(_ json: Data) throws(JournalError) {
        let directory = (path as NSString).deletingLastPathComponent
        let createdDirectories = try Self.makeDirectories(directory)
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw .systemCall(name: "flock", path: path, errno: errno) }
        // A torn last line (crash mid-write) has no newline: start ours on a line of its own.
        var bytes = [UInt8]()
        let size = lseek(descriptor, 0, SEEK_END)
        var last: UInt8 = 0
        if size > 0, pread(descriptor, &last, 1, size - 1) == 1, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        bytes += Array(json) + [UInt8(ascii: "\n")]
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .systemCall(name: "write", path: path, errno: errno)
            }
            written += count
        }
        guard sync(descriptor) == 0 else { throw .systemCall(name: "fsync", path: path, errno: errno) }
        if !existed {
            // The new file's name lives in its directory: flush that too, and any directory made for it.
            for made in [directory] + createdDirectories.reversed().map({ ($0 as NSString).deletingLastPathComponent }) {
                try syncDirectory(made)
            }
        }
    }

    private func syncDirectory(_ directory: String) throws(JournalError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: directory, errno: errno) }
        defer { close(descriptor) }
        guard sync(descriptor) == 0 else { throw .systemCall(name: "fsync", path: directory, errno: errno) }
    }

    /// Creates the missing directories of `directory` (mode 0700); returns those it made, outermost first.
    @discardableResult
    private static func makeDirectories(_ directory: String) throws(JournalError) -> [String] {
        var made: [String] = []
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) == 0 {
                made.append(prefix)
            } else if errno != EEXIST {
                throw .systemCall(name: "mkdir", path: prefix, errno: errno)
            }
        }
        return made
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
