import Foundation
import PlaybookSpec

/// Finds and loads the playbooks gotriage walks (the user's folders over the shipped ones) and
/// the cause catalog (the first user folder's `causes.yaml`, else the shipped one).
public enum PlaybookCatalog {
    /// The folder of shipped playbooks: `$GOTRIAGE_SHIPPED_PLAYBOOKS`, else `share/gotriage/Playbooks`
    /// beside the executable's folder (an installed copy), else the source tree's `Playbooks`.
    public static func shippedDirectory(environment: [String: String], executable: String) -> String {
        ShippedCatalog.directory(environment: environment, executable: executable)
    }

    /// The user's playbook folders, searched in this order before the shipped ones: each
    /// `--playbooks` folder, the folders of `$GOTRIAGE_PLAYBOOKS` (colon-separated), and
    /// `$XDG_CONFIG_HOME/gotriage/playbooks` (else `~/.config/gotriage/playbooks`) when it exists.
    /// A folder named twice, or the shipped folder itself, is searched once.
    public static func searchPath(options: [String], environment: [String: String], shipped: String) -> [String] {
        var folders = options
        folders += (environment["GOTRIAGE_PLAYBOOKS"] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty }
        if let folder = userFolder(environment: environment) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue { folders.append(folder) }
        }
        var seen: Set<String> = [standardized(shipped)]
        return folders.filter { seen.insert(standardized($0)).inserted }
    }

    /// `$XDG_CONFIG_HOME/gotriage/playbooks` (an absolute XDG_CONFIG_HOME only, as the XDG rules
    /// say), else `$HOME/.config/gotriage/playbooks`; nil without either.
    public static func userFolder(environment: [String: String]) -> String? {
        let config =
            environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : $0 + "/.config" }
        return config.map { $0 + "/gotriage/playbooks" }
    }

    /// Loads the shipped playbooks and the user's folders in search order (see `LayeredKnowledge`).
    public static func loadLayered(
        shipped: String, user folders: [String], validated: (any ValidatedTexts)? = nil
    ) throws(PlaybookCatalogError) -> LayeredKnowledge {
        for directory in [shipped] + folders where !FileManager.default.fileExists(atPath: directory) {
            throw .missingDirectory(directory)
        }
        switch PlaybookSet.load(shipped: shipped, user: folders, validated: validated) {
        case .success(let layered):
            return layered
        case .failure(let failure):
            let renderer = DiagnosticRenderer { try? String(contentsOfFile: $0, encoding: .utf8) }
            throw .invalid(failure.diagnostics.map(renderer.render), count: failure.diagnostics.count)
        }
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
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
