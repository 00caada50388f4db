import Foundation

/// A throwaway, isolated Go and git environment in a temporary directory.
///
/// Nothing of the real user's setup reaches the commands the lab runs: `environment` holds only
/// PATH from this process plus lab paths. Go settings under test (GOPROXY, GOPRIVATE, GOSUMDB …)
/// live in the lab's GOENV *file*, never in the environment, because that file is what
/// `go env -w` — and later gotriage — changes, and an environment variable would override it.
///
/// There is no sum.golang.org here: a scenario that fetches a module the sumdb would check must
/// write `GOSUMDB=off`, a GOPRIVATE/GONOSUMDB pattern, or a GOSUMDB pointing at a loopback URL
/// into the GOENV file (with the default GOSUMDB, go 1.19 would try to resolve sum.golang.org).
public final class Lab: @unchecked Sendable {
    /// The lab's temporary directory; everything the lab writes lives below it.
    public let root: URL

    private let lock = NSLock()
    private var counter = 0

    private init(root: URL) {
        self.root = root
    }

    /// Creates a lab in a new temporary directory with an empty git config and a lab ssh config.
    public static func make() throws -> Lab {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gotriage-lab-\(UUID().uuidString)")
        let lab = Lab(root: root)
        for dir in [lab.home, lab.gopath, lab.gocache, lab.sshDirectory, lab.logsDirectory] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        try Data().write(to: lab.gitConfigURL)
        try Data().write(to: lab.knownHostsURL)
        try Data(lab.sshConfigText.utf8).write(to: lab.sshConfigURL)
        return lab
    }

    /// The lab's HOME (holds `.netrc` when a scenario writes one).
    public var home: URL { root.appendingPathComponent("home") }
    /// The lab's GOENV file; it does not exist until something writes it.
    public var goEnvURL: URL { root.appendingPathComponent("goenv") }
    /// The lab's global git config (GIT_CONFIG_GLOBAL).
    public var gitConfigURL: URL { root.appendingPathComponent("gitconfig") }
    /// The ssh config every git-over-ssh command uses.
    public var sshConfigURL: URL { sshDirectory.appendingPathComponent("config") }
    /// The only known_hosts file ssh consults.
    public var knownHostsURL: URL { sshDirectory.appendingPathComponent("known_hosts") }
    var gopath: URL { root.appendingPathComponent("gopath") }
    var gocache: URL { root.appendingPathComponent("gocache") }
    var sshDirectory: URL { root.appendingPathComponent("ssh") }
    var logsDirectory: URL { root.appendingPathComponent("logs") }

    /// The isolated environment for every go and git command of the lab.
    public var environment: [String: String] {
        [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C",
            "HOME": home.path,
            "GOENV": goEnvURL.path,
            "GOPATH": gopath.path,
            "GOMODCACHE": gopath.appendingPathComponent("pkg/mod").path,
            "GOCACHE": gocache.path,
            "GOTOOLCHAIN": "local",
            "GOFLAGS": "-modcacherw",
            "GIT_CONFIG_GLOBAL": gitConfigURL.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_SSH_COMMAND": "ssh -F \(sshConfigURL.path) -o BatchMode=yes"
                + " -o UserKnownHostsFile=\(knownHostsURL.path)",
        ]
    }

    /// The lab ssh config: strict, batch-only, and — for hosts no scenario configured — a
    /// `ProxyCommand` that fails at once, so ssh never resolves or dials a real host.
    /// Scenarios that add a real sshd must put their `Host` block first with `ProxyCommand none`.
    var sshConfigText: String {
        """
        Host *
          BatchMode yes
          StrictHostKeyChecking yes
          UserKnownHostsFile \(knownHostsURL.path)
          GlobalKnownHostsFile /dev/null
          IdentitiesOnly yes
          ProxyCommand /bin/false

        """
    }

    /// Replaces the GOENV file with `lines` (e.g. `["GOPROXY=off", "GOSUMDB=off"]`).
    public func writeGoEnvFile(_ lines: [String]) throws {
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: goEnvURL)
    }

    /// The GOENV file's exact bytes, or nil when it does not exist.
    public var goEnvFileBytes: Data? { try? Data(contentsOf: goEnvURL) }

    /// Writes `<home>/.netrc` (mode 0600) with one machine entry; replaces any earlier one.
    public func writeNetrc(machine: String, login: String, password: String) throws {
        let url = home.appendingPathComponent(".netrc")
        try Data("machine \(machine)\nlogin \(login)\npassword \(password)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// Deletes the lab directory. Servers are not stopped here; stop them first.
    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// A new directory below the root named `prefix-N` (N counts from 1 per lab).
    func freshDirectory(_ prefix: String) throws -> URL {
        lock.lock()
        counter += 1
        let n = counter
        lock.unlock()
        let dir = root.appendingPathComponent("\(prefix)-\(n)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
