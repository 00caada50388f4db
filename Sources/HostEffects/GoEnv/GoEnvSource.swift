/// Where the effective value of one `go env` key comes from.
///
/// The order matches Go's `cmd/go/internal/cfg.Getenv`: a non-empty OS environment
/// variable wins, then the GOENV file, then Go's built-in default.
public enum GoEnvSource: Sendable, Equatable {
    /// A non-empty variable in the environment `go` runs with.
    case osEnvironment
    /// A line in the GOENV file at `path` (written by `go env -w`).
    case goenvFile(path: String)
    /// Neither: Go's default (possibly computed, like GOPATH from HOME).
    case defaultValue
}
