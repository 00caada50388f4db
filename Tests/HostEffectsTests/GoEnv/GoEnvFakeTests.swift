import HostEffects
import TestSupport
import Testing

/// GoToolEnvironment against scripted `go` output (cases real go cannot easily produce).
@Suite("GoToolEnvironment with a fake runner")
struct GoEnvFakeTests {
    @Test func commandLineIsTheExactArgv() {
        let go = GoToolEnvironment(runner: FakeCommandRunner(), environment: [:], go: "/usr/lib/go-1.19/bin/go")
        #expect(
            go.commandLine(for: .set(key: "GOPROXY", value: "https://p.example,direct"))
                == ["/usr/lib/go-1.19/bin/go", "env", "-w", "GOPROXY=https://p.example,direct"])
        #expect(go.commandLine(for: .unset(key: "GOSUMDB")) == ["/usr/lib/go-1.19/bin/go", "env", "-u", "GOSUMDB"])
    }

    @Test func badJSONAndFailuresAreTypedErrors() async {
        let garbage = GoToolEnvironment(
            runner: FakeCommandRunner { CommandResult(argv: $0.argv, stdout: "not json") },
            environment: [:])
        await #expect { try await garbage.read(keys: ["GOPROXY"]) } throws: { error in
            if case GoEnvError.badJSON = error { true } else { false }
        }
        let failing = GoToolEnvironment(
            runner: FakeCommandRunner { CommandResult(argv: $0.argv, exitCode: 1, stderr: "go: boom\n") },
            environment: [:])
        await #expect(
            throws: GoEnvError.commandFailed(
                argv: ["go", "env", "-json", "GOPROXY", "GOENV"], exitCode: 1,
                stderr: "go: boom")
        ) {
            try await failing.read(keys: ["GOPROXY"])
        }
    }

    @Test func goWarningAboutAnOSOverrideIsOverridden() async {
        let runner = FakeCommandRunner { request in
            if request.argv.contains("-w") {
                return CommandResult(
                    argv: request.argv,
                    stderr: "warning: go env -w GOPROXY=... does not override conflicting OS environment variable\n")
            }
            return CommandResult(argv: request.argv, stdout: #"{"GOPROXY": "direct", "GOENV": ""}"#)
        }
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(.set(key: "GOPROXY", value: "off"))
        #expect(result == .overridden(key: "GOPROXY", variable: "GOPROXY", osValue: "direct", wanted: "off"))
    }

    @Test func aValueThatDidNotTakeEffectIsAFailure() async {
        let runner = FakeCommandRunner { CommandResult(argv: $0.argv, stdout: #"{"GOPROXY": "direct", "GOENV": "off"}"#) }
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(.set(key: "GOPROXY", value: "off"))
        #expect(result == .failed(key: "GOPROXY", message: "go env reports 'direct' after writing 'off'"))
        #expect(
            runner.argvs == [
                ["go", "env", "-json", "GOPROXY", "GOENV"], ["go", "env", "-w", "GOPROXY=off"],
                ["go", "env", "-json", "GOPROXY", "GOENV"]
            ])
    }

    /// The keys go is asked for: those given, once each, in order, then GOENV — never none, since
    /// `go env -json` alone prints everything and probes the C compiler for it.
    @Test(arguments: [
        (["GOPROXY", "GOFLAGS"], ["GOPROXY", "GOFLAGS", "GOENV"]),
        (["GOFLAGS", "GOENV", "GOFLAGS"], ["GOFLAGS", "GOENV"]),
        ([], ["GOENV"])
    ])
    func readAsksForExactlyTheKeys(keys: [String], asked: [String]) async throws {
        let runner = FakeCommandRunner { CommandResult(argv: $0.argv, stdout: #"{"GOENV": "off"}"#) }
        _ = try await GoToolEnvironment(runner: runner, environment: [:]).read(keys: keys)
        #expect(runner.argvs == [["go", "env", "-json"] + asked])
    }

    /// Given the snapshot its caller just read, apply runs go env -w and the check read only.
    @Test func aSnapshotReadJustNowIsNotReadAgain() async {
        let runner = FakeCommandRunner { CommandResult(argv: $0.argv, stdout: #"{"GOPROXY": "off", "GOENV": "off"}"#) }
        let before = GoEnvSnapshot(values: ["GOPROXY": "direct", "GOENV": "off"])
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(
            .set(key: "GOPROXY", value: "off"),
            before: before)
        #expect(result == .applied(key: "GOPROXY", old: "direct", new: "off"))
        #expect(runner.argvs == [["go", "env", "-w", "GOPROXY=off"], ["go", "env", "-json", "GOPROXY", "GOENV"]])
    }

    /// The read that confirms a change can ask for more keys, for a caller that needs them next.
    @Test func theConfirmingReadAsksForTheExtraKeys() async {
        let runner = FakeCommandRunner {
            CommandResult(argv: $0.argv, stdout: #"{"GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOENV": "off"}"#)
        }
        let before = GoEnvSnapshot(values: ["GOPROXY": "direct", "GOENV": "off"])
        let (result, after) = await GoToolEnvironment(runner: runner, environment: [:])
            .apply(.set(key: "GOPROXY", value: "off"), before: before, alsoReading: ["GOFLAGS", "GOPROXY"])
        #expect(result == .applied(key: "GOPROXY", old: "direct", new: "off"))
        #expect(after?["GOFLAGS"] == "-mod=mod")
        #expect(runner.argvs == [["go", "env", "-w", "GOPROXY=off"], ["go", "env", "-json", "GOPROXY", "GOFLAGS", "GOENV"]])
    }

    @Test func sourcesFollowGosRule() {
        let snapshot = GoEnvSnapshot(
            values: ["GOPROXY": "a", "GOSUMDB": "b", "GOFLAGS": "", "GONOSUMDB": "c"],
            goenvFile: "/tmp/goenv",
            fileValues: ["GOSUMDB": "b", "GOFLAGS": "", "GONOSUMDB": "x"],
            osEnvironment: ["GOPROXY": "a", "GONOSUMDB": "", "GOFLAGS": ""])
        #expect(snapshot.source(of: "GOPROXY") == .osEnvironment)
        #expect(snapshot.source(of: "GOSUMDB") == .goenvFile(path: "/tmp/goenv"))
        #expect(snapshot.source(of: "GOFLAGS") == .goenvFile(path: "/tmp/goenv"))
        #expect(snapshot.source(of: "GONOSUMDB") == .goenvFile(path: "/tmp/goenv"))
        #expect(snapshot.source(of: "GOPRIVATE") == .defaultValue)
    }
}
