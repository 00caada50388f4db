import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

@Suite("Dry run, spinner and fuzzing in the shell")
struct TrustShellTests {
    @Test func dryrunOnShowsTheFixAndStopsThere() async throws {
        let harness = ShellHarness(
            lines: ["dryrun on", "start private-module", "1", "dryrun", "dryrun maybe", "quit"],
            runner: ShellTests.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.fileValues["GOPRIVATE"] == nil, "a dry run changes nothing")
        try expectGolden(harness.transcript, named: "dryrunOnShowsTheFixAndStopsThere")
    }

    @Test func dryrunOffProposesAgain() async throws {
        let harness = ShellHarness(
            lines: ["dryrun on", "dryrun off", "start private-module", "1", "y", "quit"],
            runner: ShellTests.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.fileValues["GOPRIVATE"] == "corp.example.com")
        #expect(!harness.transcript.contains("would run"))
    }

    @Test func randomLinesNeverStopTheShell() async throws {
        let tree = try FixtureTrees.tree(ShellTests.privateBook)
        var lines = RandomShellLines(seed: 7, words: ShellCommand.allCases.map(\.rawValue) + tree.order)
        let script = (0..<300).map { _ in lines.next() }.filter {
            let first = $0.trimmingCharacters(in: .whitespaces).split(separator: " ").first?.lowercased()
            return first != "quit" && first != "exit"
        }
        let harness = ShellHarness(lines: script, runner: ShellTests.failingDownload())
        let status = await harness.run(tree)
        #expect(status == 0)
        #expect(harness.reader.scriptedRemaining == 0, "the shell read every line")
        #expect(harness.transcript.hasSuffix("^D\n\n"), "it left only at end of input")
    }

    // MARK: Spinner

    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    static func probe() throws -> PendingProbe {
        let tree = try FixtureTrees.tree(ShellTests.privateBook)
        var walk = try #require(Walk(tree: tree, playbook: "private-module"))
        walk.record(goEnv: [:])
        while true {
            switch walk.next().action {
            case .run(let probe): return probe
            case .say: continue
            default: throw CancellationError()
            }
        }
    }

    @Test func aLongProbeOnATerminalShowsOneErasedLine() async throws {
        let output = Collected()
        let console = Console(usesColour: false, isTerminal: true, out: output.append, err: output.append)
        let renderer = HumanRenderer(console: console, spinnerDelayMilliseconds: 50)
        let probe = try Self.probe()
        renderer.handle(.probeStarted(probe))
        try await Task.sleep(for: .milliseconds(400))
        renderer.handle(.probeFinished(probe, CommandResult(argv: probe.argv, durationMilliseconds: 400)))
        try await Task.sleep(for: .milliseconds(100))  // a late tick must not draw again
        let text = output.value
        let erase = Console.eraseLine
        // The first frame, after an erase; its clock reads whatever the scheduler allowed (over a
        // second when the machine is busy), so only its form is checked.
        let firstFrame = text.components(separatedBy: erase + "⠋ ").dropFirst().first ?? ""
        #expect(firstFrame.firstMatch(of: /^[0-9]+\.[0-9] s {2}go mod/) != nil, "\(text.debugDescription)")
        #expect(text.contains(" s  go mod download -json corp.example.com/team/lib"))
        let parts = text.components(separatedBy: erase)
        #expect(parts.count >= 3, "at least one line drawn and erased")
        #expect(parts.dropFirst().dropLast().allSatisfy { !$0.contains("\n") }, "the spinner stays on one line")
        // The last thing before the result is the erase; nothing is drawn after it.
        #expect(parts.last == "    ok (exit 0, 400 ms)\n", "\(text.debugDescription)")
    }

    @Test(arguments: [(true, 60_000), (false, 10)])
    func noSpinnerForQuickProbesOrWithoutATerminal(terminal: Bool, delay: Int) async throws {
        let output = Collected()
        let console = Console(usesColour: false, isTerminal: terminal, out: output.append, err: output.append)
        let renderer = HumanRenderer(console: console, spinnerDelayMilliseconds: delay)
        let probe = try Self.probe()
        renderer.handle(.probeStarted(probe))
        try await Task.sleep(for: .milliseconds(150))
        renderer.handle(.probeFinished(probe, CommandResult(argv: probe.argv, durationMilliseconds: 150)))
        #expect(!output.value.contains("\r"), "\(output.value.debugDescription)")
    }

    // MARK: JSON

    @Test func theDryRunEndsTheJSONStreamWithFixProposed() async throws {
        let output = Collected()
        let console = Console(usesColour: false, out: output.append, err: output.append)
        let tree = try FixtureTrees.tree(ShellTests.privateBook)
        let walk = try #require(Walk(tree: tree, playbook: "private-module"))
        let host = Host(
            runner: ShellTests.failingDownload(), goEnvironment: InMemoryGoEnvironment(), environment: [:],
            workingDirectory: "/", selfExecutable: "/bin/gotriage")
        let driver = WalkDriver(
            walk: walk, host: host, observer: JSONLinesRenderer(console: console),
            presetAnswers: ["private_host": "corp.example.com"], fixPolicy: .dryRun)
        let stop = await driver.advance()
        guard case .finished(let end) = stop else {
            Issue.record("expected the end")
            return
        }
        #expect(ExitStatus(end) == .notResolved)
        let events = try JSONLinesRendererTests.decode(output.value)
        guard case .end(let last)? = events.last else {
            Issue.record("the last line is not the end: \(output.value)")
            return
        }
        #expect(last.outcome == .fixProposed, "\(last)")
        #expect(last.reason == .fixProposed)
        #expect(
            events.contains { event in
                guard case .fixWouldRun(let shown) = event else { return false }
                return shown.commands == [["go", "env", "-w", "GOPRIVATE=corp.example.com"]]
            })
        #expect(!events.contains { $0.kind == .fixApplied })
    }
}
