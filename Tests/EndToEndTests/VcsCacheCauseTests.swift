import Foundation
import TestSupport
import Testing

/// vcs-cache-corrupt: go's copy of a repository under GOMODCACHE/cache/vcs is damaged (its objects,
/// refs and HEAD gone, as after an interrupted clone), so git fails inside it although the server
/// is fine: go 1.19 `go: git remote add origin -- https://… in …/cache/vcs/<hash>: exit status
/// 128:` then `fatal: not a git repository (or any of the parent directories): .git`; go 1.21+
/// `fatal: not a git repository: '…/cache/vcs/<hash>'`. Found here: every release removes such a
/// copy when it fails, so the next go command clones it again and works. gotriage, run after the
/// failure, finds nothing wrong, and says so (a copy that stays broken is walked by
/// `git-auth:vcs-cache-read`; its offline cases are in Playbooks/tests).
@Suite struct VcsCacheCauseTests {
    static let lib = LabModule.privateLib

    @Test(arguments: GoRelease.all)
    func aDamagedRepositoryCopyIsClonedAgainByTheNextGoCommand(release: GoRelease) throws {
        let lab = try Lab.make(release: release)
        defer { lab.remove() }
        let git = try lab.startGitServer(repos: [Self.lib], user: nil, password: nil)
        defer { git.stop() }
        try lab.routeGitHost("private.example.com", to: git.url + "/")
        try lab.writeGoEnvFile(["GOPROXY=off", "GOPRIVATE=private.example.com"])
        let consumer = try lab.makeConsumer(requiring: [Self.lib])
        #expect(try lab.goModDownload([Self.lib.path], in: consumer).exitCode == 0, "the lab works before the damage")
        let copies = try Self.damageTheRepositoryCopies(in: lab.modCache)
        #expect(copies.count == 1, "\(copies)")
        let before = try lab.goModDownload([Self.lib.path], in: consumer)
        #expect(before.stderr.contains("fatal: not a git repository"), "\(before.stderr)")

        let run = try Triage.run(lab, in: consumer, answers: ["module=\(Self.lib.path)"])
        #expect(run.exitCode == 0 && run.outcome == .resolved, "go cloned its copy again: \(run.transcript)")
        #expect(try lab.goModDownload([Self.lib.path], in: consumer).exitCode == 0)
    }

    /// Breaks every repository copy under `modCache/cache/vcs` and removes what was extracted and
    /// downloaded, so go must use the copy; returns the copies' folders.
    static func damageTheRepositoryCopies(in modCache: URL) throws -> [URL] {
        let files = FileManager.default
        let vcs = modCache.appendingPathComponent("cache/vcs")
        let copies = try files.contentsOfDirectory(at: vcs, includingPropertiesForKeys: [.isDirectoryKey]).filter {
            (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
        }
        for copy in copies {
            for part in ["objects", "refs"] { try? files.removeItem(at: copy.appendingPathComponent(part)) }
            try Data("garbage\n".utf8).write(to: copy.appendingPathComponent("HEAD"))
        }
        // go makes extracted modules read-only; make them writable to remove them.
        let chmod = Process()
        chmod.executableURL = URL(fileURLWithPath: "/bin/chmod")
        chmod.arguments = ["-R", "u+w", modCache.path]
        try chmod.run()
        chmod.waitUntilExit()
        try? files.removeItem(at: modCache.appendingPathComponent("cache/download"))
        for entry in try files.contentsOfDirectory(atPath: modCache.path) where entry != "cache" {
            try files.removeItem(at: modCache.appendingPathComponent(entry))
        }
        return copies
    }
}
