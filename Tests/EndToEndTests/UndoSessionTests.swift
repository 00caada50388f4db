import Foundation
import TestSupport
import Testing

/// Undo across sessions: every recorded session can be undone, not only the newest; `undo`
/// takes the newest session with something left to undo, `--session ID` a given one.
@Suite struct UndoSessionTests {
    /// A lab where two runs (two sessions) changed GOPRIVATE, then GONOSUMDB; returns the file
    /// before both, after the first, and the two session ids, oldest first.
    func twoSessions(_ lab: Lab) throws -> (before: Data?, afterFirst: Data?, sessions: [String]) {
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let before = lab.goEnvFileBytes
        let playbooks = try ChangePlaybooks.write(lab, id: "set-private", key: "GOPRIVATE", value: "corp.example.com")
        try ChangePlaybooks.write(lab, id: "set-nosumdb", key: "GONOSUMDB", value: "sum.example.com")
        #expect(try lab.gotriage(ChangePlaybooks.run("set-private", playbooks)).exitCode == 0)
        let afterFirst = lab.goEnvFileBytes
        #expect(try lab.gotriage(ChangePlaybooks.run("set-nosumdb", playbooks)).exitCode == 0)
        let list = try lab.gotriage(["undo", "--list"]).stdout
        var sessions: [String] = []
        for line in list.split(separator: "\n") where line.hasPrefix("Session ") {
            sessions.append(String(line.dropFirst("Session ".count).prefix(12)))
        }
        #expect(sessions.count == 2, "\(list)")
        return (before, afterFirst, sessions)
    }

    @Test func undoTwiceUndoesBothSessionsNewestFirst() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (before, afterFirst, _) = try twoSessions(lab)
        let newest = try lab.gotriage(["undo"])
        #expect(newest.exitCode == 0, "\(newest.stdout)")
        #expect(newest.stdout.contains("GONOSUMDB"), "\(newest.stdout)")
        #expect(lab.goEnvFileBytes == afterFirst)
        let older = try lab.gotriage(["undo"])
        #expect(older.exitCode == 0, "\(older.stdout)")
        #expect(older.stdout.contains("Undone: GOPRIVATE"), "the older session is undone next: \(older.stdout)")
        #expect(lab.goEnvFileBytes == before)
        #expect(try lab.gotriage(["undo"]).stdout.contains("Nothing to undo"))
    }

    @Test func undoSessionUndoesAnOlderSessionAndListShowsEachSession() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (_, _, sessions) = try twoSessions(lab)
        guard sessions.count == 2 else { return }
        let undo = try lab.gotriage(["undo", "--session", sessions[0]])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(undo.stdout.contains("Undone: GOPRIVATE"), "\(undo.stdout)")
        let file = lab.goEnvFileBytes
        #expect(ChangePlaybooks.fileValue("GOPRIVATE", in: file) == nil)
        #expect(ChangePlaybooks.fileValue("GONOSUMDB", in: file) == "sum.example.com", "the newer session's change stays")

        let list = try lab.gotriage(["undo", "--list"])
        #expect(list.stdout.contains("Session \(sessions[0])"), "\(list.stdout)")
        #expect(list.stdout.contains("Session \(sessions[1])"), "\(list.stdout)")
        let unknown = try lab.gotriage(["undo", "--session", "000000000000"])
        #expect(unknown.exitCode == 1)
        #expect(unknown.stdout.contains("no session 000000000000"), "\(unknown.stdout)")
    }
}
