/// One line of a log after normalisation, with the 1-based line number it had in the input.
public struct LogLine: Hashable, Sendable {
    /// 1-based line number in the text as given (before `-json` fields were unfolded).
    public var number: Int
    /// The line without colour codes, CI prefixes, Markdown quoting or the log's common indentation.
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }

    /// Whether the line starts with a space or tab after normalisation: Go continues a message
    /// on indented lines (`\tserver response: …`, git's stderr, a `requires` chain).
    var isIndented: Bool { text.first == " " || text.first == "\t" }
}
