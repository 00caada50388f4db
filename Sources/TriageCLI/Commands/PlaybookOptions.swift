import ArgumentParser
import Foundation
import PlaybookSpec

/// `--playbooks DIR`: folders of playbooks loaded beside the shipped ones.
struct PlaybookOptions: ParsableArguments {
    @Option(
        name: .customLong("playbooks"),
        help: ArgumentHelp("Also load the playbooks in this folder (repeatable).", valueName: "dir"))
    var directories: [String] = []

    /// The shipped playbooks plus the extra folders, validated together.
    func loadTree() throws(PlaybookCatalogError) -> DecisionTree {
        try loadKnowledge().tree
    }

    /// The shipped cause catalog and playbooks plus the extra folders, validated together (the
    /// catalog's regex and example checks only when this build has not passed this very text before).
    func loadKnowledge() throws(PlaybookCatalogError) -> Knowledge {
        let environment = ProcessInfo.processInfo.environment
        let executable = LiveHost.executablePath
        let shipped = PlaybookCatalog.shippedDirectory(environment: environment, executable: executable)
        return try PlaybookCatalog.loadKnowledge(
            directories: [shipped] + directories,
            validated: ValidatedTextsCache.standard(environment: environment, executable: executable))
    }
}
