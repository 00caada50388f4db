import Foundation
import Glibc
import HostEffects
import TestSupport
import Testing

@Suite("SubprocessRunner")
struct SubprocessRunnerTests {
    let runner = SubprocessRunner()
    let environment = ["PATH": ProcessEnvironment.current()["PATH"] ?? "/usr/bin:/bin", "LANG": "C"]

    func request(_ argv: [String], timeout: Int = 10_000, limit: Int = 1 << 20, in directory: String? = nil) -> CommandRequest {
        CommandRequest(
            argv: argv, environment: environment, workingDirectory: directory,
            timeoutMilliseconds: timeout, outputLimitBytes: limit)
    }

    @Test func capturesBothStreamsAndTheExitCode() async {
        let result = await runner.run(request(["sh", "-c", "echo out; echo err >&2; exit 3"]))
        #expect(result.exitCode == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
        #expect(!result.timedOut && !result.interrupted && !result.stdoutTruncated)
        #expect(result.argv == ["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(result.durationMilliseconds > 0)
    }

    @Test func missingProgramExits127WithAPlainReason() async {
        let result = await runner.run(request(["gotriage-no-such-program-9f2c"]))
        #expect(result.exitCode == 127)
        #expect(result.stderr == "gotriage: 'gotriage-no-such-program-9f2c' was not found on PATH")
    }

    @Test func emptyArgvExits127() async {
        let result = await runner.run(request([]))
        #expect(result.exitCode == 127)
        #expect(result.stderr.contains("empty command"))
    }

