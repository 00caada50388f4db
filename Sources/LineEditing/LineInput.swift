/// What one read from the user produced.
public enum LineInput: Equatable, Sendable {
    /// A complete line, without its line terminator.
    case line(String)
    /// The input ended: Ctrl-D on an empty line, or the input stream closed.
    case endOfFile
    /// The user pressed Ctrl-C while the line was being edited; the partial line is discarded.
    case interrupted
}
