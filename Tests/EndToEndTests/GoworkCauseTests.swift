import Foundation
import TestSupport
import Testing

/// gowork-broken: a workspace file stops every go command in its folders, on every release (go
/// 1.18+). The entry walk reads it from its first download, which names no module, and ends with
/// instructions (go env -w cannot set GOWORK); each is carried out here and makes the download work.
///   use folder without go.mod: go 1.19 `go: open DIR/missing/go.mod: no such file or directory`,
///     go 1.21+ `go: cannot load module missing listed in go.work file: open missing/go.mod: …`
///   GOWORK naming no file: `go: reading go.work: open /…/go.work: no such file or directory`
///   a line go cannot parse: go 1.19 `go: reading go.work: …:3: unknown directive: uses`, later
///     `go: errors parsing go.work:` and the line
@Suite struct GoworkCauseTests {
    static let hello = LabModule.hello

    /// A consumer of example.com/hello (served by the lab proxy) with `gowork` as its go.work.
    struct Setup {
        let lab: Lab
        let proxy: LabServer
        let consumer: URL
        var gowork: URL { consumer.appendingPathComponent("go.work") }

        init(release: GoRelease, gowork: String?) throws {
            lab = try Lab.make(release: release)
            proxy = try lab.startProxy(modules: [GoworkCauseTests.hello])
            try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
            consumer = try lab.makeConsumer(requiring: [GoworkCauseTests.hello])
            if let gowork { try Data(gowork.utf8).write(to: consumer.appendingPathComponent("go.work")) }
        }

        func download(_ environment: [String: String] = [:]) throws -> (exitCode: Int32, stdout: String, stderr: String) {
            try lab.goModDownload([], in: consumer, extraEnvironment: environment)
        }

        func remove() {
            proxy.stop()
            lab.remove()
        }
    }

    @Test(arguments: GoRelease.all)
    func aUseFolderWithoutGoModGetsInstructionsThatWork(release: GoRelease) throws {
        let setup = try Setup(release: release, gowork: "go 1.19\n\nuse (\n\t.\n\t./missing\n)\n")
        defer { setup.remove() }
        let before = try setup.download()
        #expect(before.exitCode != 0 && before.stderr.contains("missing/go.mod: no such file or directory"), "\(before.stderr)")
        let run = try provesInstructions(lab: setup.lab, consumer: setup.consumer, answers: [], cause: "gowork-broken")
        #expect(run.end?.step == "go-settings:gowork-use-missing", "\(run.transcript)")
        #expect(run.end?.help == "GOWORK=off go mod download")
        #expect(run.end?.conclusion.contains(setup.gowork.path) == true, "it names the file")
        // The instructions, carried out: without the workspace, then with the folder dropped.
        #expect(try setup.download(["GOWORK": "off"]).exitCode == 0)
        let drop = try setup.lab.run(["go", "work", "edit", "-dropuse=./missing", setup.gowork.path], in: setup.consumer)
        #expect(drop.exitCode == 0, "\(drop.stderr)")
        #expect(try setup.download().exitCode == 0)
    }

    @Test(arguments: GoRelease.all)
    func aGoworkNamingNoFileGetsInstructionsThatWork(release: GoRelease) throws {
        let setup = try Setup(release: release, gowork: nil)
        defer { setup.remove() }
        let shell = ["GOWORK": setup.lab.root.appendingPathComponent("nowhere/go.work").path]
        #expect(try setup.download(shell).stderr.contains("reading go.work: open "))
        let run = try provesInstructions(
            lab: setup.lab, consumer: setup.consumer, answers: [], cause: "gowork-broken", environment: shell)
        #expect(run.end?.step == "go-settings:gowork-file-missing", "\(run.transcript)")
        #expect(run.end?.help == "unset GOWORK")
        #expect(try setup.download().exitCode == 0, "the same shell without GOWORK downloads")
    }

    @Test(arguments: GoRelease.all)
    func aLineGoCannotParseGetsInstructionsThatWork(release: GoRelease) throws {
        let setup = try Setup(release: release, gowork: "go 1.19\n\nuses ./x\n")
        defer { setup.remove() }
        #expect(try setup.download().stderr.contains("unknown directive: uses"))
        let run = try provesInstructions(lab: setup.lab, consumer: setup.consumer, answers: [], cause: "gowork-broken")
        #expect(run.end?.step == "go-settings:gowork-syntax", "\(run.transcript)")
        #expect(try setup.download(["GOWORK": "off"]).exitCode == 0)
    }
}
