import HostEffects

extension Host {
    /// Applies `edit`, journaled first when there is a journal (so `undo` can put it back).
    func applyJournaled(_ edit: GoEnvEdit) async -> GoEnvApplyResult {
        guard let journal else { return await goEnvironment.apply(edit) }
        return await journal.apply(edit, with: goEnvironment)
    }

    /// Undo through this host's journal and Go environment; nil without a journal.
    var undoer: GoEnvUndo? {
        journal.map { GoEnvUndo(journal: $0, goEnvironment: goEnvironment) }
    }
}
