import Foundation

extension Lab {
    /// The file the `go` wrapper (``logGoCommands()``) appends each go command line to.
    public var goLogURL: URL { logsDirectory.appendingPathComponent("go-argv.log") }

    /// Puts a `go` wrapper first on the lab's PATH that logs its arguments, then runs the real go.
    ///
    /// Every command of the lab that runs `go` — gotriage's probes and its own `go env` calls —
    /// goes through it, so ``loggedGoCommands`` says exactly what was asked of go, in order.
    public func logGoCommands() throws {
        let wrapper = binDirectory.appendingPathComponent("go")
        // The lab's `go` is a link to its release's go: the wrapper runs that go and replaces the
        // link itself. Writing to the link's path would write *through* it and overwrite the
        // release's real binary (once it turned Debian's go into a wrapper that ran itself).
        let files = FileManager.default
        let realGo = (try? files.destinationOfSymbolicLink(atPath: wrapper.path)) ?? Lab.realGo
        if (try? files.attributesOfItem(atPath: wrapper.path)) != nil { try files.removeItem(at: wrapper) }
        // One line per run, written at once: each argument followed by a tab (no lab argument
        // holds a tab or a newline).
        let script = """
            #!/bin/sh
            tab=$(printf '\\t')
            line=''
            for argument in "$@"; do line="$line$argument$tab"; done
            printf '%s\\n' "$line" >> '\(goLogURL.path)'
            exec '\(realGo)' "$@"

            """
        try Data(script.utf8).write(to: wrapper, options: .withoutOverwriting)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        _ = FileManager.default.createFile(atPath: goLogURL.path, contents: nil)
    }

    /// The arguments of every `go` run through the wrapper so far, oldest first (without `go` itself).
    public var loggedGoCommands: [[String]] {
        let text = (try? String(contentsOf: goLogURL, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false).dropLast().map(String.init)
        }
    }

    /// The go the wrapper runs when the lab has no link to its release's go: the first `go` on
    /// this process's PATH, else /usr/bin/go.
    static var realGo: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/go"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/go"
    }
}
