import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

@Suite("Walk")
struct WalkTests {
    static let probeBook = """
        gotriage: 1
        id: probe
        title: Probe
        summary: Runs one command and branches on it.
        start: check
        inputs:
          host: example.com
        steps:
          check:
            say: Checking {{host}} (proxy {{goenv.GOPROXY}}).
            run:
              argv: [git, ls-remote, "https://{{host}}/x y"]
              timeout: 3s
              env: {GIT_TERMINAL_PROMPT: "0"}
              capture:
                - stderr: 'for (?<url>\\S+)'
            branch:
              - if: {exit: 0}
                goto: fine
              - if: {in: stderr, contains: terminal prompts disabled}
                goto: creds
              - else: other
          fine:
            done: {outcome: resolved, conclusion: "All good."}
          creds:
            done: {outcome: not-resolved, cause: https-credentials, conclusion: "Needs credentials for {{url}}."}
          other:
            done: {outcome: escalate, cause: unknown, conclusion: "Something else."}
        """

    @Test func readsGoEnvFirstThenSaysThenRuns() throws {
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.probeBook), playbook: "probe"))
        guard case .readGoEnv = walk.next().action else {
            Issue.record("expected readGoEnv first")
            return
        }
        walk.record(goEnv: ["GOPROXY": "off"])
        guard case .say(let text, _) = walk.next().action else {
            Issue.record("expected say")
            return
        }
        #expect(text == "Checking example.com (proxy off).")
        guard case .run(let probe) = walk.next().action else {
            Issue.record("expected run")
            return
        }
        #expect(probe.argv == ["git", "ls-remote", "https://example.com/x y"])
        #expect(probe.environment == ["GIT_TERMINAL_PROMPT": "0"])
        #expect(probe.timeoutMilliseconds == 3_000)
    }

    @Test func branchesOnOutputWithTheEvidenceLine() throws {
        var walk = try started(Self.probeBook, "probe")
        try walk.record(
            probe: ProbeObservation(
                exitCode: 128, stderr: "Cloning...\nfatal: could not read Username for https://example.com: terminal prompts disabled\n"))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to finish")
            return
        }
        #expect(end.cause == "https-credentials")
        #expect(end.conclusion == "Needs credentials for https://example.com:.")
        let decision = try #require(walk.decisions.last)
        #expect(decision.kind == .branch(index: 2, count: 2))
        #expect(decision.condition == "the error output contains \"terminal prompts disabled\"")
        #expect(
            decision.evidence == ["stderr line 2: \"fatal: could not read Username for https://example.com: terminal prompts disabled\""])
        #expect(decision.location.line == 20)
    }

    @Test func aSentenceShowingAnEmptyPlaceholderIsNotedOnceButAnUnsetGoSettingIsNot() throws {
        var walk = try started(Self.probeBook, "probe")
        #expect(walk.shownEmpty.isEmpty, "the say showed {{host}} set and {{goenv.GOPROXY}} unset: nothing to note")
        try walk.record(probe: ProbeObservation(exitCode: 128, stderr: "fatal: terminal prompts disabled\n"))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to finish")
            return
        }
        #expect(end.conclusion == "Needs credentials for .")
        #expect(walk.shownEmpty == [ShownEmpty(step: StepAddress(playbook: "probe", step: "creds"), variable: "url")])
    }

    @Test func fallbackKeepsWhatEachBranchLookedAt() throws {
        var walk = try started(Self.probeBook, "probe")
        try walk.record(probe: ProbeObservation(exitCode: 2, stderr: "boom"))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to finish")
            return
        }
        #expect(end.outcome == .escalate)
        #expect(walk.end == end)
        let decision = try #require(walk.decisions.last)
        #expect(decision.kind == .fallback(count: 2))
        #expect(decision.evidence == ["exit code 2"])
    }

    @Test func templatedArgvElementStaysOneElement() throws {
        let hostile = "x; rm -rf ~ --upload-pack=touch /tmp/x"
        var walk = try #require(Walk(tree: FixtureTrees.tree(Self.probeBook), playbook: "probe", variables: ["host": hostile]))
        walk.record(goEnv: [:])
        _ = walk.next()
        guard case .run(let probe) = walk.next().action else {
            Issue.record("expected run")
            return
        }
        #expect(probe.argv.count == 3)
        #expect(probe.argv[2] == "https://\(hostile)/x y")
    }

    @Test func interruptedProbeWaitsForRetry() throws {
        var walk = try started(Self.probeBook, "probe")
        try walk.record(probe: ProbeObservation(exitCode: 137, interrupted: true))
        guard case .interrupted(let step) = walk.next().action else {
            Issue.record("expected interrupted")
            return
        }
        #expect(step.step == "check")
        let retried = walk.retry()
        #expect(retried)
        guard case .run = walk.next().action else {
            Issue.record("retry should run the probe again")
            return
        }
        let retriedAgain = walk.retry()
        #expect(!retriedAgain)
    }

    @Test func resultsNotAskedForAreRefused() throws {
        var walk = try started(Self.probeBook, "probe")
        do {
            _ = try walk.answer("x")
            Issue.record("an answer was taken while a probe was pending")
        } catch {
            #expect(error == .notWaitingFor("an answer"))
        }
        do {
            try walk.record(fix: .applied)
            Issue.record("a fix result was taken while a probe was pending")
        } catch {
            #expect(error == .notWaitingFor("a fix result"))
        }
    }

    /// A walk on `playbook`, past go env and the first step's `say`, waiting for its probe.
    private func started(_ yaml: String, _ playbook: String) throws -> Walk {
        var walk = try #require(Walk(tree: FixtureTrees.tree(yaml), playbook: playbook))
        walk.record(goEnv: [:])
        _ = walk.next()
        guard case .run = walk.next().action else { throw WalkTestError.unexpected("expected a run directive") }
        return walk
    }
}

enum WalkTestError: Error { case unexpected(String) }

/// A run reads its own output: a capture that finds nothing this time leaves its variable empty.
@Suite struct CaptureAfreshTests {
    static let book = """
        gotriage: 1
        id: again
        title: Again
        summary: Runs the same check twice.
        start: check
        steps:
          check:
            run:
              argv: [go, version]
              capture:
                - stderr: 'error: (?<error_text>.+)'
            branch:
              - if: {exit: 0}
                goto: done
              - else: again
          again:
            ask: {question: "Again?", into: reply}
            next: check
          done:
            done: {outcome: resolved, conclusion: "Saw '{{error_text}}'."}
        """

    @Test func aCaptureThatFindsNothingNowLeavesItsVariableEmpty() throws {
        var walk = try #require(Walk(tree: try FixtureTrees.tree(Self.book), playbook: "again"))
        var runs = [ProbeObservation(exitCode: 1, stderr: "error: the old failure\n"), ProbeObservation(exitCode: 0)]
        while true {
            switch walk.next().action {
            case .run:
                try walk.record(probe: runs.removeFirst())
                if runs.count == 1 { #expect(walk.variables["error_text"] == "the old failure") }
            case .ask: _ = try walk.answer("yes")
            case .finished(let end):
                #expect(walk.variables["error_text"] == "")
                #expect(end.conclusion == "Saw ''.", "the second run's output shows no error; the first run's is gone")
                return
            case let other: throw WalkTestError.unexpected("\(other)")
            }
        }
    }
}
