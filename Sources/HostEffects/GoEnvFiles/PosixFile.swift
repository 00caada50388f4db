import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the GOENV file needs, each retried on EINTR and turned into a
/// ``GoEnvFileError`` naming the call and the path.
enum PosixFile {
    /// Writes all of `data` to `descriptor` (opened for `path`).
    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(GoEnvFileError) {
        var written = 0
        while written < data.count {
            let count = data[(data.startIndex + written)...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .systemCall(name: "write", path: path, errno: errno)
            }
            written += count
        }
    }

    /// Reads `descriptor` (opened for `path`) to its end, refusing more than `limit` bytes.
    static func readAll(_ descriptor: Int32, path: String, limit: Int) throws(GoEnvFileError) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .systemCall(name: "read", path: path, errno: errno)
            }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
            if data.count > limit { throw .tooLarge(path: path, size: data.count) }
        }
    }

    /// Flushes the directory `path` to disk, so a rename or a new name in it survives a crash.
    static func syncDirectory(_ path: String) throws(GoEnvFileError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .systemCall(name: "open", path: path, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .systemCall(name: "fsync", path: path, errno: errno) }
    }

    /// Creates `directory` and its missing parents, mode 0777 less the umask, as `go env -w` does.
    static func makeDirectories(_ directory: String) throws(GoEnvFileError) {
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o777) != 0, errno != EEXIST {
                throw .systemCall(name: "mkdir", path: prefix, errno: errno)
            }
        }
    }

    /// The folder holding `path`.
    static func directory(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// `path` with a random suffix: `<path>.gotriage-new-` and eight hex digits.
    static func scratchName(beside path: String) -> String {
        path + scratchInfix + String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }

    /// What every scratch copy's name holds after the GOENV file's own name.
    static let scratchInfix = ".gotriage-new-"
}
