import DecisionEngine
import HostEffects
import PlaybookSpec
import Testing
import TestSupport
@testable import TriageCLI

@Suite("Walk driver")
struct WalkDriverTests {
    static let loop = """
        gotriage: 1
        id: loop
        title: Loop
        summary: Asks again until told to stop.
        start: check
        steps:
          check:
            run: {argv: [go, version]}
            next: again
          again:
            ask: {question: Check again?, into: again, choices: [yes, no]}
            branch:
              - if: {var: again, equals: "yes"}
                goto: check
              - else: stop
          stop:
            done: {outcome: resolved, conclusion: Stopped.}
        """

    final class Events: WalkObserver {
        var all: [WalkEvent] = []
        func handle(_ event: WalkEvent) { all.append(event) }
    }

    @Test func aPresetAnswersAQuestionOnceSoAScriptCannotLoopForever() async throws {
        let runner = FakeCommandRunner()
        let host = Host(runner: runner, goEnvironment: InMemoryGoEnvironment(), environment: [:],
                        workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let walk = try #require(Walk(tree: FixtureTrees.tree(Self.loop), playbook: "loop"))
        let driver = WalkDriver(walk: walk, host: host, observer: Events(), presetAnswers: ["again": "yes"],
                                fixPolicy: .declineAll)
        let stop = await driver.advance()
        guard case .question(let question) = stop else {
            Issue.record("expected the loop to come back to the question, got \(stop)")
            return
        }
        #expect(question.variable == "again")
        #expect(runner.argvs.count == 2, "the preset answered once: the probe ran twice")
    }
}
