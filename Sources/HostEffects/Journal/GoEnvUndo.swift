import Foundation

/// Puts back what a journaled change replaced, in the GOENV file the journal recorded (not the
/// one `$GOENV` names today), with that file locked and replaced atomically like any change.
///
/// When the file holds exactly what gotriage wrote, its journaled bytes from before go back, so
/// it is byte-identical by construction. When other settings changed since, only the key is put
/// back (go edits a copy), keeping them. When the key itself changed since, undo refuses unless
/// `force`.
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

    /// Undoes `entry` (an `applied` change). Without `force`, a value changed since gotriage set
    /// it is left alone.
    public func undo(_ entry: JournalEntry, force: Bool) async -> UndoOutcome {
        guard let file = entry.goenvFile else {
            return .failed(entry, message: "GOENV was off when gotriage made this change, so there is no file to put back")
        }
        let files = goEnvironment.files
        let target = entry.goenvTarget ?? files.target(of: file)
        let lock: any GoEnvFileLock
        do { lock = try await files.lock(target) } catch {
            return .failed(entry, message: error == .interrupted ? "interrupted (Ctrl-C); nothing was changed" : "\(error)")
        }
        defer { lock.release() }
        let current: Data?
        do { current = try files.contents(of: target) } catch { return .failed(entry, message: "\(error)") }

        let plan: (bytes: Data?, method: UndoOutcome.Restore.Method, reordered: Bool)
        let now = GoEnvFile(parsing: current).values[entry.key]
        if let after = entry.goenvAfter, after.matches(current), let before = entry.goenvBefore,
            !before.exists || before.data != nil
        {
            plan = (before.data, .journaledBytes, false)
        } else if now != Self.written(by: entry), !force {
            return .changedSince(entry, now: now ?? "")
        } else if force, entry.recovered == JournalRecovery.Finding.neither.rawValue, let before = entry.goenvBefore,
            !before.exists || before.data != nil
        {
            // Found half-written after a crash: the bytes from before are the only good state known.
            plan = (before.data, .journaledBytes, false)
        } else {
            switch await restoreKey(entry, in: current, at: target) {
            case .success(let restored): plan = restored
            case .failure(let failure): return .failed(entry, message: failure.message)
            }
        }
        if plan.bytes != current {
            do { try files.replace(target, with: plan.bytes) } catch {
                return .failed(entry, message: "the GOENV file could not be replaced (\(error)); it is as it was")
            }
        }
        let restore = UndoOutcome.Restore(
            method: plan.method, byteIdentical: entry.goenvBefore?.matches(plan.bytes),
            goenvNow: await goenvNow(key: entry.key, unless: target))
        var undone = entry
        undone.state = .undone
        undone.undoneBy = journal.session
        undone.forced = force && now != Self.written(by: entry) ? true : nil
        undone.byteIdentical = restore.byteIdentical
        undone.message = plan.reordered ? Self.reorderedNote : nil
        do {
            try journal.journal.append(undone)
        } catch {
            return .failed(
                entry, message: "the GOENV file is restored, but the journal could not record it, so a later undo may try again: \(error)")
        }
        return .restored(undone, restore)
    }

    /// What the change left the key at in the file: the journaled bytes after say it exactly;
    /// older journals name the value written (nil for an unset).
    public static func written(by entry: JournalEntry) -> String? {
        if let after = entry.goenvAfter?.data { return GoEnvFile(parsing: after).values[entry.key] }
        return entry.value
    }

    /// Puts the key alone back in `current`: go edits a copy with the restoring `go env -w`/`-u`.
    /// When that leaves the file with exactly the settings it had before, only in go's order,
    /// the journaled bytes from before are used instead — the same settings, byte for byte.
    private func restoreKey(_ entry: JournalEntry, in current: Data?, at target: String) async
        -> Result<(bytes: Data?, method: UndoOutcome.Restore.Method, reordered: Bool), RestoreFailure>
    {
        let edit = entry.restoringEdit
        let command = goEnvironment.commandLine(for: edit)
        var bytes: Data?
        switch await goEnvironment.rewrite(edit, of: current, at: target) {
        case .contents(let data), .overridden(_, _, let data): bytes = data
        case .failed(let message): return .failure(RestoreFailure(message: "\(command.joined(separator: " ")) failed: \(message)"))
        case .interrupted: return .failure(RestoreFailure(message: "interrupted (Ctrl-C); nothing was changed"))
        }
        if let before = entry.goenvBefore {
            if !before.exists, bytes?.isEmpty ?? true {
                bytes = nil  // go env -u leaves an empty file where there was none
            } else if let original = before.data, !before.matches(bytes),
                GoEnvFile(parsing: original) == GoEnvFile(parsing: bytes)
            {
                return .success((original, .key(command: command), true))
            }
        }
        return .success((bytes, .key(command: command), false))
    }

    /// Why the key could not be put back.
    struct RestoreFailure: Error {
        var message: String
    }

    /// The GOENV file go names now, when it is not `target` (the file undo restored). Reads `key`
    /// with it, as a caller showing the restored value would.
    private func goenvNow(key: String, unless target: String) async -> String? {
        guard let snapshot = try? await goEnvironment.read(keys: [key]) else { return nil }
        guard let file = snapshot.goenvFile else { return "off" }
        return goEnvironment.files.target(of: file) == target ? nil : file
    }
}
