import Foundation
import TestSupport
import Testing
import TriageCLI

#if canImport(Glibc)
    import Glibc
#endif

/// One end-to-end test per documented exit status of `gotriage run`, plus the guarantees around
/// them: no hang without stdin, Ctrl-C kills the probe, a templated value never becomes an option.
@Suite struct ExitStatusTests {
    /// Test playbooks loaded with `--playbooks`: `t-ends` ends the way its answer says, `t-hang`
    /// runs a probe that never finishes, `t-remote` passes a URL to git.
    static let ends = """
        gotriage: 1
        id: t-ends
        title: Ends as answered
        summary: For exit status tests.
        start: pick
        steps:
          pick:
            ask:
              question: Which end?
              into: end
              choices: [resolved, not-resolved, escalate, fix]
            branch:
              - if: {var: end, equals: resolved}
                goto: ok
              - if: {var: end, equals: escalate}
                goto: escalate
              - if: {var: end, equals: fix}
                goto: fix
              - else: not-ok
          fix:
            fix:
              reason: Test fix.
              set: {GOFLAGS: "-mod=mod"}
            next: ok
          ok:
            done: {outcome: resolved, conclusion: Fine.}
          not-ok:
            done: {outcome: not-resolved, conclusion: Not fine.}
          escalate:
            done: {outcome: escalate, cause: unknown, conclusion: Ask someone.}
        """
    static let hang = """
        gotriage: 1
        id: t-hang
        title: Hangs
        summary: A probe that never ends.
        start: wait
        steps:
          wait:
            run:
              argv: [sleep, "{{seconds}}"]
              timeout: 2m
              pending: sleeping
            next: ok
          ok:
            done: {outcome: resolved, conclusion: Woke up.}
        inputs:
          seconds: ~
        """
    static let remote = """
        gotriage: 1
        id: t-remote
        title: Lists a remote
        summary: git ls-remote on a URL from an answer.
        start: url
        steps:
          url:
            ask:
              question: Which URL?
              into: url
            next: list
          list:
            run:
              argv: [git, ls-remote, "{{url}}"]
              timeout: 20s
            next: ok
          ok:
            done: {outcome: resolved, conclusion: Listed.}
        """

