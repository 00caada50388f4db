import Foundation

/// One gotriage process's view of the journal: every change it makes goes through here, and is
/// journaled `planned` with the GOENV file's bytes before (then again with the bytes after)
/// before the file is replaced, and `applied` or `failed` after, the file still locked.
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

    /// Applies `edit` through `goEnvironment` (a ``GoEnvTransaction``), journaled.
    ///
    /// `known` is a snapshot holding `edit.key` that the caller read recently. When the planned
    /// entry cannot be written, nothing is changed: a change that could not be undone is not made.
    public func apply(
        _ edit: GoEnvEdit, with goEnvironment: any GoEnvironment,
        before known: GoEnvSnapshot? = nil
    ) async -> GoEnvApplyResult {
        await apply(edit, with: goEnvironment, before: known, alsoReading: []).result
    }

    /// Like ``apply(_:with:before:)``; the read that confirms the change also asks for `keys`,
    /// and `after` is what it read.
    public func apply(
        _ edit: GoEnvEdit, with goEnvironment: any GoEnvironment, before known: GoEnvSnapshot?,
        alsoReading keys: [String]
    ) async -> (result: GoEnvApplyResult, after: GoEnvSnapshot?) {
        let recorder = Recorder(journal: self, number: nextNumber())
        return await GoEnvTransaction(goEnvironment: goEnvironment)
            .apply(edit, before: known, alsoReading: keys, recorder: recorder)
    }

    private func nextNumber() -> Int {
        counter.withLock { count in
            count += 1
            return count
        }
    }

    /// The `planned` entry for `plan`, with everything undo and recovery need to know.
    func planned(_ plan: GoEnvChangePlan, number: Int) -> JournalEntry {
        let edit = plan.edit
        let before = plan.before
        let value: String? = if case .set(_, let value) = edit { value } else { nil }
        return JournalEntry(
            session: session, change: number, state: .planned, key: edit.key, value: value,
            previous: before[edit.key] ?? "", source: JournalEntry.sourceName(before.source(of: edit.key)),
            previousFileValue: GoEnvFile(parsing: plan.bytesBefore).values[edit.key], goenvFile: plan.file,
            goenvBefore: GoEnvFileState(data: plan.bytesBefore), goenvTarget: plan.target,
            goenvAfter: plan.bytesAfter.map { GoEnvFileState(data: $0) })
    }

    /// Journals one change for a ``GoEnvTransaction``.
    final class Recorder: GoEnvChangeRecorder {
        let journal: ChangeJournal
        let number: Int
        private let written = Locked<JournalEntry?>(nil)

        init(journal: ChangeJournal, number: Int) {
            self.journal = journal
            self.number = number
        }

        func willChange(_ plan: GoEnvChangePlan) throws(JournalError) {
            try journal.journal.holdSession(journal.session)
            let entry = try journal.journal.append(journal.planned(plan, number: number))
            written.withLock { $0 = entry }
        }

        func didChange(_ plan: GoEnvChangePlan, result: GoEnvApplyResult, fileChanged: Bool) {
            var outcome = written.withLock { $0 } ?? journal.planned(plan, number: number)
            switch result {
            case .applied(_, _, let new):
                outcome.state = .applied
                outcome.confirmed = new
            case .unconfirmed:
                outcome.state = fileChanged ? .applied : .failed
                outcome.message = result.description
            case .failed(_, let message):
                outcome.state = .failed
                outcome.message = message
            case .overridden:
                outcome.state = .failed
                outcome.message = result.description
            }
            // The change is made; a journal that fails now cannot unmake it, and the planned line
            // already says what to restore (the next gotriage finds it, see JournalRecovery).
            _ = try? journal.journal.append(outcome)
        }
    }
}
