/// Everything that can go wrong in LineEditing.
public enum LineEditingError: Error, Equatable, CustomStringConvertible {
    /// libedit could not be set up on the given descriptors (`el_init` or a setting failed).
    case editorUnavailable(operation: String)
    /// A system call failed; `errno` is the C error number.
    case systemCall(name: String, errno: Int32)
    /// The history file could not be written.
    case historyNotSaved(path: String)

    public var description: String {
        switch self {
        case let .editorUnavailable(operation):
            return "line editor unavailable: '\(operation)' failed"
        case let .systemCall(name, errno):
            return "'\(name)' failed with errno \(errno)"
        case let .historyNotSaved(path):
            return "could not save history to '\(path)'"
        }
    }
}
