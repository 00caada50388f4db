import Foundation

/// A throw-away home for tests that run real `go`, `git` or `ssh`, so they never touch the user's setup.
///
/// ```
/// <root>/home/             HOME
/// <root>/goenv             GOENV (not created: go creates it on the first `go env -w`)
/// <root>/gopath/           GOPATH
/// <root>/modcache/         GOMODCACHE
/// <root>/gocache/          GOCACHE
/// <root>/gitconfig         GIT_CONFIG_GLOBAL (empty), with GIT_CONFIG_NOSYSTEM=1
/// <root>/ssh/config        ssh -F (empty), and ssh/known_hosts (empty)
/// ```
/// ``environment`` holds only those variables plus `PATH` from this process,
/// `GOTOOLCHAIN=local`, `LANG=C` and `GIT_SSH_COMMAND` (ssh with the files above and
/// `BatchMode=yes`). Nothing else of the real user's environment leaks in; GOFLAGS,
/// GOPROXY, GOSUMDB, GONOSUMDB, GOPRIVATE… are unset, so tests set what they need.
public struct IsolatedGoEnvironment: Sendable {
    /// The temporary directory holding everything.
    public let root: URL
    /// The complete environment for child processes.
    public var environment: [String: String]

    /// The GOENV file path.
    public var goenvFile: URL { root.appendingPathComponent("goenv") }
    /// The HOME directory.
    public var home: URL { root.appendingPathComponent("home", isDirectory: true) }
    /// The test-local ssh config file (empty until a test writes it).
    public var sshConfig: URL { root.appendingPathComponent("ssh/config") }
    /// The test-local known_hosts file (empty until a test writes it).
    public var knownHosts: URL { root.appendingPathComponent("ssh/known_hosts") }

    /// Creates a fresh isolated environment under the system temporary directory.
    public static func make() throws -> IsolatedGoEnvironment {
        let files = FileManager.default
        let root = files.temporaryDirectory
            .appendingPathComponent("gotriage-isolated-\(UUID().uuidString)", isDirectory: true)
        func path(_ name: String) -> String { root.appendingPathComponent(name).path }
        for directory in ["home", "gopath", "modcache", "gocache", "ssh"] {
            try files.createDirectory(atPath: path(directory), withIntermediateDirectories: true)
        }
        for file in ["gitconfig", "ssh/config", "ssh/known_hosts"] {
            guard files.createFile(atPath: path(file), contents: Data()) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path(file)])
            }
        }
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": path("home"),
            "GOENV": path("goenv"),
            "GOPATH": path("gopath"),
            "GOMODCACHE": path("modcache"),
            "GOCACHE": path("gocache"),
            "GIT_CONFIG_GLOBAL": path("gitconfig"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GOTOOLCHAIN": "local",
            "LANG": "C",
            "GIT_SSH_COMMAND": "ssh -F '\(path("ssh/config"))' -o UserKnownHostsFile='\(path("ssh/known_hosts"))' -o BatchMode=yes"
        ]
        return IsolatedGoEnvironment(root: root, environment: environment)
    }

    /// Deletes the whole directory (the module cache is read-only, so permissions are restored first).
    public func remove() {
        let files = FileManager.default
        if let walker = files.enumerator(atPath: root.path) {
            for case let relative as String in walker {
                _ = chmod(root.appendingPathComponent(relative).path, 0o755)
            }
        }
        try? files.removeItem(at: root)
    }
}
