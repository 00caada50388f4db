import ArgumentParser
import Foundation
import PlaybookSpec

/// `--playbooks DIR`: folders of the user's playbooks, searched before the shipped ones (see
/// `PlaybookCatalog.searchPath`).
struct PlaybookOptions: ParsableArguments {
    @Option(
        name: .customLong("playbooks"),
        help: ArgumentHelp(
            "Also load the playbooks in this folder, before $GOTRIAGE_PLAYBOOKS, ~/.config/gotriage/playbooks and the shipped ones (repeatable).",
            valueName: "dir"))
    var directories: [String] = []

    /// The playbooks of the search path, validated together.
    func loadTree() throws(PlaybookCatalogError) -> DecisionTree {
        try loadKnowledge().tree
    }

    /// The shipped cause catalog and playbooks plus the user's folders, validated together (the
    /// catalog's regex and example checks only when this build has not passed this very text
    /// before). What replaced a shipped playbook, and the user files left out, are told on stderr.
    func loadKnowledge() throws(PlaybookCatalogError) -> Knowledge {
        try loadKnowledge(showingNotices: true).knowledge
    }

    /// The layers as loaded, with where each playbook came from and the notices (told on stderr
    /// with `showingNotices`, else left to the caller: `show(_:)`).
    func loadKnowledge(showingNotices: Bool) throws(PlaybookCatalogError) -> LayeredKnowledge {
        let layered = try loadLayered()
        if showingNotices { show(layered) }
        return layered
    }

    /// Tells on stderr, with their source lines, what replaced a shipped playbook and which user
    /// files were left out.
    func show(_ layered: LayeredKnowledge) {
        guard !layered.notices.isEmpty else { return }
        let console = LiveHost.console()
        let renderer = DiagnosticRenderer { layered.sources[$0] }
        for notice in layered.notices { console.errorLine(renderer.render(notice)) }
    }

    private func loadLayered() throws(PlaybookCatalogError) -> LayeredKnowledge {
        let environment = ProcessInfo.processInfo.environment
        let executable = LiveHost.executablePath
        let shipped = PlaybookCatalog.shippedDirectory(environment: environment, executable: executable)
        return try PlaybookCatalog.loadLayered(
            shipped: shipped, user: PlaybookCatalog.searchPath(options: directories, environment: environment, shipped: shipped),
            validated: ValidatedTextsCache.standard(environment: environment, executable: executable))
    }
}
