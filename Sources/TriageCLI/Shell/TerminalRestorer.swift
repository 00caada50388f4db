#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Puts the terminal back the way gotriage found it when a signal ends the process.
///
/// libedit switches the terminal to raw mode while it reads a line. If gotriage is killed or
/// crashes then, the user's shell is left without echo. `installCrashHandlers()` saves standard
/// input's settings and handles the signals that end a process (crashes, SIGTERM, SIGHUP): the
/// handler writes the saved settings back, restores the default action and raises the signal
/// again, so the process still dies the way it would have (same status, core dump for crashes).
enum TerminalRestorer {
    /// The signals handled: crashes, and the polite requests to end.
    static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTERM, SIGHUP, SIGQUIT]

    /// Saves the terminal settings and installs the handlers. Does nothing when standard input
    /// is not a terminal; calling it again saves the settings again.
    static func installCrashHandlers() {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else { return }
        terminalSaved = 1
        for signalNumber in signals {
            var action = sigaction()
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = restoreAndReraise
            #else
                action.__sigaction_u.__sa_handler = restoreAndReraise
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }
}

/// The settings standard input had when the handlers were installed. Read from a signal handler,
/// so it is plain global memory written once before the handlers exist.
nonisolated(unsafe) private var savedTerminal = termios()
nonisolated(unsafe) private var terminalSaved: Int32 = 0

/// The signal handler: only async-signal-safe calls (tcsetattr, signal, raise).
private func restoreAndReraise(_ signalNumber: Int32) {
    if terminalSaved == 1 { _ = tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal) }
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
