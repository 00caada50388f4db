import HostEffects

extension Host {
    /// Applies `edit`, journaled first when there is a journal (so `undo` can put it back).
    /// `before`, when given, holds `edit.key` as read just now, so it need not be read again.
    func applyJournaled(_ edit: GoEnvEdit, before: GoEnvSnapshot? = nil) async -> GoEnvApplyResult {
        guard let journal else { return await goEnvironment.apply(edit, before: before) }
        return await journal.apply(edit, with: goEnvironment, before: before)
    }

    /// Undo through this host's journal and Go environment; nil without a journal.
    var undoer: GoEnvUndo? {
        journal.map { GoEnvUndo(journal: $0, goEnvironment: goEnvironment) }
    }
}