    @Test func looksProgramsUpOnThePathOfTheRequestEnvironment() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let script = dir.path("gotriage-hello")
        try "#!/bin/sh\necho hello from script\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        var req = request(["gotriage-hello"])
        req.environment["PATH"] = dir.url.path + ":" + (environment["PATH"] ?? "")
        let found = await runner.run(req)
        #expect(found.exitCode == 0)
        #expect(found.stdout == "hello from script\n")
        let notFound = await runner.run(request(["gotriage-hello"]))
        #expect(notFound.exitCode == 127)
    }

    /// The first executable file on PATH wins, as for a shell: a folder holding a non-executable
    /// file or a folder of that name, or a relative folder, is passed over.
    @Test func takesTheFirstExecutableFileOnThePath() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for folder in ["plain", "folder", "first", "second"] {
            try FileManager.default.createDirectory(atPath: dir.path(folder), withIntermediateDirectories: true)
        }
        try "#!/bin/sh\necho plain\n".write(toFile: dir.path("plain/gotriage-which"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir.path("folder/gotriage-which"), withIntermediateDirectories: true)
        for folder in ["first", "second"] {
            let script = dir.path("\(folder)/gotriage-which")
            try "#!/bin/sh\necho \(folder) \"$0\"\n".write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o755)
        }
        var req = request(["gotriage-which"])
        req.environment["PATH"] = ["relative", dir.path("plain"), dir.path("folder"), dir.path("first") + "/", dir.path("second")]
            .joined(separator: ":")
        let result = await runner.run(req)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "first \(dir.path("first"))/gotriage-which\n")
    }

    @Test func theChildSeesExactlyTheGivenEnvironment() async {
        var req = request(["sh", "-c", "echo \"$GOTRIAGE_X|${HOME-unset}\""])
        req.environment["GOTRIAGE_X"] = "value with spaces"
        let result = await runner.run(req)
        #expect(result.stdout == "value with spaces|unset\n")
    }

    /// `cat` ends at once on /dev/null; had it inherited a terminal or pipe, it would have waited
    /// until the timeout killed it.
    @Test func stdinIsDevNull() async {
        let result = await runner.run(request(["cat"], timeout: 5_000))
        #expect(result.exitCode == 0)
        #expect(result.stdout.isEmpty)
        #expect(!result.timedOut)
    }

    @Test func readsLargeOutputOnBothStreamsWithoutDeadlock() async {
        let script = "head -c 300000 /dev/zero | tr '\\0' a; head -c 200000 /dev/zero | tr '\\0' b >&2; echo done"
        let result = await runner.run(request(["sh", "-c", script], timeout: 20_000))
        #expect(result.exitCode == 0)
        #expect(result.stdout.utf8.count == 300_005)
        #expect(result.stdout.hasSuffix("adone\n"))
        #expect(result.stderr.utf8.count == 200_000)
        #expect(!result.stdoutTruncated && !result.stderrTruncated)
    }

    @Test func outputPastTheLimitIsDroppedAndMarked() async {
        let script = "head -c 100000 /dev/zero | tr '\\0' x; echo small >&2"
        let result = await runner.run(request(["sh", "-c", script], limit: 1_000))
        #expect(result.exitCode == 0)
        #expect(result.stdout == String(repeating: "x", count: 1_000))
        #expect(result.stdoutTruncated)
        #expect(result.stderr == "small\n")
        #expect(!result.stderrTruncated)
    }

    @Test func killedBySignalExits128PlusTheSignal() async {
        let result = await runner.run(request(["sh", "-c", "kill -TERM $$"]))
        #expect(result.exitCode == 128 + SIGTERM)
        #expect(!result.timedOut)
    }

    @Test func theChildLeadsItsOwnProcessGroup() async {
        // Field 5 of /proc/PID/stat is the process group id.
        let result = await runner.run(request(["sh", "-c", "echo $$; cut -d' ' -f5 /proc/$$/stat"]))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.first == lines.last)
        #expect(lines.last != String(getpgrp()))
    }

    @Test func theChildStartsWithNoBlockedSignals() async {
        let result = await runner.run(request(["grep", "SigBlk", "/proc/self/status"]))
        #expect(result.stdout == "SigBlk:\t0000000000000000\n")
    }

    @Test func runsInTheWorkingDirectory() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = await runner.run(request(["pwd"], in: dir.url.path))
        #expect(result.stdout.trimmingCharacters(in: .newlines) == dir.url.resolvingSymlinksInPath().path)
        let missing = dir.path("missing")
        let failed = await runner.run(request(["pwd"], in: missing))
        #expect(failed.exitCode == 127)
        #expect(failed.stderr.contains("'\(missing)'"))
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pidFile = dir.path("pids")
        let script = "sleep 30 & echo $! >> '\(pidFile)'; sleep 30 & echo $! >> '\(pidFile)'; wait"
        // The timeout leaves sh time to start both sleeps even on a loaded machine; the runner's
        // own measurement (not the busy test pool's clock) proves the group was killed, not left
        // to sleep 30 s. On a loaded machine the timer itself can fire seconds late (measured:
        // 10.5 s on two busy cores), so the bound is what a 30 s sleep could never meet.
        let result = await runner.run(request(["sh", "-c", script], timeout: 1_500))
        #expect(result.durationMilliseconds < 25_000)
        #expect(result.timedOut)
        #expect(!result.interrupted)
        #expect(result.exitCode == 128 + SIGKILL)
        let pids = try String(contentsOfFile: pidFile, encoding: .utf8)
            .split(separator: "\n").compactMap { pid_t($0) }
        #expect(pids.count == 2)
        for pid in pids { #expect(await processIsGone(pid), "sleep \(pid) survived") }
    }

    @Test func cancellingTheTaskKillsTheGroupAndMarksItInterrupted() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pidFile = dir.path("pids")
        let req = request(["sh", "-c", "sleep 30 & echo $! > '\(pidFile)'; wait"], timeout: 20_000)
        let task = Task { await runner.run(req) }
        // Cancel only once the background sleep's pid is written (a whole line), however slow
        // the machine is: the shell creates the file before echo writes into it.
        for _ in 0..<200 where !((try? String(contentsOfFile: pidFile, encoding: .utf8))?.hasSuffix("\n") ?? false) {
            try await Task.sleep(for: .milliseconds(25))
        }
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.value
        #expect(ContinuousClock.now - cancelled < .seconds(10), "cancelling ended the 30 s sleep")
        #expect(result.interrupted)
        #expect(!result.timedOut)
        let pid = try #require(pid_t(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .newlines)))
        #expect(await processIsGone(pid))
    }

    /// Whether `pid` has exited (absent, or a zombie awaiting its new parent), waiting up to 1 s.
    func processIsGone(_ pid: pid_t) async -> Bool {
        for _ in 0..<20 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if let close = stat.lastIndex(of: ")"), stat[close...].dropFirst(2).first == "Z" { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
