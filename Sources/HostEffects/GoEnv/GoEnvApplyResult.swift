/// What happened when a ``GoEnvEdit`` was applied.
public enum GoEnvApplyResult: Sendable, Equatable, CustomStringConvertible {
    /// The edit took effect: `go env` now reports `new` (it reported `old` before).
    case applied(key: String, old: String, new: String)
    /// Not done: the OS environment sets `variable` to `osValue`, which beats any GOENV
    /// file value, so writing `wanted` would change nothing (`wanted` is empty for an unset).
    case overridden(key: String, variable: String, osValue: String, wanted: String)
    /// `go env -w`/`-u` failed (`message` is its stderr), or `go env` shows another value afterwards.
    case failed(key: String, message: String)

    /// One line for the user, quoting the values.
    public var description: String {
        switch self {
        case .applied(let key, let old, let new):
            "\(key) changed from '\(old)' to '\(new)'"
        case .overridden(let key, let variable, let osValue, let wanted):
            "\(key) not changed: the environment variable \(variable)='\(osValue)' overrides the go env file"
                + (wanted.isEmpty ? "" : " (wanted '\(wanted)')")
                + "; unset \(variable) in your shell first"
        case .failed(let key, let message):
            "\(key) not changed: \(message)"
        }
    }
}
