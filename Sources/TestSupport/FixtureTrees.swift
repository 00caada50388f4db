import PlaybookSpec

/// Builds validated decision trees from YAML written inline in tests.
public enum FixtureTrees {
    /// Loads each YAML text as one playbook file and validates them together.
    ///
    /// The first text is named `file`; later ones get `-2`, `-3`, … before the extension
    /// (`test-2.yaml`). Throws `PlaybookLoadFailure`, whose description shows every problem with
    /// its source line.
    public static func tree(_ yaml: String..., file: String = "test.yaml") throws -> DecisionTree {
        let loader = PlaybookLoader()
        var documents: [PlaybookDocument] = []
        var sources: [String: String] = [:]
        for (position, text) in yaml.enumerated() {
            let name = fileName(file, position)
            sources[name] = text
            do {
                documents.append(try loader.load(text: text, file: name))
            } catch {
                throw PlaybookLoadFailure(diagnostics: [error], sources: sources)
            }
        }
        do {
            return try Validator.validate(documents)
        } catch {
            throw PlaybookLoadFailure(diagnostics: error.diagnostics, sources: sources)
        }
    }

    private static func fileName(_ file: String, _ position: Int) -> String {
        guard position > 0 else { return file }
        guard let dot = file.lastIndex(of: ".") else { return "\(file)-\(position + 1)" }
        return "\(file[..<dot])-\(position + 1)\(file[dot...])"
    }
}
