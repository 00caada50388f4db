import ArgumentParser
import Foundation
import PlaybookSpec

/// `gotriage copy PLAYBOOK [DIR]`: copies a playbook's file into the user's playbook folder, where
/// it replaces the shipped one on the next start (see `PlaybookCatalog.searchPath`).
struct CopySubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a playbook into your playbook folder to change it there.",
        discussion: """
            The copy goes to DIR, else $XDG_CONFIG_HOME/gotriage/playbooks (~/.config/gotriage/playbooks), \
            which is created. A copy with the playbook's id stands in for the shipped playbook from then on; \
            `gotriage list` shows which file each playbook comes from. An existing copy is never overwritten.
            """)

    @Argument(help: "The playbook id (see gotriage list).")
    var playbook: String

    @Argument(help: ArgumentHelp("The folder to copy it to.", valueName: "dir"))
    var directory: String?

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let knowledge = try playbooks.loadKnowledge(showingNotices: true)
        guard let found = knowledge.tree.playbooks[playbook] else {
            throw ValidationError(
                "no playbook '\(playbook)'\(Suggestion.didYouMean(playbook, among: knowledge.tree.order)); the playbooks are \(knowledge.tree.order.joined(separator: ", "))"
            )
        }
        let environment = ProcessInfo.processInfo.environment
        guard let folder = directory ?? PlaybookCatalog.userFolder(environment: environment) else {
            throw ValidationError("neither XDG_CONFIG_HOME nor HOME is set; name the folder: gotriage copy \(playbook) DIR")
        }
        let target = (folder as NSString).appendingPathComponent((found.file as NSString).lastPathComponent)
        guard !FileManager.default.fileExists(atPath: target) else {
            throw ValidationError("\(target) exists already; edit it there, or move it away to copy again")
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: found.file, toPath: target)
        } catch {
            throw ValidationError("cannot copy \(found.file) to \(target): \(error.localizedDescription)")
        }
        LiveHost.console().line("Copied \(playbook) to \(target). Change it there, then check it: gotriage lint \(folder)")
    }
}
