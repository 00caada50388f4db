import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

/// A walk asks for the `go env` keys its playbooks read, and only once it reaches a step that reads one.
@Suite("Go env, read lazily and by key")
struct LazyGoEnvTests {
    /// Every place a playbook can read a go env value, each with a key of its own.
    static let everywhere = """
        gotriage: 1
        id: everywhere
        title: Everywhere
        summary: Reads go env in every place it can.
        start: version
        inputs:
          proxy: "{{goenv.GOPROXY}}"
        steps:
          version:
            run: {argv: [go, version]}
            next: said
          said:
            say: "Cache at {{goenv.GOMODCACHE}}."
            next: probe
          probe:
            run:
              argv: [go, mod, download, "{{goenv.GOPATH}}"]
              env: {GOFLAGS: "{{goenv.GOFLAGS}}"}
              pending: the proxy {{goenv.GONOPROXY}}
            branch:
              - if: {goenv: GOSUMDB, equals: "off"}
                goto: question
              - if: {in: output, contains: "{{goenv.GONOSUMDB}}"}
                goto: question
              - else: question
          question:
            ask: {question: "Which {{goenv.GOVCS}}?", into: answer, default: "{{goenv.GOWORK}}"}
            branch:
              - if: {not: {var: answer, equals: "{{goenv.GOINSECURE}}"}}
                goto: fix
              - else: fix
          fix:
            fix:
              reason: "Because {{goenv.GO111MODULE}}."
              set: {GOPRIVATE: "{{goenv.GOPRIVATE}},x"}
            next: end
          end:
            done: {outcome: resolved, conclusion: "Now {{goenv.GOTOOLCHAIN}}."}
        """

    /// Two commands, then a branch on go env, then a jump into a playbook that reads none.
    static let late = """
        gotriage: 1
        id: late
        title: Late
        summary: Reads go env only at its third step.
        start: version
        steps:
          version:
            run: {argv: [go, version]}
            next: git
          git:
            run: {argv: [git, --version]}
            next: triage
          triage:
            branch:
              - if: {goenv: GOPROXY, equals: "off"}
                goto: fix
              - else: elsewhere
          fix:
            fix: {reason: Turn the proxy on., set: {GOPROXY: direct}}
            branch:
              - if: {fix: declined}
                goto: declined
              - else: recheck
          declined:
            done: {outcome: not-resolved, conclusion: "GOPROXY is still {{goenv.GOPROXY}}."}
          recheck:
            branch:
              - if: {goenv: GOPROXY, equals: "off"}
                goto: declined
              - else: elsewhere
          elsewhere:
            jump: plain
        """

    /// Two questions; only the first one's text reads go env.
    static let questions = """
        gotriage: 1
        id: questions
        title: Questions
        summary: Asks twice.
        start: first
        steps:
          first:
            ask: {question: "Keep GOPROXY {{goenv.GOPROXY}}?", into: keep, choices: [yes, no]}
            next: second
          second:
            ask: {question: Sure?, into: sure, choices: [yes, no]}
            next: end
          end:
            done: {outcome: resolved, conclusion: Done.}
        """

    static let plain = """
        gotriage: 1
        id: plain
        title: Plain
        summary: Reads no go env at all.
        start: version
        steps:
          version:
            run: {argv: [go, version]}
            next: end
          end:
            done: {outcome: resolved, conclusion: Fine.}
        """

    /// Jumps into a playbook whose input default reads go env.
    static let jumper = """
        gotriage: 1
        id: jumper
        title: Jumper
        summary: Jumps at once.
        start: go
        steps:
          go:
            jump: seeded
        """

    static let seeded = """
        gotriage: 1
        id: seeded
        title: Seeded
        summary: Its input default reads go env.
        start: end
        inputs:
          proxy: "{{goenv.GOPROXY}}"
        steps:
          end:
            done: {outcome: resolved, conclusion: "Proxy {{proxy}}."}
        """

