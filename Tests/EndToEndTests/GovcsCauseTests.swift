import Foundation
import TestSupport
import Testing

/// govcs-disallowed: GOVCS does not allow git for a private module. Every release (go 1.19 to
/// 1.27) checks GOVCS before it runs git and prints the same line, `go: GOVCS disallows using git
/// for private private.example.com/team/lib.git; see 'go help vcs'` (`Corpus/lab/`), before any
/// server is asked. Saved in the GOENV file, `go env -u GOVCS` fixes it; set in the shell, the
/// walk says to unset it there.
@Suite struct GovcsCauseTests {
    static let lib = LabModule.privateLib

    /// A lab whose git server has the private module, fetched straight from git (GOPRIVATE), with
    /// `GOVCS=private:none` in the GOENV file unless `inShell`.
    struct Setup {
        let lab: Lab
        let git: LabServer
        let consumer: URL

        init(release: GoRelease, inShell: Bool = false) throws {
            lab = try Lab.make(release: release)
            git = try lab.startGitServer(repos: [GovcsCauseTests.lib], user: nil, password: nil)
            try lab.routeGitHost("private.example.com", to: git.url + "/")
            try lab.writeGoEnvFile(
                ["GOPROXY=off", "GOPRIVATE=private.example.com"] + (inShell ? [] : ["GOVCS=private:none"]))
            consumer = try lab.makeConsumer(requiring: [GovcsCauseTests.lib])
        }

        func download(_ environment: [String: String] = [:]) throws -> (exitCode: Int32, stdout: String, stderr: String) {
            try lab.goModDownload([GovcsCauseTests.lib.path], in: consumer, extraEnvironment: environment)
        }

        func remove() {
            git.stop()
            lab.remove()
        }
    }

    @Test(arguments: GoRelease.all)
    func aGovcsThatForbidsGitIsUnset(release: GoRelease) throws {
        let setup = try Setup(release: release)
        defer { setup.remove() }
        let before = try setup.download()
        try setup.lab.recordForCorpus(
            before, command: ["go", "mod", "download", Self.lib.path], cause: "govcs-disallowed", suite: Self.self)
        #expect(before.stderr == "go: GOVCS disallows using git for private \(Self.lib.path); see 'go help vcs'\n", "\(before.stderr)")
        #expect(!setup.git.log.contains("GET /"), "go stopped before it asked the server")

        let fixed = try provesGoEnvFix(
            lab: setup.lab, consumer: setup.consumer, answers: ["module=\(Self.lib.path)"], cause: "govcs-disallowed",
            check: { try setup.download() })
        #expect(fixed.end?.step == "go-settings:resolved-govcs", "\(fixed.transcript)")
        #expect(fixed.end?.diagnosis?.cause == "govcs-disallowed")
        #expect(try setup.lab.goEnv(["GOVCS"]).stdout == "\n", "the default is back")
    }

    @Test(arguments: GoRelease.all)
    func aGovcsFromTheShellGetsInstructionsThatWork(release: GoRelease) throws {
        let setup = try Setup(release: release, inShell: true)
        defer { setup.remove() }
        let shell = ["GOVCS": "private:none"]
        #expect(try setup.download(shell).exitCode != 0)
        let run = try provesInstructions(
            lab: setup.lab, consumer: setup.consumer, answers: ["module=\(Self.lib.path)"], cause: "govcs-disallowed",
            environment: shell)
        #expect(run.end?.step == "go-settings:govcs-in-shell", "\(run.transcript)")
        #expect(run.end?.help == "unset GOVCS")
        // The instruction, carried out: the same shell without GOVCS downloads.
        #expect(try setup.download().exitCode == 0)
    }
}
