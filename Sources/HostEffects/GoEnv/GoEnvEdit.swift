/// One change to the GOENV file: `go env -w KEY=VALUE` or `go env -u KEY`.
public enum GoEnvEdit: Sendable, Hashable {
    /// Write `key=value` to the GOENV file.
    case set(key: String, value: String)
    /// Remove `key` from the GOENV file, restoring Go's default.
    case unset(key: String)

    /// The variable this edit changes.
    public var key: String {
        switch self {
        case .set(let key, _), .unset(let key): key
        }
    }
}
