/// Where gotriage keeps its change journal, following the XDG base directory rules.
public enum JournalLocation {
    /// `$XDG_STATE_HOME/gotriage/journal`, else `$HOME/.local/state/gotriage/journal`.
    ///
    /// `XDG_STATE_HOME` counts only when it is an absolute path (the XDG spec says relative ones
    /// are invalid). Without a usable `HOME` the path is relative to the current directory.
    public static func file(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "gotriage/journal")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return joined(home, ".local/state/gotriage/journal")
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
