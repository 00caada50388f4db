import Foundation

/// Where the shipped playbooks and cause catalog are.
public enum ShippedCatalog {
    /// The folder of shipped playbooks: `$GOTRIAGE_SHIPPED_PLAYBOOKS` (for packagers), else
    /// `share/gotriage/Playbooks` beside the executable's folder (an installed copy), else the
    /// source tree's `Playbooks`.
    public static func directory(environment: [String: String], executable: String) -> String {
        if let override = environment["GOTRIAGE_SHIPPED_PLAYBOOKS"], !override.isEmpty { return override }
        let binDirectory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = binDirectory.deletingLastPathComponent().appendingPathComponent("share/gotriage/Playbooks").path
        if FileManager.default.fileExists(atPath: installed) { return installed }
        return sourceTreePlaybooks
    }

    /// `Playbooks/` in the checkout this binary was built from.
    public static let sourceTreePlaybooks: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Catalog, PlaybookSpec, Sources, <root>
        return url.appendingPathComponent("Playbooks").path
    }()

    /// The catalog file of a playbook folder, falling back to the source tree's when the folder has none.
    public static func file(in directory: String) -> String {
        let candidate = (directory as NSString).appendingPathComponent(CatalogLoader.fileName)
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        return (sourceTreePlaybooks as NSString).appendingPathComponent(CatalogLoader.fileName)
    }
}
