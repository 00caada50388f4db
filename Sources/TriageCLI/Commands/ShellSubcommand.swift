import ArgumentParser
import Foundation
import LineEditing

/// `gotriage` / `gotriage shell`: the interactive, line-edited shell.
struct ShellSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "shell", abstract: "Open the interactive shell (the default).")

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let tree = try playbooks.loadTree()
        let host = LiveHost.make()
        let reader = LineReaders.standard(historyFile: HistoryLocation.file(environment: host.environment))
        let console = Console.standard(environment: host.environment)
        let status = await Shell(tree: tree, host: host, reader: reader, console: console).run()
        throw ExitCode(status)
    }
}
