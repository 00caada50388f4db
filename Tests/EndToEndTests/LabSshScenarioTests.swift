import Foundation
import TestSupport
import Testing

/// Lab scenarios for git over ssh: a real sshd on 127.0.0.1 serving the lab's bare repositories
/// to the current user, and git URL rewrites (`insteadOf`, also inside `includeIf`).
///
/// Every go 1.19 error here has the shape
///   go: private.example.com/team/lib.git@v1.0.0: invalid version: git ls-remote -q origin in
///   <GOMODCACHE>/cache/vcs/<hash>: exit status 128:
///   \t<ssh's lines>
///   \tfatal: Could not read from remote repository.
///   \tPlease make sure you have the correct access rights\n\tand the repository exists.
/// and the comments quote only ssh's lines. go 1.21+ drop all of it when no secure scheme's ping
/// works (every case here but the `includeIf` one) and print only
/// `go: no secure protocol found for repository`; the sshd log shows what happened instead.
@Suite struct LabSshScenarioTests {
    static let privateLib = LabModule.privateLib

    /// A lab whose private host is rewritten to a running sshd; nothing trusted or authorized yet.
    struct Setup {
        let lab: Lab
        let sshd: LabSshd
        let key: LabSshKey
        let consumer: URL

        /// Builds it with `release`'s go.
        init(release: GoRelease = .labDefault) throws {
            lab = try Lab.make(release: release)
            key = try lab.makeSshKey(named: "client")
            sshd = try lab.startSshd(authorizing: [])
            let repositories = try lab.makeGitRepositories([LabSshScenarioTests.privateLib])
            try lab.routeGitHost("private.example.com", to: sshd.gitBase(for: repositories))
            try lab.useSshIdentity(key)
            try lab.writeGoEnvFile([
                "GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOPRIVATE=private.example.com",
                try Lab.deadSumDB()
            ])
            consumer = try lab.makeConsumer(requiring: [LabSshScenarioTests.privateLib])
        }

        func download() throws -> (exitCode: Int32, stdout: String, stderr: String) {
            try lab.goModDownload([LabSshScenarioTests.privateLib.path], in: consumer)
        }

        func remove() {
            sshd.stop()
            lab.remove()
        }
    }