    static func playbooks(in lab: Lab, _ texts: [String: String]) throws -> String {
        let folder = lab.root.appendingPathComponent("test-playbooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in texts { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        return folder.path
    }

    @Test(arguments: [("resolved", Int32(0)), ("not-resolved", 1), ("fix", 4), ("escalate", 5)])
    func theEndOfTheWalkIsTheExitStatus(answer: String, status: Int32) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["ends.yaml": Self.ends])
        let goenv = lab.goEnvFileBytes
        let result = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answer", "end=\(answer)"])
        #expect(result.exitCode == status, "\(result.stdout)\(result.stderr)")
        #expect(lab.goEnvFileBytes == goenv)
    }

    @Test func aDryRunStoppedAtAFixExitsOne() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["ends.yaml": Self.ends])
        let result = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answer", "end=fix", "--dry-run", "--yes"])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("would run: go env -w GOFLAGS=-mod=mod"), "\(result.stdout)")
        #expect(result.stdout.contains("◌ Fix proposed, not applied (dry run)"), "\(result.stdout)")
        #expect(lab.goEnvFileBytes == Lab.goEnvFileData([]), "--dry-run wins over --yes: nothing written")
    }

    @Test func answersComeFromAFileAndFlagsWin() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["ends.yaml": Self.ends])
        let answers = lab.root.appendingPathComponent("answers.yaml")
        try Data("end: escalate\n".utf8).write(to: answers)
        let fromFile = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answers", answers.path])
        #expect(fromFile.exitCode == 5, "\(fromFile.stdout)\(fromFile.stderr)")
        let flagWins = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answers", answers.path, "--answer", "end=resolved"])
        #expect(flagWins.exitCode == 0, "\(flagWins.stdout)\(flagWins.stderr)")

        try Data("end: [a, b]\n".utf8).write(to: answers)
        let broken = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answers", answers.path])
        #expect(broken.exitCode == 2)
        #expect(
            broken.stderr.hasPrefix("\(answers.path):1:6: error: 'end' should be text, not a list\nend: [a, b]\n     ^"),
            "\(broken.stderr)")
    }

    @Test func aMissingAnswerWithNoStdinAtAllFailsAtOnce() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["ends.yaml": Self.ends])
        // `<&-` closes standard input entirely (not even /dev/null).
        let result = try lab.run(
            [
                "/bin/sh", "-c", "exec \"$0\" \"$@\" <&-", GotriageBinary.path, "run", "t-ends",
                "--playbooks", folder
            ],
            extraEnvironment: ["GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks, "NO_COLOR": "1"],
            timeout: 10)
        #expect(result.exitCode == 2)
        #expect(
            result.stderr.contains("the playbook asks \"Which end?\" and no answer was given. Pass --answer end=VALUE."),
            "\(result.stderr)")
    }

    @Test func aBrokenPlaybookExitsThreeWithItsLocation() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let broken = Self.ends.replacingOccurrences(of: "goto: ok", with: "goto: okay")
        let folder = try Self.playbooks(in: lab, ["ends.yaml": broken])
        let result = try lab.gotriage(["run", "t-ends", "--playbooks", folder, "--answer", "end=resolved"])
        #expect(result.exitCode == 3)
        #expect(
            result.stderr.contains("\(folder)/ends.yaml:14:15: error: unknown step 'okay' in goto; did you mean 'ok'?"), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "nothing was run")
    }

    @Test func ctrlCStopsTheProbeAndExitsSix() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["hang.yaml": Self.hang])
        let seconds = "29.\(Int.random(in: 100...999))"  // a unique argv to find the sleep by
        let output = lab.root.appendingPathComponent("hang.out")
        let errors = lab.root.appendingPathComponent("hang.err")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GotriageBinary.path)
        process.arguments = ["run", "t-hang", "--playbooks", folder, "--answer", "seconds=\(seconds)", "--json"]
        process.environment = lab.environment.merging(["GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks]) { $1 }
        process.currentDirectoryURL = lab.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = errorHandle
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let deadline = Date().addingTimeInterval(20)
        while Self.sleeps(seconds).isEmpty && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let sleeping = Self.sleeps(seconds)
        #expect(!sleeping.isEmpty, "the probe should be running")
        process.interrupt()  // SIGINT, as Ctrl-C would send
        process.waitUntilExit()
        let printed = { ["out": output, "err": errors].mapValues { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" } }
        #expect(process.terminationStatus == 6, "\(printed())")
        let goneBy = Date().addingTimeInterval(5)
        while !Self.sleeps(seconds).isEmpty && Date() < goneBy { Thread.sleep(forTimeInterval: 0.05) }
        #expect(Self.sleeps(seconds).isEmpty, "the sleep was killed with its process group")
        let events = try JSONEvents(try String(contentsOf: output, encoding: .utf8))
        // Ctrl-C ends the run at the interrupted probe: its probe-end, interrupted, then the end.
        #expect(events.suffix(3).map(\.kind) == [.probeEnd, .interrupted, .end], "\(printed())")
        #expect(
            events.dropLast().last.flatMap { if case .interrupted(let stop) = $0 { stop.step } else { nil } } == "t-hang:wait",
            "\(printed())")
        #expect(events.last?.ended?.outcome == .interrupted && events.last?.ended?.step == "t-hang:wait", "\(printed())")
        #expect(events.compactMap(\.probeEnded).last?.interrupted == true)
    }

    @Test func aTemplatedValueNeverBecomesAnOption() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.playbooks(in: lab, ["remote.yaml": Self.remote])
        let repository = lab.root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        _ = try lab.run(["git", "init", "-q", repository.path])

        // Control: git really runs --upload-pack, so the guard is what keeps the file away.
        let control = lab.root.appendingPathComponent("CONTROL")
        _ = try lab.run(["git", "ls-remote", "--upload-pack=touch \(control.path)", repository.path])
        #expect(FileManager.default.fileExists(atPath: control.path), "git runs --upload-pack")

        let pwned = lab.root.appendingPathComponent("PWNED")
        for value in ["--upload-pack=touch \(pwned.path)", "-u touch \(pwned.path)"] {
            let result = try lab.gotriage(
                ["run", "t-remote", "--playbooks", folder, "--answer", "url=\(value)", "--json"],
                in: repository)
            #expect(result.exitCode == 5, "\(result.stdout)\(result.stderr)")
            let events = try JSONEvents(result.stdout)
            #expect(!events.contains { $0.kind == .probeStart }, "the probe must not start")
            #expect(events.last?.ended?.reason == .unsafeArgument, "\(result.stdout)")
        }
        for value in ["; touch \(pwned.path)", "$(touch \(pwned.path))", "`touch \(pwned.path)`"] {
            let result = try lab.gotriage(
                ["run", "t-remote", "--playbooks", folder, "--answer", "url=\(value)", "--json"],
                in: repository)
            let start = try JSONEvents(result.stdout).lazy.compactMap(\.probeStarted).first
            #expect(start?.argv == ["git", "ls-remote", value], "one inert element: \(result.stdout)")
        }
        #expect(!FileManager.default.exists(pwned.path))
    }

    /// PIDs of `sleep SECONDS` processes.
    static func sleeps(_ seconds: String) -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { pid in
            guard pid.allSatisfy(\.isNumber),
                let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline")
            else { return false }
            let argv = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return argv.count == 2 && argv[0].hasSuffix("sleep") && argv[1] == seconds
        }
    }
}

extension FileManager {
    fileprivate func exists(_ path: String) -> Bool { fileExists(atPath: path) }
}
