import Foundation

/// Reads the Go environment (`go env`) and works out changes to its GOENV file, the only way
/// gotriage changes Go's settings.
///
/// A change itself is a ``GoEnvTransaction``: it locks the file, has ``rewrite(_:of:at:)`` work
/// out the new bytes, replaces the file atomically through ``files`` and confirms with ``read(keys:)``.
public protocol GoEnvironment: Sendable {
    /// Reads the values of `keys` with `go env -json KEY…`, and the GOENV file to tell where each comes from.
    ///
    /// Only the keys asked for: the full `go env -json` makes go probe the C compiler, which
    /// costs more than most walks' probes. The snapshot holds `GOENV` too, since it names the
    /// file that says where a value comes from. A key go does not know reads as the empty string.
    func read(keys: [String]) async throws(GoEnvError) -> GoEnvSnapshot
    /// The GOENV file at `target` after `edit`, as go itself writes it, worked out on a copy of
    /// `contents` (nil: the file does not exist) beside it: the file itself is not touched.
    func rewrite(_ edit: GoEnvEdit, of contents: Data?, at target: String) async -> GoEnvRewrite
    /// The exact argv that describes `edit` to the user before asking: `["go", "env", "-w", "GOPROXY=off"]`.
    /// ``rewrite(_:of:at:)`` runs it with `GOENV` naming the copy.
    func commandLine(for edit: GoEnvEdit) -> [String]
    /// Where the GOENV file is locked, read and replaced.
    var files: any GoEnvFileStore { get }
}

extension GoEnvironment {
    /// Applies `edit` without a journal (see ``GoEnvTransaction/apply(_:before:alsoReading:recorder:)``).
    public func apply(_ edit: GoEnvEdit, before: GoEnvSnapshot?, alsoReading keys: [String]) async
        -> (result: GoEnvApplyResult, after: GoEnvSnapshot?)
    {
        await GoEnvTransaction(goEnvironment: self).apply(edit, before: before, alsoReading: keys, recorder: nil)
    }

    /// Applies `edit`, confirming with the key alone.
    public func apply(_ edit: GoEnvEdit, before: GoEnvSnapshot?) async -> GoEnvApplyResult {
        await apply(edit, before: before, alsoReading: []).result
    }

    /// Applies `edit`, reading the key's value first.
    public func apply(_ edit: GoEnvEdit) async -> GoEnvApplyResult { await apply(edit, before: nil) }
}
