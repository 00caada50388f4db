import Foundation
import TestSupport
import Testing
import TriageCLI

#if canImport(Glibc)
    import Glibc
#endif

/// The built binary against hostile playbooks, probe output and answers: a pattern that
/// backtracks without end, values that would become options or programs, and control bytes
/// meant for the terminal.
@Suite struct HostileInputTests {
    /// `t-slow`: `(a+)+b` against a line of 44 a's takes 2^44 steps, unless it is stopped.
    static let slow = """
        gotriage: 1
        id: t-slow
        title: A pattern that backtracks
        summary: For the regex budget.
        start: look
        steps:
          look:
            run:
              argv: [printf, "%s\\n", "\(String(repeating: "a", count: 44))"]
            branch:
              - if: {in: stdout, matches: '(a+)+b'}
                goto: found
              - else: other
          found:
            done: {outcome: resolved, conclusion: Found.}
          other:
            done: {outcome: not-resolved, conclusion: Other.}
        """

    @Test func aBacktrackingPatternFailsTheStepWithinASecond() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["slow.yaml": Self.slow])
        let started = Date()
        let result = try lab.gotriage(["run", "t-slow", "--playbooks", folder, "--json"], timeout: 20)
        let seconds = Date().timeIntervalSince(started)
        #expect(result.exitCode == 5, "\(result.stdout)\(result.stderr)")
        let end = try #require(try JSONEvents(result.stdout).last?.ended, "\(result.stdout)")
        #expect(end.reason == .patternTooSlow)
        #expect(end.outcome == .escalate)
        #expect(end.conclusion.contains("(a+)+b") && end.conclusion.contains("\(folder)/slow.yaml:11:14"), "\(end.conclusion)")
        #expect(end.step == "t-slow:look")
        // Start-up and the probe take milliseconds; the budget is 500 ms.
        #expect(seconds < 2, "the whole run took \(seconds) s")
    }

    @Test func ctrlCStopsARunawayMatch() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        // The probe leaves a mark as its last act: `probe-end` is told only once the output has
        // been matched, so the mark is what says the match is about to run.
        let mark = lab.root.appendingPathComponent("probe-done").path
        let printAndMark = #"argv: [sh, -c, "printf '%s\\n' \#(String(repeating: "a", count: 44)); : > '\#(mark)'"]"#
        let slow = Self.slow.replacingOccurrences(
            of: #"argv: [printf, "%s\n", "\#(String(repeating: "a", count: 44))"]"#, with: printAndMark)
        #expect(slow != Self.slow)
        let folder = try ExitStatusTests.playbooks(in: lab, ["slow.yaml": slow])
        let run = try LabBackgroundRun(["run", "t-slow", "--playbooks", folder, "--json"], lab: lab)
        #expect(run.wait(upTo: 20) { FileManager.default.fileExists(atPath: mark) }, "\(run.stdout)\(run.stderr)")
        // The match runs now; Ctrl-C (again and again, so one lands while it runs) must stop it.
        let sentAt = Date()
        _ = run.wait(upTo: 10) {
            run.send(SIGINT)
            return !run.isRunning
        }
        let status = run.exitStatus(within: 5)
        #expect(status == 6, "\(run.stdout)\(run.stderr)")
        #expect(Date().timeIntervalSince(sentAt) < 1, "Ctrl-C took effect at once")
        let end = try #require(try JSONEvents(run.stdout).last?.ended, "\(run.stdout)")
        #expect(end.outcome == .interrupted && end.reason == .interrupted, "\(run.stdout)")
        #expect(!run.stdout.contains("pattern-too-slow"), "Ctrl-C, not the budget, ended the match")
    }

    /// `t-build`: builds the lab module with GOFLAGS from an answer.
    static let build = """
        gotriage: 1
        id: t-build
        title: Builds with flags
        summary: GOFLAGS from an answer.
        start: flags
        steps:
          flags:
            ask: {question: Which flags?, into: v}
            next: build
          build:
            run:
              argv: [go, build, -o, /dev/null, .]
              env: {GOFLAGS: "{{v}}"}
              timeout: 60s
            next: ok
          ok:
            done: {outcome: resolved, conclusion: Built.}
        """

    @Test func aValueInAnEnvironmentVariableNeverBecomesAFlag() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["build.yaml": Self.build])
        let module = lab.root.appendingPathComponent("tool")
        try FileManager.default.createDirectory(at: module, withIntermediateDirectories: true)
        try Data("module example.com/tool\n\ngo 1.19\n".utf8).write(to: module.appendingPathComponent("go.mod"))
        try Data("package main\n\nfunc main() {}\n".utf8).write(to: module.appendingPathComponent("main.go"))
        let pwned = lab.root.appendingPathComponent("PWNED")
        let tool = lab.root.appendingPathComponent("toolexec.sh")
        try Data("#!/bin/sh\ntouch '\(pwned.path)'\nexec \"$@\"\n".utf8).write(to: tool)
        _ = try lab.run(["chmod", "+x", tool.path])

        // Control: go really runs a -toolexec program named in GOFLAGS.
        let control = try lab.run(
            ["go", "build", "-o", "/dev/null", "."], in: module,
            extraEnvironment: ["GOFLAGS": "-toolexec=\(tool.path)"])
        #expect(control.exitCode == 0, "\(control.stderr)")
        #expect(FileManager.default.fileExists(atPath: pwned.path), "go runs -toolexec from GOFLAGS")
        try FileManager.default.removeItem(at: pwned)

        for value in [
            "-toolexec=\(tool.path)", "-mod=mod -toolexec=\(tool.path)", "－toolexec=\(tool.path)",
            "-\u{301}toolexec=\(tool.path)"
        ] {
            let result = try lab.gotriage(
                ["run", "t-build", "--playbooks", folder, "--answer", "v=\(value)", "--json"],
                in: module)
            #expect(result.exitCode == 5, "\(value): \(result.stdout)\(result.stderr)")
            let events = try JSONEvents(result.stdout)
            #expect(!events.contains { $0.kind == .probeStart }, "the probe must not start for \(value)")
            #expect(events.last?.ended?.reason == .unsafeArgument, "\(result.stdout)")
            #expect(events.last?.ended?.conclusion.contains("GOFLAGS") == true, "\(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: pwned.path))
        let fine = try lab.gotriage(["run", "t-build", "--playbooks", folder, "--answer", "v=-mod=mod", "--json"], in: module)
        #expect(fine.exitCode == 5, "a dash from an answer is refused: \(fine.stdout)")
        // A value without a dash reaches go (which refuses it as a flag: GOFLAGS holds flags).
        let plain = try lab.gotriage(["run", "t-build", "--playbooks", folder, "--answer", "v=mod=mod", "--json"], in: module)
        #expect(
            try JSONEvents(plain.stdout).compactMap(\.probeStarted).first?.argv == ["go", "build", "-o", "/dev/null", "."],
            "\(plain.stdout)\(plain.stderr)")
    }

    @Test func aMarkOrInvisibleCharacterBeforeADashDoesNotHideIt() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["remote.yaml": ExitStatusTests.remote])
        let repository = lab.root.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        _ = try lab.run(["git", "init", "-q", repository.path])
        let pwned = lab.root.appendingPathComponent("PWNED")
        for value in [
            "-\u{301}-upload-pack=touch \(pwned.path)", "\u{200B}--upload-pack=touch \(pwned.path)",
            "\u{FEFF}-u touch \(pwned.path)", "－－upload-pack=touch \(pwned.path)",
            "\u{0301}\u{200D}-u touch \(pwned.path)"
        ] {
            let result = try lab.gotriage(
                ["run", "t-remote", "--playbooks", folder, "--answer", "url=\(value)", "--json"],
                in: repository)
            #expect(result.exitCode == 5, "\(value.unicodeScalars.map { String($0.value, radix: 16) }): \(result.stdout)")
            let events = try JSONEvents(result.stdout)
            #expect(!events.contains { $0.kind == .probeStart }, "the probe must not start")
            #expect(events.last?.ended?.reason == .unsafeArgument, "\(result.stdout)")
        }
        #expect(!FileManager.default.fileExists(atPath: pwned.path))
    }

    /// `t-noisy`: a probe whose output and an answer carry terminal control sequences.
    static let noisy = """
        gotriage: 1
        id: t-noisy
        title: Noisy output
        summary: Control bytes for the terminal.
        start: title
        steps:
          title:
            ask: {question: What is the title?, into: title}
            next: noise
          noise:
            say: "The title is {{title}}."
            run:
              argv: [printf, 'ok\\033]0;pwned\\007\\033[2J\\rgone\\n']
            branch:
              - if: {exit: 0}
                goto: fail
              - else: fail
          fail:
            run:
              argv: [sh, -c, 'printf ''bad\\033[31mred\\r\\n'' >&2; exit 1']
            next: finish
          finish:
            done: {outcome: not-resolved, conclusion: "Done with {{title}}."}
        """

    @Test func controlBytesReachTheTerminalEscaped() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["noisy.yaml": Self.noisy])
        let title = "\u{1B}]0;owned\u{07}\r\u{1B}[1A"
        // Verbose: every channel a title or output can reach the screen through, the introduction too.
        let result = try lab.gotriage(["run", "t-noisy", "--playbooks", folder, "--answer", "title=\(title)", "--verbose"])
        #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
        let controls = result.stdout.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || $0.value == 0x7F }
        #expect(
            controls.isEmpty, "raw control characters: \(controls.map { String($0.value, radix: 16) }) in \(result.stdout.debugDescription)"
        )
        #expect(result.stdout.contains(#"title = \e]0;owned\x07\r\e[1A  (from --answer)"#), "\(result.stdout)")
        #expect(result.stdout.contains(#"The title is \e]0;owned\x07\r\e[1A."#), "\(result.stdout)")
        #expect(result.stdout.contains(#"│ bad\e[31mred"# + "\n"), "a CRLF ends the line: \(result.stdout)")
        #expect(result.stdout.contains(#"Done with \e]0;owned"#), "\(result.stdout)")

        // --json stays JSON: its own escapes, decoded back to the very bytes.
        let json = try lab.gotriage(["run", "t-noisy", "--playbooks", folder, "--answer", "title=\(title)", "--json"])
        #expect(json.stdout.contains(#"\u001b]0;owned\u0007\r\u001b[1A"#), "\(json.stdout)")
        let outputs = try JSONEvents(json.stdout).compactMap(\.probeEnded).map(\.stdout)
        #expect(outputs.first == "ok\u{1B}]0;pwned\u{07}\u{1B}[2J\rgone\n")
    }
}
