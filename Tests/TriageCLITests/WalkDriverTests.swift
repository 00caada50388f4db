import DecisionEngine
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

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
        let host = Host(
            runner: runner, goEnvironment: InMemoryGoEnvironment(), environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let walk = try #require(Walk(tree: FixtureTrees.tree(Self.loop), playbook: "loop"))
        let driver = WalkDriver(
            walk: walk, host: host, observer: Events(), presetAnswers: ["again": "yes"],
            fixPolicy: .declineAll)
        let stop = await driver.advance()
        guard case .question(let question) = stop else {
            Issue.record("expected the loop to come back to the question, got \(stop)")
            return
        }
        #expect(question.variable == "again")
        #expect(runner.argvs.count == 2, "the preset answered once: the probe ran twice")
    }

    @Test func everyDecisionIsReportedOnceAndTheFixAppliedIsTheOneProposed() async throws {
        let host = Host(
            runner: ShellTests.failingDownload(), goEnvironment: InMemoryGoEnvironment(), environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let walk = try #require(Walk(tree: FixtureTrees.tree(ShellTests.privateBook), playbook: "private-module"))
        let events = Events()
        let driver = WalkDriver(walk: walk, host: host, observer: events, fixPolicy: .confirm)
        guard case .question = await driver.advance() else {
            Issue.record("expected the question")
            return
        }
        driver.answer("2")
        guard case .fixConfirmation = await driver.advance() else {
            Issue.record("expected the fix")
            return
        }
        #expect(driver.back())
        guard case .question = await driver.advance() else {
            Issue.record("back returns to the question")
            return
        }
        driver.answer("1")
        guard case .fixConfirmation(let waiting) = await driver.advance() else {
            Issue.record("expected the fix")
            return
        }
        await driver.applyFix()
        guard case .finished(let end) = await driver.advance() else {
            Issue.record("expected the end")
            return
        }
        #expect(end.cause == "private-module-proxy")

        let decided = events.all.compactMap { if case .decided(let decision) = $0 { decision } else { nil } }
        // download → which, which → fix (other.example.com), then after back: which → fix, fix → done.
        #expect(decided.map { "\($0.step.step)>\($0.target.step)" } == ["download>which", "which>fix", "which>fix", "fix>done"])
        // Back forgot the first which → fix; the walk's own list keeps the rest, each reported once.
        #expect(Array(decided.prefix(1) + decided.suffix(2)) == driver.walk.decisions)
        let proposed = events.all.compactMap { if case .fixProposed(let fix, _, _) = $0 { fix } else { nil } }
        let applied = events.all.compactMap { if case .fixApplied(let fix, _) = $0 { fix } else { nil } }
        #expect(
            proposed.map(\.changes) == [
                [.init(key: "GOPRIVATE", value: "other.example.com")],
                [.init(key: "GOPRIVATE", value: "corp.example.com")]
            ])
        #expect(applied == [waiting])
        #expect(applied.first == proposed.last)
    }
}
