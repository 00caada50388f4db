import Yams

/// Words and places for the errors Yams throws while parsing (repeated keys aside, see
/// `YAMLText`): libyaml's own problem text, at its 1-based line and column.
enum YAMLSyntaxError {
    /// The diagnostic for `error`, thrown while parsing `text` as the file `file`.
    static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ line: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: file, line: line, column: column)
        }
        switch error {
        case .reader(let problem, let offset, let value, _):
            let (line, column) = position(ofCharacter: offset, orScalar: value, in: text)
            return Diagnostic(at: at(line, column), "the file is not readable text: \(problem)")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let (line, column) = inside(mark, text)
            let context = context.map { " (\($0.text) that started at line \($0.mark.line))" } ?? ""
            return Diagnostic(at: at(line, column), "YAML syntax error: \(problem)\(context)")
        case .composer(let context, let problem, let mark, _):
            let (line, column) = inside(mark, text)
            // Yams' own words for its two checks (any other text keeps libyaml's words).
            if context?.text == "expected a single document in the stream" {
                return Diagnostic(
                    at: at(line, column),
                    "a playbook file holds one YAML document; remove this second one (and its '---')")
            }
            if problem == "found undefined alias" {
                let name = aliasName(at: YAMLText.Position(mark), in: text)
                return Diagnostic(at: at(line, column), "YAML syntax error: '*\(name)' refers to no '&\(name)' above it")
            }
            return Diagnostic(at: at(line, column), "YAML syntax error: \(problem)")
        case .memory:
            return Diagnostic(at: at(1, 1), "cannot read the YAML: out of memory")
        default:
            return Diagnostic(at: at(1, 1), "cannot read the YAML: \(error)")
        }
    }

    /// The mark's line and column, or the end of the text when libyaml counted past its last line
    /// (it can at the end of a text without a final newline): a location points into the file.
    static func inside(_ mark: Mark, _ text: String) -> (line: Int, column: Int) {
        let lastLine = text.utf8.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return mark.line > lastLine ? lineAndColumn(after: text.utf8[...]) : (mark.line, mark.column)
    }

    /// Where the reader stopped: Yams gives the offset in characters, or nil when it fell inside
    /// one; then the first occurrence of the offending code point `value`.
    static func position(ofCharacter offset: Int?, orScalar value: Int32, in text: String) -> (line: Int, column: Int) {
        if let offset, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) {
            return lineAndColumn(after: text.utf8[..<index])
        }
        if let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: value)),
            let index = text.unicodeScalars.firstIndex(of: scalar)
        {
            return lineAndColumn(after: text.utf8[..<index])
        }
        return (1, 1)
    }

    /// The line and column just after `prefix` (lines end at LF; columns count Unicode scalars).
    static func lineAndColumn(after prefix: Substring.UTF8View) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in prefix {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The name of the alias written at `position` (`*name`): up to a blank or a flow indicator.
    static func aliasName(at position: YAMLText.Position, in text: String) -> String {
        guard let start = YAMLText.index(of: position, in: text) else { return "" }
        let scalars = text.unicodeScalars[start...].drop { $0 == "*" }
        let name = scalars.prefix { !" \t\r\n,[]{}".unicodeScalars.contains($0) }
        return String(String.UnicodeScalarView(name))
    }
}
