import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

/// Dry runs end at the first fix, and no variable can become an option of a probe.
@Suite("Dry run and the argv option guard")
struct TrustTests {
    static let book = """
        gotriage: 1
        id: remote
        title: Remote
        summary: Asks for a URL, probes it, proposes a fix.
        start: url
        steps:
          url:
            ask:
              question: Which URL?
              into: url
            next: probe
          probe:
            run:
              argv: [git, ls-remote, "{{url}}", "--upload-pack={{url}}", "x{{url}}"]
            next: fix
          fix:
            fix:
              reason: Use it.
              set: {GOPROXY: "{{url}}"}
            next: done
          done:
            done: {outcome: resolved, conclusion: "fine"}
        """

    static let doubleDash = """
        gotriage: 1
        id: dashes
        title: Dashes
        summary: Positional arguments after --.
        start: probe
        inputs:
          pattern: ~
        steps:
          probe:
            run:
              argv: [grep, -r, --, "{{pattern}}", "{{pattern}}"]
            next: done
          done:
            done: {outcome: resolved, conclusion: "fine"}
        """

    private func walk(answering url: String) throws -> Walk {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.book), playbook: "remote"))
        walk.record(goEnv: [:])
        _ = walk.next()
        _ = try walk.answer(url)
        return walk
    }

    @Test(arguments: ["--upload-pack=touch /tmp/PWNED", "-c", "-", "--"])
    func aValueStartingWithADashIsNeverRunAsAnOption(value: String) throws {
        var walk = try walk(answering: value)
        guard case .finished(let end) = walk.next().action else {
            Issue.record("the probe must not be run")
            return
        }
        #expect(end.reason == .unsafeArgument)
        #expect(end.outcome == .escalate)
        #expect(end.conclusion.contains("argument 2 ('{{url}}') became '\(value)'"), "\(end.conclusion)")
    }

    @Test(arguments: ["https://example.com/x.git", "; rm -rf ~", "a b", "$(touch /tmp/x)"])
    func otherValuesRunAsOneInertElement(value: String) throws {
        var walk = try walk(answering: value)
        guard case .run(let probe) = walk.next().action else {
            Issue.record("expected the probe")
            return
        }
        #expect(probe.argv == ["git", "ls-remote", value, "--upload-pack=\(value)", "x\(value)"])
    }

    @Test func afterALiteralDoubleDashValuesAreOperands() throws {
        var walk = try #require(
            Walk(
                tree: FixtureTrees.tree(Self.doubleDash), playbook: "dashes",
                variables: ["pattern": "-v"]))
        walk.record(goEnv: [:])
        guard case .run(let probe) = walk.next().action else {
            Issue.record("after -- the probe runs")
            return
        }
        #expect(probe.argv == ["grep", "-r", "--", "-v", "-v"])
    }

    @Test func aDryRunEndsAtTheFixWithFixProposed() throws {
        var walk = try walk(answering: "http://proxy.example.com")
        guard case .run = walk.next().action else {
            Issue.record("expected the probe")
            return
        }
        try walk.record(probe: ProbeObservation(exitCode: 0))
        guard case .proposeFix(let fix) = walk.next().action else {
            Issue.record("expected the fix")
            return
        }
        #expect(fix.changes == [.init(key: "GOPROXY", value: "http://proxy.example.com")])
        try walk.endAtProposedFix()
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the end")
            return
        }
        #expect(end.reason == .fixProposed)
        #expect(end.outcome == .notResolved)
        #expect(end.reportedOutcome == "fix-proposed")
        #expect(end.step == StepAddress(playbook: "remote", step: "fix"))
        #expect(throws: WalkError.notWaitingFor("a fix result")) { try walk.endAtProposedFix() }
    }
}
