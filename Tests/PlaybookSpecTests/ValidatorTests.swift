import PlaybookSpec
import TestSupport
import Testing

@Suite struct ValidatorTests {
    @Test func buildsTheTreeWithResolvedAddressesAndCompiledPatterns() throws {
        let tree = try PlaybookLibrary.load(files: [FixtureFiles.path("valid", "everything.yaml")], catalog: FixtureTrees.shippedCatalog)
            .get()
        let playbook = try #require(tree.playbooks["exit-status-128"])
        #expect(tree.order == ["exit-status-128"])
        #expect(playbook.start == StepAddress(playbook: "exit-status-128", step: "check-go"))
        #expect(playbook.stepOrder.first == "check-go" && playbook.stepOrder.count == 12)
        #expect(playbook.inputs.map(\.name) == ["module", "goproxy"])
        let checkGo = tree[playbook.start]
        guard case .run(let probe) = checkGo.action else {
            Issue.record("not a run")
            return
        }
        #expect(probe.timeoutMilliseconds == 1_500)
        #expect(probe.captures.map(\.pattern?.groupNames) == [["goversion"], ["arch"]])
        #expect(probe.environment.map(\.name) == ["GOFLAGS", "LC_ALL"])
        guard case .branch(let branches, let fallback) = checkGo.transition else {
            Issue.record("no branch")
            return
        }
        #expect(branches.map(\.target?.step) == ["check-git", "go-missing"])
        #expect(fallback.target.step == "go-missing")
        guard case .jump(let target) = tree[StepAddress(playbook: "exit-status-128", step: "to-self")].action else {
            Issue.record("not a jump")
            return
        }
        #expect(target.step == "escalate")
        guard case .ask(let question) = tree[StepAddress(playbook: "exit-status-128", step: "ask-module")].action else {
            Issue.record("not an ask")
            return
        }
        #expect(try question.pattern?.firstMatch(in: "example.com/m", within: MatchBudget()) != nil)
        #expect(try question.pattern?.firstMatch(in: "two words", within: MatchBudget()) == nil, "ask patterns match the whole answer")
    }

    @Test func defaultTimeoutAndJumpToAnotherPlaybooksStart() throws {
        let tree = try FixtureTrees.tree(
            """
            gotriage: 1
            id: one
            title: One
            summary: Jumps to two.
            start: probe
            steps:
              probe:
                run: {argv: [go, version]}
                next: away
              away:
                jump: two
            """,
            """
            gotriage: 1
            id: two
            title: Two
            summary: Ends.
            start: end
            steps:
              end:
                done: {outcome: escalate, conclusion: bye}
            """)
        #expect(tree.order == ["one", "two"])
        guard case .run(let probe) = tree[StepAddress(playbook: "one", step: "probe")].action else {
            Issue.record("not a run")
            return
        }
        #expect(probe.timeoutMilliseconds == Probe.defaultTimeoutMilliseconds)
        guard case .jump(let target) = tree[StepAddress(playbook: "one", step: "away")].action else {
            Issue.record("not a jump")
            return
        }
        #expect(target == StepAddress(playbook: "two", step: "end"))
    }

    @Test func collectsEveryProblemSortedByLocation() throws {
        let failure = try #require(throws: PlaybookLoadFailure.self) {
            try FixtureTrees.tree(
                """
                gotriage: 1
                id: one
                title: One
                summary: Broken twice.
                start: a
                steps:
                  a:
                    say: "{{nope}}"
                    next: b
                  b:
                    done: {outcome: resolved, cause: nope, conclusion: x}
                """)
        }
        #expect(failure.diagnostics.map(\.location.line) == [8, 11])
    }

    /// 10 000 steps in one chain: the graph algorithms must not recurse that deep.
    @Test func longChainValidates() throws {
        var text = "gotriage: 1\nid: big\ntitle: Big\nsummary: Many steps.\nstart: s0\nsteps:\n"
        for index in 0..<10_000 {
            text += "  s\(index):\n    run: {argv: [go, version], capture: [{stdout: 'v(?<v\(index % 50)>.*)'}]}\n"
            text +=
                "    branch:\n      - if: {in: stdout, contains: \"{{v\(index % 50)}}\"}\n        goto: s\(index + 1)\n      - else: s\(index + 1)\n"
        }
        text += "  s10000:\n    done: {outcome: resolved, conclusion: ok}\n"
        let tree = try FixtureTrees.tree(text)
        #expect(tree.playbooks["big"]?.steps.count == 10_001)
    }

    @Test func aLongLoopWithoutAskIsReportedOnce() throws {
        var text = "gotriage: 1\nid: ring\ntitle: Ring\nsummary: Loops.\nstart: s0\nsteps:\n"
        for index in 0..<2_000 { text += "  s\(index):\n    say: x\n    next: s\((index + 1) % 2_000)\n" }
        let failure = try #require(throws: PlaybookLoadFailure.self) { try FixtureTrees.tree(text) }
        #expect(failure.diagnostics.count == 1)
        #expect(failure.diagnostics.first?.message.hasPrefix("steps s0 → s1 → ") == true)
        #expect(failure.diagnostics.first?.location.line == 7)
    }
}
