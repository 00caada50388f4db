import Foundation
import TestSupport
import Testing

/// What gotriage asks of the real go, logged by a `go` wrapper first on the lab's PATH: a shell
/// start asks nothing, and every `go env` read of a walk names its keys (a bare `go env -json`
/// makes go probe the C compiler, which costs more than the walk's own probes).
@Suite struct GoEnvCallTests {
    static let hello = LabModule.hello

    /// The `go env` runs among `commands` (arguments without `go`).
    static func goEnvCalls(_ commands: [[String]]) -> [[String]] { commands.filter { $0.first == "env" } }

    @Test func aShellStartAndQuitRunsNoGo() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        try lab.logGoCommands()
        let shell = try lab.gotriage([], input: "help\nlist\nquit\n")
        #expect(shell.exitCode == 0, "\(shell.stdout)\(shell.stderr)")
        #expect(shell.stdout.contains("gotriage> "))
        #expect(lab.loggedGoCommands.isEmpty, "a shell that walks nothing runs no go at all: \(lab.loggedGoCommands)")
    }

    @Test func theShellsEnvReadsTheDownloadSettingsByName() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        try lab.writeGoEnvFile(["GOPROXY=off"])
        try lab.logGoCommands()
        let shell = try lab.gotriage([], input: "env\nquit\n")
        #expect(shell.stdout.contains("GOPROXY      \"off\""), "\(shell.stdout)")
        #expect(shell.stdout.contains("set in the GOENV file \(lab.goEnvURL.path)"), "\(shell.stdout)")
        let calls = lab.loggedGoCommands
        #expect(calls.count == 1, "\(calls)")
        #expect(calls.first?.starts(with: ["env", "-json", "GOPROXY", "GOPRIVATE"]) == true, "\(calls)")
    }

    /// The goproxy-off walk with --yes: go env is first read after the probes that need none, each
    /// read names its keys, and the read confirming the fix serves the walk too.
    @Test func aWalksGoEnvCallsNameTheirKeys() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        try lab.logGoCommands()
        let triage = try Triage.run(
            lab, in: consumer, answers: ["module=\(Self.hello.path)", "goproxy=\(proxy.url)"],
            yes: true)
        #expect(triage.cause == "goproxy-off", "\(triage.transcript)")
        #expect(triage.outcome == .resolved, "\(triage.transcript)")

        let commands = lab.loggedGoCommands
        let reads = Self.goEnvCalls(commands).filter { $0.dropFirst().first == "-json" }
        #expect(!reads.isEmpty)
        for read in reads {
            #expect(read.count > 2, "go env -json without keys prints every variable: \(read)")
            #expect(read.contains("GOENV"), "every read names GOENV, for where each value comes from: \(read)")
        }
        // The walk reads its playbooks' keys; the fix reads its own key and the download settings
        // to show them, journals that snapshot (nothing ran in between with --yes), runs go env -w
        // and confirms with a read of GOPROXY and the walk's keys, which the walk then uses.
        let calls = Self.goEnvCalls(commands)
        #expect(calls.count == 4, "\(calls)")
        guard calls.count == 4 else { return }
        #expect(calls[0].contains("GOFLAGS") && calls[0].contains("GOPROXY"), "\(calls[0])")
        #expect(calls[1].starts(with: ["env", "-json", "GOPROXY", "GOPRIVATE"]), "\(calls[1])")
        #expect(calls[2] == ["env", "-w", "GOPROXY=\(proxy.url)"])
        #expect(calls[3].starts(with: ["env", "-json", "GOPROXY"]), "\(calls[3])")
        #expect(Set(calls[3]) == Set(calls[0]), "the confirming read names the walk's keys: \(calls[3]) \(calls[0])")
        // The first probes (go version) need no go env value, so go env is not read before them.
        #expect(commands.first == ["version"], "\(commands)")
    }
}
