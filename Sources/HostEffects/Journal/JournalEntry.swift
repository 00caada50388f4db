import Foundation

/// One line of the change journal: a change to the Go settings at one point of its life.
///
/// A change is journaled `planned` — with the GOENV file's bytes before and after — before the
/// file is replaced, then `applied` (the file was replaced) or `failed` (it was not), and `undone`
/// once undo restored it. A `planned` change whose process died gets its result from the next
/// gotriage that finds it (``JournalRecovery``; `recovered` is then set). Every line is complete
/// on its own (it repeats the change), so a reader never needs an earlier line that a crash may
/// have torn.
public struct JournalEntry: Sendable, Codable, Equatable {
    /// Where a change is in its life.
    public enum State: String, Sendable, Codable {
        case planned, applied, failed, undone
    }

    /// When the line was written (stamped by the journal's clock).
    public var time: Date
    /// The gotriage process that made the change (one id per process).
    public var session: String
    /// The change's number within its session, 1-based.
    public var change: Int
    public var state: State
    /// The go env key, e.g. `GOPROXY`.
    public var key: String
    /// What gotriage writes: `go env -w KEY=value`; nil for `go env -u KEY`.
    public var value: String?
    /// The effective value before the change (empty when unset).
    public var previous: String
    /// Where `previous` came from: `environment`, `goenv-file` or `default`.
    public var source: String
    /// The value the GOENV file held for the key before; nil when the file did not set it.
    public var previousFileValue: String?
    /// The GOENV file's path; nil when GOENV is off.
    public var goenvFile: String?
    /// The file whose bytes change: `goenvFile` after following symlinks; nil in older journals.
    public var goenvTarget: String?
    /// The GOENV file before the change.
    public var goenvBefore: GoEnvFileState?
    /// The GOENV file as the change writes it; nil in older journals, and for a change that
    /// stopped before go worked it out.
    public var goenvAfter: GoEnvFileState?
    /// `applied`: the value go env reported after the change.
    public var confirmed: String?
    /// `failed`: why; `undone`: anything worth knowing about the restore.
    public var message: String?
    /// `undone`: the session that undid the change.
    public var undoneBy: String?
    /// `undone`: whether `--force` overrode a value changed since.
    public var forced: Bool?
    /// `undone`: whether the GOENV file matched its journaled fingerprint afterwards.
    public var byteIdentical: Bool?
    /// `applied` or `failed` written by another session, which found this change planned with its
    /// process gone: what it found the GOENV file to be (``JournalRecovery/Finding``).
    public var recovered: String?
    /// With `recovered`: the session that found it.
    public var recoveredBy: String?

    public init(
        time: Date = Date(timeIntervalSince1970: 0), session: String, change: Int, state: State, key: String,
        value: String?, previous: String, source: String, previousFileValue: String?, goenvFile: String?,
        goenvBefore: GoEnvFileState?, goenvTarget: String? = nil, goenvAfter: GoEnvFileState? = nil
    ) {
        self.time = time
        self.session = session
        self.change = change
        self.state = state
        self.key = key
        self.value = value
        self.previous = previous
        self.source = source
        self.previousFileValue = previousFileValue
        self.goenvFile = goenvFile
        self.goenvBefore = goenvBefore
        self.goenvTarget = goenvTarget
        self.goenvAfter = goenvAfter
    }

    /// The edit gotriage made.
    public var edit: GoEnvEdit {
        value.map { .set(key: key, value: $0) } ?? .unset(key: key)
    }

    /// The file whose bytes the change replaced (older journals name only `goenvFile`).
    public var changedFile: String? { goenvTarget ?? goenvFile }

    /// The edit that puts the key back: `-w KEY=old` when the file set the key, else `-u KEY`.
    public var restoringEdit: GoEnvEdit {
        previousFileValue.map { .set(key: key, value: $0) } ?? .unset(key: key)
    }

    /// Whether `other` is a line about the same change.
    public func isSameChange(as other: JournalEntry) -> Bool {
        session == other.session && change == other.change
    }

    /// The name of `source` as written in the journal.
    public static func sourceName(_ source: GoEnvSource) -> String {
        switch source {
        case .osEnvironment: "environment"
        case .goenvFile: "goenv-file"
        case .defaultValue: "default"
        }
    }
}
