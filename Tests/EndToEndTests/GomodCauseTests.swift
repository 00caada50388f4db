import Foundation
import TestSupport
import Testing

/// gomod-invalid: a go.mod line go cannot parse stops every go command in the module, on every
/// release: `go: errors parsing go.mod:` then `/…/go.mod:5: unknown block type: requir` (go 1.21+
/// write `go.mod:5:` in go mod download; go mod edit -fmt names the full path on each). The entry
/// walk reads it from its first download (no module named) and names the file and line; fixing
/// that line, as the conclusion says, makes the download work.
@Suite struct GomodCauseTests {
    @Test(arguments: GoRelease.all)
    func aLineGoCannotParseIsNamedByFileAndLine(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [LabModule.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [LabModule.hello])
        let gomod = consumer.appendingPathComponent("go.mod")
        let good = try String(contentsOf: gomod, encoding: .utf8)
        try Data(good.replacingOccurrences(of: "require (", with: "requir (").utf8).write(to: gomod)
        let before = try lab.goModDownload([], in: consumer)
        #expect(before.stderr.contains("go.mod:5: unknown block type: requir"), "\(before.stderr)")

        let run = try provesInstructions(lab: lab, consumer: consumer, answers: [], cause: "gomod-invalid")
        #expect(run.end?.step == "go-settings:gomod-line", "\(run.transcript)")
        #expect(run.end?.conclusion.hasPrefix("Line 5 of \(gomod.path) is wrong: unknown block type: requir.") == true, "\(run.transcript)")
        #expect(run.end?.help == "go mod edit -fmt")
        // The instructions, carried out: the line fixed, go mod edit -fmt is quiet and the download works.
        try Data(good.utf8).write(to: gomod)
        let check = try lab.run(["go", "mod", "edit", "-fmt"], in: consumer)
        #expect(check.exitCode == 0 && check.stdout.isEmpty && check.stderr.isEmpty, "\(check.stderr)")
        #expect(try lab.goModDownload([], in: consumer).exitCode == 0)
    }
}
