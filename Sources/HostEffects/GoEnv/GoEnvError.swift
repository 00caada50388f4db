/// Why the Go environment could not be read.
public enum GoEnvError: Error, Equatable, CustomStringConvertible {
    /// The `go` program is not on PATH.
    case goNotFound
    /// `go env -json` exited non-zero.
    case commandFailed(argv: [String], exitCode: Int32, stderr: String)
    /// `go env -json` printed something that is not a JSON object of strings.
    case badJSON(String)

    public var description: String {
        switch self {
        case .goNotFound:
            "the 'go' command was not found on PATH"
        case .commandFailed(let argv, let exitCode, let stderr):
            "'\(argv.joined(separator: " "))' failed with exit code \(exitCode): \(stderr)"
        case .badJSON(let reason):
            "'go env -json' printed unexpected output: \(reason)"
        }
    }
}
