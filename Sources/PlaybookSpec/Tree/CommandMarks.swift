/// The commands a playbook's sentence writes between backticks (`` `go mod tidy` ``): the one
/// reading of them that the screen's layout, the report and a walk's next step (`WalkEnd.help`)
/// share.
public enum CommandMarks {
    public enum Segment: Equatable, Sendable {
        case prose(Substring)
        /// A command, its spaces collapsed to one as it is shown.
        case command(String)
    }

    /// `text` cut at its backtick pairs. A backtick without its closing one is text. Punctuation
    /// right after a command (`` `go mod tidy`. ``) and brackets around one (`` (`go mod graph`) ``)
    /// are dropped: on a line of its own they would look like part of the text around.
    public static func segments(of text: Substring) -> [Segment] {
        var segments: [Segment] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "`") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "`") else { break }
            var before = rest[..<open]
            let command = rest[afterOpen..<close].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            rest = rest[rest.index(after: close)...]
            // "(`git log -p go.sum`)" → no lone brackets around the command's line.
            if before.last(where: { !$0.isWhitespace }) == "(", rest.first == ")" {
                while let last = before.last, last.isWhitespace || last == "(" { before.removeLast() }
                rest = rest.dropFirst()
            }
            segments.append(.prose(before))
            if !command.isEmpty { segments.append(.command(command)) }
            // "…`go mod tidy`. Then" → the "." would start the next line.
            rest = rest.drop { ".,;".contains($0) }
        }
        segments.append(.prose(rest))
        return segments
    }

    /// The first command `text` writes between backticks; nil when it writes none.
    public static func firstCommand(in text: String) -> String? {
        for case .command(let command) in segments(of: text[...]) { return command }
        return nil
    }
}
