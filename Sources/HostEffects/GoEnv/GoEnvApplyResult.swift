/// What happened when a ``GoEnvEdit`` was applied.
public enum GoEnvApplyResult: Sendable, Equatable, CustomStringConvertible {
    /// The edit took effect: `go env` now reports `new` (it reported `old` before).
    case applied(key: String, old: String, new: String)
    /// Not done: the OS environment sets `variable` to `osValue`, which beats any GOENV
    /// file value, so writing `wanted` would change nothing (`wanted` is empty for an unset).
    case overridden(key: String, variable: String, osValue: String, wanted: String)
    /// Not done: go refused the edit, the GOENV file could not be replaced, or gotriage was
    /// interrupted first (`message` says which). The file is as it was.
    case failed(key: String, message: String)
    /// The GOENV file now sets `new` (it was `old`), but go did not confirm it: `message` says
    /// why (interrupted, go could not run, go reports another value). Undo can put it back.
    case unconfirmed(key: String, old: String, new: String, message: String)

    /// The key this result is about.
    public var key: String {
        switch self {
        case .applied(let key, _, _), .overridden(let key, _, _, _), .failed(let key, _), .unconfirmed(let key, _, _, _): key
        }
    }

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
        case .unconfirmed(let key, _, let new, let message):
            "\(key) was changed to '\(new)' in the GOENV file, but \(message)"
        }
    }
}
