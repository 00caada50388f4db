import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

@Suite("Shell")
struct ShellTests {
    static let privateBook = """
        gotriage: 1
        id: private-module
        title: A private module is asked of the proxy
        summary: Checks the download and sets GOPRIVATE.
        start: download
        steps:
          download:
            say: Let's try the download.
            run:
              argv: [go, mod, download, -json, "{{module}}"]
              capture:
                - stdout: '"Path": "(?<host>[^/"]+)'
            branch:
              - if: {exit: 0}
                goto: fine
              - if: {in: output, contains: 404 Not Found}
                goto: which
              - else: unknown
          which:
            ask:
              question: Which host is private?
              into: private_host
              choices: [corp.example.com, other.example.com]
            next: fix
          fix:
            fix:
              reason: Modules under {{private_host}} are private.
              set: {GOPRIVATE: "{{private_host}}"}
            next: done
          done:
            done: {outcome: resolved, cause: private-module-proxy, conclusion: "GOPRIVATE is now {{goenv.GOPRIVATE}}."}
          fine:
            done: {outcome: resolved, conclusion: Nothing to fix.}
          unknown:
            done: {outcome: escalate, cause: unknown, conclusion: Unknown.}
        inputs:
          module: corp.example.com/team/lib
        """

    static func failingDownload() -> FakeCommandRunner {
        FakeCommandRunner { request in
            CommandResult(
                argv: request.argv, exitCode: 1,
                stdout: "{\n\t\"Path\": \"corp.example.com/team/lib\",\n\t\"Error\": \"reading …: 404 Not Found\"\n}\n",
                stderr: "go: corp.example.com/team/lib@v1.0.0: reading http://proxy/…: 404 Not Found\n",
                durationMilliseconds: 12)
        }
    }

    @Test func walksToAConfirmedFix() async throws {
        let harness = ShellHarness(lines: ["start private-module", "1", "y", "why", "quit"], runner: Self.failingDownload())
        let status = await harness.run(try FixtureTrees.tree(Self.privateBook))
        #expect(status == 0)
        #expect(harness.goEnvironment.fileValues["GOPRIVATE"] == "corp.example.com")
        #expect(harness.runner.argvs == [["go", "mod", "download", "-json", "corp.example.com/team/lib"]])
        try expectGolden(harness.transcript, named: "walksToAConfirmedFix")
    }

    @Test(arguments: ["", "n", "no"])
    func anythingButYesChangesNothing(reply: String) async throws {
        let harness = ShellHarness(
            lines: ["start private-module", "corp.example.com", reply, "quit"], goEnv: ["GOPRIVATE": "old"],
            runner: Self.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(Self.privateBook))
        #expect(harness.goEnvironment.fileValues == ["GOPRIVATE": "old"])
        #expect(harness.transcript.contains("Not applied. Nothing was changed."))
        #expect(harness.transcript.contains("✘ Fix not applied"))
        #expect(!harness.transcript.contains("help: run the same command again with --yes"), "the shell asked; --yes is for run")
    }

    @Test func anOSVariableOverridingTheFileIsNotReportedAsFixed() async throws {
        let harness = ShellHarness(
            lines: ["start private-module", "1", "yes", "quit"],
            osEnvironment: ["GOPRIVATE": "from-shell"], runner: Self.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(Self.privateBook))
        #expect(
            harness.transcript.asProse.contains(
                "✗ Not done: GOPRIVATE was written to the GOENV file, but your shell's environment variable GOPRIVATE=from-shell overrides that file"
            ), "\(harness.transcript)")
        #expect(harness.transcript.contains("\n        unset GOPRIVATE\n"), "the command on a line of its own: \(harness.transcript)")
        #expect(!harness.transcript.contains("✔ Resolved"))
        #expect(!harness.transcript.contains("✔ Fixed"))
    }

    @Test func aModuleGivenToStartIsTheWalksModuleAndIsNotAskedFor() async throws {
        let book = FixtureBooks.moduleOnce
        let given = ShellHarness(lines: ["start once git.corp.example/team/lib@v1.2.0", "quit"])
        _ = await given.run(try FixtureTrees.tree(book))
        #expect(!given.transcript.contains("Which module?"), "\(given.transcript)")
        #expect(given.transcript.contains("git.corp.example/team/lib@v1.2.0 on git.corp.example."), "\(given.transcript)")

        let asked = ShellHarness(lines: ["start once", "example.com/typed", "quit"])
        _ = await asked.run(try FixtureTrees.tree(book))
        #expect(asked.transcript.contains("Which module?"), "\(asked.transcript)")
        #expect(asked.transcript.contains("example.com/typed on example.com."), "module_host follows a typed module: \(asked.transcript)")

        let tooMany = ShellHarness(lines: ["start once a b", "quit"])
        _ = await tooMany.run(try FixtureTrees.tree(book))
        #expect(tooMany.transcript.contains("Usage: start <playbook> [module]."), "\(tooMany.transcript)")
    }

    @Test func badLinesGetAHint() async throws {
        let harness = ShellHarness(lines: ["strat private-module", "start privat-module", "start", "back", "retry", "help start"])
        _ = await harness.run(try FixtureTrees.tree(Self.privateBook))
        try expectGolden(harness.transcript, named: "badLinesGetAHint")
    }

    @Test func backReturnsToTheQuestion() async throws {
        let harness = ShellHarness(
            lines: ["start private-module", "other.example.com", "back", "1", "y", "quit"],
            runner: Self.failingDownload())
        _ = await harness.run(try FixtureTrees.tree(Self.privateBook))
        #expect(harness.goEnvironment.fileValues["GOPRIVATE"] == "corp.example.com")
        #expect(harness.transcript.components(separatedBy: "Which host is private?").count == 3)
    }

    @Test func completesCommandsPlaybooksAndChoices() async throws {
        let harness = ShellHarness(lines: ["start private-module"], runner: Self.failingDownload())
        let tree = try FixtureTrees.tree(Self.privateBook)
        _ = await harness.run(tree)
        // After the last line the shell stopped at the question, so the completer offers its
        // choices, and commands only where no choice fits.
        #expect(harness.reader.complete("") == ["corp.example.com", "other.example.com"])
        #expect(harness.reader.complete("o") == ["other.example.com"])
        #expect(harness.reader.complete("ba") == ["back"])
        #expect(harness.reader.complete("sta") == ["start"])
        #expect(harness.reader.complete("start pri") == ["private-module"])
        #expect(harness.reader.complete("help wh") == ["why"])
        #expect(harness.reader.complete("back x") == [])
    }

    @Test func envShowsWhereEachValueComesFrom() async throws {
        let harness = ShellHarness(lines: ["env"], goEnv: ["GOPROXY": "off"], osEnvironment: ["GOFLAGS": "-mod=mod"])
        _ = await harness.run(try FixtureTrees.tree(Self.privateBook))
        let lines = harness.transcript.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines.contains("GOPROXY \"off\" set in the GOENV file /home/dev/.config/go/env"))
        #expect(lines.contains("GOFLAGS \"-mod=mod\" set in your shell's environment"))
        #expect(lines.contains("GOPRIVATE (empty) Go's default"))
    }
}
