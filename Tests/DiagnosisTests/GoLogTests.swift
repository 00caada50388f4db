import Diagnosis
import Testing

/// The structure reader over real go output (captured by scripts/capture-local-scenarios.py and
/// the fault lab; /LAB and PORT stand for the scenario folder and a loopback port).
@Suite struct GoLogTests {
    @Test func requiresChainNamesTheFailingModuleAndWhatPulledItIn() {
        // go 1.19.8 and 1.24.11, go mod tidy
        let log = GoLog(
            text: """
                go: example.com/a@v1.0.0 requires
                \texample.com/b@v1.2.0: reading file:///LAB/proxy/example.com/b/@v/v1.2.0.mod: no such file or directory

                """)
        let error = try! #require(log.errors.first)
        #expect(error.module == ModuleVersion(path: "example.com/b", version: "v1.2.0"))
        #expect(error.requiredBy == [ModuleVersion(path: "example.com/a", version: "v1.0.0")])
        #expect(error.stages == [.proxy])
        #expect(error.fragments[0].text.hasPrefix("reading file:///LAB/proxy/example.com/b/@v/v1.2.0.mod"))
        #expect(error.fragments[0].lines.map(\.number) == [2])
    }

    @Test func progressLinesAreNotErrorsAndRepeatedErrorsCountOnce() {
        let log = GoLog(
            text: """
                go: example.com/a@v1.0.0 requires
                \texample.com/b@v1.2.0: reading file:///LAB/proxy/example.com/b/@v/v1.2.0.mod: no such file or directory
                go: downloading example.com/a v1.0.0
                go: example.com/a@v1.0.0 requires
                \texample.com/b@v1.2.0: reading file:///LAB/proxy/example.com/b/@v/v1.2.0.mod: no such file or directory
                """)
        #expect(log.records.count == 3)
        #expect(log.records[1].isProgress)
        #expect(log.errors.count == 1)
    }

    @Test func serverResponseIsTheProxysViewNotThisMachines() {
        // go 1.19 against the lab's proxy (Tests/EndToEndTests/LabScenarioTests.swift, scenario 3)
        let log = GoLog(
            text: """
                go: private.example.com/team/lib.git@v1.0.0: reading http://127.0.0.1:PORT/private.example.com/team/lib.git/@v/v1.0.0.info: 404 Not Found
                \tserver response: not found
                """)
        let error = try! #require(log.errors.first)
        #expect(error.module?.path == "private.example.com/team/lib.git")
        #expect(error.stages == [.proxy, .proxyResponse])
        #expect(error.fragments[1].text == "not found")
        #expect(error.fragments[1].lines.map(\.number) == [2])
    }

    @Test func checksumDatabaseAnswerIsTheDatabasesView() {
        // go 1.19.8 against the fetching checksum database of scripts/capture-local-scenarios.py
        let log = GoLog(
            text: """
                go: git.corp.test/team/lib@v1.2.0: verifying go.mod: git.corp.test/team/lib@v1.2.0/go.mod: reading http://127.0.0.1:PORT/lookup/git.corp.test/team/lib@v1.2.0: 404 Not Found
                \tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path "git.corp.test/team/lib": https fetch: Get "https://git.corp.test/team/lib?go-get=1": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host
                """)
        #expect(log.errors.first?.module == ModuleVersion(path: "git.corp.test/team/lib", version: "v1.2.0"))
        #expect(log.errors.first?.stages == [.sumdb, .sumdbResponse])
    }

    @Test func gitStderrAfterExitStatusIsItsOwnPiece() {
        // go 1.19.8, a git insteadOf rewrite to a missing repository
        let log = GoLog(
            text: """
                go: private.example.com/team/lib.git@v1.0.0: invalid version: git ls-remote -q origin in /LAB/gopath/pkg/mod/cache/vcs/9ce97365ceea476c6306da2a14dcaa6c9e250b735db500ea12169d7702f018e3: exit status 128:
                \tfatal: '/LAB/missing/nope.git' does not appear to be a git repository
                \tfatal: Could not read from remote repository.
                \t
                \tPlease make sure you have the correct access rights
                \tand the repository exists.
                """)
        let error = try! #require(log.errors.first)
        #expect(error.stages == [.vcs, .vcs])
        #expect(error.fragments[0].text.hasSuffix("exit status 128:"))
        #expect(error.fragments[1].text.hasPrefix("fatal: '/LAB/missing/nope.git' does not appear"))
        #expect(error.fragments[1].lines.first?.number == 2)
    }

    @Test func verifyingLineWithoutGoPrefixNamesTheModule() {
        // go 1.19.8 and 1.21.13: the checksum error is printed without "go: "
        let log = GoLog(
            text: """
                verifying example.com/hello@v1.0.0/go.mod: checksum mismatch
                \tdownloaded: h1:KiOQ06xjfGr6WWAyTSh0fAZKdtLtQXwyzx0F7zRiA2I=
                \tgo.sum:     h1:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=

                SECURITY ERROR
                This download does NOT match an earlier download recorded in go.sum.
                """)
        let error = try! #require(log.errors.first)
        #expect(error.module == ModuleVersion(path: "example.com/hello", version: "v1.0.0"))
        #expect(error.stages == [.verify])
        #expect(log.errors.count == 1, "SECURITY ERROR continues the error above the blank line")
    }

