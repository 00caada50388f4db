import Foundation
import TestSupport
import Testing

/// Proves that the fault lab reproduces each `go mod download` failure with the real go (every
/// release in `GoRelease.all`) and git, and that the matching `go env -w` fix (applied here with
/// the real go) clears it. The comments quote go 1.19 and what newer releases print differently;
/// every release's full texts are in `Corpus/lab/`.
///
/// Every scenario downloads inside a consumer module (`go mod download <path>`), which in go 1.19
/// resolves the version from go.mod and records go.sum; `-x` is left off so stderr is only the error.
@Suite struct LabScenarioTests {
    static let hello = LabModule.hello
    /// VCS-qualified (`.git`) so go 1.19 runs git on `https://private.example.com/team/lib` directly
    /// (no `?go-get=1` page lookup, which git's insteadOf could not redirect and DNS would fail).
    static let privateLib = LabModule.privateLib

    /// Runs `go mod download path` in `consumer`.
    func download(_ lab: Lab, _ path: String, in consumer: URL) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        try lab.run(["go", "mod", "download", path], in: consumer)
    }

    func goEnvWrite(_ lab: Lab, _ setting: String) throws {
        let result = try lab.run(["go", "env", "-w", setting])
        #expect(result.exitCode == 0, "go env -w \(setting): \(result.stderr)")
    }

    /// A GOSUMDB setting that fails loudly (connection refused) if go ever consults the sumdb.
    func deadSumDB() throws -> String {
        "GOSUMDB=sum.golang.org http://127.0.0.1:\(try DeadPort.make())"
    }

    // 1. go 1.19 prints: go: module lookup disabled by GOPROXY=off
    @Test(arguments: GoRelease.all)
    func goproxyOffIsFixedByPointingAtTheProxy(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let before = try download(lab, Self.hello.path, in: consumer)
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.hello.path], cause: "goproxy-off", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr.contains("module lookup disabled by GOPROXY=off"), "\(before.stderr)")

        try goEnvWrite(lab, "GOPROXY=\(proxy.url)")
        #expect(lab.goEnvFileBytes == Lab.goEnvFileData(["GOPROXY=\(proxy.url)", "GOSUMDB=off"]))
        let after = try download(lab, Self.hello.path, in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
        let sums = try String(contentsOf: consumer.appendingPathComponent("go.sum"), encoding: .utf8)
        #expect(sums.contains("example.com/hello v1.0.0 h1:"))
        #expect(proxy.log.contains("GET /example.com/hello/@v/v1.0.0.zip"))
    }

    // 2. go 1.19 prints: go: example.com/hello@v1.0.0: Get "http://127.0.0.1:PORT/example.com/hello/@v/v1.0.0.info":
    //    dial tcp 127.0.0.1:PORT: connect: connection refused
    @Test(arguments: GoRelease.all)
    func deadProxyIsFixedByPointingAtTheWorkingProxy(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let dead = try DeadPort.make()
        try lab.writeGoEnvFile(["GOPROXY=http://127.0.0.1:\(dead)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let before = try download(lab, Self.hello.path, in: consumer)
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.hello.path], cause: "network-unreachable", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr.contains("dial tcp 127.0.0.1:\(dead): connect: connection refused"), "\(before.stderr)")

        try goEnvWrite(lab, "GOPROXY=\(proxy.url)")
        let after = try download(lab, Self.hello.path, in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // 3. go 1.19 prints (404):  go: private.example.com/team/lib.git@v1.0.0: reading
    //      http://127.0.0.1:PORT/private.example.com/team/lib.git/@v/v1.0.0.info: 404 Not Found
    //      \tserver response: not found
    //    and with a 410 proxy the same with "410 Gone" / "server response: gone".
    // GOSUMDB points at a dead port: GOPRIVATE alone must suffice because it implies GONOSUMDB.
    @Test(arguments: GoRelease.all, [false, true])
    func privateModuleIsFixedByGoprivate(release: GoRelease, proxyAnswersGone: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello], gone: proxyAnswersGone)
        defer { proxy.stop() }
        let git = try lab.startGitServer(
            repos: [(Self.privateLib.path, Self.privateLib.version)], user: nil, password: nil)
        defer { git.stop() }
        try lab.gitInsteadOf(git.url + "/", for: "https://private.example.com/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", try deadSumDB()])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try download(lab, Self.privateLib.path, in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "private-module-proxy", suite: Self.self,
            variant: "proxyAnswersGone: \(proxyAnswersGone)")
        #expect(before.exitCode == 1)
        let status = proxyAnswersGone ? "410 Gone" : "404 Not Found"
        #expect(
            before.stderr.contains(
                "reading \(proxy.url)/private.example.com/team/lib.git/@v/v1.0.0.info: \(status)"), "\(before.stderr)")
        #expect(!git.log.contains("GET /"))

        try goEnvWrite(lab, "GOPRIVATE=private.example.com")
        let after = try download(lab, Self.privateLib.path, in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
        // go 1.19 drops the .git qualifier from the URL it hands to git; http-backend finds lib.git.
        #expect(git.log.contains("GET /team/lib/info/refs?service=git-upload-pack"))
    }

    // 3b. With `,direct` and no GOPRIVATE, the fetch through git works but the checksum lookup
    //     fails. go 1.19 prints: go: private.example.com/team/lib.git@v1.0.0: verifying go.mod:
    //     private.example.com/team/lib.git@v1.0.0/go.mod: Get "http://127.0.0.1:PORT/lookup/
    //     private.example.com/team/lib.git@v1.0.0": dial tcp 127.0.0.1:PORT: connect: connection refused
    //     (with the default GOSUMDB the URL is https://sum.golang.org/lookup/… and the error a
    //     DNS "no such host" — not run here, it would leave loopback).
    @Test(arguments: GoRelease.all)
    func privateModuleThroughDirectNeedsGonosumdb(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(
            repos: [(Self.privateLib.path, Self.privateLib.version)], user: nil, password: nil)
        defer { git.stop() }
        try lab.gitInsteadOf(git.url + "/", for: "https://private.example.com/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url),direct", try deadSumDB()])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try download(lab, Self.privateLib.path, in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "private-module-sumdb", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr.contains("verifying go.mod: private.example.com/team/lib.git@v1.0.0/go.mod"), "\(before.stderr)")
        #expect(before.stderr.contains("/lookup/private.example.com/team/lib.git@v1.0.0"))
        #expect(before.stderr.contains("connection refused"))

        try goEnvWrite(lab, "GONOSUMDB=private.example.com")
        let after = try download(lab, Self.privateLib.path, in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }

    // 4. go 1.19 prints: go: private.example.com/team/lib.git@v1.0.0: invalid version: git ls-remote -q
    //    origin in <GOMODCACHE>/cache/vcs/<hash>: exit status 128:
    //    \tfatal: could not read Username for 'http://127.0.0.1:PORT': terminal prompts disabled
    //    Confirm the import path was entered correctly.
    //    If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.
    // For a `.git` path go pings https, git+ssh and ssh; when all fail it falls back to
    // git://private.example.com/team/lib without pinging. The lab maps git:// to the server too, so
    // the credential error surfaces; without that mapping go 1.19 prints
    // "fatal: unable to look up private.example.com (port 9418) (Name or service not known)".
    // go 1.21+ never fall back to git:// and print only `go: no secure protocol found for
    // repository`; the server log still shows the 401 that git's https ping got.
    @Test(arguments: GoRelease.all)
    func basicAuthIsFixedByNetrc(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(
            repos: [(Self.privateLib.path, Self.privateLib.version)], user: "alice", password: "s3cret")
        defer { git.stop() }
        try lab.gitInsteadOf(git.url + "/", for: "https://private.example.com/")
        try lab.gitInsteadOf(git.url + "/", for: "git://private.example.com/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", try deadSumDB()])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let before = try download(lab, Self.privateLib.path, in: consumer)
        try lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.privateLib.path], cause: "https-credentials", suite: Self.self)
        #expect(before.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(before.stderr == GoRelease.noSecureProtocol, "\(before.stderr)")
        } else {
            #expect(
                before.stderr.contains(
                    "could not read Username for '\(git.url)': terminal prompts disabled"), "\(before.stderr)")
        }
        #expect(git.log.contains("\" 401 "))

        try lab.writeNetrc(machine: "127.0.0.1", login: "alice", password: "s3cret")
        let after = try download(lab, Self.privateLib.path, in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }
}
