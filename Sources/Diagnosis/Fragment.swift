/// A piece of one error that belongs to one stage: Go's own words about a step, a server's
/// answer after `server response:`, or git's stderr after `exit status 128:`.
public struct Fragment: Hashable, Sendable {
    public var stage: Stage
    /// The text, lines joined with `\n` (the first line starts where the piece starts).
    public var text: String
    /// The log line each line of `text` came from, in order (`lines.count` = lines in `text`).
    public var lines: [LogLine]

    public init(stage: Stage, text: String, lines: [LogLine]) {
        self.stage = stage
        self.text = text
        self.lines = lines
    }

    /// The log lines a UTF-8 byte range of `text` touches.
    func lines(touching range: Range<Int>) -> [LogLine] {
        var lineIndex = 0
        var first: Int?
        var last = 0
        var offset = 0
        for byte in text.utf8 {
            if offset == range.lowerBound { first = lineIndex }
            if offset >= range.lowerBound, offset < max(range.upperBound, range.lowerBound + 1) { last = lineIndex }
            if byte == 0x0A { lineIndex += 1 }
            offset += 1
            if offset >= range.upperBound, first != nil { break }
        }
        let start = min(first ?? lineIndex, lines.count - 1)
        let end = min(max(last, start), lines.count - 1)
        guard start >= 0, end >= start else { return [] }
        return Array(lines[start...end])
    }
}
