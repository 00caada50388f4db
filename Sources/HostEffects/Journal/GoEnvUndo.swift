import Foundation

/// Puts back what a journaled change replaced, with the real `go env -w`/`-u`, and checks that the
/// GOENV file is byte-identical to its state before the change.
public struct GoEnvUndo: Sendable {
    /// The undoing process's journal (its session is written as `undoneBy`).
    public let journal: ChangeJournal
    public let goEnvironment: any GoEnvironment

    public init(journal: ChangeJournal, goEnvironment: any GoEnvironment) {
        self.journal = journal
        self.goEnvironment = goEnvironment
    }

    /// Undoes `entry` (an `applied` change). Without `force`, a value changed since gotriage set it
    /// is left alone.
    public func undo(_ entry: JournalEntry, force: Bool) async -> UndoOutcome {
        let edit = entry.restoringEdit
        let command = goEnvironment.commandLine(for: edit)
        let now: String
        do {
            now = try await goEnvironment.read()[entry.key] ?? ""
        } catch {
            return .failed(entry, command: command, message: error.description)
        }
        let set = entry.confirmed ?? entry.value ?? ""
        if now != set && !force { return .changedSince(entry, now: now) }

        let result = await goEnvironment.apply(edit)
        guard case .applied = result else { return .failed(entry, command: command, message: result.description) }
        let identical = entry.goenvFile.flatMap { path in entry.goenvBefore.map { Self.matches($0, path: path) } }

        var undone = entry
        undone.state = .undone
        undone.undoneBy = journal.session
        undone.forced = force && now != set ? true : nil
        undone.byteIdentical = identical
        do {
            try journal.journal.append(undone)
        } catch {
            return .failed(entry, command: command,
                           message: "the value is restored, but the journal could not record it, so a later undo may try again: \(error)")
        }
        return .restored(undone, command: command, byteIdentical: identical)
    }

    /// Whether the file at `path` is back to `before`. `go env -u` leaves an empty file where there
    /// was none; that empty file is removed, as it was not there before.
    static func matches(_ before: GoEnvFileState, path: String) -> Bool {
        var now = GoEnvFileState.capture(path: path)
        if !before.exists, now.exists, now.size == 0, (try? FileManager.default.removeItem(atPath: path)) != nil {
            now = GoEnvFileState.capture(path: path)
        }
        return before.sameContent(as: now)
    }
}
