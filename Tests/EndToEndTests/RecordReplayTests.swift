import Foundation
import TestSupport
import Testing

/// `gotriage run --record` on a real broken lab, then `gotriage test` replaying it offline: the
/// recorded case passes without the lab, and a wrong expectation fails with the difference.
@Suite struct RecordReplayTests {
    /// The oldest and the newest release the lab runs on.
    static let releases = GoRelease.all.count > 1 ? [GoRelease.all[0], GoRelease.all[GoRelease.all.count - 1]] : GoRelease.all

    @Test(arguments: releases)
    func aRecordedFixReplaysOfflineAndCatchesAChangedEnd(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [LabModule.hello])
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [LabModule.hello])
        let file = lab.root.appendingPathComponent("goproxy.test.yaml")
        let walk = try lab.gotriage(
            [
                "run", "exit-status-128", "--yes", "--answer", "module=\(LabModule.hello.path)", "--answer", "goproxy=\(proxy.url)",
                "--record", file.path
            ], in: consumer)
        #expect(walk.exitCode == 0, "\(walk.stdout)\(walk.stderr)")
        #expect(walk.stderr.contains("recorded the walk as test case 1 of \(file.path)"))
        proxy.stop()
        try lab.writeGoEnvFile(["GOPROXY=https://proxy.example.invalid"])  // the machine no longer matters

        let replay = try lab.gotriage(["test", file.path, "--coverage"])
        #expect(replay.exitCode == 0, "\(replay.stdout)\(replay.stderr)")
        #expect(replay.stdout.contains("✔ exit-status-128: recorded walk, resolved (goproxy-off)"))
        #expect(replay.stdout.contains("1 passed, 0 failed"))
        #expect(replay.stdout.contains("branch coverage: "))
        let recorded = try String(contentsOf: file, encoding: .utf8)
        #expect(recorded.hasPrefix("gotriage-test: 1\ncases:\n"))
        #expect(recorded.contains("GOPROXY: 'off'") || recorded.contains("GOPROXY: \"off\"") || recorded.contains("GOPROXY: off"))
        #expect(recorded.contains("argv: [go, mod, download, -json, \(LabModule.hello.path)]"))

        // A second recording of the same walk, without --yes, is added after the first.
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        #expect(try lab.run(["go", "clean", "-modcache"]).exitCode == 0)
        let again = try lab.startProxy(modules: [LabModule.hello])
        defer { again.stop() }
        let second = try lab.gotriage(
            [
                "run", "exit-status-128", "--answer", "module=\(LabModule.hello.path)", "--answer", "goproxy=\(again.url)",
                "--record", file.path
            ], in: consumer)
        #expect(second.exitCode == 4, "without --yes the fix is declined")
        #expect(second.stderr.contains("recorded the walk as test case 2 of"))
        let both = try lab.gotriage(["test", file.path])
        #expect(both.stdout.contains("2 passed, 0 failed"), "\(both.stdout)")

        // The same walk expected to end elsewhere fails, naming the difference.
        try recorded.replacingOccurrences(of: "cause: goproxy-off", with: "cause: network-unreachable")
            .write(to: file, atomically: true, encoding: .utf8)
        let wrong = try lab.gotriage(["test", file.path])
        #expect(wrong.exitCode == 1)
        #expect(wrong.stdout.contains("cause: expected network-unreachable, got goproxy-off"), "\(wrong.stdout)")
        #expect(wrong.stdout.contains("0 passed, 1 failed"))
    }

    @Test func aDryRunIsNotRecorded() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let file = lab.root.appendingPathComponent("dry.test.yaml")
        let result = try lab.gotriage(["run", "exit-status-128", "--dry-run", "--record", file.path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("--record saves a walk to replay"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
