import DecisionEngine
import PlaybookSpec
import TestSupport
import Testing

/// The walk under the regex budget: a pattern that backtracks without end fails its step within a
/// second, naming the pattern and where it is written; Ctrl-C while it matches interrupts the step.
@Suite("Match budget")
struct MatchBudgetTests {
    static func book(branch: String, capture: String = "'(?<word>[a-z]+)'") -> String {
        """
        gotriage: 1
        id: slow
        title: Slow
        summary: A pattern that backtracks.
        start: look
        steps:
          look:
            run:
              argv: [printf, aaaa]
              capture:
                - stdout: \(capture)
            branch:
              - if: \(branch)
                goto: found
              - else: other
          found:
            done: {outcome: resolved, conclusion: "Found {{word}}."}
          other:
            done: {outcome: not-resolved, conclusion: Other.}
        """
    }

    static let aaaa = ProbeObservation(exitCode: 0, stdout: String(repeating: "a", count: 40) + "\n")

    /// The walk, just after `record(probe:)` handed it `observation`.
    static func walk(_ yaml: String, observing observation: ProbeObservation) throws -> Walk {
        try walk(FixtureTrees.tree(yaml), observing: observation)
    }

    static func walk(_ tree: DecisionTree, observing observation: ProbeObservation) throws -> Walk {
        guard var walk = Walk(tree: tree, playbook: "slow") else { throw WalkError.notWaitingFor("the playbook slow") }
        guard case .run = walk.next().action else { throw WalkError.notWaitingFor("a run") }
        try walk.record(probe: observation)
        return walk
    }

    @Test(arguments: [
        ("{in: stdout, matches: '(a+)+b'}", "test.yaml:13:14"),
        (
            "{all: [{exit: 0}, {any: [{in: stderr, empty: true}, {var: word, matches: 'x'}]}, {in: output, matches: '(a|aa)+$'}]}",
            "test.yaml:13:95"
        )
    ])
    func aBacktrackingBranchEndsTheWalkWithinASecond(branch: String, location: String) async throws {
        let observation =
            branch.contains("(a|aa)")
            ? ProbeObservation(exitCode: 0, stdout: String(repeating: "a", count: 90) + "c")
            : Self.aaaa
        let tree = try FixtureTrees.tree(Self.book(branch: branch))
        let (walked, spent) = await OffThePool.run { () -> (Walk?, Duration) in
            let clock = ContinuousClock()
            let started = clock.now
            let walk = try? Self.walk(tree, observing: observation)
            return (walk, clock.now - started)
        }
        var walk = try #require(walked)
        #expect(spent < .seconds(1), "the step failed after \(spent)")
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to end")
            return
        }
        #expect(end.reason == .patternTooSlow)
        #expect(end.outcome == .escalate)
        #expect(end.step.step == "look")
        #expect(end.conclusion.contains("(\(location))"), "\(end.conclusion)")
        #expect(end.conclusion.contains("after \(MatchBudget.stepMilliseconds) ms"))
        #expect(walk.decisions.isEmpty, "nothing was decided from it")
    }

    @Test func aBacktrackingCaptureEndsTheWalkToo() async throws {
        let tree = try FixtureTrees.tree(Self.book(branch: "{exit: 0}", capture: "'(?<word>(a+)+b)'"))
        var walk = try #require(await OffThePool.run { try? Self.walk(tree, observing: Self.aaaa) })
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to end")
            return
        }
        #expect(end.reason == .patternTooSlow)
        #expect(end.conclusion.contains("'(?<word>(a+)+b)' (test.yaml:11:19)"), "\(end.conclusion)")
    }

    @Test func normalPatternsDecideAsBefore() throws {
        var walk = try Self.walk(Self.book(branch: "{in: stdout, matches: '^a{40}$'}"), observing: Self.aaaa)
        guard case .finished(let end) = walk.next().action else {
            Issue.record("expected the walk to end")
            return
        }
        #expect(end.reason == .done)
        #expect(end.conclusion == "Found \(String(repeating: "a", count: 40)).")
    }

    /// Ctrl-C cancels the walking task; the match stops, the step is interrupted and retry runs it
    /// again. (The task is cancelled before it matches, so the test does not race the budget;
    /// `PatternTests` stops a match already running.)
    @Test func ctrlCWhileMatchingInterruptsTheStep() async throws {
        let yaml = Self.book(branch: "{in: stdout, matches: '(a+)+b'}")
        let task = Task.detached { () -> Walk? in
            while !Task.isCancelled { await Task.yield() }
            return try? Self.walk(yaml, observing: ProbeObservation(exitCode: 0, stdout: String(repeating: "a", count: 60)))
        }
        task.cancel()
        var walk = try #require(await task.value)
        guard case .interrupted(let step) = walk.next().action else {
            Issue.record("expected interrupted")
            return
        }
        #expect(step.step == "look")
        #expect(walk.decisions.isEmpty)
        let retried = walk.retry()
        #expect(retried)
        guard case .run = walk.next().action else {
            Issue.record("retry runs the probe again")
            return
        }
    }
}
