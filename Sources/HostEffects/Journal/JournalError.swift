/// Why the change journal could not be written or read.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// A system call failed; `errno` is its error number.
    case systemCall(name: String, path: String, errno: Int32)
    /// An entry could not be turned into JSON.
    case encoding(String)

    public var description: String {
        switch self {
        case .systemCall(let name, let path, let errno):
            "\(name) '\(path)' failed: \(String(cString: strerror(errno)))"
        case .encoding(let reason):
            "could not encode a journal entry: \(reason)"
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
