import LineEditing

/// A ``LineReader`` that replays a fixed script of inputs, for tests of the shell.
///
/// Returns the scripted inputs in order, then ``LineInput/endOfFile`` forever. Every prompt it was
/// shown is recorded in ``prompts``; ``complete(_:)`` calls the completer the shell installed.
public final class ScriptedLineReader: LineReader {
    public var completer: ((_ lineBeforeCursor: String) -> [String])?
    public let isInteractive: Bool
    public private(set) var history: [String] = []

    /// Every prompt passed to ``readLine(prompt:)``, in order (including reads past the script's end).
    public private(set) var prompts: [String] = []

    private var remaining: ArraySlice<LineInput>

    /// A reader that returns `inputs` in order.
    public init(_ inputs: [LineInput], isInteractive: Bool = false) {
        remaining = inputs[...]
        self.isInteractive = isInteractive
    }

    /// A reader that returns each string as a ``LineInput/line(_:)``, in order.
    public convenience init(lines: [String], isInteractive: Bool = false) {
        self.init(lines.map(LineInput.line), isInteractive: isInteractive)
    }

    /// How many scripted inputs have not been read yet.
    public var remainingCount: Int { remaining.count }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return remaining.popFirst() ?? .endOfFile
    }

    public func addHistory(_ line: String) {
        history.append(line)
    }

    /// What the installed completer offers for `lineBeforeCursor`; nil when none is installed.
    public func complete(_ lineBeforeCursor: String) -> [String]? {
        completer?(lineBeforeCursor)
    }
}
