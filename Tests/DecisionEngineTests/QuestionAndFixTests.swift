import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

@Suite("Questions, fixes, back and jumps")
struct QuestionAndFixTests {
    static let book = """
        gotriage: 1
        id: quiz
        title: Quiz
        summary: Asks, fixes, jumps.
        start: transport
        steps:
          transport:
            ask:
              question: HTTPS or SSH?
              into: transport
              choices: [https, ssh]
            next: module
          module:
            ask:
              question: Which module?
              into: module
              pattern: '[a-z.]+/[a-z]+'
              example: example.com/lib
              default: example.com/lib
            next: fix
          fix:
            fix:
              reason: "{{module}} is private."
              set: {GOPRIVATE: "{{module}}"}
              unset: [GOFLAGS]
            next: check
          check:
            branch:
              - if: {goenv: GOPRIVATE, equals: "{{module}}"}
                goto: other
              - else: failed
          other:
            jump: second
          failed:
            done: {outcome: not-resolved, conclusion: "GOPRIVATE is {{goenv.GOPRIVATE}}."}
        """
    static let second = """
        gotriage: 1
        id: second
        title: Second
        summary: Reached by a jump.
        start: end
        inputs:
          module: ~
          greeting: hello
        steps:
          end:
            done: {outcome: resolved, cause: private-module-proxy, conclusion: "{{greeting}} {{module}} via {{transport}}"}
        """

