import Foundation
import TestSupport
import Testing

/// Two gotriage processes fixing at once, each setting another key of the same GOENV file, 100
/// times over: no change may be lost, and each is journaled as applied. Changes are serialised by
/// the lock beside the GOENV file; without it, one in about twelve rounds lost a key.
@Suite struct ConcurrentFixTests {
    static let rounds = 100

    @Test func twoRunsAtOnceLoseNoChange() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let playbooks = try ChangePlaybooks.write(lab, id: "set-private", key: "GOPRIVATE", value: "corp.example.com")
        try ChangePlaybooks.write(lab, id: "set-nosumdb", key: "GONOSUMDB", value: "sum.example.com")
        var lost: [String] = []
        var failed: [String] = []
        let started = Date()
        for round in 1...Self.rounds {
            try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
            let first = try lab.startGotriage(ChangePlaybooks.run("set-private", playbooks))
            let second = try lab.startGotriage(ChangePlaybooks.run("set-nosumdb", playbooks))
            for ending in [try first.wait(), try second.wait()] where ending.exitCode != 0 {
                failed.append("round \(round): \(ending.stdout)\(ending.stderr)")
            }
            let file = lab.goEnvFileBytes
            if ChangePlaybooks.fileValue("GOPRIVATE", in: file) != "corp.example.com" { lost.append("round \(round): GOPRIVATE") }
            if ChangePlaybooks.fileValue("GONOSUMDB", in: file) != "sum.example.com" { lost.append("round \(round): GONOSUMDB") }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(lost.isEmpty, "\(lost.count) of \(2 * Self.rounds) changes lost: \(lost)")
        #expect(failed.isEmpty, "\(failed.count) runs failed: \(failed.prefix(3))")
        let journal = try String(contentsOf: lab.journalURL, encoding: .utf8)
        let applied = journal.split(separator: "\n").filter { $0.contains(#""state":"applied""#) }
        #expect(applied.count == 2 * Self.rounds, "every change is journaled as applied")
        print(
            "ConcurrentFixTests: \(Self.rounds) rounds of two concurrent runs in \(String(format: "%.1f", seconds)) s, \(lost.count) lost")
    }
}