    // ssh-auth. ssh prints: root@127.0.0.1: Permission denied (publickey).   (USER@127.0.0.1)
    @Test(arguments: GoRelease.all)
    func unauthorizedKeyIsFixedByAuthorizingIt(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        try setup.lab.trustHostKey(setup.sshd.hostKey, port: setup.sshd.port)

        let before = try setup.download()
        try setup.lab.recordForCorpus(before, command: ["go", "mod", "download", Self.privateLib.path], cause: "ssh-auth", suite: Self.self)
        #expect(before.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == GoRelease.noSecureProtocol, "\(before.stderr)")
        } else {
            #expect(before.stderr.contains("\(setup.sshd.user)@127.0.0.1: Permission denied (publickey)."), "\(before.stderr)")
            #expect(before.stderr.contains("fatal: Could not read from remote repository."))
        }
        #expect(
            setup.sshd.server.log.contains("Connection closed by authenticating user \(setup.sshd.user)")
                || setup.sshd.server.log.contains("Failed publickey for \(setup.sshd.user)"), "\(setup.sshd.server.log)")

        try setup.sshd.authorize(setup.key)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
        #expect(setup.sshd.server.log.contains("Accepted publickey for \(setup.sshd.user)"))
    }

    // ssh-hostkey, unknown host. ssh prints:
    //   No ED25519 host key is known for [127.0.0.1]:P and you have requested strict checking.
    //   Host key verification failed.
    // ssh-hostkey, changed key. ssh prints:
    //   @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @  (in a box of @)
    //   IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY! … Offending ED25519 key in <known_hosts>:1
    //   Host key for [127.0.0.1]:P has changed and you have requested strict checking.
    //   Host key verification failed.
    @Test(arguments: GoRelease.all, [false, true])
    func untrustedHostKeyIsFixedByKnownHosts(release: GoRelease, changed: Bool) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        try setup.sshd.authorize(setup.key)
        let port = setup.sshd.port
        if changed {
            try setup.lab.trustHostKey(try setup.lab.makeSshKey(named: "impostor"), port: port)
        }

        let before = try setup.download()
        try setup.lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "ssh-hostkey", suite: Self.self,
            variant: "changed: \(changed)")
        #expect(before.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == GoRelease.noSecureProtocol, "\(before.stderr)")
        } else if changed {
            #expect(before.stderr.contains("Host key verification failed."), "\(before.stderr)")
            #expect(before.stderr.contains("WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!"))
            #expect(before.stderr.contains("Host key for [127.0.0.1]:\(port) has changed and you have requested strict checking."))
        } else {
            #expect(before.stderr.contains("Host key verification failed."), "\(before.stderr)")
            #expect(
                before.stderr.contains(
                    "No ED25519 host key is known for [127.0.0.1]:\(port) and you have requested strict checking."))
        }
        #expect(!setup.sshd.server.log.contains("Accepted publickey"), "ssh stops before it offers the authorized key")

        try setup.lab.trustHostKey(setup.sshd.hostKey, port: port)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // The `ssh` wrapper first on the lab PATH makes a plain `ssh` probe use the lab config.
    @Test(arguments: GoRelease.all)
    func plainSshProbeUsesTheLabConfig(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        try setup.lab.trustHostKey(setup.sshd.hostKey, port: setup.sshd.port)
        let probe = ["ssh", "-T", "-o", "BatchMode=yes", "-p", String(setup.sshd.port), "\(setup.sshd.user)@127.0.0.1", "true"]

        let denied = try setup.lab.run(probe, timeout: 20)
        #expect(denied.exitCode == 255)
        #expect(denied.stderr.contains("Permission denied (publickey)."), "\(denied.stderr)")

        try setup.sshd.authorize(setup.key)
        let accepted = try setup.lab.run(probe, timeout: 20)
        #expect(accepted.exitCode == 0, "\(accepted.stderr)")
    }

    // What a playbook probe sees: `ssh -T -o BatchMode=yes git@private.example.com`, with
    // private.example.com aliased to the lab sshd. sshd has no user `git` (it logs "Invalid user
    // git"), so that probe always prints `git@127.0.0.1: Permission denied (publickey).` (ssh names
    // the HostName, not the alias)
    // (exit 255); as the current user with an authorized key the same probe exits 0.
    @Test(arguments: GoRelease.all)
    func probeThroughHostAlias(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        try setup.lab.useSshIdentity(setup.key, aliases: ["private.example.com"], sshdPort: setup.sshd.port)
        try setup.lab.trustHostKey(setup.sshd.hostKey, port: setup.sshd.port)
        try setup.sshd.authorize(setup.key)

        let asGit = try setup.lab.run(["ssh", "-T", "-o", "BatchMode=yes", "git@private.example.com"], timeout: 20)
        #expect(asGit.exitCode == 255)
        #expect(asGit.stderr.contains("git@127.0.0.1: Permission denied (publickey)."), "\(asGit.stderr)")
        #expect(setup.sshd.server.log.contains("Invalid user git"))

        let asUser = try setup.lab.run(
            ["ssh", "-T", "-o", "BatchMode=yes", "\(setup.sshd.user)@private.example.com", "true"], timeout: 20)
        #expect(asUser.exitCode == 0, "\(asUser.stderr)")
    }

    // git-url-rewrite, global: `url.ssh://git@127.0.0.1:D/team/.insteadOf https://private.example.com/team/`
    // (longer than the working https rewrite, so it wins). ssh prints:
    //   ssh: connect to host 127.0.0.1 port D: Connection refused
    // The repository hash is that of git://private.example.com/team/lib: every ping failed, so go
    // fell back to git:// (rewritten the same way).
    @Test(arguments: GoRelease.all)
    func sshRewriteIsFixedByRemovingIt(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.useSshIdentity(try lab.makeSshKey(named: "client"))  // lets ssh dial 127.0.0.1
        let dead = try DeadPort.make()
        try lab.gitInsteadOf("ssh://git@127.0.0.1:\(dead)/team/", for: "https://private.example.com/team/")
        try lab.gitInsteadOf("ssh://git@127.0.0.1:\(dead)/team/", for: "git://private.example.com/team/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "git-url-rewrite", suite: Self.self)
        #expect(before.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == GoRelease.noSecureProtocol, "\(before.stderr)")
        } else {
            #expect(before.stderr.contains("ssh: connect to host 127.0.0.1 port \(dead): Connection refused"), "\(before.stderr)")
        }
        #expect(!git.log.contains("GET /"))

        try Data().write(to: lab.gitConfigURL)
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // git-url-rewrite inside `includeIf "gitdir:<GOMODCACHE>/cache/vcs/"`. Observed with go 1.19 and
    // git 2.39: go's ping (`git ls-remote https://private.example.com/team/lib`) runs in
    // <GOMODCACHE>/cache/vcs, which is no repository, so the include does NOT apply and the ping
    // succeeds over https; the next command runs inside the bare repository
    // <GOMODCACHE>/cache/vcs/<hash>, where it DOES apply, and fails:
    //   go: …: invalid version: git ls-remote -q origin in <GOMODCACHE>/cache/vcs/<hash>: exit status 128:
    //   \tssh: connect to host 127.0.0.1 port D: Connection refused
    // The same on every release, except that go 1.26+ name the command
    // `git ls-remote -q --end-of-options https://private.example.com/team/lib in <GOMODCACHE>/cache/vcs/<hash>`.
    @Test(arguments: GoRelease.all)
    func sshRewriteInIncludeIfAppliesOnlyInsideTheModuleCache(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.useSshIdentity(try lab.makeSshKey(named: "client"))
        let dead = try DeadPort.make()
        let included = lab.root.appendingPathComponent("gitconfig-vcs")
        let rewrite =
            "[url \"ssh://git@127.0.0.1:\(dead)/team/\"]\n"
            + "\tinsteadOf = https://private.example.com/team/\n\tinsteadOf = git://private.example.com/team/\n"
        try Data(rewrite.utf8).write(to: included)
        let condition = "includeIf.gitdir:\(lab.modCache.path)/cache/vcs/.path"
        #expect(try lab.run(["git", "config", "--file", lab.gitConfigURL.path, condition, included.path]).exitCode == 0)
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "git-url-rewrite", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(
            before.stderr.hasPrefix(
                "go: \(Self.privateLib.path)@v1.0.0: invalid version: "
                    + release.lsRemote(url: "https://private.example.com/team/lib") + "\(lab.modCache.path)/cache/vcs/"), "\(before.stderr)"
        )
        #expect(before.stderr.contains("ssh: connect to host 127.0.0.1 port \(dead): Connection refused"))
        #expect(git.log.contains("GET /team/lib/info/refs?service=git-upload-pack"))  // the ping

        #expect(try lab.run(["git", "config", "--file", lab.gitConfigURL.path, "--unset", condition]).exitCode == 0)
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

}
