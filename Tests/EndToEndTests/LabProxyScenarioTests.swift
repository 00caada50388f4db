import Foundation
import TestSupport
import Testing

/// Lab scenarios around HTTP(S) proxies and vanity import paths.
///
/// Go never sends loopback requests through HTTP(S)_PROXY, so these scenarios use the module
/// `vanity.example.com/team/lib`, a name only the lab forward proxy knows: it routes
/// `vanity.example.com:443` (CONNECT) and `:80` (absolute-URI GET) to lab servers. The
/// `?go-get=1` page points at the lab git server. GOPROXY and GOSUMDB are dead ports, so the
/// downloads also prove that GOPRIVATE keeps go away from both. Each runs on every release in
/// `GoRelease.all`, and every release prints the texts quoted below (`Corpus/lab/`).
@Suite struct LabProxyScenarioTests {
    static let vanity = (path: "vanity.example.com/team/lib", version: "v1.0.0")
    static let pageURL = "https://vanity.example.com/team/lib?go-get=1"

    /// A lab with the vanity module in a git server and a GOENV file making it private.
    struct Setup {
        let lab: Lab
        let git: LabServer
        let consumer: URL

        /// Builds it with `release`'s go.
        init(release: GoRelease = .labDefault) throws {
            lab = try Lab.make(release: release)
            git = try lab.startGitServer(repos: [LabProxyScenarioTests.vanity], user: nil, password: nil)
            try lab.writeGoEnvFile([
                "GOPROXY=http://127.0.0.1:\(try DeadPort.make())", "GOPRIVATE=vanity.example.com",
                try Lab.deadSumDB()
            ])
            consumer = try lab.makeConsumer(requiring: [LabProxyScenarioTests.vanity])
        }

        /// The working go-import page for the vanity module.
        var goodPage: String {
            Lab.goImportPage(content: "vanity.example.com/team/lib git \(git.url)/team/lib.git")
        }

        func download(_ environment: [String: String]) throws -> (exitCode: Int32, stdout: String, stderr: String) {
            try lab.goModDownload([LabProxyScenarioTests.vanity.path], in: consumer, extraEnvironment: environment)
        }

        func remove() {
            git.stop()
            lab.remove()
        }
    }

    enum BadProxy: String, CaseIterable, Sendable {
        case dead, forbidden, badGateway
    }

    // proxy-misconfig. go 1.19 prints `go: unrecognized import path "vanity.example.com/team/lib":
    // https fetch: Get "https://vanity.example.com/team/lib?go-get=1": ` followed by
    //   dead:       proxyconnect tcp: dial tcp 127.0.0.1:D: connect: connection refused
    //   forbidden:  Forbidden      (the interceptor answered CONNECT with 403; go prints only the reason)
    //   badGateway: Bad Gateway    (502)
    // Fix: HTTPS_PROXY naming the working proxy. (Removing the variable or NO_PROXY=vanity.example.com
    // would make go resolve vanity.example.com itself — a DNS query, so not run here.)
    @Test(arguments: GoRelease.all, BadProxy.allCases)
    func brokenHttpsProxyIsFixedByTheRightProxy(release: GoRelease, bad: BadProxy) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        let certificate = try setup.lab.makeCertificate(dnsNames: ["vanity.example.com"])
        let pages = try setup.lab.startPageServer(pages: ["/team/lib": setup.goodPage], certificate: certificate)
        defer { pages.stop() }
        let forward = try setup.lab.startForwardProxy(routes: ["vanity.example.com:443": pages.port])
        defer { forward.stop() }
        var interceptor: LabServer?
        defer { interceptor?.stop() }
        let badURL: String
        let expected: String
        switch bad {
        case .dead:
            let dead = try DeadPort.make()
            badURL = "http://127.0.0.1:\(dead)"
            expected = "proxyconnect tcp: dial tcp 127.0.0.1:\(dead): connect: connection refused"
        case .forbidden, .badGateway:
            let code = bad == .forbidden ? 403 : 502
            interceptor = try setup.lab.startStatusServer(code: code, body: "blocked by policy")
            badURL = interceptor?.url ?? ""
            expected = bad == .forbidden ? "Forbidden" : "Bad Gateway"
        }
        let trust = ["SSL_CERT_FILE": certificate.caURL.path]

