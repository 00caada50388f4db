import Foundation
import TestSupport
import Testing
import TriageCLI

/// The proof that reports and `--json` keep no secret: secrets are planted everywhere a probe can
/// see them — the GOPROXY URL, the environment, ~/.netrc, git's http.extraHeader, a private key in
/// command output — and none of them reaches stdout or the report, while host and port do.
@Suite struct ReportRedactionTests {
    static let proxyToken = "ghp_Pr0xyT0kenAbCdEfGhIjKlMnOpQrStUvWx12"
    static let envToken = "ghp_EnvT0kenZyXwVuTsRqPoNmLkJiHgFeDcBa98"
    static let netrcPassword = "netrcPassw0rd-Qz7"
    static let bearer = "bearerSecret.abc.123"
    static let keyBody = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAAB"
    static var secrets: [String] { [proxyToken, envToken, netrcPassword, bearer, keyBody] }

    struct Planted {
        let lab: Lab
        let proxy: LabServer
        let playbooks: URL
    }

    func plant() throws -> Planted {
        let lab = try Lab.make()
        let proxy = try lab.startProxy(modules: [LabModule.hello])
        try lab.writeGoEnvFile(["GOPROXY=http://user:\(Self.proxyToken)@\(proxy.hostAndPort)", "GOSUMDB=off"])
        try lab.writeNetrc(machine: "127.0.0.1", login: "user", password: Self.netrcPassword)
        #expect(try lab.run(["git", "config", "--global", "http.extraHeader", "Authorization: Bearer \(Self.bearer)"]).exitCode == 0)
        let key = lab.root.appendingPathComponent("id_test")
        try Data("-----BEGIN OPENSSH PRIVATE KEY-----\n\(Self.keyBody)\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n".utf8).write(to: key)
        let playbooks = lab.root.appendingPathComponent("playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try Data(Self.leaky(home: lab.home.path, key: key.path, proxy: proxy.url).utf8)
            .write(to: playbooks.appendingPathComponent("leaky.yaml"))
        return Planted(lab: lab, proxy: proxy, playbooks: playbooks)
    }

    func walk(_ planted: Planted, _ extra: [String]) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        try planted.lab.gotriage(
            ["run", "leaky", "--json", "--playbooks", planted.playbooks.path] + extra,
            extraEnvironment: ["GITHUB_TOKEN": Self.envToken])
    }

    @Test(arguments: ["report.md", "report.json"])
    func noSecretReachesTheReportOrStdout(name: String) throws {
        let planted = try plant()
        defer {
            planted.proxy.stop()
            planted.lab.remove()
        }
        let file = planted.lab.root.appendingPathComponent(name)
        let result = try walk(planted, ["--report", file.path])
        #expect(result.exitCode == 1, "the fix is declined without --yes: \(result.stdout)\(result.stderr)")
        let report = try String(contentsOf: file, encoding: .utf8)

        for secret in Self.secrets {
            #expect(!report.contains(secret), "\(secret) leaked into \(name)")
            #expect(!result.stdout.contains(secret), "\(secret) leaked into stdout")
            #expect(!result.stderr.contains(secret), "\(secret) leaked into stderr")
        }
        // Each probe really saw its secret (the redacted form proves the text was there).
        for seen in [
            "http://REDACTED@\(planted.proxy.hostAndPort)", "GITHUB_TOKEN=REDACTED", "password REDACTED",
            "Authorization: Bearer REDACTED", "-----BEGIN OPENSSH PRIVATE KEY-----"
        ] {
            #expect(
                report.contains(seen) || report.contains(seen.replacingOccurrences(of: "\n", with: "\\n")),
                "\(name) should show \(seen)")
            #expect(result.stdout.contains(seen), "stdout should show \(seen)")
        }
        #expect(report.contains(planted.proxy.hostAndPort))
        let events = try JSONEvents(result.stdout)
        #expect(events.last?.kind == .end, "the redacted stream still decodes, to its end: \(result.stdout)")
        if name.hasSuffix(".json") {
            /// The one key of a JSON report this test reads.
            struct Header: Decodable { let redacted: Bool }
            #expect(try JSONDecoder().decode(Header.self, from: Data(report.utf8)).redacted)
        } else {
            #expect(report.contains("| **Outcome** | ✘ **not resolved** |"), "\(report)")
            #expect(report.contains("go env -w GOPROXY=\(planted.proxy.url)"))
        }
    }

    @Test func noRedactKeepsEverything() throws {
        let planted = try plant()
        defer {
            planted.proxy.stop()
            planted.lab.remove()
        }
        let file = planted.lab.root.appendingPathComponent("plain.md")
        let result = try walk(planted, ["--report", file.path, "--no-redact"])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        let report = try String(contentsOf: file, encoding: .utf8)
        for secret in Self.secrets {
            #expect(report.contains(secret), "--no-redact keeps \(secret) in the report")
            #expect(result.stdout.contains(secret), "--no-redact keeps \(secret) on stdout")
        }
        #expect(result.stderr.contains("NOT redacted"))
    }

    /// A playbook whose probes print every planted secret, then proposes a GOPROXY without userinfo.
    static func leaky(home: String, key: String, proxy: String) -> String {
        """
        gotriage: 1
        id: leaky
        title: Shows everything a probe can see
        summary: A test playbook whose commands print credentials.
        start: proxy
        steps:
          proxy:
            run:
              argv: [go, env, GOPROXY]
              capture:
                - stdout: '(?<proxy>\\S+)'
            next: environment
          environment:
            say: The proxy is {{proxy}}.
            run:
              argv: [env]
            branch:
              - if: {in: stdout, contains: GITHUB_TOKEN}
                goto: netrc
              - else: netrc
          netrc:
            run:
              argv: [cat, "\(home)/.netrc"]
            branch:
              - if: {in: stdout, contains: password}
                goto: header
              - else: header
          header:
            run:
              argv: [git, config, --global, --get, http.extraHeader]
            branch:
              - if: {in: stdout, contains: Bearer}
                goto: key
              - else: key
          key:
            run:
              argv: [cat, "\(key)"]
            branch:
              - if: {in: stdout, contains: PRIVATE KEY}
                goto: fix
              - else: fix
          fix:
            fix:
              reason: The proxy URL carries a password; use the proxy without it.
              set: {GOPROXY: "\(proxy)"}
            branch:
              - if: {fix: applied}
                goto: fixed
              - else: declined
          fixed:
            done: {outcome: resolved, cause: proxy-misconfig, conclusion: Fixed.}
          declined:
            done: {outcome: not-resolved, cause: proxy-misconfig, conclusion: Not changed.}
        """
    }
}
