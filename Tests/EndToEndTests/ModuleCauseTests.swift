import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage run exit-status-128` against real broken lab environments for the causes of the
/// go-settings, private-modules, module-path and checksums playbooks: the walk reaches the cause id,
/// a `go env` fix makes the failing go command work with `--yes` and changes nothing without it,
/// and where the fix is not a Go setting, the conclusion names commands that really fix the lab.
@Suite struct ModuleCauseTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    // MARK: go-settings

    // goflags-invalid, GOENV file: `go version` itself fails ("go: parsing $GOFLAGS: unknown flag
    // -bogus"), so check-go routes to go-settings; `go env -u GOFLAGS` fixes it.
    @Test(arguments: GoRelease.all)
    func invalidGoflagsInTheGoEnvFileIsUnset(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off", "GOFLAGS=-bogus"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let events = try provesGoEnvFix(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"],
            cause: "goflags-invalid"
        ) {
            try lab.goModDownload([Self.hello.path], in: consumer)
        }.events
        #expect(lab.goEnvFileBytes == Lab.goEnvFileData(["GOPROXY=\(proxy.url)", "GOSUMDB=off"]))
        let proposed = events.lazy.compactMap(\.proposedFix).first
        #expect(proposed?.changes.first?.command == ["go", "env", "-u", "GOFLAGS"])
        let says = events.compactMap(\.saidText).joined(separator: "\n")
        #expect(says.contains("unknown flag -bogus"), "the evidence line is quoted: \(says)")
    }

    // goflags-invalid, shell environment: go env -w cannot override it, so the walk ends with the
    // `unset GOFLAGS` instruction — which really fixes it.
    @Test(arguments: GoRelease.all)
    func invalidGoflagsInTheShellIsAnInstruction(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let shell = ["GOFLAGS": "-bogus"]
        #expect(try lab.goModDownload([Self.hello.path], in: consumer, extraEnvironment: shell).exitCode == 1)

        let instructed = try provesInstructions(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"], cause: "goflags-invalid",
            environment: shell)
        let conclusion = instructed.conclusion
        #expect(conclusion.contains("unset GOFLAGS"), "\(conclusion)")
        #expect(try lab.goModDownload([Self.hello.path], in: consumer).exitCode == 0, "without GOFLAGS it works")
    }

    // goproxy-off family, -mod=vendor in GOFLAGS: go mod download works, go build fails with
    // "inconsistent vendoring"; gotriage sees -mod=vendor, confirms the vendoring error with
    // `go list -m`, and removes the flag (keeping any other flags).
    @Test(
        arguments: GoRelease.all,
        [
            ("-mod=vendor", ""),
            ("-trimpath -mod=vendor", "-trimpath"),
            ("-mod=vendor -trimpath -buildvcs=false", "-trimpath -buildvcs=false"),
            ("-trimpath -mod=vendor -buildvcs=false", "-trimpath -buildvcs=false")
        ])
    func modVendorInGoflagsIsRemoved(release: GoRelease, flags: (goflags: String, kept: String)) throws {
        let (goflags, kept) = flags
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off", "GOFLAGS=\(goflags)"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello], imports: [Self.hello.path])

        _ = try provesGoEnvFix(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"],
            cause: "goproxy-off"
        ) {
            try lab.run(["go", "build", "./..."], in: consumer)
        }
        #expect(try lab.goEnv(["GOFLAGS"]).stdout == kept + "\n", "only -mod=vendor goes, other flags stay")
    }

    // MARK: private-modules

    // private-module-sumdb: the module arrives through `direct`, then the lab sumdb answers the
    // lookup with 410 or 404. The user picks GOPRIVATE or GONOSUMDB (or, with a warning, GOSUMDB=off).
    @Test(
        arguments: GoRelease.all,
        [
            (410, "goprivate", "GOPRIVATE", "private.example.com"),
            (404, "gonosumdb", "GONOSUMDB", "private.example.com"),
            (410, "gosumdb-off", "GOSUMDB", "off")
        ])
    func privateModuleCheckedAgainstTheSumdb(
        release: GoRelease, answer: (status: Int, choice: String, key: String, value: String)
    ) throws {
        let (status, choice, key, value) = answer
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        let sumdb = try lab.startStatusServer(
            code: status, body: "not found: \(Self.privateLib.path)@v1.0.0: invalid version: unknown revision v1.0.0")
        defer { sumdb.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url),direct", "GOSUMDB=sum.golang.org \(sumdb.url)"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let events = try provesGoEnvFix(
            lab: lab, consumer: consumer,
            answers: ["module=\(Self.privateLib.path)", "sumdb_fix=\(choice)"],
            cause: "private-module-sumdb"
        ) {
            try lab.goModDownload([Self.privateLib.path], in: consumer)
        }.events
        #expect(try lab.goEnv([key]).stdout == value + "\n")
        let asked = events.lazy.compactMap(\.asked).first
        #expect(asked?.choices == ["goprivate", "gonosumdb", "gosumdb-off"])
        let warned = events.contains { $0.saidText?.contains("Warning: GOSUMDB=off") == true }
        #expect(warned == (choice == "gosumdb-off"), "the warning comes exactly when GOSUMDB=off is chosen")
    }

    // private-module-proxy with a proxy answering 410 Gone and a GOPRIVATE that already lists
    // another host: listing the module's versions fails too (so it is private, not a missing
    // version), and the host is appended to GOPRIVATE.
    @Test(arguments: GoRelease.all)
    func privateModuleBehindAGoneProxyIsAppendedToGoprivate(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello], gone: true)
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=other.example.com", try Lab.deadSumDB()])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])

        let events = try provesGoEnvFix(
            lab: lab, consumer: consumer, answers: ["module=\(Self.privateLib.path)"],
            cause: "private-module-proxy"
        ) {
            try lab.goModDownload([Self.privateLib.path], in: consumer)
        }.events
        #expect(try lab.goEnv(["GOPRIVATE"]).stdout == "other.example.com,private.example.com\n")
        let listing = probeOutputs(events, argvPrefix: ["go", "list", "-m", "-versions"])
        #expect(listing.count == 1 && listing.allSatisfy { $0.contains("410 Gone") }, "\(listing)")
    }

    // MARK: module-path

    // unknown-revision: through the proxy (a 404 for .info, which private-modules tells apart from
    // a private module because the proxy lists other versions) and through git.
    @Test(arguments: GoRelease.all, [true, false])
    func unknownVersionListsTheVersionsThatExist(release: GoRelease, throughProxy: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello, ("example.com/hello", "v1.1.0")])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", "GOSUMDB=off"])
        let path = throughProxy ? Self.hello.path : Self.privateLib.path
        let consumer = try lab.makeConsumer(requiring: [(path, "v1.9.9")])
        #expect(try lab.goModDownload([path], in: consumer).exitCode == 1)

        let instructed = try provesInstructions(
            lab: lab, consumer: consumer, answers: ["module=\(path)"], cause: "unknown-revision")
        let conclusion = instructed.conclusion
        let events = instructed.events
        let existing = throughProxy ? "v1.0.0 v1.1.0" : "v1.0.0"
        #expect(conclusion.contains("The versions that exist are: \(existing)."), "\(conclusion)")
        #expect(probeOutputs(events, argvPrefix: ["go", "list", "-m", "-versions"]).contains { $0.contains(existing) })
        let command = "go mod edit -require=\(path)@VERSION"
        #expect(conclusion.contains(command), "\(conclusion)")

        let edit = try lab.run(["go", "mod", "edit", "-require=\(path)@v1.0.0"], in: consumer)
        #expect(edit.exitCode == 0, "\(edit.stderr)")
        let after = try lab.goModDownload([path], in: consumer)
        #expect(after.exitCode == 0, "the instruction works: \(after.stderr)")
    }

    // path-mismatch: `go mod download <path>` works, only the whole build list shows the error.
    // Without a module answer the entry playbook finds the module with `go mod download`; with
    // one, the named download succeeds and module-path checks the build list.
    @Test(
        arguments: GoRelease.all,
        [
            ("example.com/mis", "example.com/elsewhere", false),
            ("example.com/sirupsen/logrus", "example.com/Sirupsen/logrus", true)
        ])
    func modulePathMismatchEndsWithTheReplaceCommand(
        release: GoRelease, paths: (required: String, declared: String, answered: Bool)
    ) throws {
        let (required, declared, answered) = paths
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(
            modules: [(required, "v1.0.0"), (declared, "v1.0.0")],
            declaredPaths: [required: declared])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [(required, "v1.0.0")])
        #expect(try lab.goModDownload([], in: consumer).exitCode == 1)

        let instructed = try provesInstructions(
            lab: lab, consumer: consumer, answers: answered ? ["module=\(required)"] : [], cause: "path-mismatch")
        let conclusion = instructed.conclusion
        let events = instructed.events
        #expect(conclusion.contains("calls itself \(declared)"), "\(conclusion)")
        let replace = "go mod edit -replace=\(required)=\(declared)@v1.0.0"
        #expect(conclusion.contains(replace), "\(conclusion)")
        #expect(
            probeOutputs(events, argvPrefix: ["grep", "-n"]).contains { $0.contains("\(required) v1.0.0") },
            "the go.mod line requiring it is shown")

        let edit = try lab.run(["go", "mod", "edit", "-replace=\(required)=\(declared)@v1.0.0"], in: consumer)
        #expect(edit.exitCode == 0, "\(edit.stderr)")
        let after = try lab.goModDownload([], in: consumer)
        #expect(after.exitCode == 0, "the instruction works: \(after.stderr)")
    }

    // import-path-meta: the vanity page has no go-import tag, or is missing (404).
    @Test(arguments: GoRelease.all, [false, true])
    func brokenGoImportPageShowsTheURLToCheck(release: GoRelease, missingPage: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let vanity = (path: "vanity.example.com/team/lib", version: "v1.0.0")
        try lab.writeGoEnvFile([
            "GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOPRIVATE=vanity.example.com", try Lab.deadSumDB()
        ])
        let consumer = try lab.makeConsumer(requiring: [vanity])
        let certificate = try lab.makeCertificate(dnsNames: ["vanity.example.com"])
        let pages = try lab.startPageServer(
            pages: missingPage ? [:] : ["/team/lib": "<html><head><title>lib</title></head></html>\n"],
            certificate: certificate)
        defer { pages.stop() }
        let forward = try lab.startForwardProxy(routes: ["vanity.example.com:443": pages.port])
        defer { forward.stop() }
        let network = ["HTTPS_PROXY": forward.url, "SSL_CERT_FILE": certificate.caURL.path]
        #expect(try lab.goModDownload([vanity.path], in: consumer, extraEnvironment: network).exitCode == 1)

        let instructed = try provesInstructions(
            lab: lab, consumer: consumer, answers: ["module=\(vanity.path)"], cause: "import-path-meta",
            environment: network)
        let conclusion = instructed.conclusion
        #expect(
            conclusion.contains("curl -sL 'https://vanity.example.com/team/lib?go-get=1' | grep go-import"),
            "\(conclusion)")
        #expect(conclusion.contains(missingPage ? "404 Not Found" : "no go-import meta tags"), "\(conclusion)")
        #expect(pages.log.contains("GET /team/lib?go-get=1"))
    }

    // MARK: checksums

    // checksum-mismatch: a forged go.sum line. The walk shows the go.sum line, warns about
    // tampering before it names go clean -modcache, and the go.sum instruction really fixes it.
    @Test(arguments: GoRelease.all)
    func checksumMismatchShowsTheGoSumLineAndWarns(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let goSum = consumer.appendingPathComponent("go.sum")
        let forged = "h1:" + String(repeating: "A", count: 43) + "="
        try Data("example.com/hello v1.0.0 \(forged)\n".utf8).write(to: goSum)

        let instructed = try provesInstructions(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"], cause: "checksum-mismatch")
        let conclusion = instructed.conclusion
        let events = instructed.events
        #expect(probeOutputs(events, argvPrefix: ["grep", "-n"]).contains { $0.contains("1:example.com/hello v1.0.0 \(forged)") })
        let warning = try #require(conclusion.range(of: "tampering"))
        let clean = try #require(conclusion.range(of: "go clean -modcache"))
        #expect(warning.lowerBound < clean.lowerBound, "the warning comes before go clean -modcache: \(conclusion)")
        #expect(conclusion.contains("go.sum says example.com/hello v1.0.0 has checksum \(forged)"), "\(conclusion)")
        #expect(conclusion.contains("go mod download example.com/hello"))

        try Data().write(to: goSum)
        let after = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(after.exitCode == 0, "deleting the line and downloading again works: \(after.stderr)")
    }
}
