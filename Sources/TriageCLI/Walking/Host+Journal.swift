import HostEffects

extension Host {
    /// Applies `edit`, journaled first when there is a journal (so `undo` can put it back).
    /// `before`, when given, holds `edit.key` as read just now, so it need not be read again; the
    /// read that confirms the change also asks for `keys`, and `after` is what it read.
    func applyJournaled(_ edit: GoEnvEdit, before: GoEnvSnapshot?, alsoReading keys: [String]) async
        -> (result: GoEnvApplyResult, after: GoEnvSnapshot?)
    {
        guard let journal else { return await goEnvironment.apply(edit, before: before, alsoReading: keys) }
        return await journal.apply(edit, with: goEnvironment, before: before, alsoReading: keys)
    }

    /// Undo through this host's journal and Go environment; nil without a journal.
    var undoer: GoEnvUndo? {
        journal.map { GoEnvUndo(journal: $0, goEnvironment: goEnvironment) }
    }
}
