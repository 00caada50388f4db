import Foundation
import TestSupport
import Testing

/// The shell on a real pseudo-terminal (driven by Tests/Lab/ptydrive.py): the terminal is put
/// back when a signal ends gotriage, and Ctrl-C stops a probe and returns to the prompt.
@Suite struct PtyShellTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Lab/ptydrive.py").path

    static func drive(_ mode: String, playbooks: String, lab: Lab) throws -> [String: Any] {
        let result = try lab.run(
            ["python3", script, GotriageBinary.path, playbooks, mode],
            extraEnvironment: [
                "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
                "XDG_STATE_HOME": lab.root.appendingPathComponent("state").path
            ],
            timeout: 60)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
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
