import Foundation
import PlaybookSpec

/// Finds and loads the playbooks gotriage walks: the shipped ones plus any `--playbooks` folders.
public enum PlaybookCatalog {
    /// The folder of shipped playbooks: `$GOTRIAGE_PLAYBOOKS`, else `share/gotriage/Playbooks`
    /// beside the executable's folder (an installed copy), else the source tree's `Playbooks`.
    public static func shippedDirectory(environment: [String: String], executable: String) -> String {
        if let override = environment["GOTRIAGE_PLAYBOOKS"], !override.isEmpty { return override }
        let binDirectory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = binDirectory.deletingLastPathComponent().appendingPathComponent("share/gotriage/Playbooks").path
        if FileManager.default.fileExists(atPath: installed) { return installed }
        return sourceTreePlaybooks
    }

    /// `Playbooks/` in the checkout this binary was built from.
    static let sourceTreePlaybooks: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Catalog, TriageCLI, Sources, <root>
        return url.appendingPathComponent("Playbooks").path
    }()

    /// Loads and validates every playbook in `directories`.
    /// Throws `PlaybookCatalogError` with every diagnostic already rendered with source lines.
    public static func load(directories: [String]) throws(PlaybookCatalogError) -> DecisionTree {
        for directory in directories where !FileManager.default.fileExists(atPath: directory) {
            throw .missingDirectory(directory)
        }
        switch PlaybookLibrary.load(directories: directories) {
        case .success(let tree):
            return tree
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
