#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place gotriage writes text for people: standard output, standard error, and colour.
///
/// Colour is used only when the output is a terminal and `NO_COLOR` is not set. Tests give it
/// closures that collect the text instead.
///
/// Every line goes through the console's ``Redactor`` on its way out, so no secret reaches the
/// terminal or standard error unless `--no-redact` turned it off. Then it is passed through
/// `TerminalText.escaped`, so no control character from a probe, an answer or a file reaches the
/// terminal raw; only the colour codes of `styled(_:_:)` do. Those are written with a mark no other
/// text can hold (a random one per console) and turned into real escape codes after the rest was
/// escaped. JSON, which its writer escapes and redacts string by string, is written with
/// `verbatimLine(_:)`.
public final class Console: @unchecked Sendable {
    public enum Style: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether escape codes for colour are written.
    public let usesColour: Bool
    /// Whether standard output is a terminal, so a status line may be drawn and erased in place.
    /// Independent of colour: `NO_COLOR` turns off colour, not the spinner.
    public let isTerminal: Bool
    /// What every line passes through; nil writes text as it is (tests that look at raw text).
    public let redactor: Redactor?
    /// `COLUMNS` from the environment, or a test's width; nil: ask the terminal.
    private let columns: Int?

    /// Stands for the `ESC [` that opens a colour code until the text around it has been escaped:
    /// SOH and 16 random hexadecimal digits, which text from outside cannot guess (its SOH would be
    /// escaped anyway, but not before the mark was found).
    private let styleMark = "\u{1}" + (0..<16).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()

    /// `columns`: the width to lay text out for; nil asks the terminal (80 without one).
    public init(
        usesColour: Bool, isTerminal: Bool = false, redactor: Redactor? = nil, columns: Int? = nil,
        out: @escaping (String) -> Void, err: @escaping (String) -> Void
    ) {
        self.usesColour = usesColour
        self.isTerminal = isTerminal
        self.redactor = redactor
        self.columns = columns
        self.writeOut = out
        self.writeErr = err
    }

    /// A console on the process's standard output and error, masking with `redactor`.
    public static func standard(environment: [String: String], redactor: Redactor) -> Console {
        let terminal = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        let colour = terminal && environment["NO_COLOR"] == nil
        return Console(
            usesColour: colour, isTerminal: terminal, redactor: redactor,
            columns: environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil },
            out: { Console.writeAll($0, to: STDOUT_FILENO) }, err: { Console.writeAll($0, to: STDERR_FILENO) })
    }

    /// Writes one line (a newline is added) to standard output, redacted, control characters escaped.
    public func line(_ text: String = "") { writeOut(forTerminal(redacted(text)) + "\n") }

    /// Writes each line of `text` as `line` does (a final line break ends the last line; it adds
    /// no empty one).
    public func lines(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines { self.line(String(line)) }
    }

    /// Writes one line its writer has escaped and redacted already (a JSON event, whose strings
    /// were masked one by one) to standard output as it is.
    public func verbatimLine(_ text: String) { writeOut(text + "\n") }

    /// Writes one line its writer has redacted already (or was asked not to: `--no-redact`) to
    /// standard output, control characters escaped.
    public func lineAsRedacted(_ text: String) { writeOut(forTerminal(text) + "\n") }

    /// Erases the current line and draws `text` there (no newline), for a status line drawn in place.
    public func statusLine(_ text: String) { writeOut(Self.eraseLine + forTerminal(redacted(text))) }

    /// Erases the status line `statusLine(_:)` drew.
    public func eraseStatusLine() { writeOut(Self.eraseLine) }

    /// Goes to the start of the line and erases it.
    static let eraseLine = "\r\u{1B}[2K"

    /// Columns of the terminal on standard output (`COLUMNS` first); 80 when unknown.
    public var width: Int {
        if let columns { return columns }
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Prose is filled to the terminal's width, but never wider than this: long lines are hard to read.
    static let widestProse = 100

    /// The columns prose is laid out in: the terminal's width, at most `widestProse`.
    public var proseWidth: Int { min(width, Self.widestProse) }

    /// Writes `text`, a sentence of a playbook, laid out by `ProseLayout` at the terminal's width
    /// (at most `widestProse`): the first line starts with `lead`, written in `leadStyles`, the
    /// others with `indent`; commands on lines of their own, in cyan; the rest in `styles`.
    /// Redacted before it is cut into lines, so no secret is split where the redactor cannot see
    /// it, and its control characters escaped first, so none is taken for a space between words.
    public func paragraph(
        _ text: String, lead: String = "", leadStyles: [Style] = [], indent: String = "", styles: [Style] = []
    ) {
        let laidOut = ProseLayout.lines(TerminalText.escaped(redacted(text)), width: proseWidth, lead: lead, indent: indent)
        for (index, line) in laidOut.enumerated() {
            var shown = line.isCommand ? styled(line.text, [.cyan]) : styled(line.text, styles)
            if index == 0, !lead.isEmpty, !leadStyles.isEmpty, !line.isCommand, line.text.hasPrefix(lead) {
                shown = styled(lead, leadStyles) + styled(String(line.text.dropFirst(lead.count)), styles)
            }
            writeOut(forTerminal(shown) + "\n")
        }
    }

    /// Writes one line to standard error, redacted, control characters escaped.
    public func errorLine(_ text: String) { writeErr(forTerminal(redacted(text)) + "\n") }

    private func redacted(_ text: String) -> String {
        redactor?.redact(text) ?? text
    }

    /// `text` wrapped in the escape codes for `styles`, or plain when colour is off.
    public func styled(_ text: String, _ styles: Style...) -> String { styled(text, styles) }

    /// `text` wrapped in the escape codes for `styles`, or plain when colour is off.
    public func styled(_ text: String, _ styles: [Style]) -> String {
        guard usesColour, !styles.isEmpty, !text.isEmpty else { return text }
        return "\(styleMark)\(styles.map(\.rawValue).joined(separator: ";"))m\(text)\(styleMark)0m"
    }

    /// `text` with its control characters escaped and its colour marks made escape codes again.
    func forTerminal(_ text: String) -> String {
        guard usesColour, text.contains(styleMark) else { return TerminalText.escaped(text) }
        return text.components(separatedBy: styleMark).map(TerminalText.escaped).joined(separator: "\u{1B}[")
    }

    /// Writes all of `text` to a file descriptor, unbuffered, so prompts and output interleave in order.
    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return  // the reader went away (EPIPE); nothing useful left to do
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
