import Foundation

/// One change to the GOENV file as known before the file is replaced: what it was, what it will
/// be, and where — everything the journal keeps so a crash can be told apart from a change.
public struct GoEnvChangePlan: Sendable, Equatable {
    public var edit: GoEnvEdit
    /// The Go environment just before, read with the file locked (it holds `edit.key`).
    public var before: GoEnvSnapshot
    /// The GOENV file as go names it (`go env GOENV`), perhaps a symlink.
    public var file: String
    /// The file whose bytes change: `file` after following symlinks.
    public var target: String
    /// The target's bytes before; nil when it did not exist.
    public var bytesBefore: Data?
    /// The target's bytes after, as go wrote them to a copy; nil until go has worked them out.
    public var bytesAfter: Data?

    public init(
        edit: GoEnvEdit, before: GoEnvSnapshot, file: String, target: String, bytesBefore: Data?,
        bytesAfter: Data? = nil
    ) {
        self.edit = edit
        self.before = before
        self.file = file
        self.target = target
        self.bytesBefore = bytesBefore
        self.bytesAfter = bytesAfter
    }
}

/// Hears of a change while the GOENV file is locked: the journal.
public protocol GoEnvChangeRecorder: Sendable {
    /// Called twice before anything changes: with the bytes before, before go works out the new
    /// ones (`plan.bytesAfter` nil), and with both, before the file is replaced. Throwing stops
    /// the change: nothing is replaced, and the error becomes the result's message.
    func willChange(_ plan: GoEnvChangePlan) throws(JournalError)
    /// Called once with the result, the file still locked, after a first ``willChange(_:)``
    /// succeeded. `fileChanged` says whether the file was replaced.
    func didChange(_ plan: GoEnvChangePlan, result: GoEnvApplyResult, fileChanged: Bool)
}
