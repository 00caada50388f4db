import HostEffects

/// Looks for changes an earlier gotriage left unfinished (it was killed or crashed mid-change)
/// when gotriage starts or undoes, and says in plain words what became of each.
struct UnfinishedChanges {
    let host: Host
    /// Where the notes go: `line` for the shell and undo, `errorLine` for `run` (stdout may be JSON).
    let say: (String) -> Void

    /// Journals a result for every unfinished change and prints one note each.
    func recover() {
        guard let journal = host.journal else { return }
        let found: [JournalRecovery.Recovered]
        do {
            found = try JournalRecovery(journal: journal, files: host.goEnvironment.files).run()
        } catch {
            say("Note: could not check the undo journal for unfinished changes: \(error)")
            return
        }
        for recovered in found {
            let entry = recovered.entry
            let then =
                switch recovered.finding {
                case .changed: "; gotriage undo puts it back."
                case .asBefore: "."
                case .neither: "; gotriage undo --force writes back its bytes from before the change."
                }
            say("Note: gotriage (session \(entry.session)) stopped while changing \(entry.key): \(entry.message ?? "")\(then)")
        }
    }
}
