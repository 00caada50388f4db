/// Turns a diagnostic into compiler-style text with the offending source line and a caret.
///
/// ```
/// Playbooks/x.yaml:7:11: error: unknown step 'chek-git' in goto; did you mean 'check-git'?
///     goto: chek-git
///           ^
/// ```
/// Plain text without colour; the command line front end adds colour if it wants.
public struct DiagnosticRenderer {
    private let source: (String) -> String?

    /// - Parameter source: the text of a playbook file given its path, or nil when unknown.
    public init(source: @escaping (String) -> String?) {
        self.source = source
    }

    /// The header line, then (when the file text is known and the line exists) the source line
    /// and a caret under the 1-based column. No trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        let header = diagnostic.description
        let location = diagnostic.location
        guard location.line >= 1, let text = source(location.file),
            let line = Self.line(location.line, of: text)
        else { return header }
        return header + "\n" + line + "\n" + Self.caret(under: location.column, in: line)
    }

    /// Renders several diagnostics, separated by newlines.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n")
    }

    /// The 1-based `number`th line of `text` without its line break, or nil past the end.
    static func line(_ number: Int, of text: String) -> String? {
        var current = 1
        var lineStart = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "\n" || character == "\r\n" || character == "\r" {
                if current == number { return String(text[lineStart..<index]) }
                current += 1
                lineStart = text.index(after: index)
            }
            index = text.index(after: index)
        }
        return current == number ? String(text[lineStart...]) : nil
    }

    /// Spaces (tabs kept as tabs, so the caret lines up) up to the 1-based column, then `^`.
    static func caret(under column: Int, in line: String) -> String {
        var padding = ""
        for scalar in line.unicodeScalars.prefix(max(column - 1, 0)) {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        let missing = max(column - 1, 0) - padding.unicodeScalars.count
        return padding + String(repeating: " ", count: max(missing, 0)) + "^"
    }
}
