import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

/// `route: causes`, the `signature` and `cause` tests, `- module: …` captures and `goto:
/// playbook:step`, walked over the shipped playbooks and cause catalog.
@Suite struct RouteTests {
    static let shipped: DecisionTree = {
        switch PlaybookSet.load(directories: [GotriageBinary.shippedPlaybooks]) {
        case .success(let knowledge): return knowledge.tree
        case .failure(let failure): preconditionFailure("the shipped playbooks do not load:\n\(failure)")
        }
    }()

    /// A walk of exit-status-128 for `module`, at its `reproduce` probe (go and git found).
    static func atReproduce(
        module: String = "git.corp.test/team/lib", goproxy: String = "https://proxy.golang.org,direct"
    ) throws -> Walk {
        var walk = try #require(Walk(tree: shipped, playbook: "exit-status-128", variables: ["module": module]))
        while true {
            switch walk.next().action {
            case .readGoEnv: walk.record(goEnv: ["GOPROXY": goproxy])
            case .say: continue
            case .run(let probe) where probe.step.step == "reproduce": return walk
            case .run: try walk.record(probe: ProbeObservation(exitCode: 0, stdout: "go version go1.19.8 linux/amd64\n"))
            case let other: throw WalkTestError.unexpected("\(other)")
            }
        }
    }

    static func jsonError(_ path: String, _ version: String, _ error: String) -> String {
        "{\n\t\"Path\": \"\(path)\",\n\t\"Version\": \"\(version)\",\n\t\"Error\": \"\(error)\"\n}\n"
    }

