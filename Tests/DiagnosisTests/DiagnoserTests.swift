import Diagnosis
import PlaybookSpec
import TestSupport
import Testing

/// Ranking with the shipped catalog: the root cause over the surface message, stages, precedence.
@Suite struct DiagnoserTests {
    static let catalog: Catalog = {
        guard case .success(let loaded) = CatalogLoader.load(file: GotriageBinary.shippedPlaybooks + "/causes.yaml") else {
            preconditionFailure("the shipped catalog does not load")
        }
        return loaded.catalog
    }()
    let diagnoser = Diagnoser(catalog: DiagnoserTests.catalog)

    @Test func aProxysNoSuchHostIsThePrivateModuleNotThisMachinesNetwork() {
        // The shape issue #9 quotes: the proxy could not resolve the private host; this machine can.
        let result = diagnoser.diagnose(
            """
            go: git.corp.test/team/lib@v1.2.0: reading https://proxy.golang.org/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found
            \tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path "git.corp.test/team/lib": https fetch: Get "https://git.corp.test/team/lib?go-get=1": dial tcp: lookup git.corp.test: no such host
            """)
        #expect(result.isKnown)
        #expect(result.causes.first?.cause == "private-module-proxy")
        #expect(result.causes.first?.facts["module"] == "git.corp.test/team/lib")
        #expect(result.causes.first?.facts["host"] == "git.corp.test")
        #expect(result.causes.first?.facts["proxy"] == "https://proxy.golang.org")
        #expect(!result.matches.contains { $0.signature == "network-no-such-host" })
    }

    @Test func aChecksumDatabasesGitErrorIsThePrivateModuleNotGitCredentials() {
        // The other case of issue #9: the lookup was answered 404 and the nested text is git's.
        let result = diagnoser.diagnose(
            """
            go: github.com/acme/private@v1.0.0: verifying go.mod: github.com/acme/private@v1.0.0/go.mod: reading https://sum.golang.org/lookup/github.com/acme/private@v1.0.0: 404 Not Found
            \tserver response:
            \tnot found: github.com/acme/private@v1.0.0: invalid version: git ls-remote -q origin in /tmp/gopath/pkg/mod/cache/vcs/0123: exit status 128:
            \t\tfatal: could not read Username for 'https://github.com': terminal prompts disabled
            """)
        #expect(result.causes.first?.cause == "private-module-sumdb")
        #expect(result.causes.first?.facts["sumdb"] == "sum.golang.org")
        #expect(!result.matches.contains { $0.cause == "https-credentials" })
    }

    @Test func theSameGitErrorOnThisMachineIsGitCredentials() {
        // go 1.16 in a public report (meroxa/cli#136): git ran here and could not ask for a password.
        let result = diagnoser.diagnose(
            """
            go: github.com/meroxa/meroxa-go@v0.0.0-20210426150351-91d304d1dc66: invalid version: git fetch -f origin refs/heads/*:refs/heads/* refs/tags/*:refs/tags/* in /Users/jj/go/pkg/mod/cache/vcs/71a674a412aadf62e5b2139080161bcb281719f14a92bd858bb28986fb7c4171: exit status 128:
            \tfatal: could not read Username for 'https://github.com': terminal prompts disabled
            """)
        #expect(result.causes.first?.cause == "https-credentials")
        #expect(result.causes.first?.facts["url"] == "https://github.com")
        #expect(result.causes.prefix(3).contains { $0.cause == "repo-not-found" }, "a missing repository asks for a login too")
    }

    @Test func aProxyBehindAnHTTPProxyOutranksTheConnectionRefused() {
        // go 1.19.8, HTTPS_PROXY pointing at a dead port (scripts/capture-local-scenarios.py)
        let result = diagnoser.diagnose(
            """
            go: example.com/hello@v1.0.0: Get "https://proxy.golang.org/example.com/hello/@v/v1.0.0.info": proxyconnect tcp: dial tcp 127.0.0.1:PORT: connect: connection refused
            """)
        #expect(result.causes.first?.cause == "proxy-misconfig")
        let refused = result.matches.first { $0.signature == "network-connection-refused" }
        #expect(refused?.outranked == true)
    }

    @Test func verifyingWithoutGoPrefixNamesTheModule() {
        // go 1.19.8
        let result = diagnoser.diagnose(
            """
            verifying example.com/hello@v1.0.0/go.mod: checksum mismatch
            \tdownloaded: h1:KiOQ06xjfGr6WWAyTSh0fAZKdtLtQXwyzx0F7zRiA2I=
            \tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=
            """)
        #expect(result.causes.first?.cause == "checksum-mismatch")
        #expect(result.causes.first?.facts["module"] == "example.com/hello")
        #expect(result.causes.first?.facts["version"] == "v1.0.0")
        #expect(result.causes.first?.evidence.map(\.number) == [1])
    }

    @Test func aRequiresChainSaysWhatPulledTheModuleIn() {
        // go 1.24.11, go mod tidy
        let result = diagnoser.diagnose(
            """
            go: example.com/a@v1.0.0 requires
            \texample.com/b@v1.2.0: reading file:///LAB/proxy/example.com/b/@v/v1.2.0.mod: no such file or directory
            """)
        #expect(result.causes.first?.cause == "unknown-revision")
        #expect(result.causes.first?.facts["module"] == "example.com/b")
        #expect(result.causes.first?.facts["requiredby"] == "example.com/a@v1.0.0")
    }

    @Test func inAMessyCILogTheErrorIsFound() {
        // go 1.19.8's error (GOPROXY=off) inside GitHub Actions timestamps and colour codes
        let result = diagnoser.diagnose(
            """
            2024-05-01T10:20:29.0000000Z ##[group]Run go mod download
            2024-05-01T10:20:30.1234567Z \u{1B}[36;1mgo mod download\u{1B}[0m
            2024-05-01T10:20:31.1234567Z go: module lookup disabled by GOPROXY=off
            2024-05-01T10:20:31.2000000Z ##[error]Process completed with exit code 1.
            """)
        #expect(result.causes.first?.cause == "goproxy-off")
        #expect(result.causes.first?.evidence.map(\.number) == [3])
    }

    @Test func unrelatedTextIsNoKnownCause() {
        let result = diagnoser.diagnose("main.go:12:2: undefined: fmt.Printl\nFAIL\texample.com/app [build failed]\n")
        #expect(!result.isKnown)
    }

    @Test func atMostThreeCausesBestFirst() {
        let result = diagnoser.diagnose(
            """
            go: github.com/pkg/errors@v0.9.1: Get "https://proxy.golang.org/github.com/pkg/errors/@v/v0.9.1.info": dial tcp: lookup proxy.golang.org on 10.255.255.53:53: no such host
            """)
        #expect(result.causes.count <= 3)
        #expect(result.causes.map(\.score) == result.causes.map(\.score).sorted(by: >))
        #expect(result.causes.first?.cause == "network-unreachable")
    }
}
