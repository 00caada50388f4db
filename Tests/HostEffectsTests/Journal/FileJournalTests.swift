import Foundation
import HostEffects
import Synchronization
import TestSupport
import Testing

@Suite("FileJournal")
struct FileJournalTests {
    /// A fresh journal path below a new temporary directory (the journal's own folders do not exist yet).
    static func temporaryPath() -> (root: URL, path: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gotriage-journal-\(UUID().uuidString)")
        return (root, root.appendingPathComponent("state/gotriage/journal").path)
    }

    static func entry(
        session: String = "s1", change: Int = 1, state: JournalEntry.State = .planned,
        key: String = "GOPROXY"
    ) -> JournalEntry {
        JournalEntry(
            session: session, change: change, state: state, key: key, value: "https://proxy.example",
            previous: "off", source: "goenv-file", previousFileValue: "off", goenvFile: "/tmp/goenv",
            goenvBefore: GoEnvFileState(exists: true, size: 12, sha256: String(repeating: "a", count: 64), bytes: nil))
    }

    @Test func appendsOneJSONLinePerEntryStampedByTheClock() throws {
        let (root, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: root) }
        let ticks = Mutex(0)
        let journal = FileJournal(
            path: path,
            clock: {
                Date(
                    timeIntervalSince1970: 1_700_000_000
                        + Double(
                            ticks.withLock {
                                $0 += 1
                                return $0
                            }))
            })
        try journal.append(Self.entry(state: .planned))
        try journal.append(Self.entry(state: .applied))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.hasSuffix("\n"))
        let contents = try journal.read()
        #expect(contents.entries.map(\.state) == [.planned, .applied])
        #expect(contents.entries.map(\.time) == [Date(timeIntervalSince1970: 1_700_000_001), Date(timeIntervalSince1970: 1_700_000_002)])
        #expect(contents.entries[0].goenvBefore?.size == 12)
        #expect(contents.damagedLines.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func syncsTheFileEveryTimeAndItsDirectoriesOnCreation() throws {
        let (root, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let synced = Mutex<[String]>([])
        let journal = FileJournal(
            path: path,
            sync: { descriptor in
                var info = stat()
                fstat(descriptor, &info)
                let kind = (info.st_mode & S_IFMT) == S_IFDIR ? "dir" : "file"
                synced.withLock { $0.append(kind) }
                return fsync(descriptor)
            })
        try journal.append(Self.entry())
        // The file, its directory (gotriage/), and the parents of the two directories made for it.
        #expect(synced.withLock { $0 } == ["file", "dir", "dir", "dir"])
        try journal.append(Self.entry(state: .applied))
        #expect(synced.withLock { $0 }.count == 5)
        #expect(synced.withLock { $0 }.last == "file")
    }

    @Test func aTornLastLineIsSkippedReportedAndNotFatal() throws {
        let (root, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = FileJournal(path: path)
        try journal.append(Self.entry(change: 1))
        try journal.append(Self.entry(change: 2))
        // A crash mid-write: half a line, no newline.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"change":3,"key":"GOPRI"#.utf8))
        try handle.close()

        let torn = try journal.read()
        #expect(torn.entries.map(\.change) == [1, 2])
        #expect(torn.damagedLines == [3])
        #expect(torn.lastLineTorn)

        try journal.append(Self.entry(change: 4))
        let after = try journal.read()
        #expect(after.entries.map(\.change) == [1, 2, 4], "the next entry starts on a line of its own")
        #expect(after.damagedLines == [3])
        #expect(!after.lastLineTorn)
    }

    @Test func aMissingJournalReadsAsEmpty() throws {
        let (_, path) = Self.temporaryPath()
        #expect(try FileJournal(path: path).read() == JournalContents())
    }

    @Test func concurrentAppendsNeverInterleave() async throws {
        let (root, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: root) }
        let journal = FileJournal(path: path)
        await withTaskGroup(of: Void.self) { group in
            for change in 1...40 { group.addTask { _ = try? journal.append(Self.entry(change: change)) } }
        }
        let contents = try journal.read()
        #expect(Set(contents.entries.map(\.change)) == Set(1...40))
        #expect(contents.damagedLines.isEmpty)
    }

    @Test func twoSessionsAreKeptApart() async throws {
        let (root, path) = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = FileJournal(path: path)
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let first = ChangeJournal(journal: file, session: "first")
        let second = ChangeJournal(journal: file, session: "second")
        _ = await first.apply(.set(key: "GOPROXY", value: "direct"), with: go)
        _ = await first.apply(.set(key: "GOPRIVATE", value: "corp.example.com"), with: go)
        _ = await second.apply(.unset(key: "GOPROXY"), with: go)

        let contents = try file.read()
        // Each change: planned with the bytes before, planned again with the bytes after, applied.
        #expect(
            contents.entries.map(\.state) == [
                .planned, .planned, .applied, .planned, .planned, .applied,
                .planned, .planned, .applied
            ])
        #expect(contents.newestUndoableSession == "second")
        #expect(contents.sessions == ["first", "second"])
        #expect(contents.undoable(session: "first").map(\.key) == ["GOPRIVATE", "GOPROXY"], "newest first")
        #expect(contents.undoable(session: "second").map(\.key) == ["GOPROXY"])
        let planned = contents.entries[0]
        #expect(planned.previous == "off")
        #expect(planned.previousFileValue == "off")
        #expect(planned.source == "goenv-file")
        #expect(planned.goenvBefore?.data == Data("GOPROXY=off\n".utf8))
        #expect(planned.goenvAfter == nil, "the first line is written before go works out the new bytes")
        #expect(contents.entries[1].goenvAfter?.data == Data("GOPROXY=direct\n".utf8))
        #expect(contents.entries[2].confirmed == "direct")
        #expect(contents.entries[8].value == nil)
    }

    @Test func aChangeThatCannotBeJournaledIsNotMade() async {
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let journal = ChangeJournal(journal: InMemoryJournal(failing: true))
        let result = await journal.apply(.set(key: "GOPROXY", value: "direct"), with: go)
        guard case .failed(let key, let message) = result else {
            Issue.record("expected failed, got \(result)")
            return
        }
        #expect(key == "GOPROXY")
        #expect(message.contains("undo journal could not be written"))
        #expect(go.fileValues == ["GOPROXY": "off"])
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        )
    ])
    func fingerprintsUseSHA256(text: String, digest: String) throws {
        let (root, _) = Self.temporaryPath()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("goenv")
        try Data(text.utf8).write(to: file)
        let state = GoEnvFileState.capture(path: file.path)
        #expect(state.sha256 == digest)
        #expect(state.bytes == Data(text.utf8).base64EncodedString())
        #expect(!GoEnvFileState.capture(path: root.appendingPathComponent("absent").path).exists)
    }
}
