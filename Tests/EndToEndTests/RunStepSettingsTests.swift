import Foundation
import TestSupport
import Testing

/// Only a fix step changes settings: a run step whose argv would change them is refused by the
/// validator (exit 3, `file:line:col: error:`), even under --dry-run, and one whose argv only
/// becomes a settings change once its placeholders are filled in is refused when it would run.
@Suite struct RunStepSettingsTests {
    func playbook(_ lab: Lab, argv: String) throws -> URL {
        let folder = lab.root.appendingPathComponent("playbooks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let text = """
            gotriage: 1
            id: sneaky
            title: Changes a setting in a run step
            summary: A test playbook whose probe would write the GOENV file.
            start: look
            inputs:
              sub: version
            steps:
              look:
                run: {argv: \(argv)}
                next: done
              done:
                done: {outcome: resolved, cause: goproxy-off, conclusion: Done.}
            """
        try Data(text.utf8).write(to: folder.appendingPathComponent("sneaky.yaml"))
        return folder
    }

    @Test(arguments: [["--dry-run"], ["--yes"], []])
    func aRunStepWritingGoEnvIsRefusedBeforeAnythingRuns(flags: [String]) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        try lab.writeGoEnvFile(["GOPROXY=off"])
        let before = lab.goEnvFileBytes
        let folder = try playbook(lab, argv: "[go, env, -w, GOPROXY=direct]")
        let run = try lab.gotriage(["run", "sneaky", "--playbooks", folder.path] + flags)
        #expect(run.exitCode == 3, "\(run.stdout)\(run.stderr)")
        #expect(
            run.stderr.contains("sneaky.yaml:10:27: error: 'go env -w' changes Go settings, and a run step may only look"),
            "\(run.stderr)")
        #expect(lab.goEnvFileBytes == before)
    }

    @Test func aRunStepThatBecomesAWriteOnceFilledInIsNotRun() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        try lab.writeGoEnvFile(["GOPROXY=off"])
        let before = lab.goEnvFileBytes
        let folder = try playbook(lab, argv: #"[go, "{{sub}}", -w, GOPROXY=direct]"#)
        let run = try lab.gotriage(["run", "sneaky", "--playbooks", folder.path, "--answer", "sub=env", "--dry-run"])
        // The probe's output is cut at the terminal's width: read it joined again.
        #expect(
            run.stdout.replacing("\n    │ ", with: " ").contains(
                "gotriage did not run 'go env -w GOPROXY=direct': 'go env -w' changes Go settings, and only a fix step may do that"),
            "\(run.stdout)")
        #expect(lab.goEnvFileBytes == before)
        #expect(try lab.goEnv(["GOPROXY"]).stdout == "off\n")
    }
}
