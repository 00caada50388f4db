import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage run exit-status-128` reaching each cause of the network playbook in a real lab:
/// network-unreachable (a dead proxy in the GOPROXY list; a code host that does not answer),
/// proxy-misconfig, tls-untrusted-ca and insecure-http.
@Suite struct NetworkCauseTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    /// Runs `gotriage run exit-status-128 --json` for `module` with `answers` (NAME=VALUE).
    func triage(
        _ lab: Lab, module: String, in consumer: URL, answers: [String] = [], yes: Bool = false,
        environment: [String: String] = [:]
    ) throws -> Triage {
        let answers = ["module=\(module)"] + answers
        // Before the run that may change things, dry runs of every playbook in the same lab must not.
        if yes { try expectDryRunsChangeNothing(lab: lab, consumer: consumer, answers: answers, environment: environment) }
        return try Triage.run(lab, in: consumer, answers: answers, yes: yes, environment: environment)
    }

    /// The stdout of the walk's `gotriage probe SUBCOMMAND` step.
    func probeOutput(_ events: [JSONEvent], _ subcommand: String) -> String {
        events.lazy.compactMap(\.probeEnded).first { probe in
            probe.argv.count > 2 && probe.argv[1] == "probe" && probe.argv[2] == subcommand
        }?.stdout ?? ""
    }

    /// The `end` event's outcome, cause and conclusion (nil, nil, "" when the last line is not the end).
    func end(_ events: [JSONEvent]) -> (outcome: JSONEvent.End.Outcome?, cause: String?, conclusion: String) {
        let last = events.last?.ended
        return (last?.outcome, last?.cause, last?.conclusion ?? "")
    }

    // network-unreachable, fixed: GOPROXY="<dead>,<lab proxy>". With ',' go falls back only on
    // 404/410, so the dead first entry fails the download (go 1.19: `Get "http://127.0.0.1:D/
    // example.com/hello/@v/v1.0.0.info": dial tcp 127.0.0.1:D: connect: connection refused`).
    // Both entries are probed in one step; the dead one is named and replaced after a yes.
    @Test(arguments: GoRelease.all)
    func deadProxyInTheListIsNamedAndReplaced(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let dead = "http://127.0.0.1:\(try DeadPort.make())"
        try lab.writeGoEnvFile(["GOPROXY=\(dead),\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        #expect(try lab.goModDownload([Self.hello.path], in: consumer).exitCode == 1)
        let goenvBefore = lab.goEnvFileBytes

        let dry = try triage(lab, module: Self.hello.path, in: consumer, answers: ["goproxy=\(proxy.url)"])
        #expect(dry.exitCode == 4, "\(dry.transcript)")
        #expect(lab.goEnvFileBytes == goenvBefore)
        let probe = probeOutput(dry.events, "http")
        #expect(probe.contains("dead: \(dead) (refused)"), "\(probe)")
        #expect(probe.contains("\(dead) tcp: refused: connection to "), "\(probe)")
        #expect(probe.contains("\(proxy.url) http: "), "\(probe)")
        #expect(probe.contains("\(proxy.url) verdict: reachable"), "\(probe)")
        #expect(probe.contains("slowest: \(proxy.url) ("), "\(probe)")
        #expect(probe.contains("survey: 1 of 2 reachable, probed at the same time in "), "\(probe)")

        let fixed = try triage(lab, module: Self.hello.path, in: consumer, answers: ["goproxy=\(proxy.url)"], yes: true)
        #expect(fixed.exitCode == 0, "\(fixed.transcript)")
        #expect(end(fixed.events).outcome == .resolved)
        #expect(end(fixed.events).cause == "network-unreachable")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == proxy.url + "\n")
        #expect(try lab.goModDownload([Self.hello.path], in: consumer).exitCode == 0)
    }

    // network-unreachable, instructions: a private module fetched directly with git, whose server
    // does not answer. go 1.19 prints `… invalid version: git ls-remote -q origin in …: exit status
    // 128:\n\tfatal: unable to access 'http://127.0.0.1:D/team/lib/': Failed to connect to 127.0.0.1
    // port D after 0 ms: Couldn't connect to server`. go 1.21+ print only `go: no secure protocol
    // found for repository`; the walk then asks git the way go did and reads the same git error.
    @Test(arguments: GoRelease.all)
    func unreachableCodeHostGetsInstructions(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let dead = "http://127.0.0.1:\(try DeadPort.make())"
        try lab.routeGitHost("private.example.com", to: dead + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOPRIVATE=private.example.com", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])
        let before = try lab.goModDownload([Self.privateLib.path], in: consumer)
        let gitSays = "unable to access '\(dead)/team/lib/': Failed to connect"
        #expect(before.stderr.contains(GitCauseTests.goPrints(gitSays, on: release)), "\(before.stderr)")
        let goenvBefore = lab.goEnvFileBytes

        let run = try triage(lab, module: Self.privateLib.path, in: consumer, yes: true)
        #expect(run.exitCode == 1, "\(run.transcript)")
        let (outcome, cause, conclusion) = end(run.events)
        #expect(outcome == .notResolved)
        #expect(cause == "network-unreachable", "\(run.transcript)")
        #expect(conclusion.contains("cannot reach \(dead)/team/lib/ (refused)"), "\(conclusion)")
        #expect(conclusion.contains("git ls-remote \(dead)/team/lib/"), "\(conclusion)")
        #expect(conclusion.contains("curl -sSI \(dead)/team/lib/"), "\(conclusion)")
        #expect(probeOutput(run.events, "http").contains("from-error: \(dead)/team/lib/"))
        #expect(!run.events.contains { $0.kind == .fixProposed })
        #expect(lab.goEnvFileBytes == goenvBefore)
    }

    // proxy-misconfig: HTTPS_PROXY is dead, or an interceptor answers CONNECT with 403 / 502
    // (errors recorded in LabProxyScenarioTests). gotriage shows the variables and git's
    // http.proxy with passwords hidden, probes the proxy, and tells the exact shell commands.
    @Test(arguments: GoRelease.all, LabProxyScenarioTests.BadProxy.allCases)
    func brokenHttpsProxyGetsShellCommands(release: GoRelease, bad: LabProxyScenarioTests.BadProxy) throws {
        let setup = try LabProxyScenarioTests.Setup(release: release)
        defer { setup.remove() }
        let lab = setup.lab
        let certificate = try lab.makeCertificate(dnsNames: ["vanity.example.com"])
        var interceptor: LabServer?
        defer { interceptor?.stop() }
        let proxyAddress: String
        switch bad {
        case .dead: proxyAddress = "127.0.0.1:\(try DeadPort.make())"
        case .forbidden, .badGateway:
            interceptor = try lab.startStatusServer(code: bad == .forbidden ? 403 : 502, body: "blocked by policy")
            proxyAddress = interceptor?.hostAndPort ?? ""
        }
        try lab.runGit(["config", "--file", lab.gitConfigURL.path, "http.proxy", "http://bob:gitpass@\(proxyAddress)"])
        let environment = ["HTTPS_PROXY": "http://alice:s3cret@\(proxyAddress)", "SSL_CERT_FILE": certificate.caURL.path]
        let goenvBefore = lab.goEnvFileBytes

        let run = try triage(
            lab, module: LabProxyScenarioTests.vanity.path, in: setup.consumer, yes: true,
            environment: environment)
        #expect(run.exitCode == 1, "\(run.transcript)")
        let (outcome, cause, conclusion) = end(run.events)
        #expect(outcome == .notResolved)
        #expect(cause == "proxy-misconfig", "\(run.transcript)")
        for command in [
            "unset HTTPS_PROXY https_proxy HTTP_PROXY http_proxy", "export NO_PROXY=vanity.example.com",
            "export HTTPS_PROXY=http://PROXY-HOST:PORT", "git config --global --unset http.proxy"
        ] {
            #expect(conclusion.contains(command), "\(conclusion)")
        }
        #expect(conclusion.contains("through the proxy \"http://REDACTED@\(proxyAddress)\""), "\(conclusion)")
        let variables = probeOutput(run.events, "proxy-env")
        #expect(variables.contains("HTTPS_PROXY=http://REDACTED@\(proxyAddress)"), "\(variables)")
        #expect(variables.contains("git http.proxy=http://REDACTED@\(proxyAddress)"), "\(variables)")
        let probe = probeOutput(run.events, "http")
        let page = LabProxyScenarioTests.pageURL
        #expect(probe.contains("\(page) proxy: go goes through http://REDACTED@\(proxyAddress) (from HTTPS_PROXY)"), "\(probe)")
        switch bad {
        case .dead: #expect(probe.contains("dead: \(page) (refused)"), "\(probe)")
        case .forbidden: #expect(probe.contains("\(page) http: 403 Forbidden"), "\(probe)")
        case .badGateway: #expect(probe.contains("\(page) http: 502 Bad Gateway"), "\(probe)")
        }
        #expect(!run.transcript.contains("s3cret") && !run.transcript.contains("gitpass"), "no password may be printed")
        #expect(!run.events.contains { $0.kind == .fixProposed })
        #expect(lab.goEnvFileBytes == goenvBefore)
    }

    // tls-untrusted-ca: the module proxy's certificate comes from a lab CA this machine does not
    // trust. go 1.19 prints `Get "https://127.0.0.1:P/example.com/hello/@v/v1.0.0.info": x509:
    // certificate signed by unknown authority`. The advice (trust the CA) really works.
    @Test(arguments: GoRelease.all)
    func untrustedAuthorityGetsTheCommandsToTrustIt(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let certificate = try lab.makeCertificate(dnsNames: [])
        let proxy = try lab.startProxy(modules: [Self.hello], certificate: certificate)
        defer { proxy.stop() }
        let proxyURL = "https://127.0.0.1:\(proxy.port)"
        try lab.writeGoEnvFile(["GOPROXY=\(proxyURL)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let before = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(before.stderr.contains("x509: certificate signed by unknown authority"), "\(before.stderr)")
        let goenvBefore = lab.goEnvFileBytes

        let run = try triage(lab, module: Self.hello.path, in: consumer, yes: true)
        #expect(run.exitCode == 1, "\(run.transcript)")
        let (outcome, cause, conclusion) = end(run.events)
        #expect(outcome == .notResolved)
        #expect(cause == "tls-untrusted-ca", "\(run.transcript)")
        #expect(conclusion.contains("sudo cp company-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates"))
        #expect(conclusion.contains("export SSL_CERT_FILE=/path/to/company-ca.crt"))
        #expect(!conclusion.contains("go env -w"), "never suggest GOINSECURE or -insecure: \(conclusion)")
        let probe = probeOutput(run.events, "http")
        #expect(
            probe.contains(
                "\(proxyURL) tls: tls-failed: certificate verify failed: unable to get local issuer certificate;"
                    + " certificate 'CN=gotriage lab server' issued by 'CN=gotriage lab CA'"), "\(probe)")
        let said = run.events.compactMap(\.saidText).joined(separator: "\n")
        #expect(said.contains("issued by \"CN=gotriage lab CA\""), "\(said)")
        #expect(!run.events.contains { $0.kind == .fixProposed })
        #expect(lab.goEnvFileBytes == goenvBefore)

        let trusted = try lab.goModDownload(
            [Self.hello.path], in: consumer,
            extraEnvironment: ["SSL_CERT_FILE": certificate.caURL.path])
        #expect(trusted.exitCode == 0, "the advice works: \(trusted.stderr)")
    }

    // insecure-http: vanity.example.com speaks plain HTTP only (errors recorded in
    // LabProxyScenarioTests). Fixed by GOINSECURE, appended to an existing value.
    @Test(arguments: GoRelease.all, ["", "other.example.com"])
    func plainHttpHostIsFixedByGoinsecure(release: GoRelease, existing: String) throws {
        let setup = try LabProxyScenarioTests.Setup(release: release)
        defer { setup.remove() }
        let lab = setup.lab
        if !existing.isEmpty {
            #expect(try lab.goEnv(["-w", "GOINSECURE=\(existing)"]).exitCode == 0)
        }
        let pages = try lab.startPageServer(pages: ["/team/lib": setup.goodPage])
        defer { pages.stop() }
        let forward = try lab.startForwardProxy(
            routes: ["vanity.example.com:443": pages.port, "vanity.example.com:80": pages.port])
        defer { forward.stop() }
        let proxies = ["HTTPS_PROXY": forward.url, "HTTP_PROXY": forward.url]
        let module = LabProxyScenarioTests.vanity.path
        #expect(try setup.download(proxies).exitCode == 1)
        let goenvBefore = lab.goEnvFileBytes

        let dry = try triage(lab, module: module, in: setup.consumer, environment: proxies)
        #expect(dry.exitCode == 4, "\(dry.transcript)")
        #expect(lab.goEnvFileBytes == goenvBefore, "without --yes the GOENV file must be byte-identical")
        let said = dry.events.compactMap(\.saidText).joined(separator: "\n")
        #expect(said.contains("traffic to that host is then NOT encrypted"), "\(said)")

        let fixed = try triage(lab, module: module, in: setup.consumer, yes: true, environment: proxies)
        #expect(fixed.exitCode == 0, "\(fixed.transcript)")
        #expect(end(fixed.events).outcome == .resolved)
        #expect(end(fixed.events).cause == "insecure-http", "\(fixed.transcript)")
        let expected = existing.isEmpty ? "vanity.example.com" : "\(existing),vanity.example.com"
        #expect(try lab.goEnv(["GOINSECURE"]).stdout == expected + "\n")
        #expect(try setup.download(proxies).exitCode == 0)
    }
}

extension Lab {
    /// Runs git with the lab environment and expects it to succeed.
    func runGit(_ arguments: [String]) throws {
        let result = try run(["git"] + arguments)
        guard result.exitCode == 0 else {
            throw LabError.commandFailed(argv: ["git"] + arguments, exitCode: result.exitCode, stderr: result.stderr)
        }
    }
}
