import ArgumentParser
import Foundation
import LineEditing

/// `gotriage` / `gotriage shell`: the interactive, line-edited shell.
struct ShellSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shell", abstract: "Open the interactive shell (the default).")

    @OptionGroup var playbooks: PlaybookOptions

    @Flag(name: .customLong("yes"), help: "Without a terminal, apply proposed fixes (otherwise none is ever applied).")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Run the checks but only show fixes; each walk stops at its first fix.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Show why each check runs, its command, exit code and output (verbose on|off in the shell).")
    var verbose = false

    func run() async throws {
        let knowledge = try playbooks.loadKnowledge()
        let host = LiveHost.make()
        let reader = LineReaders.standard(historyFile: StateLocation.file("history", environment: host.environment))
        let console = Console.standard(environment: host.environment, redactor: Redactor(secrets: host.secrets))
        // Only a person at a terminal confirms a fix; piped input never does, unless --yes says so.
        let policy: WalkDriver.FixPolicy = reader.isInteractive ? .confirm : yes ? .applyAll : .declineAll
        let shell = Shell(
            tree: knowledge.tree, catalog: knowledge.catalog.catalog, host: host, reader: reader, console: console, fixPolicy: policy)
        shell.dryRun = dryRun
        shell.renderer.verbose = verbose
        UnfinishedChanges(host: host, say: console.line).recover()
        TerminalRestorer.installCrashHandlers()
        let status = await shell.run()
        throw ExitCode(status)
    }
}
