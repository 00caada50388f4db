import ArgumentParser
import Foundation
import HostEffects

/// `gotriage undo`: puts back what a gotriage session changed, from the journal: the newest
/// session with something left to undo, or the one `--session` names.
struct UndoSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo the Go settings gotriage changed.",
        discussion: """
            Undoes the newest change of the newest gotriage session that has one left (or of the session \
            --session names; with --all: every change of that session, newest first), in the GOENV file \
            the change was made to, and checks that the file is byte-identical to before. A value \
            changed since gotriage set it is left alone unless --force. Changes an earlier gotriage left \
            unfinished (killed, crashed) are found first. The journal is $XDG_STATE_HOME/gotriage/journal \
            (~/.local/state/gotriage/journal). Exit status: 0 undone or nothing to undo, 1 refused, failed, \
            not byte-identical, or no such session.
            """)

    @Flag(name: .customLong("list"), help: "List the journal's changes instead of undoing.")
    var list = false

    @Flag(name: .customLong("all"), help: "Undo every change of the session, newest first.")
    var all = false

    @Option(name: .customLong("session"), help: ArgumentHelp("Undo this session's changes (ids: undo --list).", valueName: "id"))
    var session: String?

    @Flag(name: .customLong("force"), help: "Undo even when the value was changed since gotriage set it.")
    var force = false

    func run() async throws {
        let host = LiveHost.make()
        let console = Console.standard(environment: host.environment, redactor: Redactor(secrets: host.secrets))
        guard let undoer = host.undoer else { throw ExitCode(ExitStatus.notResolved.rawValue) }
        let path = (undoer.journal.journal as? FileJournal)?.path
        let runner = UndoRunner(
            undoer: undoer, console: console,
            forceHint: "gotriage undo \(session.map { "--session \($0) " } ?? "")\(all ? "--all " : "")--force")
        UnfinishedChanges(host: host, say: console.line).recover()
        guard let contents = runner.contents() else { throw ExitCode(ExitStatus.notResolved.rawValue) }
        if list {
            JournalListing(console: console).show(contents, journalPath: path)
            return
        }
        let chosen: String
        if let session {
            guard let known = contents.sessions.first(where: { $0 == session || (session.count >= 4 && $0.hasPrefix(session)) }) else {
                console.line(
                    "There is no session \(session) in the journal\(path.map { " \($0)" } ?? ""); gotriage undo --list shows them.")
                throw ExitCode(ExitStatus.notResolved.rawValue)
            }
            chosen = known
        } else {
            guard let newest = contents.newestUndoableSession else {
                console.line(
                    "Nothing to undo: every change in the journal\(path.map { " \($0)" } ?? "") is already undone or was not made.")
                return
            }
            chosen = newest
        }
        let pending = contents.undoable(session: chosen)
        guard let newest = pending.first else {
            console.line("Nothing to undo: every change of session \(chosen) is already undone or was not made.")
            return
        }
        let done = await runner.undo(all ? pending : [newest], force: force)
        if !done { throw ExitCode(ExitStatus.notResolved.rawValue) }
    }
}
