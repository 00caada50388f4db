import Foundation
import TestSupport
import Testing
import TriageCLI

/// `gotriage run exit-status-128` against real broken Go environments: go mod download fails
/// before, the walk reaches the fix, and the download succeeds after — and without `--yes`,
/// nothing changes.
@Suite struct RunScenarioTests {
    static let hello = LabModule.hello
    static let privateLib = LabModule.privateLib

    /// The three scenarios share the proof in `Triage.swift`: the download fails before; without
    /// `--yes` the fix is declined and GOENV stays byte-identical; with `--yes` the walk ends
    /// resolved with `cause`; the download works after.
    func provesFix(lab: Lab, consumer: URL, module: String, answers: [String], cause: String) throws {
        let answers = ["module=\(module)"] + answers
        try provesGoEnvFix(lab: lab, consumer: consumer, answers: answers, cause: cause) {
            try lab.goModDownload([module], in: consumer)
        }
    }

    @Test(arguments: GoRelease.all)
    func goproxyOff(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        try provesFix(lab: lab, consumer: consumer, module: Self.hello.path, answers: ["goproxy=\(proxy.url)"], cause: "goproxy-off")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == proxy.url + "\n")
    }

    @Test(arguments: GoRelease.all)
    func proxyOnADeadPort(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let dead = try DeadPort.make()
        try lab.writeGoEnvFile(["GOPROXY=http://127.0.0.1:\(dead)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        try provesFix(
            lab: lab, consumer: consumer, module: Self.hello.path, answers: ["goproxy=\(proxy.url)"],
            cause: "network-unreachable")
    }

    @Test(arguments: GoRelease.all)
    func privateModuleNeedsGoprivate(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        let git = try lab.startGitServer(repos: [Self.privateLib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", try Lab.deadSumDB()])
        let consumer = try lab.makeConsumer(requiring: [Self.privateLib])
        try provesFix(lab: lab, consumer: consumer, module: Self.privateLib.path, answers: [], cause: "private-module-proxy")
        #expect(try lab.goEnv(["GOPRIVATE"]).stdout == "private.example.com\n")
    }

    @Test(arguments: GoRelease.all)
    func healthyEnvironmentEndsResolvedAndChangesNothing(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let goenvBefore = lab.goEnvFileBytes
        let result = try lab.gotriage(["run", "exit-status-128", "--yes", "--json"], in: consumer)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let events = try JSONEvents(result.stdout)
        let end = try #require(events.last?.ended, "the last line is the end: \(result.stdout)")
        #expect(end.outcome == .resolved)
        #expect(end.cause == nil, "no cause in a healthy environment: \(result.stdout)")
        #expect(!events.contains { $0.kind == .fixProposed })
        #expect(lab.goEnvFileBytes == goenvBefore)
    }

    /// The shell reading piped input (no terminal) never applies a fix, even when the pipe says
    /// yes; `gotriage --yes` does.
    @Test(arguments: GoRelease.all)
    func pipedShellInputNeverConfirmsAFix(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let goenvBefore = lab.goEnvFileBytes
        let typed = "start exit-status-128\n\(proxy.url)\ny\nquit\n"

        let piped = try lab.gotriage([], in: consumer, input: typed)
        #expect(piped.exitCode == 0)
        #expect(piped.stdout.contains("Not applied: without --yes, gotriage changes nothing."), "\(piped.stdout)")
        #expect(lab.goEnvFileBytes == goenvBefore)

        let consented = try lab.gotriage(["--yes"], in: consumer, input: typed)
        #expect(consented.stdout.contains("✔ Fixed — Module lookup is switched off (goproxy-off)"), "\(consented.stdout)")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == proxy.url + "\n")
    }

    @Test func aMissingAnswerFailsAtOnceNamingTheVariable() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["run", "exit-status-128"], in: lab.root)
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("Pass --answer module=VALUE."), "\(result.stderr)")
    }
}
