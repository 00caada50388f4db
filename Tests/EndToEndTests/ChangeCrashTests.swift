import Foundation
import TestSupport
import Testing

/// A change cut short — gotriage killed with SIGKILL, or interrupted with Ctrl-C (SIGINT) — at
/// the two moments that matter: while go writes the new settings, and after the GOENV file is
/// replaced but before the change is recorded. Real processes: a `go` wrapper first on the lab's
/// PATH pauses at the moment (`LabGoPause`), and the test signals gotriage there. Afterwards the
/// GOENV file is either as before or as planned, gotriage says which, and undo puts it back.
@Suite struct ChangeCrashTests {
    static let proxy = "https://proxy.example.com/lab"

    /// A lab whose GOENV file sets GOPROXY=off, and the set-proxy playbook's folder.
    func prepare(_ lab: Lab) throws -> (before: Data?, playbooks: URL) {
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let playbooks = try ChangePlaybooks.write(lab, id: "set-proxy", key: "GOPROXY", value: Self.proxy)
        return (lab.goEnvFileBytes, playbooks)
    }

    /// Starts the fix, waits for go to pause at `pause`, and sends gotriage `signal`.
    func interrupt(_ lab: Lab, playbooks: URL, at pause: LabGoPause, with signal: Int32) throws -> LabProcess.Ending {
        try lab.pauseGo(at: pause)
        let fix = try lab.startGotriage(ChangePlaybooks.run("set-proxy", playbooks))
        defer { lab.endPause() }
        #expect(lab.waitForGoPause(), "go never reached its pause (\(pause))")
        fix.send(signal)
        let ending = try fix.wait()
        if signal == SIGKILL { #expect(ending.signalled && ending.status == SIGKILL, "\(ending)") }
        return ending
    }

    /// Files gotriage left beside the GOENV file, other than the file and its lock.
    func leftovers(_ lab: Lab) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: lab.root.path)
            .filter { $0.hasPrefix("goenv") && $0 != "goenv" && $0 != "goenv.gotriage-lock" }
    }

    /// Killed while go writes: the GOENV file is as before (go wrote a copy beside it), and the
    /// next gotriage says so — the change was not made — instead of "planned, no result".
    @Test(arguments: GoRelease.all)
    func killedWhileGoWritesLeavesTheFileAsBefore(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let (before, playbooks) = try prepare(lab)
        _ = try interrupt(lab, playbooks: playbooks, at: .afterWrite, with: SIGKILL)
        #expect(lab.goEnvFileBytes == before, "the GOENV file is replaced only after go is done")

        let list = try lab.gotriage(["undo", "--list"])
        #expect(list.exitCode == 0, "\(list.stdout)\(list.stderr)")
        #expect(!list.stdout.contains("planned, no result recorded"), "\(list.stdout)")
        #expect(list.stdout.contains("stopped while changing GOPROXY"), "\(list.stdout)")
        #expect(list.stdout.contains("the change was not made; the GOENV file \(lab.goEnvURL.path) is as before"), "\(list.stdout)")
        let left = try leftovers(lab)
        #expect(left.isEmpty, "go's copy is cleaned up: \(left)")

        let undo = try lab.gotriage(["undo", "--all", "--force"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(undo.stdout.contains("Nothing to undo"), "\(undo.stdout)")
        #expect(lab.goEnvFileBytes == before)
    }

    /// Killed after the file was replaced, before the change was recorded: the next gotriage says
    /// GOPROXY was changed, and undo puts the file back byte for byte.
    @Test(arguments: GoRelease.all)
    func killedBeforeRecordingIsFoundAndUndone(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let (before, playbooks) = try prepare(lab)
        _ = try interrupt(lab, playbooks: playbooks, at: .atConfirmingRead, with: SIGKILL)
        #expect(ChangePlaybooks.fileValue("GOPROXY", in: lab.goEnvFileBytes) == Self.proxy)

        let list = try lab.gotriage(["undo", "--list"])
        #expect(list.exitCode == 0, "\(list.stdout)\(list.stderr)")
        #expect(list.stdout.contains("GOPROXY was changed but gotriage stopped before recording it"), "\(list.stdout)")
        #expect(!list.stdout.contains("planned, no result recorded"), "\(list.stdout)")

        let undo = try lab.gotriage(["undo"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(undo.stdout.contains("Undone: GOPROXY is back to \"off\""), "\(undo.stdout)")
        #expect(undo.stdout.contains("is byte-identical to what it was before gotriage changed it"), "\(undo.stdout)")
        #expect(lab.goEnvFileBytes == before)
        #expect(try lab.goEnv(["GOPROXY"]).stdout == "off\n")
        #expect(try lab.gotriage(["undo"]).stdout.contains("Nothing to undo"))
    }

    /// Ctrl-C while go writes: nothing was changed, gotriage says so (not "exit code 137") and
    /// exits 6, interrupted. Three rounds.
    @Test(arguments: 1...3)
    func ctrlCWhileGoWritesChangesNothingAndExits6(round: Int) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (before, playbooks) = try prepare(lab)
        let ending = try interrupt(lab, playbooks: playbooks, at: .afterWrite, with: SIGINT)
        #expect(ending.exitCode == 6, "round \(round): \(ending)")
        #expect(
            ending.stdout.asProse.contains("GOPROXY was not changed: interrupted (Ctrl-C) before the GOENV file was changed"),
            "\(ending.stdout)")
        #expect(!ending.stdout.contains("exit code 137"), "\(ending.stdout)")
        #expect(lab.goEnvFileBytes == before)
        let left = try leftovers(lab)
        #expect(left.isEmpty, "\(left)")
        let list = try lab.gotriage(["undo", "--list"])
        #expect(list.stdout.contains("failed: interrupted (Ctrl-C) before the GOENV file was changed"), "\(list.stdout)")
    }

    /// Ctrl-C after the file was replaced, while go env confirms it: gotriage says GOPROXY was
    /// changed, exits 6, and undo puts it back. Three rounds.
    @Test(arguments: 1...3)
    func ctrlCWhileConfirmingSaysItChangedAndUndoRestores(round: Int) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (before, playbooks) = try prepare(lab)
        let ending = try interrupt(lab, playbooks: playbooks, at: .atConfirmingRead, with: SIGINT)
        #expect(ending.exitCode == 6, "round \(round): \(ending)")
        #expect(
            ending.stdout.asProse.contains(
                "GOPROXY was changed to \"\(Self.proxy)\" in the GOENV file, but gotriage was interrupted (Ctrl-C) before go env confirmed it"
            ),
            "\(ending.stdout)")
        #expect(ChangePlaybooks.fileValue("GOPROXY", in: lab.goEnvFileBytes) == Self.proxy)

        let undo = try lab.gotriage(["undo"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(lab.goEnvFileBytes == before)
    }
}
