/// Reads and edits the Go environment (`go env`), the only way gotriage changes Go's settings.
public protocol GoEnvironment: Sendable {
    /// Reads every value with `go env -json`, and the GOENV file to tell where each comes from.
    func read() async throws(GoEnvError) -> GoEnvSnapshot
    /// Runs `go env -w`/`-u`, then re-reads `go env -json` to confirm the value took effect.
    func apply(_ edit: GoEnvEdit) async -> GoEnvApplyResult
    /// The exact argv ``apply(_:)`` runs, to show the user before asking: `["go", "env", "-w", "GOPROXY=off"]`.
    func commandLine(for edit: GoEnvEdit) -> [String]
}
