import Foundation

/// Reads one playbook file into a `PlaybookDocument`, stopping at the first structural error.
///
/// Structural errors are YAML syntax errors, values of the wrong type, unknown or missing keys,
/// bad durations, bad `{{…}}` placeholders and badly formed ids. Whether the steps make sense
/// together is the `Validator`'s business.
public struct PlaybookLoader: Sendable {
    public init() {}

    /// Reads and parses the file at `path`; diagnostics name the file as `path`.
    public func load(file path: String) throws(Diagnostic) -> PlaybookDocument {
        try load(text: try Self.read(path), file: path)
    }

    /// Parses `text` as the playbook file `file`.
    public func load(text: String, file: String) throws(Diagnostic) -> PlaybookDocument {
        let tree = try YAMLComposer(file: file).compose(text)
        defer { Concurrently.release(tree) }
        return try DocumentReader(reading: NodeReading(file: file, tree: tree)).read(tree.root)
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
