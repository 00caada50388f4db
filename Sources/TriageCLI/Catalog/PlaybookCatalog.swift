import Foundation
import PlaybookSpec

/// Finds and loads the playbooks gotriage walks (the shipped ones plus any `--playbooks`
/// folders) and the cause catalog (`causes.yaml` of the shipped folder).
public enum PlaybookCatalog {
    /// The folder of shipped playbooks: `$GOTRIAGE_PLAYBOOKS`, else `share/gotriage/Playbooks`
    /// beside the executable's folder (an installed copy), else the source tree's `Playbooks`.
    public static func shippedDirectory(environment: [String: String], executable: String) -> String {
        ShippedCatalog.directory(environment: environment, executable: executable)
    }

    /// Loads and validates every playbook in `directories`.
    /// Throws `PlaybookCatalogError` with every diagnostic already rendered with source lines.
    public static func load(directories: [String]) throws(PlaybookCatalogError) -> DecisionTree {
        try loadKnowledge(directories: directories).tree
    }

    /// Loads the cause catalog and the playbooks of `directories`, checked together; `validated`
    /// may vouch for file texts (see `ValidatedTexts`).
    public static func loadKnowledge(
        directories: [String], validated: (any ValidatedTexts)? = nil
    ) throws(PlaybookCatalogError) -> Knowledge {
        for directory in directories where !FileManager.default.fileExists(atPath: directory) {
            throw .missingDirectory(directory)
        }
        switch PlaybookSet.load(directories: directories, validated: validated) {
        case .success(let knowledge):
            return knowledge
        case .failure(let failure):
            let renderer = DiagnosticRenderer { try? String(contentsOfFile: $0, encoding: .utf8) }
            throw .invalid(failure.diagnostics.map(renderer.render), count: failure.diagnostics.count)
        }
    }
}

/// Why the playbooks could not be loaded.
public enum PlaybookCatalogError: Error, CustomStringConvertible {
    case missingDirectory(String)
    /// Rendered diagnostics (`file:line:col: error: …` with the source line and a caret).
    case invalid([String], count: Int)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "gotriage: the playbook folder '\(path)' does not exist"
        case .invalid(let rendered, let count):
            rendered.joined(separator: "\n") + "\n\(count) problem\(count == 1 ? "" : "s") in the playbooks; nothing was run."
        }
    }
}
