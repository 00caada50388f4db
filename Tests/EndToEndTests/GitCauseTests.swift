import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage run exit-status-128` against real git failures: git missing, HTTPS logins, SSH keys,
/// SSH host keys, url rewrites and missing repositories. None of these is a Go setting, so the
/// walk ends not-resolved (exit 1) with the exact commands to run; each test then runs those
/// commands (or the lab's equivalent) and proves the download works afterwards — the
/// instructions are checked, not just printed.
///
/// Every case runs on every Go release. From go 1.21 on, a `.git` module path that no secure
/// scheme reaches fails with only `go: no secure protocol found for repository` (git's own words
/// are dropped); the walk then reruns the download with `-x` and asks git itself, the way go did,
/// so each case must still end at the same cause.
@Suite struct GitCauseTests {
    static let privateLib = LabModule.privateLib

    /// What go itself prints for a git failure whose words are `gitSays`: from 1.21 on, only that
    /// no secure protocol worked.
    static func goPrints(_ gitSays: String, on release: GoRelease) -> String {
        release.isAtLeast(21) ? "no secure protocol found for repository" : gitSays
    }

    /// Runs the entry playbook for `module` in `consumer` with `--yes --json`.
    /// Dry runs of every playbook in the same lab come first: they must change nothing.
    func triage(_ lab: Lab, module: String, in consumer: URL, environment: [String: String] = [:]) throws -> Triage {
        try expectDryRunsChangeNothing(lab: lab, consumer: consumer, answers: ["module=\(module)"], environment: environment)
        return try Triage.run(lab, in: consumer, answers: ["module=\(module)"], yes: true, environment: environment)
    }

    /// Asserts the walk ended not-resolved (exit 1) with `cause`, and that it jumped through git-auth
    /// unless `viaGitAuth` is false.
    func expectNotResolved(_ triage: Triage, cause: String, viaGitAuth: Bool = true) {
        #expect(triage.exitCode == 1, "\(triage.transcript)")
        #expect(triage.end != nil, "the last line is the end: \(triage.stdout)")
        #expect(triage.outcome == .notResolved, "\(triage.transcript)")
        #expect(triage.cause == cause, "\(triage.transcript)")
        #expect((triage.end?.step ?? "").hasPrefix("git-auth:") == viaGitAuth, "\(String(describing: triage.end))")
        if viaGitAuth {
            #expect(triage.probes(["go", "mod", "download"]).count >= 2, "reproduce, then git-auth's own rerun")
            #expect(triage.probes(["go", "mod", "download"]).allSatisfy { $0.exitCode != 0 })
        }
    }

    // MARK: git-missing

    // go sees no git (missing Git command); gotriage's own `git --version` check fails with the
    // same PATH and ends at git-missing. With git back on PATH, the same lab downloads and the
    // walk ends resolved: only PATH was broken.
    @Test(arguments: GoRelease.all)
    func gitMissingFromPath(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])
        let goOnly = ["PATH": try lab.goOnlyPath()]

        let goSees = try lab.goModDownload([Self.privateLib.path], in: consumer, extraEnvironment: goOnly)
        #expect(goSees.exitCode == 1)
        #expect(goSees.stderr.contains("go: missing Git command"), "\(goSees.stderr)")

        let missing = try triage(lab, module: Self.privateLib.path, in: consumer, environment: goOnly)
        expectNotResolved(missing, cause: "git-missing", viaGitAuth: false)
        #expect(missing.end?.step == "exit-status-128:git-missing")
        let goVersion = missing.probes(["go", "version"]).first
        #expect(goVersion?.exitCode == 0, "gotriage must still find go: \(missing.transcript)")
        let gitVersion = missing.probes(["git", "--version"]).first
        #expect(gitVersion != nil && gitVersion?.exitCode != 0, "\(missing.transcript)")
        #expect(missing.conclusion.contains("sudo apt-get install git"))
        #expect(!git.log.contains("GET /"))

        let healthy = try triage(lab, module: Self.privateLib.path, in: consumer)
        #expect(healthy.exitCode == 0, "\(healthy.transcript)")
        #expect(healthy.outcome == .resolved)
        #expect(healthy.cause == nil)
    }

    // MARK: https-credentials

    /// A lab whose private host is served by a git server that needs alice's password.
    struct BasicAuthLab {
        let lab: Lab
        let git: LabServer
        let consumer: URL
        static let password = "s3cret-lab-token"

        init(release: GoRelease) throws {
            lab = try Lab.make(release: release)
            git = try lab.startGitServer(repos: [GitCauseTests.privateLib], user: "alice", password: Self.password)
            try lab.routeGitHost("private.example.com", to: git.url + "/")
            try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
            consumer = try lab.makeConsumer(requiring: [GitCauseTests.privateLib])
        }

        func remove() {
            git.stop()
            lab.remove()
        }
    }

    // No ~/.netrc, no credential helper: the conclusion names the .netrc line for the host git
    // really asked (127.0.0.1, after the lab's rewrite — not private.example.com). Writing exactly
    // that line makes the download work.
    @Test(arguments: GoRelease.all)
    func httpsCredentialsMissing(release: GoRelease) throws {
        let setup = try BasicAuthLab(release: release)
        defer { setup.remove() }
        let lab = setup.lab

        let triage = try triage(lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "https-credentials")
        #expect(triage.end?.step == "git-auth:cred-none")
        let netrc = lab.home.appendingPathComponent(".netrc").path
        #expect(triage.conclusion.contains("machine 127.0.0.1 login YOUR_USER password YOUR_TOKEN"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("chmod 600 \(netrc)"))
        #expect(triage.conclusion.contains("git config --global credential.helper store"))
        #expect(triage.conclusion.contains("GIT_TERMINAL_PROMPT=1 go mod download \(Self.privateLib.path)"))
        #expect(triage.probes(["grep", "-c"]).first?.exitCode == 2, "no .netrc yet")

        try lab.writeNetrc(machine: "127.0.0.1", login: "alice", password: BasicAuthLab.password)
        let after = try lab.goModDownload([Self.privateLib.path], in: setup.consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // A ~/.netrc entry with a wrong token: git still asks, the walk finds the entry (by counting
    // it) and says the token is wrong — and the token appears nowhere in gotriage's output.
    @Test(arguments: GoRelease.all)
    func httpsCredentialsRejectedNeverPrintsTheToken(release: GoRelease) throws {
        let setup = try BasicAuthLab(release: release)
        defer { setup.remove() }
        let lab = setup.lab
        let wrongToken = "wrong-token-\(UUID().uuidString)"
        try lab.writeNetrc(machine: "127.0.0.1", login: "alice", password: wrongToken)
        let before = try lab.goModDownload([Self.privateLib.path], in: setup.consumer)
        #expect(before.stderr.contains(Self.goPrints("terminal prompts disabled", on: release)), "\(before.stderr)")

        let triage = try triage(lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "https-credentials")
        #expect(triage.end?.step == "git-auth:cred-netrc-rejected")
        #expect(triage.conclusion.contains(".netrc has an entry for 127.0.0.1"), "\(triage.conclusion)")
        #expect(!triage.transcript.contains(wrongToken), "the token must never be printed")
        #expect(!triage.transcript.contains(BasicAuthLab.password))
        let human = try lab.gotriage(["run", "exit-status-128", "--answer", "module=\(Self.privateLib.path)"], in: setup.consumer)
        #expect(human.exitCode == 1)
        #expect(!(human.stdout + human.stderr).contains(wrongToken))

        try lab.writeNetrc(machine: "127.0.0.1", login: "alice", password: BasicAuthLab.password)
        let after = try lab.goModDownload([Self.privateLib.path], in: setup.consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // A credential helper that holds nothing for the host: the walk names the helper setting (not
    // its value) and suggests letting git ask once.
    @Test(arguments: GoRelease.all)
    func httpsCredentialsWithAnEmptyHelper(release: GoRelease) throws {
        let setup = try BasicAuthLab(release: release)
        defer { setup.remove() }
        let lab = setup.lab
        let store = lab.root.appendingPathComponent("credentials-store")
        #expect(
            try lab.run([
                "git", "config", "--file", lab.gitConfigURL.path, "credential.helper",
                "store --file=\(store.path)"
            ]).exitCode == 0)

        let triage = try triage(lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "https-credentials")
        #expect(triage.end?.step == "git-auth:cred-helper-empty")
        #expect(triage.conclusion.contains("credential.helper, set in \(lab.gitConfigURL.path)"), "\(triage.conclusion)")
        #expect(!triage.transcript.contains("--file=\(store.path)"), "helper values are not shown")

        // What the helper would hold after one prompted run: then the download works.
        try Data("http://alice:\(BasicAuthLab.password)@\(setup.git.hostAndPort)\n".utf8).write(to: store)
        let after = try lab.goModDownload([Self.privateLib.path], in: setup.consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // MARK: ssh-auth and ssh-hostkey

    /// A lab whose private host is rewritten to a running sshd, nothing trusted or authorized yet:
    /// the same environment `LabSshScenarioTests` proves with go alone.
    typealias SshLab = LabSshScenarioTests.Setup

    // The key is not authorized. The walk finds the url rewrite that sends the module to SSH,
    // asks ssh -G which key it offers, probes sshd (Permission denied) and names the key file and
    // its .pub half. Authorizing that key makes the download work.
    @Test(arguments: GoRelease.all)
    func sshKeyRefused(release: GoRelease) throws {
        let setup = try SshLab(release: release)
        defer { setup.remove() }
        try setup.lab.trustHostKey(setup.sshd.hostKey, port: setup.sshd.port)
        #expect(try setup.download().stderr.contains(Self.goPrints("Permission denied (publickey)", on: release)))

        let triage = try triage(setup.lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "ssh-auth")
        #expect(triage.end?.step == "git-auth:ssh-auth-rewritten")
        let keyPath = setup.key.privateKeyURL.path
        #expect(triage.conclusion.contains("offered \(keyPath)"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("ssh-add \(keyPath)"))
        #expect(triage.conclusion.contains("\(keyPath).pub is added to your account"))
        #expect(triage.conclusion.contains("as \(setup.sshd.user) "))
        #expect(triage.conclusion.contains("\(setup.sshd.user)@127.0.0.1: Permission denied (publickey)."))
        #expect(
            triage.conclusion.contains(
                try Regex("rewrites (https|git)://private\\.example\\.com/ to ssh://\(setup.sshd.user)@127\\.0\\.0\\.1:\(setup.sshd.port)/")
            ),
            "the rewrite that sends git to SSH: \(triage.conclusion)")
        #expect(triage.probes(["ssh", "-G"]).first?.exitCode == 0)
        #expect(
            setup.sshd.server.log.contains("Failed publickey for \(setup.sshd.user)")
                || setup.sshd.server.log.contains("Connection closed by authenticating user"), "\(setup.sshd.server.log)")

        try setup.sshd.authorize(setup.key)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // Unknown host key: the conclusion names the keyscan commands for the lab's own known_hosts
    // file. Running them (the fingerprint matches the sshd host key) makes the download work.
    @Test(arguments: GoRelease.all)
    func sshHostKeyUnknown(release: GoRelease) throws {
        let setup = try SshLab(release: release)
        defer { setup.remove() }
        try setup.sshd.authorize(setup.key)
        let port = setup.sshd.port

        let triage = try triage(setup.lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "ssh-hostkey")
        #expect(triage.end?.step == "git-auth:ssh-hostkey-unknown")
        let knownHosts = setup.lab.knownHostsURL.path
        #expect(triage.conclusion.contains("ssh-keyscan -p \(port) 127.0.0.1 | ssh-keygen -lf -"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("ssh-keyscan -p \(port) 127.0.0.1 >> \(knownHosts)"))
        #expect(triage.conclusion.contains("server [127.0.0.1]:\(port) "))

        try appendKeyscan(setup, port: port, to: setup.lab.knownHostsURL)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // Changed host key: the conclusion quotes the new fingerprint (it is the sshd's real one),
    // the known_hosts file and line, and the ssh-keygen -R command; running it and the keyscan
    // makes the download work.
    @Test(arguments: GoRelease.all)
    func sshHostKeyChanged(release: GoRelease) throws {
        let setup = try SshLab(release: release)
        defer { setup.remove() }
        try setup.sshd.authorize(setup.key)
        let port = setup.sshd.port
        try setup.lab.trustHostKey(try setup.lab.makeSshKey(named: "impostor"), port: port)
        let knownHosts = setup.lab.knownHostsURL.path

        let triage = try triage(setup.lab, module: Self.privateLib.path, in: setup.consumer)
        expectNotResolved(triage, cause: "ssh-hostkey")
        #expect(triage.end?.step == "git-auth:ssh-hostkey-changed")
        let fingerprint =
            try setup.lab.run(["ssh-keygen", "-lf", setup.sshd.hostKey.publicKeyURL.path]).stdout
            .split(separator: " ").dropFirst().first.map(String.init) ?? "?"
        #expect(fingerprint.hasPrefix("SHA256:"))
        #expect(triage.conclusion.contains("different host key (\(fingerprint))"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("saved in \(knownHosts) line 1"))
        let remove = "ssh-keygen -R '[127.0.0.1]:\(port)' -f \(knownHosts)"
        #expect(triage.conclusion.contains(remove))

        let removed = try setup.lab.run(["ssh-keygen", "-R", "[127.0.0.1]:\(port)", "-f", knownHosts])
        #expect(removed.exitCode == 0, "\(removed.stderr)")
        try appendKeyscan(setup, port: port, to: setup.lab.knownHostsURL)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    /// Runs `ssh-keyscan -p PORT 127.0.0.1` and appends its output to `file` (the `>>` the
    /// conclusion asks for).
    func appendKeyscan(_ setup: SshLab, port: Int, to file: URL) throws {
        let scan = try setup.lab.run(["ssh-keyscan", "-p", String(port), "127.0.0.1"], timeout: 20)
        #expect(scan.stdout.contains("[127.0.0.1]:\(port) ssh-ed25519 "), "\(scan.stderr)")
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(scan.stdout.utf8))
    }

    // MARK: git-url-rewrite

    // A rewrite to a dead SSH port, in the global config or in a file included only for the
    // module cache (`includeIf gitdir:<GOMODCACHE>/cache/vcs/`, which applies inside go's
    // repository but not in the folder gotriage runs in). The conclusion names the file, the line
    // and the exact `git config --file … --unset-all` command; running it makes the download work.
    @Test(arguments: GoRelease.all, [false, true])
    func sshRewriteToADeadPort(release: GoRelease, included: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.useSshIdentity(try lab.makeSshKey(named: "client"))
        let dead = try DeadPort.make()
        let base = "ssh://git@127.0.0.1:\(dead)/team/"
        let rewriteFile: URL
        if included {
            rewriteFile = lab.root.appendingPathComponent("gitconfig-vcs")
            let text =
                "# rewrites for the module cache\n[url \"\(base)\"]\n"
                + "\tinsteadOf = https://private.example.com/team/\n\tinsteadOf = git://private.example.com/team/\n"
            try Data(text.utf8).write(to: rewriteFile)
            let condition = "includeIf.gitdir:\(lab.modCache.path)/cache/vcs/.path"
            #expect(try lab.run(["git", "config", "--file", lab.gitConfigURL.path, condition, rewriteFile.path]).exitCode == 0)
        } else {
            rewriteFile = lab.gitConfigURL
            try lab.gitInsteadOf(base, for: "https://private.example.com/team/")
            try lab.gitInsteadOf(base, for: "git://private.example.com/team/")
        }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])
        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        // The included rewrite applies only inside go's repository folder, where go 1.21+ still
        // runs git the old way and prints its error.
        let refused = "ssh: connect to host 127.0.0.1 port \(dead): Connection refused"
        #expect(before.stderr.contains(included ? refused : Self.goPrints(refused, on: release)), "\(before.stderr)")

        let triage = try triage(lab, module: Self.privateLib.path, in: consumer)
        expectNotResolved(triage, cause: "git-url-rewrite")
        #expect(triage.end?.step == "git-auth:rewrite-unusable")
        let lines = try String(contentsOf: rewriteFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            (lines.firstIndex { $0.contains("insteadOf = https://private.example.com/team/") }
                ?? lines.firstIndex { $0.contains("insteadOf = git://private.example.com/team/") } ?? -2) + 1
        let stated = triage.conclusion.firstMatch(of: /line ([0-9]+)\)/).map { Int($0.1) ?? 0 } ?? 0
        let statedLine = (1...lines.count).contains(stated) ? String(lines[stated - 1]) : ""
        #expect(
            statedLine.contains("insteadOf = https://private.example.com/team/")
                || statedLine.contains("insteadOf = git://private.example.com/team/"),
            "line \(stated) is '\(statedLine)'; expected \(line)")
        #expect(triage.conclusion.contains("(\(rewriteFile.path), line \(stated))"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("Connection refused"))
        let command = ["git", "config", "--file", rewriteFile.path, "--unset-all", "url.\(base).insteadOf"]
        #expect(triage.conclusion.contains(command.joined(separator: " ")), "\(triage.conclusion)")

        let unset = try lab.run(command)
        #expect(unset.exitCode == 0, "\(unset.stderr)")
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // MARK: repo-not-found

    // The git server has no such repository. The walk ends at repo-not-found and names the URL git
    // used; the `git ls-remote` it suggests reproduces the answer, and works for a path that exists.
    @Test(arguments: GoRelease.all)
    func repositoryNotFound(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let missing = (path: "private.example.com/team/lbi.git", version: "v1.0.0")
        let consumer = try lab.makeConsumer(requiring: [missing])
        let before = try lab.goModDownload([missing.path], in: consumer)
        #expect(before.exitCode == 1)

        let triage = try triage(lab, module: missing.path, in: consumer)
        expectNotResolved(triage, cause: "repo-not-found")
        #expect(triage.end?.step == "git-auth:repo-not-found")
        let url = triage.conclusion.firstMatch(of: /`git ls-remote ([^\s`]+)`/).map { String($0.1) } ?? ""
        #expect(url.hasPrefix(git.url + "/team/lbi"), "\(triage.conclusion)")
        #expect(triage.conclusion.contains("the module path \(missing.path) for typos"))

        let check = try lab.run(["git", "ls-remote", url])
        #expect(check.exitCode == 128)
        #expect(check.stderr.contains("not found"), "\(check.stderr)")
        let existing = try lab.run(["git", "ls-remote", url.replacingOccurrences(of: "/team/lbi", with: "/team/lib")])
        #expect(existing.exitCode == 0, "\(existing.stderr)")
    }
}
