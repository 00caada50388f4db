import Testing

/// The readers on a pseudo-terminal, one test at a time.
///
/// While a reader waits for a line it replaces the process's SIGINT handler (and libedit keeps
/// signal state in a process global while `el_gets` runs). Side by side, one reader's handler
/// replaced another's: a test's Ctrl-C went to the other reader, or was lost when that one put
/// the old handler back.
@Suite(.serialized) enum TerminalReaderTests {}
