import Foundation

/// One gotriage process's view of the journal: every change it makes goes through here, and is
/// journaled `planned` before it is made and `applied` or `failed` after.
public struct ChangeJournal: Sendable {
    /// This process's session id.
    public let session: String
    /// Where the entries go.
    public let journal: any Journal
    private let counter = Locked(0)

    public init(journal: any Journal, session: String = ChangeJournal.newSessionID()) {
        self.journal = journal
        self.session = session
    }

    /// A fresh session id: 12 lowercase hex digits.
    public static func newSessionID() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12)).lowercased()
    }

    /// Journals `edit` as planned, applies it through `goEnvironment`, and journals the result.
    ///
    /// `known` is a snapshot holding `edit.key` that the caller read just now (nothing can have
    /// changed since); without one, the key is read first. When the planned entry cannot be
    /// written, nothing is changed: a change that could not be undone is not made.
    public func apply(
        _ edit: GoEnvEdit, with goEnvironment: any GoEnvironment,
        before known: GoEnvSnapshot? = nil
    ) async -> GoEnvApplyResult {
        await apply(edit, with: goEnvironment, before: known, alsoReading: []).result
    }

    /// Like ``apply(_:with:before:)``; the read that confirms the change also asks for `keys`
    /// (see ``GoEnvironment/apply(_:before:alsoReading:)``), and `after` is what it read.
    public func apply(
        _ edit: GoEnvEdit, with goEnvironment: any GoEnvironment, before known: GoEnvSnapshot?,
        alsoReading keys: [String]
    ) async -> (result: GoEnvApplyResult, after: GoEnvSnapshot?) {
        let before: GoEnvSnapshot
        if let known, known[edit.key] != nil {
            before = known
        } else {
            do {
                before = try await goEnvironment.read(keys: [edit.key])
            } catch {
                return (.failed(key: edit.key, message: error.description), nil)
            }
        }
        let planned: JournalEntry
        do {
            planned = try journal.append(plan(edit, before: before))
        } catch {
            return (.failed(key: edit.key, message: "not changed, because the undo journal could not be written: \(error)"), nil)
        }
        let (result, after) = await goEnvironment.apply(edit, before: before, alsoReading: keys)
        var outcome = planned
        switch result {
        case .applied(_, _, let new):
            outcome.state = .applied
            outcome.confirmed = new
        case .overridden, .failed:
            outcome.state = .failed
            outcome.message = result.description
        }
        // The change is made; a journal that fails now cannot unmake it, and the planned line
        // already says what to restore.
        _ = try? journal.append(outcome)
        return (result, after)
    }

    /// The `planned` entry for `edit`, with everything undo needs to know about the state before.
    func plan(_ edit: GoEnvEdit, before: GoEnvSnapshot) -> JournalEntry {
        let number = counter.withLock { count in
            count += 1
            return count
        }
        let value: String? = if case .set(_, let value) = edit { value } else { nil }
        return JournalEntry(
            session: session, change: number, state: .planned, key: edit.key, value: value,
            previous: before[edit.key] ?? "", source: JournalEntry.sourceName(before.source(of: edit.key)),
            previousFileValue: before.fileValues[edit.key], goenvFile: before.goenvFile,
            goenvBefore: before.goenvFile.map(GoEnvFileState.capture(path:)))
    }
}
