import Foundation
import TestSupport
import Testing
import TriageCLI

#if canImport(Glibc)
    import Glibc
#endif

/// `gotriage run` stopped by a signal while a probe runs: the probe's whole process group goes
/// with it, and the `--json` stream still ends with its `end` line.
@Suite struct StopSignalTests {
    @Test(arguments: [("SIGINT", SIGINT), ("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP)])
    func aSignalStopsTheProbeGroupAndEndsTheStream(name: String, signal: Int32) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["hang.yaml": ExitStatusTests.hang])
        let seconds = "31.\(Int.random(in: 100...999))"
        let run = try LabBackgroundRun(
            ["run", "t-hang", "--playbooks", folder, "--answer", "seconds=\(seconds)", "--json"],
            lab: lab)
        #expect(run.wait(upTo: 20) { !ExitStatusTests.sleeps(seconds).isEmpty }, "the probe should be running")
        run.send(signal)
        let status = run.exitStatus(within: 10)
        #expect(status == 6, "\(name): \(run.stdout)\(run.stderr)")
        #expect(run.wait(upTo: 5) { ExitStatusTests.sleeps(seconds).isEmpty }, "the sleep was killed with its process group")
        let events = try JSONEvents(run.stdout)
        #expect(events.suffix(3).map(\.kind) == [.probeEnd, .interrupted, .end], "\(run.stdout)")
        let end = try #require(events.last?.ended)
        #expect(end.outcome == .interrupted && end.reason == .interrupted && end.step == "t-hang:wait", "\(run.stdout)")
        #expect(end.conclusion.contains(name), "\(end.conclusion)")
        #expect(events.compactMap(\.probeEnded).last?.interrupted == true)
    }
}
