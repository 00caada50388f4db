#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the shell keeps its line history, following the XDG base directory rules.
public enum HistoryLocation {
    /// The history file: `$XDG_STATE_HOME/gotriage/history`, else `$HOME/.local/state/gotriage/history`.
    ///
    /// `XDG_STATE_HOME` counts only when it is set to an absolute path (the XDG spec says relative
    /// ones are invalid). Without a usable `HOME` the path is relative to the current directory.
    public static func file(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return joined(state, "gotriage/history")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return joined(home, ".local/state/gotriage/history")
    }

    /// Creates the directories above `path` that are missing, each with mode 0700.
    static func createParentDirectory(of path: String) throws(LineEditingError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var prefix = ""
        if components.first == "" {
            prefix = "/"
            components = components.dropFirst()
        }
        for component in components where !component.isEmpty {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .systemCall(name: "mkdir '\(prefix)'", errno: errno)
            }
        }
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
