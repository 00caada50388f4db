/// Reads and edits the Go environment (`go env`), the only way gotriage changes Go's settings.
public protocol GoEnvironment: Sendable {
    /// Reads the values of `keys` with `go env -json KEY…`, and the GOENV file to tell where each comes from.
    ///
    /// Only the keys asked for: the full `go env -json` makes go probe the C compiler, which
    /// costs more than most walks' probes. The snapshot holds `GOENV` too, since it names the
    /// file that says where a value comes from. A key go does not know reads as the empty string.
    func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot
    /// Runs `go env -w`/`-u`, then re-reads the key with `go env -json KEY` to confirm the value took effect.
    ///
    /// `before` is a snapshot holding `edit.key` that the caller read just now (the journal's);
    /// nil reads the key first. The confirming read also asks for `keys`, for a caller that would
    /// read them next anyway (a walk after its fix); `after` is what it read, nil when it did not
    /// get that far.
    func apply(_ edit: GoEnvEdit, before: GoEnvSnapshot?, alsoReading keys: [String]) async
        -> (result: GoEnvApplyResult, after: GoEnvSnapshot?)
    /// The exact argv ``apply(_:)`` runs, to show the user before asking: `["go", "env", "-w", "GOPROXY=off"]`.
    func commandLine(for edit: GoEnvEdit) -> [String]
}

extension GoEnvironment {
    /// Applies `edit` (see ``apply(_:before:alsoReading:)``), confirming with the key alone.
    public func apply(_ edit: GoEnvEdit, before: GoEnvSnapshot?) async -> GoEnvApplyResult {
        await apply(edit, before: before, alsoReading: []).result
    }

    /// Applies `edit`, reading the key's value first.
    public func apply(_ edit: GoEnvEdit) async -> GoEnvApplyResult { await apply(edit, before: nil) }
}
