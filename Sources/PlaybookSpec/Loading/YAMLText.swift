import Yams

/// Parses a YAML text with Yams into its one root node, with Yams' errors as diagnostics.
///
/// Scalars are left as text (Yams' `basic` resolver guesses no types). Yams refuses a mapping
/// that repeats a key before anything else sees the mapping, and says only which key and where it
/// was first written; the loader wants to report the repeat where the second one is written, in
/// its own reading order, and two steps with one id to reach the validator. So on that error the
/// first occurrence is renamed in a copy of the text: its first character becomes a private-use
/// character no playbook contains (U+E000 for the first renamed key, U+E001 for the next, so that
/// renamed keys differ from each other too), which moves no other character, and the copy is
/// parsed again. Each renamed key is remembered by its position (`Parsed.renamed`) and read back
/// under its own name (`NodeReading.string`), so the readers see the file as written, repeats
/// included, in block and flow mappings alike. A key that cannot be renamed so (an anchored or
/// tagged key, a list as a key), or more than `maximumRenames` repeats, is reported at its first
/// occurrence instead. Aliases in keys are refused first (`AliasKeys`).
enum YAMLText {
    /// A 1-based line and column as Yams' `Mark` gives them (columns count Unicode scalars).
    struct Position: Hashable {
        var line: Int
        var column: Int

        init(_ mark: Mark) {
            line = mark.line
            column = mark.column
        }
    }

    /// A parsed text: its root, and the keys renamed on the way with their own text.
    struct Parsed {
        /// nil when the text holds no document (nothing but blanks and comments).
        var root: Node?
        var renamed: [Position: String]
    }

    /// More repeated keys than this in one file are not worth a parse each.
    static let maximumRenames = 20

    /// The root of `text`, or the first YAML error in it as a diagnostic in `file`. `vouched`: this
    /// build parsed this very text before, so it holds no alias as a key (`AliasKeys`).
    static func parse(_ text: String, file: String, vouched: Bool = false) throws(Diagnostic) -> Parsed {
        if !vouched { try AliasKeys.check(text, file: file) }
        return try parseRenamingRepeats(text, original: text, file: file)
    }

    /// The root of `text` (which is `original`, or a copy with the same lines and columns),
    /// renaming repeated keys until Yams accepts it.
    static func parseRenamingRepeats(_ text: String, original: String, file: String) throws(Diagnostic) -> Parsed {
        var parsed = text
        var renamed: [Position: String] = [:]
        while true {
            do {
                let root = try Parser(yaml: parsed, resolver: .basic, encoding: .utf8).singleRoot()
                return Parsed(root: root, renamed: renamed)
            } catch YamlError.duplicatedKeysInMapping(let names, let context) {
                let first = Position(context.mark)
                let at = SourceLocation(file: file, line: first.line, column: first.column)
                // Yams names the repeated keys in order, marking the first occurrence of the first
                // (a list or mapping as a key has no name).
                guard let name = names.first, name != "<uncovertable>" else {
                    throw Diagnostic(at: at, "a key is written twice in this mapping; keep one")
                }
                guard renamed.count < maximumRenames, renamed[first] == nil,
                    let copy = renaming(name, at: first, in: parsed, to: privateUse(renamed.count))
                else {
                    throw Diagnostic(at: at, "'\(name)' is written more than once in this mapping; keep one")
                }
                parsed = copy
                renamed[first] = name
            } catch let error as YamlError {
                throw YAMLSyntaxError.diagnostic(for: error, text: original, file: file)
            } catch {
                throw Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "cannot read the YAML: \(error)")
            }
        }
    }

    /// The `number`th private-use character, U+E000 on.
    static func privateUse(_ number: Int) -> Unicode.Scalar {
        Unicode.Scalar(0xE000 + UInt32(number)) ?? "\u{E000}"
    }

    /// `text` with the first character of the key `name` written at `position` replaced by
    /// `replacement`; nil unless a plain or quoted scalar spelling `name` starts there.
    static func renaming(
        _ name: String, at position: Position, in text: String,
        to replacement: Unicode.Scalar
    ) -> String? {
        guard let first = name.unicodeScalars.first, var index = index(of: position, in: text) else { return nil }
        let scalars = text.unicodeScalars
        let opening = scalars[index]
        if opening == "'" || opening == "\"" {
            index = scalars.index(after: index)
            guard index < scalars.endIndex else { return nil }
            // An escape (`''`, `\x41`) spells its character differently.
            if scalars[index] == opening || (opening == "\"" && scalars[index] == "\\") { return nil }
        }
        guard scalars[index] == first else { return nil }
        var copy = String.UnicodeScalarView()
        copy.append(contentsOf: scalars[..<index])
        copy.append(replacement)
        copy.append(contentsOf: scalars[scalars.index(after: index)...])
        return String(copy)
    }

    /// The index of the Unicode scalar at `position`, counting lines as libyaml does: a line
    /// ends at LF, CR LF, CR, NEL, LS or PS; a byte order mark at the start takes no column.
    static func index(of position: Position, in text: String) -> String.UnicodeScalarView.Index? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        if index < scalars.endIndex, scalars[index] == "\u{FEFF}" { index = scalars.index(after: index) }
        var line = 1
        var column = 1
        while index < scalars.endIndex {
            if line == position.line, column == position.column { return index }
            let scalar = scalars[index]
            index = scalars.index(after: index)
            switch scalar {
            case "\r" where index < scalars.endIndex && scalars[index] == "\n":
                break  // the LF ends the line
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
            if line > position.line { return nil }
        }
        return nil
    }
}
