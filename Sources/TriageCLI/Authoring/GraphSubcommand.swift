import ArgumentParser
import PlaybookSpec

/// `gotriage graph PLAYBOOK [--format mermaid|dot]`: the playbook's decision tree as a picture,
/// on stdout.
struct GraphSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a playbook's decision tree as a Mermaid or Graphviz DOT graph.",
        discussion: """
            Steps are labelled by kind (run, ask, fix, say, jump, done) and done steps by their \
            outcome and cause; arrows carry the conditions. Render DOT with `dot -Tsvg`; Mermaid \
            renders in Markdown on the common code hosts.
            """)

    @Argument(help: "The playbook id (see gotriage list).")
    var playbook: String

    @Option(help: "mermaid or dot.")
    var format: GraphFormat = .mermaid

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let tree = try playbooks.loadTree()
        guard let found = tree.playbooks[playbook] else {
            let hint = Suggestion.didYouMean(playbook, among: tree.order)
            throw ValidationError("no playbook '\(playbook)'\(hint); the playbooks are \(tree.order.joined(separator: ", "))")
        }
        LiveHost.console().lines(format.render(PlaybookGraph(found)))
    }
}

extension GraphFormat: ExpressibleByArgument {}
