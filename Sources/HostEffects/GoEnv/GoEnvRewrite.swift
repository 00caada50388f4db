import Foundation

/// What the GOENV file would hold after a ``GoEnvEdit``, worked out on a copy so the file itself
/// is untouched until gotriage replaces it.
public enum GoEnvRewrite: Sendable, Equatable {
    /// The file's new bytes, exactly as `go env -w`/`-u` wrote them to the copy.
    case contents(Data)
    /// go warned that the OS variable `variable` (set to `osValue`) overrides the file, so
    /// writing would change nothing; `contents` is what go wrote to the copy all the same.
    case overridden(variable: String, osValue: String, contents: Data)
    /// go refused the edit; `message` is why, in go's words.
    case failed(message: String)
    /// Ctrl-C stopped go before it was done.
    case interrupted
}
