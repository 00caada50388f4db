import Foundation
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

    /// A fake `go`: `env -w`/`-u` writes `KEY=VALUE` lines to the file `GOENV` names (the copy
    /// gotriage hands it), `env -json` prints `json`; `warning` goes to stderr of a write.
    static func fakeGo(json: String, warning: String = "") -> FakeCommandRunner {
        FakeCommandRunner { request in
            if request.argv.dropFirst().first == "env", request.argv.contains("-w"), let copy = request.environment["GOENV"] {
                let line = (request.argv.last ?? "") + "\n"
                let old = (try? String(contentsOfFile: copy, encoding: .utf8)) ?? ""
                try? (old + line).write(toFile: copy, atomically: false, encoding: .utf8)
                return CommandResult(argv: request.argv, stderr: warning)
            }
            return CommandResult(argv: request.argv, stdout: json)
        }
    }

    /// A temporary GOENV file holding `text`, and a snapshot naming it with GOPROXY=direct.
    static func goenv(_ text: String) throws -> (directory: TemporaryDirectory, path: String, before: GoEnvSnapshot) {
        let directory = try TemporaryDirectory()
        let path = directory.path("env")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return (directory, path, GoEnvSnapshot(values: ["GOPROXY": "direct", "GOENV": path], goenvFile: path))
    }

    @Test func goWarningAboutAnOSOverrideIsOverriddenAndNothingIsWritten() async throws {
        let (directory, path, _) = try Self.goenv("")
        defer { directory.remove() }
        let runner = Self.fakeGo(
            json: #"{"GOPROXY": "direct", "GOENV": "\#(path)"}"#,
            warning: "warning: go env -w GOPROXY=... does not override conflicting OS environment variable\n")
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(.set(key: "GOPROXY", value: "off"))
        #expect(result == .overridden(key: "GOPROXY", variable: "GOPROXY", osValue: "direct", wanted: "off"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["env", "env.gotriage-lock"])
    }

    /// go reporting another value after the file was replaced: the file did change, so the
    /// result says so (undo can put it back), without confirming the value.
    @Test func aValueThatDidNotTakeEffectIsUnconfirmed() async throws {
        let (directory, path, _) = try Self.goenv("")
        defer { directory.remove() }
        let runner = Self.fakeGo(json: #"{"GOPROXY": "direct", "GOENV": "\#(path)"}"#)
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(.set(key: "GOPROXY", value: "off"))
        #expect(result == .unconfirmed(key: "GOPROXY", old: "direct", new: "off", message: "go env reports 'direct' after writing 'off'"))
        #expect(
            runner.argvs == [
                ["go", "env", "-json", "GOPROXY", "GOENV"], ["go", "env", "-w", "GOPROXY=off"],
                ["go", "env", "-json", "GOPROXY", "GOENV"]
            ])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "GOPROXY=off\n")
    }

    /// go edits a copy beside the GOENV file, never the file: GOENV names the copy for `go env -w`.
    @Test func goWritesACopyBesideTheFile() async throws {
        let (directory, path, before) = try Self.goenv("GOSUMDB=off\n")
        defer { directory.remove() }
        let runner = Self.fakeGo(json: #"{"GOPROXY": "off", "GOENV": "\#(path)"}"#)
        _ = await GoToolEnvironment(runner: runner, environment: ["GOENV": path]).apply(.set(key: "GOPROXY", value: "off"), before: before)
        let write = try #require(runner.requests.first { $0.argv.contains("-w") })
        let copy = try #require(write.environment["GOENV"])
        #expect(copy != path && copy.hasPrefix(path + ".gotriage-new-"))
        #expect(!FileManager.default.fileExists(atPath: copy), "the copy is removed")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "GOSUMDB=off\nGOPROXY=off\n")
        #expect(runner.requests.last?.environment["GOENV"] == path, "the confirming read reads the file itself")
    }

    @Test func goenvOffChangesNothingAndRunsNoWrite() async {
        let runner = Self.fakeGo(json: #"{"GOPROXY": "direct", "GOENV": "off"}"#)
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(.set(key: "GOPROXY", value: "off"))
        #expect(
            result
                == .failed(key: "GOPROXY", message: "GOENV is off (go env GOENV is empty or 'off'), so go keeps no settings file to change")
        )
        #expect(runner.argvs == [["go", "env", "-json", "GOPROXY", "GOENV"]])
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
    @Test func aSnapshotReadJustNowIsNotReadAgain() async throws {
        let (directory, path, before) = try Self.goenv("")
        defer { directory.remove() }
        let runner = Self.fakeGo(json: #"{"GOPROXY": "off", "GOENV": "\#(path)"}"#)
        let result = await GoToolEnvironment(runner: runner, environment: [:]).apply(
            .set(key: "GOPROXY", value: "off"),
            before: before)
        #expect(result == .applied(key: "GOPROXY", old: "direct", new: "off"))
        #expect(runner.argvs == [["go", "env", "-w", "GOPROXY=off"], ["go", "env", "-json", "GOPROXY", "GOENV"]])
    }

    /// The read that confirms a change can ask for more keys, for a caller that needs them next.
    @Test func theConfirmingReadAsksForTheExtraKeys() async throws {
        let (directory, path, before) = try Self.goenv("")
        defer { directory.remove() }
        let runner = Self.fakeGo(json: #"{"GOPROXY": "off", "GOFLAGS": "-mod=mod", "GOENV": "\#(path)"}"#)
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