        let before = try setup.download(trust.merging(["HTTPS_PROXY": badURL]) { $1 })
        try setup.lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.vanity.path], cause: "proxy-misconfig", suite: Self.self, variant: "bad: \(bad)"
        )
        #expect(before.exitCode == 1)
        #expect(
            before.stderr.contains(
                "go: unrecognized import path \"vanity.example.com/team/lib\": https fetch: Get \"\(Self.pageURL)\": \(expected)\n"),
            "\(before.stderr)")

        let after = try setup.download(trust.merging(["HTTPS_PROXY": forward.url]) { $1 })
        #expect(after.exitCode == 0, "\(after.stderr)")
        #expect(forward.log.contains("\"CONNECT vanity.example.com:443 HTTP/1.1\" 200"))
    }

    // No false alarm: a dead HTTP(S)_PROXY does not matter for a GOPROXY on 127.0.0.1.
    @Test(arguments: GoRelease.all)
    func loopbackGoproxyIgnoresProxyVariables(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [("example.com/hello", "v1.0.0")])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [("example.com/hello", "v1.0.0")])
        let dead = "http://127.0.0.1:\(try DeadPort.make())"
        let result = try lab.goModDownload(
            ["example.com/hello"], in: consumer, extraEnvironment: ["HTTP_PROXY": dead, "HTTPS_PROXY": dead])
        #expect(result.exitCode == 0, "\(result.stderr)")
    }

    enum BadPage: String, CaseIterable, Sendable {
        case noMetaTag, missingPage, otherPrefix, tooFewFields
    }

    // import-path-meta. go 1.19 prints `go: unrecognized import path "vanity.example.com/team/lib": ` then
    //   noMetaTag:    parse https://vanity.example.com/team/lib?go-get=1: no go-import meta tags ()
    //   missingPage:  reading https://vanity.example.com/team/lib?go-get=1: 404 Not Found
    //                 \tserver response: not found
    //   otherPrefix:  parse …: no go-import meta tags (meta tag vanity.example.com/elsewhere did not
    //                 match import path vanity.example.com/team/lib)
    //   tooFewFields: parse …: no go-import meta tags ()   (a content with two fields is skipped)
    @Test(arguments: GoRelease.all, BadPage.allCases)
    func brokenGoImportPage(release: GoRelease, bad: BadPage) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        let certificate = try setup.lab.makeCertificate(dnsNames: ["vanity.example.com"])
        let page: [String: String]
        let expected: String
        switch bad {
        case .noMetaTag:
            page = ["/team/lib": "<html><head><title>lib</title></head></html>\n"]
            expected = "parse \(Self.pageURL): no go-import meta tags ()"
        case .missingPage:
            page = [:]
            expected = "reading \(Self.pageURL): 404 Not Found\n\tserver response: not found"
        case .otherPrefix:
            page = ["/team/lib": Lab.goImportPage(content: "vanity.example.com/elsewhere git \(setup.git.url)/team/lib.git")]
            expected =
                "parse \(Self.pageURL): no go-import meta tags (meta tag vanity.example.com/elsewhere"
                + " did not match import path vanity.example.com/team/lib)"
        case .tooFewFields:
            page = ["/team/lib": Lab.goImportPage(content: "vanity.example.com/team/lib git")]
            expected = "parse \(Self.pageURL): no go-import meta tags ()"
        }
        let pages = try setup.lab.startPageServer(pages: page, certificate: certificate)
        defer { pages.stop() }
        let forward = try setup.lab.startForwardProxy(routes: ["vanity.example.com:443": pages.port])
        defer { forward.stop() }

        let result = try setup.download(["HTTPS_PROXY": forward.url, "SSL_CERT_FILE": certificate.caURL.path])
        try setup.lab.recordForCorpus(
            result, command: ["go", "mod", "download", Self.vanity.path], cause: "import-path-meta", suite: Self.self,
            variant: "bad: \(bad)")
        #expect(result.exitCode == 1)
        #expect(
            result.stderr.contains(
                "go: unrecognized import path \"vanity.example.com/team/lib\": \(expected)"), "\(result.stderr)")
        #expect(!setup.git.log.contains("GET /"))
    }

    // The working go-import page: go follows it to the lab git server (a plain-http repository
    // URL in the tag is accepted by go 1.19 in module mode).
    @Test(arguments: GoRelease.all)
    func workingGoImportPageLeadsToTheGitServer(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        let certificate = try setup.lab.makeCertificate(dnsNames: ["vanity.example.com"])
        let pages = try setup.lab.startPageServer(pages: ["/team/lib": setup.goodPage], certificate: certificate)
        defer { pages.stop() }
        let forward = try setup.lab.startForwardProxy(routes: ["vanity.example.com:443": pages.port])
        defer { forward.stop() }

        let result = try setup.download(["HTTPS_PROXY": forward.url, "SSL_CERT_FILE": certificate.caURL.path])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(pages.log.contains("GET /team/lib?go-get=1"))
        #expect(setup.git.log.contains("GET /team/lib.git/info/refs?service=git-upload-pack"))
    }

    // insecure-http: vanity.example.com speaks plain HTTP only (port 443 too), reached through
    // the proxy's CONNECT tunnel. go 1.19 prints: go: unrecognized import path "vanity.example.com/team/lib":
    //   https fetch: Get "https://vanity.example.com/team/lib?go-get=1": tls: first record does not look like a TLS handshake
    // (Not run: without a proxy go 1.19 may word it "http: server gave HTTP response to HTTPS
    // client"; with nothing on 443 it is "dial tcp …:443: connect: connection refused".)
    // Fix: GOINSECURE=vanity.example.com — go then retries the page over http (through HTTP_PROXY).
    @Test(arguments: GoRelease.all)
    func plainHttpHostIsFixedByGoinsecure(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        let pages = try setup.lab.startPageServer(pages: ["/team/lib": setup.goodPage])
        defer { pages.stop() }
        let forward = try setup.lab.startForwardProxy(
            routes: ["vanity.example.com:443": pages.port, "vanity.example.com:80": pages.port])
        defer { forward.stop() }
        let proxies = ["HTTPS_PROXY": forward.url, "HTTP_PROXY": forward.url]

        let before = try setup.download(proxies)
        try setup.lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.vanity.path], cause: "insecure-http", suite: Self.self)
        #expect(before.exitCode == 1)
        #expect(
            before.stderr.contains(
                "https fetch: Get \"\(Self.pageURL)\": tls: first record does not look like a TLS handshake"), "\(before.stderr)")

        #expect(try setup.lab.goEnv(["-w", "GOINSECURE=vanity.example.com"]).exitCode == 0)
        let after = try setup.download(proxies)
        #expect(after.exitCode == 0, "\(after.stderr)")
        #expect(forward.log.contains("\"GET http://vanity.example.com/team/lib?go-get=1 HTTP/1.1\" 200"))
    }
}
