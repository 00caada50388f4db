/// Where gotriage keeps what it remembers between runs (the shell's history, the change journal,
/// the cache of passed example checks), by the XDG base directory rules.
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

    /// `$XDG_CACHE_HOME/gotriage/<name>`, else `$HOME/.cache/gotriage/<name>`: what may be lost
    /// without losing anything but time. The same rules as `file(_:environment:)`.
    static func cacheFile(_ name: String, environment: [String: String]) -> String {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") {
            return joined(cache, "gotriage/" + name)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return joined(home, ".cache/gotriage/" + name)
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