    @Test func aProxysNoSuchHostRoutesToThePrivateModuleNotTheNetwork() throws {
        // go 1.19.8: the proxy could not reach the private origin; this machine's network is fine.
        var walk = try Self.atReproduce()
        try walk.record(
            probe: ProbeObservation(
                exitCode: 1,
                stdout: Self.jsonError(
                    "git.corp.test/team/lib", "v1.2.0",
                    #"git.corp.test/team/lib@v1.2.0: reading http://127.0.0.1:40213/git.corp.test/team/lib/@v/v1.2.0.info: 404 Not Found\n\tserver response: not found: git.corp.test/team/lib@v1.2.0: unrecognized import path \"git.corp.test/team/lib\": https fetch: Get \"https://git.corp.test/team/lib?go-get=1\": dial tcp: lookup git.corp.test on 10.255.255.53:53: no such host"#
                )))
        let decision = try #require(walk.decisions.last)
        #expect(decision.target == StepAddress(playbook: "private-modules", step: "triage"))
        #expect(decision.kind == .branch(index: 4, count: 4))
        #expect(
            decision.condition?.hasPrefix(
                "the cause catalog ranks private-module-proxy first (score 93%): the proxy http://127.0.0.1:40213 could not fetch git.corp.test/team/lib"
            ) == true,
            "\(String(describing: decision.condition))")
        #expect(decision.evidence.last?.hasPrefix(#"stdout line 4: "\#tserver response: not found"#) == true, "\(decision.evidence)")
        #expect(walk.diagnosis?.cause == "private-module-proxy")
        #expect(walk.diagnosis?.step == StepAddress(playbook: "exit-status-128", step: "reproduce"))
        // The facts became variables; `module` keeps the path it already had.
        #expect(walk.variables["proxy"] == "http://127.0.0.1:40213")
        #expect(walk.variables["version"] == "v1.2.0")
        #expect(walk.variables["host"] == "git.corp.test")
        #expect(walk.variables["importpath"] == "git.corp.test/team/lib")
        #expect(walk.variables["module"] == "git.corp.test/team/lib")
        #expect(walk.variables["module_host"] == "git.corp.test")
    }

    @Test func theSameNoSuchHostOnThisMachineRoutesToTheNetwork() throws {
        var walk = try Self.atReproduce(module: "github.com/pkg/errors@v0.9.1")
        try walk.record(
            probe: ProbeObservation(
                exitCode: 1,
                stdout: Self.jsonError(
                    "github.com/pkg/errors", "v0.9.1",
                    #"Get \"https://proxy.golang.org/github.com/pkg/errors/@v/v0.9.1.info\": dial tcp: lookup proxy.golang.org on 10.255.255.53:53: no such host"#
                )))
        #expect(walk.decisions.last?.target == StepAddress(playbook: "network", step: "read-proxy"))
        #expect(walk.diagnosis?.cause == "network-unreachable")
        #expect(walk.variables["module"] == "github.com/pkg/errors@v0.9.1", "a module typed with its version stays as typed")
        // Entering another playbook set its inputs' defaults.
        #expect(walk.variables["goproxy"] == "https://proxy.golang.org,direct")
    }

    @Test func aKnownCauseWithoutAPlaybookFallsThroughAndIsStillTheDiagnosis() throws {
        var walk = try Self.atReproduce(module: "example.com/hello")
        try walk.record(
            probe: ProbeObservation(
                exitCode: 1,
                stdout: Self.jsonError(
                    "example.com/hello", "v1.0.0",
                    "reading http://127.0.0.1:4/example.com/hello/@v/v1.0.0.info: 401 Unauthorized")))
        let decision = try #require(walk.decisions.last)
        #expect(decision.kind == .fallback(count: 4))
        #expect(decision.target.step == "unknown")
        #expect(decision.evidence.contains("the cause catalog ranks proxy-auth first, and no playbook proves it yet"))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.outcome == .escalate)
        #expect(end.diagnosis?.cause == "proxy-auth")
        #expect(end.diagnosis?.help == "give go the proxy's credentials: a .netrc entry for the proxy host, or GOAUTH")
    }

    @Test func noKnownCauseSaysSoInTheFallbackEvidence() throws {
        var walk = try Self.atReproduce(module: "example.com/hello")
        try walk.record(probe: ProbeObservation(exitCode: 1, stderr: "go: something nobody has seen before\n"))
        let decision = try #require(walk.decisions.last)
        #expect(decision.target.step == "unknown")
        #expect(decision.evidence.contains("the cause catalog knows no cause for this output"), "\(decision.evidence)")
        #expect(walk.diagnosis == nil)
    }

    @Test func backForgetsADiagnosisMadeAfterTheCheckpoint() throws {
        var walk = try Self.atReproduce(module: "example.com/hello")
        try walk.record(
            probe: ProbeObservation(
                exitCode: 1,
                stdout: Self.jsonError(
                    "example.com/hello", "v1.0.0",
                    "module lookup disabled by GOPROXY=off")))
        // go-settings: GOFLAGS empty → GOPROXY off → the question for the proxy.
        walk.record(goEnv: ["GOPROXY": "off"])
        asking: while true {
            switch walk.next().action {
            case .ask: break asking
            case .readGoEnv: walk.record(goEnv: ["GOPROXY": "off"])
            case .say: continue
            case let other: throw WalkTestError.unexpected("\(other)")
            }
        }
        #expect(walk.diagnosis?.cause == "goproxy-off")
        _ = try walk.answer("https://proxy.example.com")
        guard case .proposeFix = walk.next().action else {
            Issue.record("expected the fix")
            return
        }
        let wentBack = walk.back()
        #expect(wentBack)
        #expect(walk.diagnosis?.cause == "goproxy-off", "the diagnosis came before the question, so it stays")
        walk.restart()
        #expect(walk.diagnosis == nil)
    }

    static let readsModules = """
        gotriage: 1
        id: reads
        title: Reads
        summary: Finds the failing module, names a signature and a cause, goes to another playbook.
        start: find
        steps:
          find:
            run:
              argv: [go, mod, download, -json]
              capture:
                - module: output
            branch:
              - if: {signature: checksum-mismatch}
                goto: other:sums
              - if: {cause: goproxy-off}
                goto: other:off
              - else: other:rest
        """
    static let other = """
        gotriage: 1
        id: other
        title: Other
        summary: Where the first one goes.
        start: rest
        inputs:
          seeded: "from {{module}}"
        steps:
          rest:
            done: {outcome: escalate, conclusion: "{{module}} {{version}} ({{module_host}}, {{requiredby}}) {{seeded}}"}
          sums:
            done: {outcome: not-resolved, cause: checksum-mismatch, conclusion: "sums for {{module}}@{{version}}"}
          off:
            done: {outcome: not-resolved, cause: goproxy-off, conclusion: "off"}
        """

    static func read(_ observation: ProbeObservation) throws -> (Walk, WalkEnd) {
        var walk = try #require(Walk(tree: FixtureTrees.tree(readsModules, other), playbook: "reads"))
        walk.record(goEnv: [:])
        guard case .run = walk.next().action else { throw WalkTestError.unexpected("expected the run") }
        try walk.record(probe: observation)
        guard case .finished(let end) = walk.next().action else { throw WalkTestError.unexpected("expected the end") }
        return (walk, end)
    }

    @Test(
        arguments: [
            // go 1.19.8's checksum mismatch: no `go: ` prefix, nothing on stdout.
            (
                "", "verifying example.com/hello@v1.0.0: checksum mismatch\n\tdownloaded: h1:x=\n\tgo.sum:     h1:y=\n",
                "example.com/hello", "v1.0.0", "", "sums for example.com/hello@v1.0.0"
            ),
            // An error that names the module without `go: `.
            (
                "", "github.com/christopherhein/go-version@v0.1.0: parsing go.mod: unexpected module path \"go.hein.dev/go-version\"\n",
                "github.com/christopherhein/go-version", "v0.1.0", "", nil
            ),
            // The -json "Path" and "Version" of the failing module.
            (
                jsonError("example.com/hello", "v1.0.0", "module lookup disabled by GOPROXY=off"), "",
                "example.com/hello", "v1.0.0", "", "off"
            ),
            // A requires chain: the failing module is the last one; the first pulled it in.
            (
                "",
                "go: example.com/app@v1.0.0 requires\n\tgit.corp.test/lib@v1.2.0: reading https://proxy.golang.org/git.corp.test/lib/@v/v1.2.0.mod: 404 Not Found\n",
                "git.corp.test/lib", "v1.2.0", "example.com/app@v1.0.0", nil
            )
        ] as [(String, String, String, String, String, String?)])
    func theFailingModuleIsReadInAnyForm(
        stdout: String, stderr: String, module: String, version: String,
        requiredBy: String, conclusion: String?
    ) throws {
        let (walk, end) = try Self.read(ProbeObservation(exitCode: 1, stdout: stdout, stderr: stderr))
        #expect(walk.variables["module"] == module)
        #expect(walk.variables["version"] == version)
        #expect(walk.variables["module_host"] == String(module.prefix { $0 != "/" }))
        #expect((walk.variables["requiredby"] ?? "") == requiredBy)
        if let conclusion { #expect(end.conclusion == conclusion) }
        #expect(walk.variables["seeded"] == "from \(module)", "goto into another playbook seeds its inputs")
    }

    @Test func aSignatureTestNamesItsCauseAsTheDiagnosis() throws {
        let (walk, end) = try Self.read(
            ProbeObservation(
                exitCode: 1, stderr: "verifying example.com/hello@v1.0.0: checksum mismatch\n"))
        #expect(end.cause == "checksum-mismatch")
        #expect(end.diagnosis?.cause == "checksum-mismatch")
        #expect(end.diagnosis?.signature == "checksum-mismatch")
        #expect(end.diagnosis?.evidence == #"stderr line 1: "verifying example.com/hello@v1.0.0: checksum mismatch""#)
        #expect(walk.decisions.first?.condition == "the output or error output matches the catalog signature checksum-mismatch")
    }

    @Test func noOutputNamesAModuleSoNothingIsSet() throws {
        let (walk, _) = try Self.read(ProbeObservation(exitCode: 1, stderr: "go: cannot find main module\n"))
        #expect(walk.variables["module"] == nil)
    }

    /// The goproxy-off walk on the shipped playbooks, from `reproduce` to the check after the fix,
    /// whose output is `afterFix`; returns the walk's end.
    static func goproxyOffThenAfterFix(_ afterFix: ProbeObservation) throws -> WalkEnd {
        var walk = try Self.atReproduce(module: "example.com/hello", goproxy: "off")
        try walk.record(
            probe: ProbeObservation(
                exitCode: 1, stdout: Self.jsonError("example.com/hello", "v1.0.0", "module lookup disabled by GOPROXY=off")))
        var goproxy = "off"
        while true {
            switch walk.next().action {
            case .readGoEnv: walk.record(goEnv: ["GOPROXY": goproxy])
            case .say: continue
            case .ask: _ = try walk.answer("http://127.0.0.1:9")
            case .proposeFix:
                goproxy = "http://127.0.0.1:9"
                try walk.record(fix: .applied)
            case .run(let probe) where probe.step.step == "verify-goproxy-off": try walk.record(probe: afterFix)
            case .run: try walk.record(probe: ProbeObservation(exitCode: 0, stdout: "git version 2.39.5\n"))
            case .finished(let end): return end
            case let other: throw WalkTestError.unexpected("\(other)")
            }
        }
    }

    @Test func aNewFailureAfterAFixIsRoutedAfresh() throws {
        // go is not found on the PATH go runs git with: not the proxy the fix just set.
        let end = try Self.goproxyOffThenAfterFix(
            ProbeObservation(
                exitCode: 1,
                stdout: Self.jsonError(
                    "example.com/hello", "v1.0.0", "example.com/hello@v1.0.0: missing Git command. See https://golang.org/s/gogetcmd")))
        #expect(end.step == StepAddress(playbook: "exit-status-128", step: "git-hidden-from-go"), "\(end)")
        #expect(end.cause == "git-missing")
        #expect(end.diagnosis?.cause == "git-missing", "the diagnosis is the new error's, not GOPROXY=off's")
    }

    @Test func aRouteNeverGoesBackToACauseTheWalkHasBeenThrough() throws {
        // The proxy the user typed is off too (GOPROXY=off again): routing would loop to goproxy-off.
        let end = try Self.goproxyOffThenAfterFix(
            ProbeObservation(
                exitCode: 1, stdout: Self.jsonError("example.com/hello", "v1.0.0", "module lookup disabled by GOPROXY=off")))
        #expect(end.step == StepAddress(playbook: "go-settings", step: "still-failing"), "\(end)")
        #expect(end.conclusion.contains("module lookup disabled by GOPROXY=off"), "the new output is quoted: \(end.conclusion)")
    }
}
