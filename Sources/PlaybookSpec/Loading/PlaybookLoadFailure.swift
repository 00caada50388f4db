/// Why a set of playbooks could not become a `DecisionTree`: the first structural error of each
/// file that did not load, or every problem the validator found.
public struct PlaybookLoadFailure: Error, Sendable, CustomStringConvertible {
    /// Sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// The text of every file that could be read, by path as given, for `DiagnosticRenderer`.
    public var sources: [String: String]

    public init(diagnostics: [Diagnostic], sources: [String: String]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
        self.sources = sources
    }

    /// A renderer that shows source lines from the files that were loaded.
    public var renderer: DiagnosticRenderer {
        let sources = sources
        return DiagnosticRenderer { sources[$0] }
    }

    /// Every diagnostic with its source line and caret.
    public var description: String { renderer.render(diagnostics) }
}
