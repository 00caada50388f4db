import Foundation
import HostEffects
import Testing

@Suite("RecordedCommandRunner")
struct RecordedCommandRunnerTests {
    func request(_ argv: [String]) -> CommandRequest { CommandRequest(argv: argv, environment: [:]) }

    @Test func replaysInOrderAndRepeatsTheLastRecording() async {
        let runner = RecordedCommandRunner([
            CommandResult(argv: ["go", "env", "GOPROXY"], stdout: "first\n"),
            CommandResult(argv: ["git", "version"], stdout: "git version 2.39.5\n"),
            CommandResult(argv: ["go", "env", "GOPROXY"], exitCode: 1, stdout: "second\n"),
        ])
        let first = await runner.run(request(["go", "env", "GOPROXY"]))
        let second = await runner.run(request(["go", "env", "GOPROXY"]))
        let third = await runner.run(request(["go", "env", "GOPROXY"]))
        #expect(first.stdout == "first\n")
        #expect(second.stdout == "second\n" && second.exitCode == 1)
        #expect(third == second)
        #expect(await runner.run(request(["git", "version"])).stdout == "git version 2.39.5\n")
    }

    @Test func unknownArgvExits127() async {
        let result = await RecordedCommandRunner([]).run(request(["go", "version"]))
        #expect(result.exitCode == 127)
        #expect(result.stderr == "no recording for 'go' 'version'")
    }

    @Test func loadsAJSONFileWhereOnlyArgvIsRequired() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.url.appendingPathComponent("recording.json")
        try Data("""
            [{"argv": ["go", "version"], "stdout": "go version go1.19.8 linux/amd64\\n"},
             {"argv": ["git", "ls-remote", "x"], "exitCode": 128, "stderr": "fatal: nope", "timedOut": true}]
            """.utf8).write(to: file)
        let runner = try RecordedCommandRunner(contentsOf: file)
        let go = await runner.run(request(["go", "version"]))
        #expect(go == CommandResult(argv: ["go", "version"], stdout: "go version go1.19.8 linux/amd64\n"))
        let git = await runner.run(request(["git", "ls-remote", "x"]))
        #expect(git.exitCode == 128 && git.stderr == "fatal: nope" && git.timedOut)
    }

    @Test func roundTripsEncodedResults() async throws {
        let original = CommandResult(argv: ["a"], exitCode: 2, stdout: "o", stderr: "e", stdoutTruncated: true,
                                     stderrTruncated: false, timedOut: false, interrupted: true, durationMilliseconds: 1.5)
        let data = try JSONEncoder().encode([original])
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.url.appendingPathComponent("r.json")
        try data.write(to: file)
        let runner = try RecordedCommandRunner(contentsOf: file)
        #expect(await runner.run(request(["a"])) == original)
    }

    @Test func rejectsMalformedAndMissingFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.url.appendingPathComponent("bad.json")
        try Data(#"{"argv": ["x"]}"#.utf8).write(to: file)
        #expect(throws: RecordingError.self) { try RecordedCommandRunner(contentsOf: file) }
        do {
            _ = try RecordedCommandRunner(contentsOf: dir.url.appendingPathComponent("absent.json"))
            Issue.record("expected an error")
        } catch {
            guard case .unreadable(let path, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(path.hasSuffix("absent.json"))
        }
    }
}
