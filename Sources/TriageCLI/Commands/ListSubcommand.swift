import ArgumentParser
import Foundation

/// `gotriage list`: the playbooks that can be walked, and where each comes from.
struct ListSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the playbooks and where each comes from.")

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let knowledge = try playbooks.loadKnowledge(showingNotices: false)
        let console = LiveHost.console()
        let tree = knowledge.tree
        let idWidth = tree.order.map(\.count).max() ?? 0
        let titleWidth = tree.all.map(\.title.count).max() ?? 0
        for playbook in tree.all {
            let origin = knowledge.origins[playbook.id]
            let from =
                switch origin {
                case .some(let origin) where !origin.shipped:
                    origin.file + (origin.replaces == nil ? "" : ", replaces the shipped one")
                default: "shipped"
                }
            console.line(
                playbook.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                    + playbook.title.padding(toLength: titleWidth, withPad: " ", startingAt: 0) + "  [\(from)]")
        }
        // What was left out or replaced, after the list.
        playbooks.show(knowledge)
    }
}
