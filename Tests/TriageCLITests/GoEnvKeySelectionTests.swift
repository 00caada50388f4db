import DecisionEngine
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// Who reads `go env`, when, and for which keys: each consumer asks for its own keys and nothing
/// reads before it needs a value (checked with the in-memory Go environment, which logs every read).
@Suite("Go env key selection")
struct GoEnvKeySelectionTests {
    /// The keys a fix of GOPRIVATE reads when proposed: its own key first, then the download settings.
    static let fixKeys = ["GOPRIVATE"] + GoEnvKeys.relevant.filter { $0 != "GOPRIVATE" }

    @Test func aShellThatStartsListsAndQuitsReadsNoGoEnv() async throws {
        let harness = ShellHarness(lines: ["help", "list", "why", "quit"])
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.reads.isEmpty)
    }

    @Test func envReadsTheDownloadSettingsOnly() async throws {
        let harness = ShellHarness(lines: ["env", "quit"])
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.goEnvironment.reads == [GoEnvKeys.relevant])
    }

    /// The walk reads nothing for its probe and question, the fix's keys when it is proposed, the
    /// changed key before journaling it, the changed key with the playbook's keys to confirm the
    /// change (so the step after needs no read of its own), and undo the key it restores, after
    /// (it compares the GOENV file's bytes, not go's values, before).
    @Test func eachConsumerOfAWalkReadsItsOwnKeys() async throws {
        let harness = ShellHarness(
            lines: ["start private-module", "1", "y", "undo", "quit"], goEnv: ["GOPRIVATE": "old"],
            runner: ShellTests.failingDownload(), journal: InMemoryJournal())
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(
            harness.transcript.contains("GOPRIVATE now: \"old\" (set in the GOENV file /home/dev/.config/go/env)"), "\(harness.transcript)")
        #expect(harness.transcript.contains("GOPRIVATE is now corp.example.com."))
        #expect(harness.goEnvironment.fileValues["GOPRIVATE"] == "old", "undo put it back")
        #expect(harness.goEnvironment.reads == [Self.fixKeys, ["GOPRIVATE"], ["GOPRIVATE"], ["GOPRIVATE"]])
    }

    /// With --yes the fix is applied right after it is shown, so the journal keeps the snapshot
    /// read to show it instead of reading the key again.
    @Test func aFixAppliedAtOnceIsJournaledFromTheSnapshotThatShowedIt() async throws {
        let goEnvironment = InMemoryGoEnvironment(values: ["GOPRIVATE": "old"])
        let journal = InMemoryJournal()
        let host = Host(
            runner: ShellTests.failingDownload(), goEnvironment: goEnvironment, environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage",
            journal: ChangeJournal(journal: journal, session: "yes-test"))
        let walk = try #require(Walk(tree: FixtureTrees.tree(ShellTests.privateBook), playbook: "private-module"))
        let driver = WalkDriver(
            walk: walk, host: host, observer: WalkDriverTests.Events(),
            presetAnswers: ["private_host": "corp.example.com"], fixPolicy: .applyAll)
        guard case .finished(let end) = await driver.advance() else {
            Issue.record("expected the walk to end")
            return
        }
        #expect(end.outcome == .resolved)
        #expect(goEnvironment.reads == [Self.fixKeys, ["GOPRIVATE"]])
        let planned = try #require(journal.written.first)
        #expect(planned.previous == "old")
        #expect(planned.source == "goenv-file")
    }

    static let fixThenShow = """
        gotriage: 1
        id: fix-then-show
        title: Fix, then show
        summary: Sets GOPRIVATE, then shows two go env values.
        start: fix
        steps:
          fix:
            fix: {reason: It is private., set: {GOPRIVATE: corp.example.com}}
            next: show
          show:
            done: {outcome: resolved, conclusion: "GOFLAGS {{goenv.GOFLAGS}}, GOPRIVATE {{goenv.GOPRIVATE}}."}
        """

    /// The read that confirms a fix asks for the walk's keys too, so the step after it reads nothing.
    @Test func theReadConfirmingAFixServesTheWalkToo() async throws {
        let goEnvironment = InMemoryGoEnvironment(values: ["GOFLAGS": "-mod=mod"])
        let host = Host(
            runner: FakeCommandRunner(), goEnvironment: goEnvironment, environment: [:],
            workingDirectory: "/tmp", selfExecutable: "/usr/bin/gotriage")
        let walk = try #require(Walk(tree: FixtureTrees.tree(Self.fixThenShow), playbook: "fix-then-show"))
        let driver = WalkDriver(walk: walk, host: host, observer: WalkDriverTests.Events(), fixPolicy: .applyAll)
        guard case .finished(let end) = await driver.advance() else {
            Issue.record("expected the walk to end")
            return
        }
        #expect(end.conclusion == "GOFLAGS -mod=mod, GOPRIVATE corp.example.com.")
        #expect(goEnvironment.reads == [Self.fixKeys, ["GOPRIVATE", "GOFLAGS"]])
    }

    @Test func aFixReadsItsKeysOnceEachThenTheDownloadSettings() {
        let keys = WalkDriver.goEnvKeys(forFixChanging: ["GOSUMDB", "GOFLAGS", "GONOSUMDB"])
        #expect(keys.prefix(3) == ["GOSUMDB", "GOFLAGS", "GONOSUMDB"])
        #expect(Set(keys) == Set(GoEnvKeys.relevant + ["GOSUMDB", "GOFLAGS", "GONOSUMDB"]))
        #expect(keys.count == Set(keys).count)
    }

    @Test func aGoEnvThatCannotBeReadAtTheFixIsSaidAndTheFixShownWithoutValues() async throws {
        let harness = ShellHarness(lines: ["start private-module", "1", "n", "quit"], runner: ShellTests.failingDownload())
        harness.goEnvironment.failReads(with: .goNotFound)
        _ = await harness.run(try FixtureTrees.tree(ShellTests.privateBook))
        #expect(harness.transcript.contains("the 'go' command was not found on PATH"), "\(harness.transcript)")
        #expect(harness.transcript.contains("GOPRIVATE now: (empty) (unknown source)"), "\(harness.transcript)")
        #expect(harness.goEnvironment.reads == [Self.fixKeys])
    }
}
