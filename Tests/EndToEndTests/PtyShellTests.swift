import Foundation
import TestSupport
import Testing

/// The shell on a real pseudo-terminal (driven by Tests/Lab/ptydrive.py): the terminal is put
/// back when a signal ends gotriage, Ctrl-C stops a probe and returns to the prompt, and a whole
/// walk typed at an 80-column terminal looks as reviewed.
@Suite struct PtyShellTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lab/ptydrive.py").path

    static func drive(_ mode: String, playbooks: String, lab: Lab, in directory: URL? = nil) throws -> [String: Any] {
        let result = try lab.run(
            ["python3", script, GotriageBinary.path, playbooks, mode], in: directory,
            extraEnvironment: [
                "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
                "XDG_STATE_HOME": lab.root.appendingPathComponent("state").path
            ],
            timeout: 120)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static let screens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    /// The goproxy-off walk typed at the keyboard: Tab completes the command and the playbook,
    /// `why` at the question, `back` from the fix to the question, the fix applied, `undo`, `report`.
    /// The screen (what the terminal shows, libedit's redraws carried out; each line as gotriage
    /// wrote it, so a long path is not cut where the terminal would wrap it) is compared with
    /// `Screens/shell-walk-80.txt`, its lab paths, ports and date made stable.
    @Test func aWholeWalkTypedAtTheTerminalLooksAsReviewed() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [LabModule.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [LabModule.hello])
        let none = lab.root.appendingPathComponent("no-playbooks")
        try FileManager.default.createDirectory(at: none, withIntermediateDirectories: true)

        let report = try Self.drive("walk:\(proxy.url)", playbooks: none.path, lab: lab, in: consumer)
        let output = report["output"] as? String ?? ""
        let steps = report["steps"] as? [[String: Any]] ?? []
        #expect(steps.count == 10 && steps.allSatisfy { $0["reached"] as? Bool == true }, "\(steps) \(output)")
        #expect(report["status"] as? Int == 0, "\(output)")
        // undo put GOPROXY=off back, and report wrote its file where the walk ran.
        #expect(lab.goEnvFileBytes == Lab.goEnvFileData(["GOPROXY=off", "GOSUMDB=off"]))
        let reports = try FileManager.default.contentsOfDirectory(atPath: consumer.path).filter { $0.hasPrefix("gotriage-report-") }
        #expect(reports.count == 1, "\(reports)")

        let written = report["lines"] as? [String] ?? []
        // Laid out for 80 columns: only a command or a path (one word) is wider.
        for line in written where line.count > 80 {
            #expect(!line.drop { $0 == " " }.contains(" ") || ScreenTests.isCommand(line), "wider than the terminal: \(line)")
        }
        var screen = written.joined(separator: "\n") + "\n"
        for (text, stable) in [
            (lab.root.path, "/LAB"), (GotriageBinary.shippedPlaybooks, "/PLAYBOOKS"), (proxy.url, "http://127.0.0.1:PROXY")
        ] {
            screen = screen.replacingOccurrences(of: text, with: stable)
        }
        screen = screen.replacing(/gotriage-report-exit-status-128-[0-9-]+(\.md)/) { "gotriage-report-exit-status-128-DATE\($0.1)" }
        screen = screen.replacing(/\(\d+ ms\)|\(\d+\.\d s\)/) { _ in "(T)" }
        let golden = Self.screens.appendingPathComponent("shell-walk-80.txt")
        if ProcessInfo.processInfo.environment["GOTRIAGE_UPDATE_GOLDEN"] == "1" {
            try screen.write(to: golden, atomically: true, encoding: .utf8)
        } else {
            #expect(screen == (try String(contentsOf: golden, encoding: .utf8)), "the screen differs from \(golden.lastPathComponent)")
        }
        // What the walk must show whatever the golden says.
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains { $0.hasSuffix("gotriage> start exit-status-128") }, "Tab completed both words")
        #expect(lines.contains("How the walk got here:"), "why")
        #expect(lines.filter { $0.hasSuffix("Apply? [y/N] back") }.count == 1 && lines.filter { $0.contains("goproxy> ") }.count >= 3)
        #expect(lines.contains { $0.hasPrefix("✔ Fixed — Module lookup is switched off (goproxy-off)") }, "\(screen)")
        #expect(lines.contains { $0.contains("Undone: GOPROXY is back to \"off\"") }, "\(screen)")
        #expect(lines.contains { $0.contains("gotriage-report-exit-status-128-DATE.md") }, "\(screen)")
    }

    @Test(arguments: ["SIGTERM", "SIGHUP", "SIGSEGV", "SIGABRT"])
    func aSignalLeavesTheTerminalAsItWas(signal: String) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["hang.yaml": ExitStatusTests.hang])
        let report = try Self.drive("signal:\(signal)", playbooks: folder, lab: lab)
        #expect(report["prompt"] as? Bool == true, "\(report["output"] ?? "")")
        #expect(report["raw_at_prompt"] as? Bool == true, "libedit changes the settings at the prompt, so restoring matters")
        #expect(report["restored"] as? Bool == true, "before \(report["before"] ?? "") after \(report["after"] ?? "")")
        #expect((report["status"] as? Int ?? 0) < 0, "gotriage died of the signal: \(report["status"] ?? "")")
    }

    @Test func ctrlCStopsTheProbeAndReturnsToThePrompt() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let seconds = "28.\(Int.random(in: 100...999))"
        let hang = ExitStatusTests.hang.replacingOccurrences(of: "  seconds: ~", with: "  seconds: \"\(seconds)\"")
        #expect(hang.contains(seconds))
        let folder = try ExitStatusTests.playbooks(in: lab, ["hang.yaml": hang])
        let report = try Self.drive("ctrlc:\(seconds)", playbooks: folder, lab: lab)
        let output = report["output"] as? String ?? ""
        #expect(report["sleep_started"] as? Bool == true, "\(output)")
        #expect(report["sleep_gone"] as? Bool == true, "the probe's process group was killed")
        #expect(output.contains("Interrupted: the command was stopped."))
        // This test found libedit crashing on the non-ASCII prompt in the "C" locale; the terminal
        // reader now sets a UTF-8 character locale and prompts are ASCII.
        #expect(report["interrupted_prompt"] as? Bool == true, "\(output)")
        #expect(report["status"] as? Int == 0, "quit leaves normally: \(output)")
        #expect(output.contains("s  sleeping"), "the spinner showed the pending text: \(output.debugDescription)")
        #expect(output.contains("\r\u{1B}[2K"), "and was erased")
    }

    /// `t-fixhang`: a fix, then a probe that never ends.
    static let fixThenHang = """
        gotriage: 1
        id: t-fixhang
        title: Fix then hang
        summary: A fix, then a probe that never ends.
        start: fix
        steps:
          fix:
            fix:
              reason: Test fix.
              set: {GOFLAGS: "-mod=mod"}
            next: wait
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

    /// The t-hang and t-fixhang playbooks, sleeping a unique number of seconds.
    static func sleepers(in lab: Lab) throws -> (folder: String, seconds: String) {
        let seconds = "27.\(Int.random(in: 100...999))"
        let input = "  seconds: \"\(seconds)\""
        let hang = ExitStatusTests.hang.replacingOccurrences(of: "  seconds: ~", with: input)
        let fix = fixThenHang.replacingOccurrences(of: "  seconds: ~", with: input)
        #expect(hang.contains(seconds) && fix.contains(seconds))
        return (try ExitStatusTests.playbooks(in: lab, ["hang.yaml": hang, "fixhang.yaml": fix]), seconds)
    }

    @Test func ctrlCStopsTheProbeAfterAFixWasApplied() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (folder, seconds) = try Self.sleepers(in: lab)
        let report = try Self.drive("fix:\(seconds)", playbooks: folder, lab: lab)
        let output = report["output"] as? String ?? ""
        #expect(report["apply_prompt"] as? Bool == true, "\(output)")
        #expect(output.contains("GOFLAGS is now \"-mod=mod\""), "\(output)")
        #expect(report["sleep_started"] as? Bool == true, "\(output)")
        #expect(report["interrupted_prompt"] as? Bool == true, "Ctrl-C after the fix: \(output)")
        #expect(report["sleep_gone"] as? Bool == true, "the probe's process group was killed")
        #expect(report["status"] as? Int == 0, "\(output)")
    }

    @Test func ctrlCStopsTheProbeAgainAfterRetry() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (folder, seconds) = try Self.sleepers(in: lab)
        let report = try Self.drive("retry:\(seconds)", playbooks: folder, lab: lab)
        let output = report["output"] as? String ?? ""
        for key in ["", "2"] {
            #expect(report["sleep_started" + key] as? Bool == true, "\(key) \(output)")
            #expect(report["interrupted_prompt" + key] as? Bool == true, "interrupt \(key.isEmpty ? "1" : key): \(output)")
            #expect(report["sleep_gone" + key] as? Bool == true, "interrupt \(key.isEmpty ? "1" : key) killed the probe")
        }
        #expect(report["status"] as? Int == 0, "\(output)")
    }

    @Test(arguments: ["SIGTERM", "SIGHUP"])
    func aSignalDuringAProbeStopsItsGroupToo(signal: String) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (folder, seconds) = try Self.sleepers(in: lab)
        let report = try Self.drive("probe-signal:\(signal):\(seconds)", playbooks: folder, lab: lab)
        let output = report["output"] as? String ?? ""
        #expect(report["sleep_started"] as? Bool == true, "\(output)")
        #expect(report["sleep_gone"] as? Bool == true, "the probe's process group went with gotriage: \(output)")
        #expect(report["restored"] as? Bool == true, "before \(report["before"] ?? "") after \(report["after"] ?? "")")
        #expect((report["status"] as? Int ?? 0) < 0, "gotriage died of the signal: \(report["status"] ?? "")")
    }
}
