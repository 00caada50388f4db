import DecisionEngine
import PlaybookSpec
import Testing
import TestSupport

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

    @Test func choicesAcceptNumbersAndAnyCase() throws {
        var walk = try walk()
        guard case .ask(let question) = walk.next() else { Issue.record("expected a question"); return }
        #expect(question.choices == ["https", "ssh"])
        #expect(try walk.answer("telnet") == .rejected("Please answer with one of: https, ssh."))
        #expect(try walk.answer("2") == .accepted("ssh"))
        #expect(walk.variables["transport"] == "ssh")
        guard case .ask = walk.next() else { Issue.record("expected the second question"); return }
        #expect(try walk.answer("HTTPS") == .rejected("\"HTTPS\" does not look right here (it must match [a-z.]+/[a-z]+)."))
    }

    @Test func emptyReplyTakesTheDefaultAndThePatternMustMatchWhole() throws {
        var walk = try walk()
        _ = walk.next()
        _ = try walk.answer("https")
        guard case .ask(let question) = walk.next() else { Issue.record("expected a question"); return }
        #expect(question.defaultValue == "example.com/lib")
        #expect(try walk.answer("example.com/lib/extra") != .accepted("example.com/lib/extra"))
        #expect(try walk.answer("") == .accepted("example.com/lib"))
    }

    @Test func appliedFixRereadsGoEnvAndJumpSeedsInputs() throws {
        var walk = try walk()
        _ = walk.next(); _ = try walk.answer("ssh")
        _ = walk.next(); _ = try walk.answer("corp.io/lib")
        guard case .proposeFix(let fix) = walk.next() else { Issue.record("expected a fix"); return }
        #expect(fix.reason == "corp.io/lib is private.")
        #expect(fix.changes == [.init(key: "GOPRIVATE", value: "corp.io/lib"), .init(key: "GOFLAGS", value: nil)])
        try walk.record(fix: .applied)
        guard case .readGoEnv = walk.next() else { Issue.record("go env must be read again after a fix"); return }
        walk.record(goEnv: ["GOPRIVATE": "corp.io/lib"])
        guard case .finished(let end) = walk.next() else { Issue.record("expected the end"); return }
        #expect(end.outcome == .resolved)
        #expect(end.conclusion == "hello corp.io/lib via ssh")
        #expect(end.step == StepAddress(playbook: "second", step: "end"))
        #expect(walk.visited.map(\.description) == ["quiz:transport", "quiz:module", "quiz:fix", "quiz:check", "quiz:other", "second:end"])
    }

    @Test func declinedFixWithPlainNextEndsUnresolvedWithoutRereading() throws {
        var walk = try walk()
        _ = walk.next(); _ = try walk.answer("ssh")
        _ = walk.next(); _ = try walk.answer("")
        _ = walk.next()
        try walk.record(fix: .declined)
        guard case .finished(let end) = walk.next() else { Issue.record("expected the end"); return }
        #expect(end.reason == .fixDeclined)
        #expect(end.outcome == .notResolved)
    }

    @Test func backReturnsToThePreviousQuestionAndForgetsLaterAnswers() throws {
        var walk = try walk()
        let wentBackAtFirst = walk.back()
        #expect(!wentBackAtFirst)
        _ = walk.next(); _ = try walk.answer("ssh")
        guard case .ask(let second) = walk.next() else { Issue.record("expected the second question"); return }
        #expect(second.variable == "module")
        let wentBack = walk.back()
        #expect(wentBack)
        #expect(walk.variables["transport"] == nil)
        // The first question reads no go env value, so going back to it reads none (LazyGoEnvTests
        // shows back re-reading go env for a step that does).
        guard case .ask(let first) = walk.next() else { Issue.record("expected the first question again"); return }
        #expect(first.variable == "transport")
    }

    @Test func restartForgetsEverything() throws {
        var walk = try walk()
        _ = walk.next(); _ = try walk.answer("ssh")
        walk.restart()
        #expect(walk.variables.isEmpty)
        #expect(walk.decisions.isEmpty)
        // A restarted walk has no go env values, and reads them only where a step needs one.
        #expect(walk.goEnv.isEmpty)
        guard case .ask(let first) = walk.next() else { Issue.record("restart begins with the first question"); return }
        #expect(first.variable == "transport")
    }
}
