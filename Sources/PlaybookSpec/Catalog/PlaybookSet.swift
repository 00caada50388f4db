import Diagnosis
import Foundation

/// What gotriage knows: the validated playbooks and the cause catalog, loaded from playbook
/// folders together. The first folder with a `causes.yaml` gives the catalog; every other
/// `*.yaml` is a playbook. A cause's `start:` must name a step that exists.
public struct Knowledge: Sendable {
    public var tree: DecisionTree
    public var catalog: LoadedCatalog
}

public enum PlaybookSet {
    /// The playbook files of a folder (sorted, as `directory/name`), without the cause catalog.
    public static func playbookFiles(in directory: String) -> Result<[String], Diagnostic> {
        PlaybookLibrary.playbookFiles(in: directory).map { files in
            files.filter { ($0 as NSString).lastPathComponent != CatalogLoader.fileName }
        }
    }

    /// Loads the catalog and the playbooks of `directories`; every problem of the catalog, or
    /// else of the playbooks, comes back as diagnostics with the file texts for rendering.
    /// `validated` may vouch for file texts (see `ValidatedTexts`).
    public static func load(
        directories: [String], validated: (any ValidatedTexts)? = nil
    ) -> Result<Knowledge, PlaybookLoadFailure> {
        var files: [String] = []
        var problems: [Diagnostic] = []
        for directory in directories {
            switch playbookFiles(in: directory) {
            case .success(let found): files += found
            case .failure(let problem): problems.append(problem)
            }
        }
        let catalogFile =
            directories.lazy
            .map { ($0 as NSString).appendingPathComponent(CatalogLoader.fileName) }
            .first { FileManager.default.fileExists(atPath: $0) }
            ?? ShippedCatalog.file(in: directories.first ?? ShippedCatalog.sourceTreePlaybooks)
        let catalog: LoadedCatalog
        switch CatalogLoader.load(file: catalogFile, validated: validated) {
        case .success(let loaded): catalog = loaded
        case .failure(let failure):
            let text = (try? String(contentsOfFile: catalogFile, encoding: .utf8)).map { [catalogFile: $0] } ?? [:]
            return .failure(PlaybookLoadFailure(diagnostics: problems + failure.diagnostics, sources: text))
        }
        guard problems.isEmpty else { return .failure(PlaybookLoadFailure(diagnostics: problems, sources: [:])) }
        switch PlaybookLibrary.load(files: files, catalog: catalog, validated: validated) {
        case .failure(let failure):
            return .failure(failure)
        case .success(let tree):
            let startProblems = checkStarts(catalog, tree: tree)
            guard startProblems.isEmpty else {
                let text = (try? String(contentsOfFile: catalogFile, encoding: .utf8)).map { [catalogFile: $0] } ?? [:]
                return .failure(PlaybookLoadFailure(diagnostics: startProblems, sources: text))
            }
            return .success(Knowledge(tree: tree, catalog: catalog))
        }
    }

    /// A `start: playbook:step` of a cause that names no playbook or step.
    static func checkStarts(_ loaded: LoadedCatalog, tree: DecisionTree) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for cause in loaded.catalog.causes {
            guard let start = cause.start, let location = loaded.startLocations[cause.id] else { continue }
            guard let playbook = tree.playbooks[start.playbook] else {
                problems.append(
                    Diagnostic(
                        at: location,
                        "unknown playbook '\(start.playbook)' in start\(Suggestion.didYouMean(start.playbook, among: tree.order))"))
                continue
            }
            if playbook.steps[start.step] == nil {
                problems.append(
                    Diagnostic(
                        at: location,
                        "playbook '\(start.playbook)' has no step '\(start.step)'\(Suggestion.didYouMean(start.step, among: playbook.stepOrder))"
                    ))
            }
        }
        return problems
    }
}
