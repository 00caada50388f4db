import PlaybookSpec

/// Lays out a playbook's sentence for a terminal: prose filled to a width at word boundaries, and
/// every command (written between backticks in the playbook) on a line of its own, indented and
/// never wrapped, so it can be copied as it is.
///
/// ```
/// ProseLayout.lines("Then run: `go mod download example.com/hello`. Or ask IT.", width: 30)
/// // ["Then run:", "    go mod download example.com/hello", "Or ask IT."]
/// ```
///
/// A word longer than the width is kept whole (a URL must not break). Which text is a command is
/// `CommandMarks`' reading, shared with the report and the walk's next step.
enum ProseLayout {
    struct Line: Equatable {
        var text: String
        /// A command to copy: written on its own line, never wrapped.
        var isCommand: Bool
    }

    /// How far a command is indented beyond the paragraph's indent.
    static let commandIndent = "    "

    /// The lines of `text` at `width` columns: the first starts with `lead` (as "Proposed fix: "),
    /// the others with `indent` (a hanging indent); a line break in `text` is kept.
    static func lines(_ text: String, width: Int, lead: String = "", indent: String = "") -> [Line] {
        var filler = Filler(width: width, lead: lead, indent: indent)
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { filler.breakLine(keepEmpty: true) }
            for segment in CommandMarks.segments(of: paragraph) {
                switch segment {
                case .prose(let prose): filler.add(words: prose.split(whereSeparator: \.isWhitespace))
                case .command(let command): filler.add(command: command)
                }
            }
        }
        return filler.finished()
    }

    /// A line of a command's output at `width` columns, cut at spaces where it can be (at the width
    /// where a word is longer), continuation lines indented as the line is; no backtick is read.
    static func outputLines(_ line: Substring, width: Int) -> [String] {
        let indent = String(line.prefix { $0 == " " })
        let room = max(width - indent.count, 10)
        var pieces: [String] = []
        var rest = line.dropFirst(indent.count)
        while rest.count > room {
            let window = rest.prefix(room + 1)
            let cut = window.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil } ?? rest.index(rest.startIndex, offsetBy: room)
            pieces.append(indent + rest[..<cut])
            rest = rest[cut...].drop { $0 == " " }
        }
        pieces.append(indent + rest)
        return pieces
    }

    /// Fills lines word by word.
    private struct Filler {
        let width: Int
        let lead: String
        let indent: String
        var lines: [Line] = []
        var current = ""
        /// Whether `current` holds a word (not only its lead or indent).
        var hasWords = false

        init(width: Int, lead: String, indent: String) {
            self.width = width
            self.lead = lead
            self.indent = indent
            current = lead
        }

        var prefix: String { lines.isEmpty ? lead : indent }

        mutating func add(words: [Substring]) {
            for word in words {
                if hasWords, current.count + 1 + word.count > width {
                    breakLine()
                }
                current += (hasWords ? " " : "") + word
                hasWords = true
            }
        }

        mutating func add(command: String) {
            breakLine()
            lines.append(Line(text: indent + ProseLayout.commandIndent + command, isCommand: true))
            current = prefix
        }

        /// Ends the current line; an empty one only when `keepEmpty` (a line break of the text).
        mutating func breakLine(keepEmpty: Bool = false) {
            if hasWords || (keepEmpty && lines.last?.isCommand != true) {
                lines.append(Line(text: hasWords ? current : "", isCommand: false))
            }
            current = prefix
            hasWords = false
        }

        mutating func finished() -> [Line] {
            if hasWords || lines.isEmpty { lines.append(Line(text: hasWords ? current : lead, isCommand: false)) }
            return lines
        }
    }
}
