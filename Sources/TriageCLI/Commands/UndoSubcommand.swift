import ArgumentParser
import Foundation
import HostEffects

/// `gotriage undo`: puts back what the latest gotriage session changed, from the journal.
struct UndoSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo the Go settings gotriage changed.",
        discussion: """
            Undoes the newest change of the most recent gotriage session (with --all: every change of \
            that session, newest first), using go env -w or go env -u, and checks that the GOENV file \
            is byte-identical to before. A value changed since gotriage set it is left alone unless \
            --force. The journal is $XDG_STATE_HOME/gotriage/journal (~/.local/state/gotriage/journal). \
            Exit status: 0 undone or nothing to undo, 1 refused, failed, or not byte-identical.
            """)

    @Flag(name: .customLong("list"), help: "List the journal's changes instead of undoing.")
    var list = false

    @Flag(name: .customLong("all"), help: "Undo every change of the most recent session, newest first.")
    var all = false

    @Flag(name: .customLong("force"), help: "Undo even when the value was changed since gotriage set it.")
    var force = false

    func run() async throws {
        let host = LiveHost.make()
        let console = Console.standard(environment: host.environment)
        guard let undoer = host.undoer else { throw ExitCode(ExitStatus.notResolved.rawValue) }
        let path = (undoer.journal.journal as? FileJournal)?.path
        let runner = UndoRunner(
            undoer: undoer, console: console,
            forceHint: "gotriage undo \(all ? "--all " : "")--force")
        guard let contents = runner.contents() else { throw ExitCode(ExitStatus.notResolved.rawValue) }
        if list {
            JournalListing(console: console).show(contents, journalPath: path)
            return
        }
        guard let session = contents.latestSession else {
            console.line("Nothing to undo: the journal\(path.map { " \($0)" } ?? "") holds no changes.")
            return
        }
        let pending = contents.undoable(session: session)
        guard let newest = pending.first else {
            console.line("Nothing to undo: every change of the latest session (\(session)) is already undone or failed.")
            return
        }
        let done = await runner.undo(all ? pending : [newest], force: force)
        if !done { throw ExitCode(ExitStatus.notResolved.rawValue) }
    }
}