    @Test func jsonErrorFieldIsUnescapedAndNamesItsModule() {
        // go 1.19.8: go mod download -json with GOPROXY=off (scripts/capture-local-scenarios.py)
        let log = GoLog(
            text: """
                {
                \t"Path": "example.com/hello",
                \t"Version": "v1.0.0",
                \t"Error": "module lookup disabled by GOPROXY=off"
                }
                go: example.com/hello@v1.0.0: module lookup disabled by GOPROXY=off
                """)
        #expect(log.records.count == 2)
        let error = try! #require(log.records.first)
        #expect(error.module == ModuleVersion(path: "example.com/hello", version: "v1.0.0"))
        #expect(error.fragments.first?.text == "module lookup disabled by GOPROXY=off")
        #expect(error.lines.map(\.number) == [4])
    }

    @Test func jsonEscapesBecomeLinesAndTheServerResponseIsFound() {
        // go 1.19.8: go mod download -json against the fetching proxy of scripts/capture-local-scenarios.py
        let log = GoLog(
            text: """
                {
                \t"Path": "git.corp.test/team/lib",
                \t"Version": "v1.2.0",
                \t"Error": "git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:PORT/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found\\n\\tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path \\"git.corp.test/team/lib\\": https fetch: Get \\"https://git.corp.test/team/lib?go-get=1\\": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host"
                }
                go: git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:PORT/git.corp.test/team/lib/@v/v1.2.0.mod: 404 Not Found
                """)
        let error = try! #require(log.errors.first)
        #expect(error.module == ModuleVersion(path: "git.corp.test/team/lib", version: "v1.2.0"))
        #expect(error.stages == [.proxy, .proxyResponse])
        #expect(
            error.fragments[1].text.hasPrefix(
                "not found: git.corp.test/team/lib@v1.2.0: unrecognized import path \"git.corp.test/team/lib\""))
        #expect(error.lines.map(\.number) == [4, 4], "both lines come from the Error field on line 4")
    }

    @Test(arguments: [
        ("go: module lookup disabled by GOPROXY=off", Stage.local),
        ("go: parsing $GOFLAGS: unknown flag -modd", .local),
        ("go: go.mod requires go >= 1.99.0 (running go 1.21.13; GOTOOLCHAIN=local)", .toolchain),
        ("go: download go1.99.0 for linux/amd64: toolchain not available", .toolchain),
        ("go: GOVCS disallows using git for private private.example.com/team/lib.git; see 'go help vcs'", .vcs),
        ("go: inconsistent vendoring in /LAB/work:", .local),
        (
            "go: example.com/hello@v1.0.0: Get \"http://127.0.0.1:PORT/example.com/hello/@v/v1.0.0.info\": dial tcp 127.0.0.1:PORT: connect: connection refused",
            .proxy
        ),
        ("go: reading go.work: /LAB/work/go.work:3: unknown directive: uses", .local)
    ])
    func stageOfGosOwnWords(text: String, stage: Stage) {
        #expect(GoLog(text: text).errors.first?.stages.first == stage)
    }

    @Test func normalisationRemovesColourCIPrefixesQuotingAndIndentation() {
        let text =
            "2024-05-01T10:20:30.1234567Z \u{1B}[31mgo: module lookup disabled by GOPROXY=off\u{1B}[0m\r\n"
            + "> go: parsing $GOFLAGS: unknown flag -modd\r\n"
            + "#7 12.34 go: inconsistent vendoring in C:\\Users\\ana\\app:\n"
        let lines = LogNormalizer.lines(of: text).map(\.text)
        #expect(
            lines == [
                "go: module lookup disabled by GOPROXY=off", "go: parsing $GOFLAGS: unknown flag -modd",
                "go: inconsistent vendoring in C:\\Users\\ana\\app:"
            ])
    }

    @Test func commonIndentationGoesAndGosTabsStay() {
        let lines = LogNormalizer.lines(of: "    go: example.com/a@v1.0.0 requires\n    \texample.com/b@v1.2.0: x\n").map(\.text)
        #expect(lines == ["go: example.com/a@v1.0.0 requires", "\texample.com/b@v1.2.0: x"])
    }

    @Test func markdownFencesAreDropped() {
        let lines = LogNormalizer.lines(of: "```\n$ go mod download\ngo: module lookup disabled by GOPROXY=off\n```\n")
        #expect(lines.map(\.text) == ["$ go mod download", "go: module lookup disabled by GOPROXY=off"])
        #expect(lines.map(\.number) == [2, 3])
    }
}

/// The byte prefilter never hides a match: each pattern's literals occur in every text it matches.
@Suite struct RequiredLiteralsTests {
    @Test(arguments: [
        (
            "requires go >= (?<want>[0-9][^ ]*) \\(running go (?<have>[^;)]+); GOTOOLCHAIN=local\\)",
            "go: go.mod requires go >= 1.99.0 (running go 1.21.13; GOTOOLCHAIN=local)"
        ),
        (
            "dial tcp (?<address>\\S+): (?:i/o timeout|connect: connection timed out)|TLS handshake timeout",
            "Get \"https://proxy.golang.org/x/@v/list\": net/http: TLS handshake timeout"
        ),
        ("'(?<url>[^']+)' does not appear to be a git repository", "fatal: '/LAB/missing/nope.git' does not appear to be a git repository"),
        ("colou?r", "color")
    ])
    func literalsOfAMatchingPatternAreInTheText(pattern: String, text: String) throws {
        let compiled = try SignaturePattern(pattern)
        #expect(compiled.firstMatch(in: text) != nil)
    }
}
