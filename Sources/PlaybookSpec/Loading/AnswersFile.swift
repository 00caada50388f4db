import Yams

/// Reads an answers file for `gotriage run --answers FILE`: a YAML mapping of variable name to value.
///
/// ```yaml
/// module: example.com/hello@v1.0.0
/// goproxy: "http://127.0.0.1:3000"
/// ```
/// Values are plain text (`5` is the text "5", `yes` the word "yes"); an empty file or `{}` means
/// no answers. Problems are diagnostics at the 1-based line and column of the offending node.
public enum AnswersFile {
    /// Reads and parses the file at `path`; diagnostics name the file as `path`.
    public static func load(file path: String) throws(Diagnostic) -> [String: String] {
        try parse(PlaybookLoader.read(path), file: path)
    }

    /// Parses `text` as the answers file `file`.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> [String: String] {
        let parsed = try YAMLText.parse(text, file: file)
        guard let root = parsed.root else { return [:] }
        let reading = NodeReading(
            file: file, budget: NodeBudget(limit: PlaybookLoader.defaultNodeLimit),
            renamed: parsed.renamed)
        if reading.isNull(root) { return [:] }
        guard let pairs = try reading.pairs(root) else {
            throw Diagnostic(
                at: reading.location(of: root),
                "an answers file is a mapping of variable name to value (module: example.com/lib), not \(reading.describe(root))")
        }
        try reading.checkUnique(pairs)
        var answers: [String: String] = [:]
        for pair in pairs {
            let name = try reading.variableName(pair.key, key: "answers")
            guard let value = reading.string(pair.value) else {
                throw reading.typeError(name.value, pair.value, expected: "text")
            }
            answers[name.value] = reading.isNull(pair.value) ? "" : value
        }
        return answers
    }
}
