import Foundation
import TestSupport
import Testing

/// Undo edits the GOENV file the journal recorded, as the file it is: a symlink stays a symlink
/// (its target is what changes, keeping its mode and owner), and a GOENV that names another file
/// now does not redirect the undo there.
@Suite struct UndoRecordedFileTests {
    static let proxy = "https://proxy.example.com/lab"

    /// The owner the target is given: another user when the tests run as root, else our own.
    static let owner: (uid: uid_t, gid: gid_t) = geteuid() == 0 ? (4321, 4321) : (getuid(), getgid())

    static func attributes(_ path: String) -> (mode: mode_t, uid: uid_t, gid: gid_t, link: Bool) {
        var link = stat()
        var target = stat()
        lstat(path, &link)
        stat(path, &target)
        return (target.st_mode & 0o7777, target.st_uid, target.st_gid, link.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func aSymlinkedGoenvStaysALinkAndItsTargetKeepsModeAndOwner() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let dotfiles = lab.root.appendingPathComponent("dotfiles")
        try FileManager.default.createDirectory(at: dotfiles, withIntermediateDirectories: true)
        let target = dotfiles.appendingPathComponent("go-env")
        // Unsorted on purpose: go env -w writes its lines sorted, so only the journaled bytes bring it back.
        let before = Lab.goEnvFileData(["GOSUMDB=off", "GOPROXY=off"])
        try before.write(to: target)
        #expect(chmod(target.path, 0o640) == 0)
        #expect(chown(target.path, Self.owner.uid, Self.owner.gid) == 0)
        try lab.removeGoEnvFile()
        try FileManager.default.createSymbolicLink(atPath: lab.goEnvURL.path, withDestinationPath: "dotfiles/go-env")
        let playbooks = try ChangePlaybooks.write(lab, id: "set-proxy", key: "GOPROXY", value: Self.proxy)

        let fix = try lab.gotriage(ChangePlaybooks.run("set-proxy", playbooks))
        #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
        let fixed = Self.attributes(lab.goEnvURL.path)
        #expect(fixed.link, "after the fix: GOENV is still a symlink")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: lab.goEnvURL.path) == "dotfiles/go-env")
        #expect(fixed.mode == 0o640 && fixed.uid == Self.owner.uid && fixed.gid == Self.owner.gid, "after the fix: \(fixed)")
        #expect(ChangePlaybooks.fileValue("GOPROXY", in: try Data(contentsOf: target)) == Self.proxy)

        let undo = try lab.gotriage(["undo"])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(undo.stdout.contains("byte-identical"), "\(undo.stdout)")
        let now = Self.attributes(lab.goEnvURL.path)
        #expect(now.link, "after undo: GOENV is still a symlink")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: lab.goEnvURL.path) == "dotfiles/go-env")
        #expect(now.mode == 0o640 && now.uid == Self.owner.uid && now.gid == Self.owner.gid, "after undo: \(now)")
        #expect(try Data(contentsOf: target) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dotfiles.path).sorted() == ["go-env", "go-env.gotriage-lock"])
    }

    /// The fix changed the lab's GOENV file; undo runs with GOENV naming another file, and puts
    /// back the recorded one, leaving the other alone.
    @Test func undoEditsTheRecordedFileNotTodaysGoenv() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let before = lab.goEnvFileBytes
        let playbooks = try ChangePlaybooks.write(lab, id: "set-proxy", key: "GOPROXY", value: Self.proxy)
        let fix = try lab.gotriage(ChangePlaybooks.run("set-proxy", playbooks))
        #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")

        let other = lab.root.appendingPathComponent("other-goenv")
        let otherBytes = Data("GOPROXY=\(Self.proxy)\nGOFLAGS=-mod=mod\n".utf8)
        try otherBytes.write(to: other)
        let undo = try lab.gotriage(["undo"], extraEnvironment: ["GOENV": other.path])
        #expect(undo.exitCode == 0, "\(undo.stdout)\(undo.stderr)")
        #expect(lab.goEnvFileBytes == before, "the recorded file is restored")
        #expect(try Data(contentsOf: other) == otherBytes, "today's GOENV file is not touched")
        #expect(undo.stdout.asProse.contains("GOENV now names \(other.path)"), "\(undo.stdout)")
        #expect(undo.stdout.asProse.contains("The GOENV file \(lab.goEnvURL.path) is byte-identical"), "\(undo.stdout)")
    }
}
