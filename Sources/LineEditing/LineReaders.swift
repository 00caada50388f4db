#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Picks the right ``LineReader`` for the process's standard input and output.
public enum LineReaders {
    /// An ``EditLineReader`` when stdin and stdout are terminals and `TERM` is set and not "dumb";
    /// otherwise (or if libedit cannot be set up) a ``PlainLineReader`` on stdin/stdout.
    public static func standard(historyFile: String?) -> any LineReader {
        let term = getenv("TERM").map { String(cString: $0) }
        if usesLineEditing(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, term: term)
        {
            useCharacterLocale()
        }
        if usesLineEditing(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, term: term),
            let reader = try? EditLineReader(historyFile: historyFile)
        {
            return reader
        }
        return PlainLineReader()
    }

    /// Takes the user's character encoding from the environment (a program starts in the "C"
    /// locale), and UTF-8 when that is plain ASCII: libedit decodes prompts and input with it,
    /// and fails on any non-ASCII character in the "C" locale.
    static func useCharacterLocale() {
        let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0) }
        if chosen == nil || chosen == "C" || chosen == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// Whether a libedit reader suits this terminal setup.
    static func usesLineEditing(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?) -> Bool {
        guard stdinIsTerminal, stdoutIsTerminal, let term, !term.isEmpty else { return false }
        return term != "dumb"
    }
}