    private func walk() throws -> Walk {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.book, Self.second), playbook: "quiz"))
        walk.record(goEnv: ["GOPRIVATE": ""])
        return walk
    }

    @Test func anOnlyIfEmptyQuestionIsAskedWhenTheVariableIsEmptyAndSkippedWhenItIsSet() throws {
        let tree = try FixtureTrees.tree(FixtureBooks.moduleOnce)
        var empty = try #require(Walk(tree: tree, playbook: "once"))
        guard case .ask(let question) = empty.next().action else {
            Issue.record("an empty module is asked for")
            return
        }
        #expect(question.variable == "module")
        _ = try empty.answer("example.com/typed")
        guard case .finished(let typed) = empty.next().action else {
            Issue.record("the walk ends after the answer")
            return
        }
        #expect(typed.conclusion == "example.com/typed on example.com.", "module_host follows the typed module")

        var given = try #require(Walk(tree: tree, playbook: "once", variables: ["module": "example.com/given"]))
        guard case .finished(let end) = given.next().action else {
            Issue.record("a given module is not asked for again")
            return
        }
        #expect(end.conclusion == "example.com/given on example.com.")
        #expect(given.decisions.map(\.step.step) == ["module"], "the skipped question is a step of the path")
    }

    @Test func choicesAcceptNumbersAndAnyCase() throws {
        var walk = try walk()
        guard case .ask(let question) = walk.next().action else {
            Issue.record("expected a question")
            return
        }
        #expect(question.choices == ["https", "ssh"])
        #expect(try walk.answer("telnet") == .rejected("Please answer with one of: https, ssh."))
        #expect(try walk.answer("2") == .accepted("ssh"))
        #expect(walk.variables["transport"] == "ssh")
        guard case .ask = walk.next().action else {
            Issue.record("expected the second question")
            return
        }
        #expect(
            try walk.answer("HTTPS") == .rejected("\"HTTPS\" does not have the form this question asks for. For example: example.com/lib"))
    }

    @Test func emptyReplyTakesTheDefaultAndThePatternMustMatchWhole() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("https")
        guard case .ask(let question) = walk.next().action else {
            Issue.record("expected a question")
            return
        }
        #expect(question.defaultValue == "example.com/lib")
        #expect(try walk.answer("example.com/lib/extra") != .accepted("example.com/lib/extra"))
        #expect(try walk.answer("") == .accepted("example.com/lib"))
    }

    @Test func appliedFixRereadsGoEnvAndJumpSeedsInputs() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("ssh")
        _ = walk.next()
        _ = try walk.answer("corp.io/lib")
        guard case .proposeFix(let fix) = walk.next().action else {
            Issue.record("expected a fix")
            return
        }
        #expect(fix.reason == "corp.io/lib is private.")
        #expect(fix.changes == [.init(key: "GOPRIVATE", value: "corp.io/lib"), .init(key: "GOFLAGS", value: nil)])
        try walk.record(fix: .applied)
        guard case .readGoEnv = walk.next().action else {
            Issue.record("go env must be read again after a fix")
            return
        }
        walk.record(goEnv: ["GOPRIVATE": "corp.io/lib"])
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.outcome == .resolved)
        #expect(end.conclusion == "hello corp.io/lib via ssh")
        #expect(end.step == StepAddress(playbook: "second", step: "end"))
        #expect(walk.visited.map(\.description) == ["quiz:transport", "quiz:module", "quiz:fix", "quiz:check", "quiz:other", "second:end"])
    }

    @Test func declinedFixWithPlainNextEndsUnresolvedWithoutRereading() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("ssh")
        _ = walk.next()
        _ = try walk.answer("")
        _ = walk.next()
        try walk.record(fix: .declined)
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.reason == .fixDeclined)
        #expect(end.outcome == .notResolved)
    }

    @Test func eachDirectiveCarriesTheDecisionsMadeSinceThePreviousOne() throws {
        var walk = try walk()
        var handedOut: [Decision] = []
        let first = walk.next()
        #expect(first.decisions.isEmpty)
        _ = try walk.answer("ssh")
        let second = walk.next()
        guard case .ask(let question) = second.action else {
            Issue.record("expected the second question")
            return
        }
        #expect(question.variable == "module")
        #expect(second.decisions.map(\.target.step) == ["module"])
        handedOut += second.decisions
        let again = walk.next()
        guard case .ask = again.action else {
            Issue.record("the same question again")
            return
        }
        #expect(again.decisions.isEmpty, "a decision is handed out once")

        _ = try walk.answer("")
        let proposal = walk.next()
        guard case .proposeFix(let fix) = proposal.action else {
            Issue.record("expected the fix")
            return
        }
        #expect(fix.changes == [.init(key: "GOPRIVATE", value: "example.com/lib"), .init(key: "GOFLAGS", value: nil)])
        #expect(proposal.decisions.map(\.target.step) == ["fix"])
        handedOut += proposal.decisions

        try walk.record(fix: .applied)
        let reread = walk.next()
        guard case .readGoEnv = reread.action else {
            Issue.record("go env is read after a fix")
            return
        }
        #expect(reread.decisions.map(\.target.step) == ["check"])
        handedOut += reread.decisions
        walk.record(goEnv: ["GOPRIVATE": "example.com/lib"])
        let last = walk.next()
        guard case .finished = last.action else {
            Issue.record("expected the end")
            return
        }
        #expect(
            last.decisions.map(\.target.description) == ["quiz:other", "second:end"],
            "one next() crosses a branch and a jump: both decisions come with it")
        #expect(last.decisions.first?.kind == .branch(index: 1, count: 1))
        handedOut += last.decisions
        #expect(handedOut == walk.decisions)
    }

    @Test func afterBackDirectivesCarryOnlyNewDecisions() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("ssh")
        #expect(walk.next().decisions.count == 1)
        _ = walk.back()
        walk.record(goEnv: [:])
        let first = walk.next()
        guard case .ask(let question) = first.action else {
            Issue.record("expected the first question again")
            return
        }
        #expect(question.variable == "transport")
        #expect(first.decisions.isEmpty, "going back forgets decisions; it makes none")
        _ = try walk.answer("https")
        let second = walk.next()
        #expect(second.decisions.map(\.target.step) == ["module"])
        #expect(walk.decisions.count == 1)
    }

    @Test func backReturnsToThePreviousQuestionAndForgetsLaterAnswers() throws {
        var walk = try walk()
        let wentBackAtFirst = walk.back()
        #expect(!wentBackAtFirst)
        _ = walk.next()
        _ = try walk.answer("ssh")
        guard case .ask(let second) = walk.next().action else {
            Issue.record("expected the second question")
            return
        }
        #expect(second.variable == "module")
        let wentBack = walk.back()
        #expect(wentBack)
        #expect(walk.variables["transport"] == nil)
        // The first question reads no go env value, so going back to it reads none (LazyGoEnvTests
        // shows back re-reading go env for a step that does).
        guard case .ask(let first) = walk.next().action else {
            Issue.record("expected the first question again")
            return
        }
        #expect(first.variable == "transport")
    }

    @Test func restartForgetsEverything() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("ssh")
        walk.restart()
        #expect(walk.variables.isEmpty)
        #expect(walk.decisions.isEmpty)
        // A restarted walk has no go env values, and reads them only where a step needs one.
        #expect(walk.goEnv.isEmpty)
        guard case .ask(let first) = walk.next().action else {
            Issue.record("restart begins with the first question")
            return
        }
        #expect(first.variable == "transport")
    }
}
