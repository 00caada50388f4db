import Foundation
import HostEffects
import TestSupport
import Testing

/// The GOENV file on disk: replaced whole through a copy beside it, keeping a symlink, the mode
/// and the owner; locked so one process changes it at a time.
@Suite("PosixGoEnvFiles")
struct PosixGoEnvFilesTests {
    let files = PosixGoEnvFiles()

    @Test func replaceKeepsModeAndOwnerAndLeavesNoCopy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("env")
        try Data("GOPROXY=off\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o640) == 0)
        let owner: (uid_t, gid_t) = geteuid() == 0 ? (4321, 4322) : (getuid(), getgid())
        #expect(chown(path, owner.0, owner.1) == 0)
        var before = stat()
        stat(path, &before)

        try files.replace(path, with: Data("GOPROXY=direct\n".utf8))
        var after = stat()
        stat(path, &after)
        #expect(try files.contents(of: path) == Data("GOPROXY=direct\n".utf8))
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(after.st_uid == owner.0 && after.st_gid == owner.1)
        #expect(after.st_ino != before.st_ino, "a new file was renamed over the old one")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["env"])
    }

    @Test func aSymlinkStaysALinkAndItsTargetIsReplaced() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path("dotfiles"), withIntermediateDirectories: true)
        try Data("GOPROXY=off\n".utf8).write(to: URL(fileURLWithPath: directory.path("dotfiles/go-env")))
        try FileManager.default.createSymbolicLink(atPath: directory.path("env"), withDestinationPath: "dotfiles/go-env")
        let target = files.target(of: directory.path("env"))
        #expect(target == directory.path("dotfiles/go-env"))
        try files.replace(target, with: Data("GOPROXY=direct\n".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path("env")) == "dotfiles/go-env")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("env"))) == Data("GOPROXY=direct\n".utf8))
    }

    @Test func nilRemovesAndAMissingFileReadsAsNil() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("config/go/env")
        #expect(try files.contents(of: path) == nil)
        try files.replace(path, with: Data("GOFLAGS=-mod=mod\n".utf8))
        #expect(try files.contents(of: path) == Data("GOFLAGS=-mod=mod\n".utf8), "its folders are created, as go does")
        try files.replace(path, with: nil)
        #expect(try files.contents(of: path) == nil)
        try files.replace(path, with: nil)
    }

    @Test func aDirectoryIsNotAGoenvFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(throws: GoEnvFileError.notAFile(path: directory.path)) { try files.contents(of: directory.path) }
        #expect(throws: GoEnvFileError.notAFile(path: directory.path)) { try files.replace(directory.path, with: Data()) }
    }

    /// The lock is a flock on `<file>.gotriage-lock`: a second holder waits, and taking it
    /// removes scratch copies a dead holder left.
    @Test func theLockIsExclusiveAndCleansUpLeftovers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("env")
        try Data("stale".utf8).write(to: URL(fileURLWithPath: path + ".gotriage-new-deadbeef"))
        let first = try await files.lock(path)
        #expect(FileManager.default.fileExists(atPath: path + ".gotriage-lock"))
        #expect(!FileManager.default.fileExists(atPath: path + ".gotriage-new-deadbeef"))
        #expect(try files.tryLock(path) == nil, "flock locks per open file: a second open cannot take it")
        first.release()
        let second = try #require(try files.tryLock(path))
        second.release()
    }

    @Test func waitingForTheLockStopsOnCancellation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("env")
        let held = try await files.lock(path)
        defer { held.release() }
        let waiter = Task { [files] () async -> GoEnvFileError? in
            do throws(GoEnvFileError) {
                _ = try await files.lock(path)
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(30))
        waiter.cancel()
        #expect(await waiter.value == GoEnvFileError.interrupted)
    }
}
