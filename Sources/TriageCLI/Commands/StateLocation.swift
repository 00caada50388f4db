/// Where gotriage keeps what it remembers between runs (the shell's history, the change journal),
/// by the XDG base directory rules.
enum StateLocation {
    /// `$XDG_STATE_HOME/gotriage/<name>`, else `$HOME/.local/state/gotriage/<name>`.
    ///
    /// `XDG_STATE_HOME` counts only when it is an absolute path (the XDG spec says relative ones
    /// are invalid). Without a usable `HOME` the path is relative to the current directory.
    static func file(_ name: String, environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "gotriage/" + name)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return joined(home, ".local/state/gotriage/" + name)
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
