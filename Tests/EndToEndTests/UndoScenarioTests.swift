import Foundation
import TestSupport
import Testing

/// `gotriage undo` with the real go: a fix applied by `gotriage run --yes` is put back and the
/// GOENV file is byte-identical to before; a value changed since is refused unless --force.
@Suite struct UndoScenarioTests {
    static let hello = LabModule.hello

    /// A lab broken by GOPROXY=off, fixed by `gotriage run exit-status-128 --yes` (as in RunScenarioTests.goproxyOff).
    func fixGoproxyOff(_ lab: Lab) throws -> (before: Data?, proxy: LabServer) {
        let proxy = try lab.startProxy(modules: [Self.hello])
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])
        let before = lab.goEnvFileBytes
        let fixed = try lab.gotriage(
            [
                "run", "exit-status-128", "--answer", "module=\(Self.hello.path)",
                "--answer", "goproxy=\(proxy.url)", "--yes"
            ], in: consumer)
        #expect(fixed.exitCode == 0, "\(fixed.stdout)\(fixed.stderr)")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == proxy.url + "\n")
        #expect(lab.goEnvFileBytes != before)
        return (before, proxy)
    }

    @Test func undoRestoresTheGoenvFileByteForByteOnce() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (before, proxy) = try fixGoproxyOff(lab)
        defer { proxy.stop() }

        let undo = try lab.gotriage(["undo"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(lab.goEnvFileBytes == before, "the GOENV file must be byte-identical to before the fix")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == "off\n")
        #expect(
            undo.stdout.asProse.contains(
                "Undone: GOPROXY is back to \"off\" in the GOENV file"
                    + " (wrote back the GOENV file as it was before the change)"), "\(undo.stdout)")
        #expect(undo.stdout.asProse.contains("is byte-identical to what it was before gotriage changed it"), "\(undo.stdout)")

        let again = try lab.gotriage(["undo"])
        #expect(again.exitCode == 0)
        #expect(again.stdout.contains("Nothing to undo"), "\(again.stdout)")
        #expect(lab.goEnvFileBytes == before)

        let list = try lab.gotriage(["undo", "--list"])
        #expect(list.exitCode == 0)
        let line = try #require(list.stdout.split(separator: "\n").first { $0.contains("GOPROXY") }, "\(list.stdout)")
        #expect(line.contains("go env -w GOPROXY=\(proxy.url)"))
        #expect(line.contains("(was \"off\" from the GOENV file \(lab.goEnvURL.path))"))
        #expect(line.contains("undone by session"))
    }

    @Test func aValueChangedSinceIsRefusedUnlessForced() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (before, proxy) = try fixGoproxyOff(lab)
        defer { proxy.stop() }
        #expect(try lab.goEnv(["-w", "GOPROXY=direct"]).exitCode == 0)
        let changed = lab.goEnvFileBytes

        let refused = try lab.gotriage(["undo"])
        #expect(refused.exitCode == 1)
        #expect(refused.stdout.asProse.contains("Not undone: GOPROXY changed since gotriage set it."), "\(refused.stdout)")
        #expect(refused.stdout.asProse.contains("gotriage set it to \"\(proxy.url)\", and it is now \"direct\""), "\(refused.stdout)")
        #expect(refused.stdout.asProse.contains("gotriage undo --force"))
        #expect(lab.goEnvFileBytes == changed, "a refused undo changes nothing")

        let forced = try lab.gotriage(["undo", "--force"])
        #expect(forced.exitCode == 0, "\(forced.stdout)\(forced.stderr)")
        #expect(lab.goEnvFileBytes == before)
        #expect(try lab.gotriage(["undo"]).stdout.contains("Nothing to undo"))
    }

    /// A key the GOENV file did not hold is removed with `go env -u`, and a GOENV file that did
    /// not exist is gone again. The first file is deliberately unsorted.
    @Test(arguments: [["GOSUMDB=off", "GOFLAGS=-mod=mod"], nil])
    func aKeyThatWasNotSetIsUnset(fileLines: [String]?) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        if let fileLines { try lab.writeGoEnvFile(fileLines) } else { try lab.removeGoEnvFile() }
        let before = lab.goEnvFileBytes
        let playbooks = lab.root.appendingPathComponent("playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try Data(Self.setTwoKeys.utf8).write(to: playbooks.appendingPathComponent("set-two.yaml"))

        let run = try lab.gotriage(["run", "set-two", "--yes", "--playbooks", playbooks.path])
        #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
        #expect(try lab.goEnv(["GOPRIVATE"]).stdout == "corp.example.com\n")

        let undo = try lab.gotriage(["undo", "--all"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        let nosumdb = try #require(undo.stdout.range(of: "Undone: GONOSUMDB is no longer set in the GOENV file"), "\(undo.stdout)")
        let privateKey = try #require(undo.stdout.range(of: "Undone: GOPRIVATE is no longer set in the GOENV file"), "\(undo.stdout)")
        #expect(nosumdb.lowerBound < privateKey.lowerBound, "newest first: \(undo.stdout)")
        #expect(undo.stdout.components(separatedBy: "(wrote back the GOENV file as it was before the change)").count == 3)
        #expect(
            lab.goEnvFileBytes == before,
            "byte-identical, or still absent: \(String(decoding: lab.goEnvFileBytes ?? Data(), as: UTF8.self))")
        #expect(try lab.goEnv(["GOPRIVATE"]).stdout == "\n")
        // go env writes the file sorted; the lab's unsorted file comes back byte-identical because
        // undo writes back the journaled bytes.
    }

    /// Another setting changed since the fix: undo puts the fixed key back alone (go edits a
    /// copy) and keeps the newer setting.
    @Test func anotherSettingChangedSinceIsKept() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let (_, proxy) = try fixGoproxyOff(lab)
        defer { proxy.stop() }
        #expect(try lab.goEnv(["-w", "GOFLAGS=-mod=mod"]).exitCode == 0)

        let undo = try lab.gotriage(["undo"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(
            undo.stdout.asProse.contains("Undone: GOPROXY is back to \"off\" in the GOENV file (ran: go env -w GOPROXY=off)"),
            "\(undo.stdout)")
        #expect(undo.stdout.asProse.contains("changed since gotriage's change, and are kept"), "\(undo.stdout)")
        #expect(try lab.goEnv(["GOPROXY"]).stdout == "off\n")
        #expect(try lab.goEnv(["GOFLAGS"]).stdout == "-mod=mod\n")
    }

    static let setTwoKeys = """
        gotriage: 1
        id: set-two
        title: Sets two keys
        summary: A test playbook that marks corp.example.com private.
        start: fix
        steps:
          fix:
            fix:
              reason: Modules under corp.example.com are private.
              set: {GOPRIVATE: corp.example.com, GONOSUMDB: corp.example.com}
            next: done
          done:
            done: {outcome: resolved, cause: private-module-proxy, conclusion: Done.}
        """
}
