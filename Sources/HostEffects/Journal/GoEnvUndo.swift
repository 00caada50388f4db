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

    /// Said when go env sorted the file and the original order was written back.
    public static let reorderedNote =
        "go env rewrote the GOENV file with its lines sorted; gotriage wrote back the original bytes (the same settings)"

    /// Undoes `entry` (an `applied` change). Without `force`, a value changed since gotriage set it
    /// is left alone.
    public func undo(_ entry: JournalEntry, force: Bool) async -> UndoOutcome {
        let edit = entry.restoringEdit
        let command = goEnvironment.commandLine(for: edit)
        let current: GoEnvSnapshot
        do {
            current = try await goEnvironment.read(keys: [entry.key])
        } catch {
            return .failed(entry, command: command, message: error.description)
        }
        let now = current[entry.key] ?? ""
        let set = entry.confirmed ?? entry.value ?? ""
        if now != set && !force { return .changedSince(entry, now: now) }

        let result = await goEnvironment.apply(edit, before: current)
        guard case .applied = result else { return .failed(entry, command: command, message: result.description) }
        let check = entry.goenvFile.flatMap { path in entry.goenvBefore.map { Self.matches($0, path: path) } }
        let identical = check?.identical

        var undone = entry
        undone.state = .undone
        undone.undoneBy = journal.session
        undone.forced = force && now != set ? true : nil
        undone.byteIdentical = identical
        if check?.reordered == true { undone.message = Self.reorderedNote }
        do {
            try journal.journal.append(undone)
        } catch {
            return .failed(
                entry, command: command,
                message: "the value is restored, but the journal could not record it, so a later undo may try again: \(error)")
        }
        return .restored(undone, command: command, byteIdentical: identical)
    }

    /// Whether the file at `path` is back to `before`.
    ///
    /// Two things `go env` does are put right first: `go env -u` leaves an empty file where there
    /// was none (removed again), and `go env -w`/`-u` write the lines sorted by key. When the file
    /// now holds exactly the settings it held before, only in another order, the journaled bytes
    /// are written back — the same settings, byte for byte as they were.
    static func matches(_ before: GoEnvFileState, path: String) -> (identical: Bool, reordered: Bool) {
        var now = GoEnvFileState.capture(path: path)
        if !before.exists, now.exists, now.size == 0, (try? FileManager.default.removeItem(atPath: path)) != nil {
            now = GoEnvFileState.capture(path: path)
        }
        if before.sameContent(as: now) { return (true, false) }
        guard before.exists, now.exists, let encoded = before.bytes, let original = Data(base64Encoded: encoded),
            let current = FileManager.default.contents(atPath: path),
            GoEnvFile(parsing: String(decoding: original, as: UTF8.self))
                == GoEnvFile(parsing: String(decoding: current, as: UTF8.self))
        else { return (false, false) }
        let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions]
        do {
            try original.write(to: URL(fileURLWithPath: path), options: .atomic)
            if let mode { try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path) }
        } catch {
            return (false, false)
        }
        return (before.sameContent(as: GoEnvFileState.capture(path: path)), true)
    }
}