    @Test func theTreeKnowsEveryKeyItsPlaybooksRead() throws {
        let tree = try FixtureTrees.tree(Self.everywhere)
        #expect(
            tree.goEnvKeys == [
                "GO111MODULE", "GOFLAGS", "GOINSECURE", "GOMODCACHE", "GONOPROXY", "GONOSUMDB",
                "GOPATH", "GOPRIVATE", "GOPROXY", "GOSUMDB", "GOTOOLCHAIN", "GOVCS", "GOWORK"
            ])
        let book = try #require(tree.playbooks["everywhere"])
        let keys = book.stepOrder.map { book.steps[$0]?.goEnvKeys ?? ["missing"] }
        #expect(
            keys == [
                [], ["GOMODCACHE"], ["GOFLAGS", "GONOPROXY", "GONOSUMDB", "GOPATH", "GOSUMDB"],
                ["GOINSECURE", "GOVCS", "GOWORK"], ["GO111MODULE", "GOPRIVATE"], ["GOTOOLCHAIN"]
            ])
    }

    @Test func aTreeThatReadsNoGoEnvHasNoKeys() throws {
        #expect(try FixtureTrees.tree(Self.plain).goEnvKeys.isEmpty)
    }

    @Test func goEnvIsReadAtTheFirstStepThatNeedsItWithTheTreesKeys() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.late, Self.plain), playbook: "late"))
        guard case .run(let version) = walk.next().action else {
            Issue.record("expected go version first")
            return
        }
        #expect(version.argv == ["go", "version"])
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .run(let git) = walk.next().action else {
            Issue.record("expected git --version, not a go env read")
            return
        }
        #expect(git.argv == ["git", "--version"])
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .readGoEnv(let keys) = walk.next().action else {
            Issue.record("the branch on GOPROXY reads go env")
            return
        }
        #expect(keys == ["GOPROXY"])
        walk.record(goEnv: ["GOPROXY": "off"])
        guard case .proposeFix = walk.next().action else {
            Issue.record("expected the fix")
            return
        }
        try walk.record(fix: .applied)
        guard case .readGoEnv(let again) = walk.next().action else {
            Issue.record("an applied fix means reading again")
            return
        }
        #expect(again == ["GOPROXY"])
        walk.record(goEnv: ["GOPROXY": "direct"])
        // The jump and the playbook behind it read nothing more.
        guard case .run(let plain) = walk.next().action else {
            Issue.record("expected the jump's go version")
            return
        }
        #expect(plain.step == StepAddress(playbook: "plain", step: "version"))
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.outcome == .resolved)
    }

    @Test func aDeclinedFixKeepsWhatWasRead() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.late, Self.plain), playbook: "late"))
        _ = walk.next()
        try walk.record(probe: ProbeObservation(exitCode: 0))
        _ = walk.next()
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .readGoEnv = walk.next().action else {
            Issue.record("expected a go env read")
            return
        }
        walk.record(goEnv: ["GOPROXY": "off"])
        _ = walk.next()
        try walk.record(fix: .declined)
        // Declined: nothing changed, so the values already read still hold, without a new read.
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end, without a go env read")
            return
        }
        #expect(end.conclusion == "GOPROXY is still off.")
    }

    @Test func backForgetsTheValuesAndTheStepItReturnsToReadsThemAgain() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.questions), playbook: "questions"))
        guard case .readGoEnv(let keys) = walk.next().action else {
            Issue.record("the first question reads go env")
            return
        }
        #expect(keys == ["GOPROXY"])
        walk.record(goEnv: ["GOPROXY": "off"])
        guard case .ask(let first) = walk.next().action else {
            Issue.record("expected the first question")
            return
        }
        #expect(first.prompt == "Keep GOPROXY off?")
        _ = try walk.answer("yes")
        guard case .ask = walk.next().action else {
            Issue.record("expected the second question, without a read")
            return
        }
        let wentBack = walk.back()
        #expect(wentBack)
        guard case .readGoEnv = walk.next().action else {
            Issue.record("back re-reads go env for a step that needs it")
            return
        }
        walk.record(goEnv: ["GOPROXY": "direct"])
        guard case .ask(let again) = walk.next().action else {
            Issue.record("expected the first question again")
            return
        }
        #expect(again.prompt == "Keep GOPROXY direct?")
    }

    @Test func aWalkThatReadsNoGoEnvNeverAsks() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.plain), playbook: "plain"))
        guard case .run = walk.next().action else {
            Issue.record("expected go version")
            return
        }
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .finished = walk.next().action else {
            Issue.record("expected the end, with no go env read")
            return
        }
    }

    @Test func aJumpReadsGoEnvWhenTheInputsItSeedsNeedIt() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.jumper, Self.seeded), playbook: "jumper"))
        guard case .readGoEnv(let keys) = walk.next().action else {
            Issue.record("the jump seeds a go env default")
            return
        }
        #expect(keys == ["GOPROXY"])
        walk.record(goEnv: ["GOPROXY": "http://127.0.0.1:9"])
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.conclusion == "Proxy http://127.0.0.1:9.")
    }
}
