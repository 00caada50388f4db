import Foundation
import TestSupport
import Testing

/// Lab scenarios where the tools work but the module request itself is wrong: a repository or
/// version that does not exist, a module declaring another path, a go.sum that disagrees. Each
/// runs on every release in `GoRelease.all`; newer releases print go 1.19's texts except where a
/// comment says otherwise (all texts: `Corpus/lab/`).
@Suite struct LabModuleScenarioTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    // repo-not-found. go 1.19 prints: go: private.example.com/team/nope.git@v1.0.0: invalid version:
    //   git ls-remote -q origin in <GOMODCACHE>/cache/vcs/<hash>: exit status 128:
    //   \tfatal: repository 'http://127.0.0.1:P/team/nope/' not found
    // go 1.21+ print only `go: no secure protocol found for repository`; the server log still shows
    // the 404 that git's https ping got.
    @Test(arguments: GoRelease.all)
    func repositoryNotFound(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let missing = (path: "private.example.com/team/nope.git", version: "v1.0.0")
        let consumer = try lab.makeConsumer(requiring: [missing])

        let result = try lab.goModDownload([missing.path], in: consumer)
        try lab.recordForCorpus(result, command: ["go", "mod", "download", missing.path], cause: "repo-not-found", suite: Self.self)
        #expect(result.exitCode == 1)
        if release.hidesGitErrorsOfUnreachableDotGitPaths {
            #expect(result.stderr == GoRelease.noSecureProtocol, "\(result.stderr)")
        } else {
            #expect(result.stderr.contains("go: private.example.com/team/nope.git@v1.0.0: invalid version:"), "\(result.stderr)")
            #expect(result.stderr.contains("\tfatal: repository '\(git.url)/team/nope/' not found"))
        }
        #expect(git.log.contains("\"GET /team/nope/info/refs?service=git-upload-pack HTTP/1.1\" 404"), "\(git.log)")
    }

    // unknown-revision. go 1.19 prints
    //   git:   go: private.example.com/team/lib.git@v1.9.9: invalid version: unknown revision v1.9.9
    //   proxy: go: example.com/hello@v1.9.9: reading http://127.0.0.1:P/example.com/hello/@v/v1.9.9.info: 404 Not Found
    //          \tserver response: not found
    // (A v9.9.9 requirement never reaches the network: `go.mod:5: require …: version "v9.9.9"
    // invalid: should be v0 or v1, not v9`.)
    @Test(arguments: GoRelease.all, [false, true])
    func unknownVersion(release: GoRelease, throughProxy: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", "GOSUMDB=off"])
        let path = throughProxy ? Self.hello.path : Self.privateLib.path
        let consumer = try lab.makeConsumer(requiring: [(path, "v1.9.9")])

        let result = try lab.goModDownload([path], in: consumer)
        try lab.recordForCorpus(
            result, command: ["go", "mod", "download", path], cause: "unknown-revision", suite: Self.self,
            variant: "throughProxy: \(throughProxy)")
        #expect(result.exitCode == 1)
        if throughProxy {
            #expect(
                result.stderr.contains(
                    "go: example.com/hello@v1.9.9: reading \(proxy.url)/example.com/hello/@v/v1.9.9.info: 404 Not Found"),
                "\(result.stderr)")
        } else {
            #expect(
                result.stderr == "go: private.example.com/team/lib.git@v1.9.9: invalid version: unknown revision v1.9.9\n",
                "\(result.stderr)")
        }
    }

    // path-mismatch. Only `go mod download` WITHOUT arguments (or go get/tidy/build) reads the
    // module's go.mod as a dependency; `go mod download <path>` succeeds. go 1.19 prints:
    //   go: example.com/mis@v1.0.0: parsing go.mod:
    //   \tmodule declares its path as: example.com/elsewhere
    //   \t        but was required as: example.com/mis
    // and for the case variant `… declares its path as: example.com/Sirupsen/logrus` /
    // `but was required as: example.com/sirupsen/logrus`.
    @Test(
        arguments: GoRelease.all,
        [
            ("example.com/mis", "example.com/elsewhere"),
            ("example.com/sirupsen/logrus", "example.com/Sirupsen/logrus")
        ])
    func modulePathMismatch(release: GoRelease, paths: (required: String, declared: String)) throws {
        let (required, declared) = paths
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [(required, "v1.0.0")], declaredPaths: [required: declared])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [(required, "v1.0.0")])

        let named = try lab.goModDownload([required], in: consumer)
        #expect(named.exitCode == 0, "\(named.stderr)")
        let result = try lab.goModDownload([], in: consumer)
        try lab.recordForCorpus(
            result, command: ["go", "mod", "download"], cause: "path-mismatch", suite: Self.self, variant: "required: \(required)")
        #expect(result.exitCode == 1)
        #expect(
            result.stderr == """
                go: \(required)@v1.0.0: parsing go.mod:
                \tmodule declares its path as: \(declared)
                \t        but was required as: \(required)

                """, "\(result.stderr)")
    }

    // Case mismatch in the request itself: the proxy has example.com/Upper/lib (escaped
    // `!upper/!lib`), the consumer asks for example.com/upper/lib. go 1.19 prints:
    //   go: example.com/upper/lib@v1.0.0: reading http://127.0.0.1:P/example.com/upper/lib/@v/v1.0.0.info: 404 Not Found
    @Test(arguments: GoRelease.all)
    func moduleCaseMismatch(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [("example.com/Upper/lib", "v1.0.0")])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [("example.com/upper/lib", "v1.0.0")])

        let result = try lab.goModDownload(["example.com/upper/lib"], in: consumer)
        try lab.recordForCorpus(
            result, command: ["go", "mod", "download", "example.com/upper/lib"], cause: "path-mismatch", suite: Self.self)
        #expect(result.exitCode == 1)
        #expect(
            result.stderr.contains(
                "go: example.com/upper/lib@v1.0.0: reading \(proxy.url)/example.com/upper/lib/@v/v1.0.0.info: 404 Not Found"),
            "\(result.stderr)")
    }

    // checksum-mismatch. go 1.19 prints (no `go:` prefix):
    //   verifying example.com/hello@v1.0.0: checksum mismatch
    //   \tdownloaded: h1:<real>
    //   \tgo.sum:     h1:AAAA…=
    //
    //   SECURITY ERROR
    //   This download does NOT match an earlier download recorded in go.sum.
    // Fix: delete the go.sum line; the next download records the real hash.
    @Test(arguments: GoRelease.all)
    func wrongGoSumLineIsFixedByRemovingIt(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let goSum = consumer.appendingPathComponent("go.sum")
        let forged = "h1:" + String(repeating: "A", count: 43) + "="
        try Data("example.com/hello v1.0.0 \(forged)\n".utf8).write(to: goSum)

        let before = try lab.goModDownload([Self.hello.path], in: consumer)
        try lab.recordForCorpus(before, command: ["go", "mod", "download", Self.hello.path], cause: "checksum-mismatch", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(before.stderr.hasPrefix("verifying example.com/hello@v1.0.0: checksum mismatch\n"), "\(before.stderr)")
        #expect(before.stderr.contains("\tgo.sum:     \(forged)\n"))
        #expect(before.stderr.contains("\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum."))

        try Data().write(to: goSum)
        let after = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
        let sums = try String(contentsOf: goSum, encoding: .utf8)
        #expect(sums.contains("example.com/hello v1.0.0 h1:") && !sums.contains(forged))
    }
}
