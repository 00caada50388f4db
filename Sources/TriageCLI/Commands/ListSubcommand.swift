import ArgumentParser
import Foundation

/// `gotriage list`: the playbooks that can be walked.
struct ListSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the playbooks.")

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let tree = try playbooks.loadTree()
        let console = LiveHost.console()
        let width = tree.order.map(\.count).max() ?? 0
        for playbook in tree.all {
            console.line(playbook.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + playbook.title)
        }
    }
}
