import DecisionEngine
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// A walk recorded as a test case replays the way it went: what `--answer` gave before the walk
/// and what was typed at a question are kept apart, because a variable typed later was empty
/// when the walk branched on it.
@Suite struct WalkTestRecorderTests {
    static let book = """
        gotriage: 1
        id: pick
        title: Pick a module
        summary: Asks for the module when none is given.
        start: given
        inputs:
          module: ~
          proxy: ~
        steps:
          given:
            branch:
              - if: {not: {var: module, empty: true}}
                goto: download
              - else: ask
          ask:
            ask: {question: Which module?, into: module}
            next: download
          download:
            run: {argv: [go, mod, download, "{{module}}"]}
            branch:
              - if: {exit: 0}
                goto: works
              - else: fails
          works:
            done: {outcome: resolved, conclusion: "{{module}} downloads from {{proxy}}."}
          fails:
            done: {outcome: not-resolved, cause: unknown, conclusion: It fails.}
        """

    @Test func aTypedAnswerIsRecordedAsAskedSoTheReplayAsksToo() async throws {
        let tree = try FixtureTrees.tree(Self.book)
        let presets = ["proxy": "http://127.0.0.1:8080"]
        let live = Host(
            runner: FakeCommandRunner(), goEnvironment: InMemoryGoEnvironment(), environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let recorder = WalkTestRecorder(host: live)
        let walk = try #require(Walk(tree: tree, playbook: "pick", variables: presets))
        let driver = WalkDriver(
            walk: walk, host: recorder.recording(live), observer: recorder, presetAnswers: presets, fixPolicy: .declineAll)
        guard case .question(let question) = await driver.advance() else {
            Issue.record("the walk should ask for the module")
            return
        }
        #expect(question.variable == "module")
        _ = driver.answer("example.com/hello")
        guard case .finished = await driver.advance() else {
            Issue.record("the walk should end after the download")
            return
        }

        let recorded = try #require(
            recorder.testCase(playbook: "pick", start: walk.start, presets: presets, applyFixes: false, redactor: Redactor()))
        #expect(recorded.answers == presets)
        #expect(recorded.asked == ["module": "example.com/hello"])
        #expect(recorded.expected.path == ["given", "ask", "download", "works"])

        // Written and read back, the case replays along the same path.
        let file = try PlaybookTestFile.load(text: PlaybookTestFile.yaml(for: [recorded]), file: "pick.test.yaml").get()
        let replay = await PlaybookTestRun(tree: tree).run(try #require(file.first))
        #expect(replay.passed, "\(replay.problems)")

        // Given as a preset instead, the module is there from the start: the walk never asks.
        var preset = recorded
        preset.answers["module"] = "example.com/hello"
        preset.asked = [:]
        let other = await PlaybookTestRun(tree: tree).run(preset)
        #expect(other.problems.contains { $0.hasPrefix("path: expected given → ask → download → works, got given → download → works") })
    }
}
