#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place gotriage writes text for people: standard output, standard error, and colour.
///
/// Colour is used only when the output is a terminal and `NO_COLOR` is not set. Every line goes
/// through the console's ``Redactor`` on its way out, so no secret reaches the terminal or standard
/// error unless `--no-redact` turned it off; ``lineAsRedacted(_:)`` is for text its writer has
/// redacted already (JSON lines). Tests give it closures that collect the text instead.
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

    public init(
        usesColour: Bool, isTerminal: Bool = false, redactor: Redactor? = nil,
        out: @escaping (String) -> Void, err: @escaping (String) -> Void
    ) {
        self.usesColour = usesColour
        self.isTerminal = isTerminal
        self.redactor = redactor
        self.writeOut = out
        self.writeErr = err
    }

    /// A console on the process's standard output and error, masking with `redactor`.
    public static func standard(environment: [String: String], redactor: Redactor) -> Console {
        let terminal = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        let colour = terminal && environment["NO_COLOR"] == nil
        return Console(
            usesColour: colour, isTerminal: terminal, redactor: redactor,
            out: { Console.writeAll($0, to: STDOUT_FILENO) }, err: { Console.writeAll($0, to: STDERR_FILENO) })
    }

    /// Writes one line (a newline is added) to standard output, redacted.
    public func line(_ text: String = "") { writeOut(redacted(text) + "\n") }

    /// Writes one line to standard output as it is: for text its writer has redacted already
    /// (a JSON event, whose strings were masked one by one) or was asked not to (`--no-redact`).
    public func lineAsRedacted(_ text: String) { writeOut(text + "\n") }

    /// Writes `text` to standard output (no newline), redacted, for a status line drawn in place.
    public func raw(_ text: String) { writeOut(redacted(text)) }

    /// Columns of the terminal on standard output; 80 when unknown.
    public var width: Int {
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Writes one line to standard error, redacted.
    public func errorLine(_ text: String) { writeErr(redacted(text) + "\n") }

    private func redacted(_ text: String) -> String {
        redactor?.redact(text) ?? text
    }

    /// `text` wrapped in the escape codes for `styles`, or plain when colour is off.
    public func styled(_ text: String, _ styles: Style...) -> String {
        guard usesColour, !styles.isEmpty, !text.isEmpty else { return text }
        return "\u{1B}[\(styles.map(\.rawValue).joined(separator: ";"))m\(text)\u{1B}[0m"
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
