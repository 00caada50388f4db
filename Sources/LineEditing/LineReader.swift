/// Reads lines from the user with a prompt.
///
/// The shell owns one (see ``LineReaders/standard(historyFile:)``); tests use a scripted one.
public protocol LineReader: AnyObject {
    /// Shows `prompt` and reads one line (without its newline).
    ///
    /// Ctrl-D on an empty line gives ``LineInput/endOfFile``; Ctrl-C gives ``LineInput/interrupted``
    /// (the shell then prints a hint and prompts again).
    func readLine(prompt: String) -> LineInput

    /// Shows `prompt` and reads one line without showing what is typed (a password prompt): on a
    /// terminal its echo is off while the line is typed. Like ``readLine(prompt:)`` otherwise.
    func readSecretLine(prompt: String) -> LineInput

    /// Called on Tab with the text before the cursor; returns candidate completions for the word
    /// being typed (whole words, not suffixes). nil = no completion.
    var completer: ((_ lineBeforeCursor: String) -> [String])? { get set }

    /// Adds a line to the history (the shell calls this for every non-empty line it accepts).
    func addHistory(_ line: String)

    /// The history, oldest first.
    var history: [String] { get }

    /// true when this reader does line editing on a terminal (so the shell may use colour).
    var isInteractive: Bool { get }
}

extension LineReader {
    /// A reader that never faces a terminal (scripted input) has no echo to turn off.
    public func readSecretLine(prompt: String) -> LineInput { readLine(prompt: prompt) }
}
