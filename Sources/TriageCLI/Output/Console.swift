#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place gotriage writes text for people: standard output, standard error, and colour.
///
/// Colour is used only when the output is a terminal and `NO_COLOR` is not set. Tests give it
/// closures that collect the text instead.
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

    public init(
        usesColour: Bool, isTerminal: Bool = false, out: @escaping (String) -> Void,
        err: @escaping (String) -> Void
    ) {
        self.usesColour = usesColour
        self.isTerminal = isTerminal
        self.writeOut = out
        self.writeErr = err
    }

    /// A console on the process's standard output and error.
    public static func standard(environment: [String: String]) -> Console {
        let terminal = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        let colour = terminal && environment["NO_COLOR"] == nil
        return Console(
            usesColour: colour, isTerminal: terminal, out: { Console.writeAll($0, to: STDOUT_FILENO) },
            err: { Console.writeAll($0, to: STDERR_FILENO) })
    }

    /// Writes one line (a newline is added) to standard output.
    public func line(_ text: String = "") { writeOut(text + "\n") }

    /// Writes `text` to standard output as is (no newline), for a status line drawn in place.
    public func raw(_ text: String) { writeOut(text) }

    /// Columns of the terminal on standard output; 80 when unknown.
    public var width: Int {
        var size = winsize()
        guard isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Writes one line to standard error.
    public func errorLine(_ text: String) { writeErr(text + "\n") }

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
