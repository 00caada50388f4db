import Foundation
import TestSupport
import Testing

/// Lab scenarios for causes in the go and git tool setup: git missing, GOFLAGS, an unreachable
/// VCS host, an untrusted TLS authority and a sumdb that does not know a private module — plus
/// the healthy baseline where everything downloads.
///
/// Each runs on every release in `GoRelease.all`. The comments quote what go 1.19.8 prints and
/// what newer releases print differently (all texts: `Corpus/lab/`); `P`, `D` and `<hash>`
/// stand for ports and the module-cache directory name.
@Suite struct LabGoEnvScenarioTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    // Healthy: a public module from the proxy and a private one (GOPRIVATE) from the git server.
    // GOSUMDB=off because the lab has no sumdb for the public module.
    @Test(arguments: GoRelease.all)
    func healthyEnvironmentDownloadsEverything(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello, Self.privateLib])

        let result = try lab.goModDownload([Self.hello.path, Self.privateLib.path], in: consumer)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let sums = try String(contentsOf: consumer.appendingPathComponent("go.sum"), encoding: .utf8)
        #expect(sums.contains("example.com/hello v1.0.0 h1:"))
        #expect(sums.contains("private.example.com/team/lib.git v1.0.0 h1:"))
    }

    // git-missing. go 1.19 prints (the first line three times, once per scheme it pings):
    //   go: missing Git command. See https://golang.org/s/gogetcmd
    //   go: git init --bare in <GOMODCACHE>/cache/vcs/<hash>: exec: "git": executable file not found in $PATH
    // go 1.21–1.26 print the same three lines, then `go: no secure protocol found for repository`;
    // go 1.27 too, with https://go.dev/s/gogetcmd.
    @Test(arguments: GoRelease.all)
    func gitMissingFromPath(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try lab.goModDownload(
            [Self.privateLib.path], in: consumer, extraEnvironment: ["PATH": try lab.goOnlyPath()])
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.privateLib.path], cause: "git-missing", suite: Self.self)
        #expect(before.exitCode == 1)
        let missing = String(repeating: "go: missing Git command. See \(release.gogetcmdURL)\n", count: 3)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == missing + GoRelease.noSecureProtocol, "\(before.stderr)")
        } else {
            #expect(before.stderr.hasPrefix(missing + "go: git init --bare in \(lab.modCache.path)/cache/vcs/"), "\(before.stderr)")
            #expect(before.stderr.hasSuffix(": exec: \"git\": executable file not found in $PATH\n"))
        }
        #expect(!git.log.contains("GET /"))

        // The same lab with git on PATH downloads: only PATH was broken.
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // goproxy-off family, GOFLAGS=-mod=vendor in the GOENV file: go 1.19's `go mod download`
    // IGNORES -mod=vendor and succeeds; it is `go build` that fails:
    //   go: inconsistent vendoring in <consumer>:
    //   \texample.com/hello@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt
    //   … To ignore the vendor directory, use -mod=readonly or -mod=mod.
    @Test(arguments: GoRelease.all)
    func goflagsModVendorBreaksBuildNotDownload(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off", "GOFLAGS=-mod=vendor"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello], imports: [Self.hello.path])

        let download = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(download.exitCode == 0, "\(download.stderr)")
        let before = try lab.run(["go", "build", "./..."], in: consumer)
        try lab.recordForCorpus(before, command: ["go", "build", "./..."], cause: "goproxy-off", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr.contains("go: inconsistent vendoring in"), "\(before.stderr)")
        #expect(
            before.stderr.contains(
                "example.com/hello@v1.0.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt"))

        #expect(try lab.goEnv(["-u", "GOFLAGS"]).exitCode == 0)
        #expect(lab.goEnvFileBytes == Lab.goEnvFileData(["GOPROXY=\(proxy.url)", "GOSUMDB=off"]))
        let after = try lab.run(["go", "build", "./..."], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // goflags-invalid. go 1.19 prints: go: parsing $GOFLAGS: unknown flag -bogus
    // `go env -u GOFLAGS` still works with the broken value and clears it.
    @Test(arguments: GoRelease.all)
    func invalidGoflagsIsFixedByUnsettingIt(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off", "GOFLAGS=-bogus"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let before = try lab.goModDownload([Self.hello.path], in: consumer)
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.hello.path], cause: "goflags-invalid", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr == "go: parsing $GOFLAGS: unknown flag -bogus\n", "\(before.stderr)")

        let unset = try lab.goEnv(["-u", "GOFLAGS"])
        #expect(unset.exitCode == 0, "\(unset.stderr)")
        let after = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // goauth-misconfig (go 1.24+). At its first HTTPS request go stops on a GOAUTH it cannot use:
    //   go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=off;netrc)
    //   go: GOAUTH encountered an empty command (GOAUTH=netrc;)
    //   go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is not absolute
    // The proxy needs no login: GOAUTH is read before any server is asked.
    @Test(arguments: GoAuthCauseTests.releases, GoAuthCauseTests.unusableValues)
    func unusableGoauthIsFixedByUnsettingIt(release: GoRelease, value: String) throws {
        let setup = try GoAuthCauseTests.Setup(release: release, goauth: value)
        defer { setup.remove() }
        let before = try setup.download()
        try setup.lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.hello.path], cause: "goauth-misconfig", suite: Self.self,
            variant: value)
        #expect(before.exitCode == 1)
        #expect(before.stderr.hasPrefix("go: GOAUTH"), "\(before.stderr)")

        #expect(try setup.lab.goEnv(["-u", "GOAUTH"]).exitCode == 0)
        let after = try setup.download()
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // network-unreachable, direct VCS case (the dead-GOPROXY case is in LabScenarioTests).
    // go 1.19 prints: go: private.example.com/team/lib.git@v1.0.0: invalid version: git ls-remote -q
    //   origin in <GOMODCACHE>/cache/vcs/<hash>: exit status 128:
    //   \tfatal: unable to access 'http://127.0.0.1:D/team/lib/': Failed to connect to 127.0.0.1
    //   port D after 0 ms: Couldn't connect to server
    // go 1.21+ print only `go: no secure protocol found for repository`.
    @Test(arguments: GoRelease.all)
    func unreachableGitHost(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        let dead = try DeadPort.make()
        try lab.routeGitHost("private.example.com", to: "http://127.0.0.1:\(dead)/")
        try lab.writeGoEnvFile(["GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "network-unreachable", suite: Self.self)
        #expect(before.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == GoRelease.noSecureProtocol, "\(before.stderr)")
        } else {
            #expect(before.stderr.contains("fatal: unable to access 'http://127.0.0.1:\(dead)/team/lib/'"), "\(before.stderr)")
            #expect(before.stderr.contains("Failed to connect to 127.0.0.1 port \(dead)"))
            #expect(before.stderr.contains("Couldn't connect to server"))
        }

        try Data().write(to: lab.gitConfigURL)
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // tls-untrusted-ca. go 1.19 prints: go: example.com/hello@v1.0.0: Get
    //   "https://127.0.0.1:P/example.com/hello/@v/v1.0.0.info": x509: certificate signed by unknown authority
    // go 1.21+ print `…v1.0.0.info": tls: failed to verify certificate: x509: certificate signed by unknown authority`.
    @Test(arguments: GoRelease.all)
    func untrustedProxyCertificateIsFixedBySslCertFile(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let certificate = try lab.makeCertificate(dnsNames: ["proxy.lab.example"])
        let proxy = try lab.startProxy(modules: [Self.hello], certificate: certificate)
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=https://\(proxy.hostAndPort)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let before = try lab.goModDownload([Self.hello.path], in: consumer)
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.hello.path], cause: "tls-untrusted-ca", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(
            before.stderr == "go: example.com/hello@v1.0.0: Get \"https://\(proxy.hostAndPort)/example.com/hello/@v/v1.0.0.info\": "
                + "\(release.x509Prefix)x509: certificate signed by unknown authority\n", "\(before.stderr)")

        let after = try lab.goModDownload(
            [Self.hello.path], in: consumer, extraEnvironment: ["SSL_CERT_FILE": certificate.caURL.path])
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // private-module-sumdb: the module comes through `direct`, then the lab sumdb answers the
    // lookup like sum.golang.org does for a private module. go 1.19 prints (410):
    //   go: private.example.com/team/lib.git@v1.0.0: verifying go.mod: private.example.com/team/lib.git@v1.0.0/go.mod:
    //   reading http://127.0.0.1:P/lookup/private.example.com/team/lib.git@v1.0.0: 410 Gone
    //   \tserver response: not found: private.example.com/team/lib.git@v1.0.0: invalid version: …
    @Test(arguments: GoRelease.all, [(410, "GONOSUMDB=private.example.com"), (404, "GOPRIVATE=private.example.com")])
    func sumdbUnawareOfPrivateModule(release: GoRelease, sumdb answer: (status: Int, fix: String)) throws {
        let (status, fix) = answer
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        let reason = "not found: private.example.com/team/lib.git@v1.0.0: invalid version: unknown revision v1.0.0"
        let sumdb = try lab.startStatusServer(code: status, body: reason)
        defer { sumdb.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url),direct", "GOSUMDB=sum.golang.org \(sumdb.url)"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "private-module-sumdb", suite: Self.self,
            variant: "status: \(status)")
        #expect(before.exitCode == 1)
        let statusText = status == 410 ? "410 Gone" : "404 Not Found"
        #expect(
            before.stderr.contains(
                "verifying go.mod: private.example.com/team/lib.git@v1.0.0/go.mod: reading \(sumdb.url)/lookup/private.example.com/team/lib.git@v1.0.0: \(statusText)"
            ),
            "\(before.stderr)")
        #expect(before.stderr.contains("\tserver response: \(reason)"))

        #expect(try lab.goEnv(["-w", fix]).exitCode == 0)
        let after = try lab.goModDownload([Self.privateLib.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }
}
