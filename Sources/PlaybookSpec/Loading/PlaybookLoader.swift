import Foundation

/// Reads one playbook file into a `PlaybookDocument`, stopping at the first structural error.
///
/// Structural errors are YAML syntax errors, values of the wrong type, unknown or missing keys,
/// bad durations, bad `{{…}}` placeholders and badly formed ids. Whether the steps make sense
/// together is the `Validator`'s business.
public struct PlaybookLoader: Sendable {
    /// The node limit of a loader made with `init()`: forty times a generated 1 000-step playbook.
    public static let defaultNodeLimit = 1_000_000

    /// How many YAML nodes one file may hold, counting each alias as a copy of what it names
    /// (see `NodeBudget`).
    public var nodeLimit: Int

    public init(nodeLimit: Int = PlaybookLoader.defaultNodeLimit) {
        self.nodeLimit = nodeLimit
    }

    /// Reads and parses the file at `path`; diagnostics name the file as `path`.
    public func load(file path: String) throws(Diagnostic) -> PlaybookDocument {
        try load(text: try Self.read(path), file: path)
    }

    /// Parses `text` as the playbook file `file`; `vouched`: this build loaded this very text
    /// without a problem before (see `ValidatedTexts`).
    public func load(text: String, file: String, vouched: Bool = false) throws(Diagnostic) -> PlaybookDocument {
        let parsed = try YAMLText.parse(text, file: file, vouched: vouched)
        guard let root = parsed.root else {
            throw Diagnostic(
                at: SourceLocation(file: file, line: 1, column: 1),
                "the file is empty; a playbook starts with 'gotriage: 1'")
        }
        let reading = NodeReading(file: file, budget: NodeBudget(limit: nodeLimit), renamed: parsed.renamed)
        return try DocumentReader(reading: reading).read(root)
    }

    /// The text of the file at `path`, or a diagnostic saying why it cannot be read.
    static func read(_ path: String) throws(Diagnostic) -> String {
        let at = SourceLocation(file: path, line: 1, column: 1)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw Diagnostic(at: at, "cannot read '\(path)': \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(at: at, "'\(path)' is not UTF-8 text")
        }
        return text
    }
}
