import Foundation
import TestSupport
import Testing
import TriageCLI

/// gotoolchain-invalid (go 1.21+): a GOTOOLCHAIN go does not understand, saved in the GOENV file,
/// stops every go command — `go env -u GOTOOLCHAIN` too, so gotriage's own fix could not run it.
/// The walk sees it at its first `go version`, ends not-resolved with the command that works
/// (GOTOOLCHAIN=local for that one run, so go starts), and the diagnosis's help says the same; the
/// command is run here and must make the download work.
@Suite struct GoToolchainSettingTests {
    static let hello = LabModule.hello

    @Test(arguments: GoRelease.all.filter { $0.isAtLeast(21) })
    func anInvalidGotoolchainIsNamedWithACommandThatWorks(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off", "GOTOOLCHAIN=latest"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let before = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(before.stderr.contains(#"go: invalid GOTOOLCHAIN "latest""#), "\(before.stderr)")
        #expect(try lab.goEnv(["-u", "GOTOOLCHAIN"]).exitCode != 0, "go env -u fails too")

        let command = "GOTOOLCHAIN=local go env -u GOTOOLCHAIN"
        let run = try provesInstructions(
            lab: lab, consumer: consumer, answers: ["module=\(Self.hello.path)"], cause: "gotoolchain-invalid")
        #expect(run.end?.step == "exit-status-128:gotoolchain-invalid", "\(run.transcript)")
        #expect(run.conclusion.contains(command) && run.conclusion.contains(#"invalid GOTOOLCHAIN "latest""#), "\(run.conclusion)")
        #expect(run.end?.diagnosis?.help?.contains(command) == true, "\(String(describing: run.end?.diagnosis))")

        #expect(try lab.run(["env", "GOTOOLCHAIN=local", "go", "env", "-u", "GOTOOLCHAIN"]).exitCode == 0)
        let after = try lab.goModDownload([Self.hello.path], in: consumer)
        #expect(after.exitCode == 0, "\(after.stderr)")
    }
}
