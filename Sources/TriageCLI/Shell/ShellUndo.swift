import HostEffects

/// The shell's `undo`: puts back the changes this session made, newest first.
extension Shell {
    /// `undo` (the last change), `undo all` (every change of this session), either with `--force`.
    func undo(_ arguments: [String]) async {
        let all = arguments.contains("all")
        let force = arguments.contains("--force")
        if let stray = arguments.first(where: { $0 != "all" && $0 != "--force" }) {
            console.line("undo does not take '\(stray)'. Usage: \(ShellCommand.undo.usage)")
            return
        }
        guard let undoer = host.undoer else {
            console.line("Undo is not available here: this session keeps no journal of its changes.")
            return
        }
        let runner = UndoRunner(undoer: undoer, console: console, forceHint: all ? "undo all --force" : "undo --force")
        guard let contents = runner.contents() else { return }
        let pending = contents.undoable(session: undoer.journal.session)
        guard let newest = pending.first else {
            console.line(
                "Nothing to undo: gotriage has not changed any Go setting in this session, or it is all undone."
                    + " (Earlier sessions: gotriage undo --list.)")
            return
        }
        _ = await runner.undo(all ? pending : [newest], force: force)
    }
}
