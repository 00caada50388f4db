import Diagnosis
import PlaybookSpec

/// Builds validated decision trees from YAML written inline in tests, with `PlaybookLibrary`.
public enum FixtureTrees {
    /// Loads each YAML text as one playbook file and validates them together.
    ///
    /// The first text is named `file`; later ones get `-2`, `-3`, … before the extension
    /// (`test-2.yaml`). Throws `PlaybookLoadFailure`, whose description shows every problem with
    /// its source line.
    public static func tree(_ yaml: String..., file: String = "test.yaml") throws -> DecisionTree {
        try PlaybookLibrary.load(
            texts: yaml.enumerated().map { (fileName(file, $0.offset), $0.element) },
            catalog: shippedLoadedCatalog
        ).get()
    }

    /// The shipped cause catalog (`Playbooks/causes.yaml` of the source tree), loaded once, with
    /// its diagnoser: a tree loaded against it shares the compiled signatures instead of building
    /// its own (which took most of the time of a small playbook's load).
    public static let shippedLoadedCatalog: LoadedCatalog = {
        switch CatalogLoader.load(file: GotriageBinary.shippedPlaybooks + "/" + CatalogLoader.fileName) {
        case .success(let loaded): return loaded
        case .failure(let failure): preconditionFailure("the shipped cause catalog does not load:\n\(failure)")
        }
    }()

    /// The shipped cause catalog itself.
    public static var shippedCatalog: Catalog { shippedLoadedCatalog.catalog }

    private static func fileName(_ file: String, _ position: Int) -> String {
        guard position > 0 else { return file }
        guard let dot = file.lastIndex(of: ".") else { return "\(file)-\(position + 1)" }
        return "\(file[..<dot])-\(position + 1)\(file[dot...])"
    }
}
