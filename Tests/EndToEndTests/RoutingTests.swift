import Foundation
import TestSupport
import Testing
import TriageCLI

/// How `gotriage run exit-status-128` routes in real broken labs: it finds the failing module in
/// go's own output (whatever form the line takes) instead of asking, the cause catalog picks the
/// playbook, and the diagnosis survives every way a run can end.
@Suite struct RoutingTests {
    static let hello = LabModule.hello

    /// A lab whose go.sum records a forged checksum for example.com/hello, and its consumer.
    struct ForgedSumLab {
        let lab: Lab
        let proxy: LabServer
        let consumer: URL

        init(release: GoRelease) throws {
            lab = try Lab.make(release: release)
            proxy = try lab.startProxy(modules: [RoutingTests.hello])
            try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
            consumer = try lab.makeConsumer(requiring: [RoutingTests.hello])
            let forged = "h1:" + String(repeating: "A", count: 43) + "="
            try Data("example.com/hello v1.0.0 \(forged)\n".utf8).write(to: consumer.appendingPathComponent("go.sum"))
        }

        func remove() {
            proxy.stop()
            lab.remove()
        }
    }

    // Every release (go 1.19.8 to 1.27.3) prints a checksum mismatch as `verifying
    // example.com/hello@v1.0.0: checksum mismatch` — no `go: ` prefix, nothing on stdout even with
    // -json. Without a module answer and without a terminal, the walk still names the module (a
    // question would stop the run with exit 2) and ends at the checksum cause.
    @Test(arguments: GoRelease.all)
    func theModuleIsFoundInALineWithoutTheGoPrefix(release: GoRelease) throws {
        let setup = try ForgedSumLab(release: release)
        defer { setup.remove() }
        let lab = setup.lab
        let everything = try lab.run(["go", "mod", "download", "-json"], in: setup.consumer)
        #expect(everything.exitCode == 1)
        let firstFailing = everything.stderr.split(separator: "\n").first { !$0.hasPrefix("go: downloading") }
        #expect(firstFailing?.hasPrefix("verifying example.com/hello@v1.0.0") == true, "\(everything.stderr)")
        #expect(everything.stdout.isEmpty || !everything.stdout.contains("\"Error\""), "\(everything.stdout)")

        let run = try provesInstructions(lab: lab, consumer: setup.consumer, answers: [], cause: "checksum-mismatch")
        #expect(!run.events.contains { $0.asked?.variable == "module" }, "the walk asked for the module: \(run.transcript)")
        let reproduced = run.probes(["go", "mod", "download", "-json", Self.hello.path])
        #expect(!reproduced.isEmpty, "the walk reproduced with the module it found: \(run.transcript)")
        #expect(run.conclusion.contains("example.com/hello v1.0.0"), "\(run.conclusion)")
        #expect(run.end?.diagnosis?.cause == "checksum-mismatch")
        #expect(
            run.end?.diagnosis?.evidence.contains("verifying example.com/hello@v1.0.0") == true,
            "\(String(describing: run.end?.diagnosis))")
        let route = run.events.lazy.compactMap(\.decided).first { $0.step == "exit-status-128:reproduce" }
        #expect(route?.target == "checksums:read-mismatch")
        #expect(route?.condition?.hasPrefix("the cause catalog ranks checksum-mismatch first") == true, "\(String(describing: route))")
    }

    // GOPROXY=off: declined for lack of --yes, and a dry run. Both end without changing anything
    // and keep the diagnosis in the end line and in the reports (Markdown and JSON).
    @Test(arguments: GoRelease.all, [false, true])
    func theDiagnosisSurvivesADeclinedFixAndADryRun(release: GoRelease, dryRun: Bool) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let before = lab.goEnvFileBytes
        let markdown = lab.root.appendingPathComponent("report.md").path
        let json = lab.root.appendingPathComponent("report.json").path
        for report in [markdown, json] {
            let arguments =
                [
                    "run", "exit-status-128", "--json", "--answer", "module=\(Self.hello.path)",
                    "--answer", "goproxy=https://proxy.example.com", "--report", report
                ] + (dryRun ? ["--dry-run"] : [])
            let result = try lab.gotriage(arguments, in: consumer)
            #expect(result.exitCode == (dryRun ? 1 : 4), "\(result.stdout)\(result.stderr)")
            let end = try #require(try JSONEvents(result.stdout).last?.ended)
            #expect(end.outcome == (dryRun ? .fixProposed : .notResolved))
            #expect(end.diagnosis?.cause == "goproxy-off", "\(result.stdout)")
            #expect(end.diagnosis?.evidence.contains("module lookup disabled by GOPROXY=off") == true)
        }
        #expect(lab.goEnvFileBytes == before)
        let written = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(written.contains("| **Diagnosis** | `goproxy-off`"), "\(written)")
        #expect(written.contains("module lookup disabled by GOPROXY=off"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let diagnosis = (object?["walk"] as? [String: Any])?["diagnosis"] as? [String: Any]
        #expect(diagnosis?["cause"] as? String == "goproxy-off")
    }

    // A proxy that wants a login (401): the catalog knows the cause (proxy-auth) but no playbook
    // proves it yet, so the walk escalates — and says what the output shows and what to do.
    @Test(arguments: GoRelease.all)
    func anEscalationCarriesTheDiagnosisAndItsHelp(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startStatusServer(code: 401, body: "unauthorized")
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        #expect(try lab.goModDownload([Self.hello.path], in: consumer).stderr.contains("401 Unauthorized"))

        let run = try Triage.run(lab, in: consumer, answers: ["module=\(Self.hello.path)"])
        #expect(run.exitCode == 5, "\(run.transcript)")
        #expect(run.outcome == .escalate)
        #expect(run.end?.diagnosis?.cause == "proxy-auth", "\(run.transcript)")
        #expect(run.end?.diagnosis?.help?.contains(".netrc") == true)

        let human = try lab.gotriage(["run", "exit-status-128", "--answer", "module=\(Self.hello.path)"], in: consumer)
        #expect(
            human.stdout.asProse.contains("note: the output reads as proxy-auth — the proxy answered 401 Unauthorized"), "\(human.stdout)")
        let help = human.stdout.split(separator: "\n").first { $0.hasPrefix("  help:") } ?? ""
        #expect(help.contains(".netrc"), "the catalog's advice is the next step: \(human.stdout)")
    }
}

extension JSONEvent {
    /// The payload of a `decision` event.
    var decided: Decision? { if case .decision(let decision) = self { decision } else { nil } }
}
