import Foundation
import HostEffects
import TestSupport
import Testing

/// Recovery of a change whose process died between journaling it and recording its result.
@Suite("JournalRecovery")
struct JournalRecoveryTests {
    /// A change planned by session `dead` (both planned lines, no result), and the file's bytes
    /// before and after it.
    static func unfinished(_ journal: InMemoryJournal, go: InMemoryGoEnvironment) throws -> (before: Data?, after: Data) {
        let before = go.memory[go.goenvFile]
        let after = InMemoryGoEnvironment.fileData(go.fileValues.merging(["GOPROXY": "direct"]) { _, new in new })
        let planned = JournalEntry(
            session: "dead", change: 1, state: .planned, key: "GOPROXY", value: "direct", previous: "off",
            source: "goenv-file", previousFileValue: "off", goenvFile: go.goenvFile,
            goenvBefore: GoEnvFileState(data: before), goenvTarget: go.goenvFile, goenvAfter: GoEnvFileState(data: after))
        try journal.append(planned)
        return (before, after)
    }

    @Test func aChangeMadeButNotRecordedIsAppliedAndUndoable() async throws {
        let journal = InMemoryJournal()
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let (before, after) = try Self.unfinished(journal, go: go)
        go.memory[go.goenvFile] = after
        let recovered = try JournalRecovery(journal: ChangeJournal(journal: journal, session: "next"), files: go.files).run()
        #expect(recovered.map(\.finding) == [.changed])
        #expect(recovered.first?.entry.state == .applied)
        #expect(recovered.first?.entry.message == "GOPROXY was changed but gotriage stopped before recording it")
        #expect(recovered.first?.entry.recoveredBy == "next")

        let undone = await GoEnvUndo(journal: ChangeJournal(journal: journal, session: "next"), goEnvironment: go)
            .undo(try #require(try journal.read().undoable(session: "dead").first), force: false)
        #expect(undone.isComplete, "\(undone)")
        #expect(go.memory[go.goenvFile] == before)
    }

    @Test func aChangeNotMadeIsFailedAndTheFileAsBefore() throws {
        let journal = InMemoryJournal()
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        _ = try Self.unfinished(journal, go: go)
        let recovered = try JournalRecovery(journal: ChangeJournal(journal: journal, session: "next"), files: go.files).run()
        #expect(recovered.map(\.finding) == [.asBefore])
        #expect(recovered.first?.entry.state == .failed)
        #expect(try journal.read().newestUndoableSession == nil)
    }

    @Test func aFileThatIsNeitherNeedsForceAndThenGetsItsBytesFromBefore() async throws {
        let journal = InMemoryJournal()
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        let (before, _) = try Self.unfinished(journal, go: go)
        go.memory[go.goenvFile] = Data("GOPROXY=dir".utf8)  // cut short
        let recovered = try JournalRecovery(journal: ChangeJournal(journal: journal, session: "next"), files: go.files).run()
        #expect(recovered.map(\.finding) == [.neither])
        let entry = try #require(try journal.read().undoable(session: "dead").first)
        let undo = GoEnvUndo(journal: ChangeJournal(journal: journal, session: "next"), goEnvironment: go)
        #expect(await undo.undo(entry, force: false) == .changedSince(entry, now: "dir"))
        guard case .restored(_, let restore) = await undo.undo(entry, force: true) else {
            Issue.record("not restored")
            return
        }
        #expect(restore.method == .journaledBytes && restore.byteIdentical == true)
        #expect(go.memory[go.goenvFile] == before)
    }

    @Test func aLiveSessionsChangeIsLeftAlone() throws {
        let journal = InMemoryJournal()
        let go = InMemoryGoEnvironment(values: ["GOPROXY": "off"])
        _ = try Self.unfinished(journal, go: go)
        try journal.holdSession("dead")
        #expect(try JournalRecovery(journal: ChangeJournal(journal: journal, session: "next"), files: go.files).run().isEmpty)
        journal.end(session: "dead")
        #expect(try JournalRecovery(journal: ChangeJournal(journal: journal, session: "next"), files: go.files).run().count == 1)
        #expect(
            try JournalRecovery(journal: ChangeJournal(journal: journal, session: "again"), files: go.files).run().isEmpty,
            "found once")
    }

    /// The file journal's session locks: alive while this process holds one; a lock file no
    /// process holds is a dead session, and its file is removed.
    @Test func fileJournalSessionsAreAliveWhileHeld() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = FileJournal(path: directory.path("state/gotriage/journal"))
        try journal.holdSession("mine")
        #expect(journal.isAlive(session: "mine"))
        #expect(!journal.isAlive(session: "never"))
        let stale = directory.path("state/gotriage/sessions/gone.lock")
        #expect(FileManager.default.createFile(atPath: stale, contents: nil))
        #expect(!FileJournal(path: directory.path("state/gotriage/journal")).isAlive(session: "gone"))
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileJournal(path: directory.path("state/gotriage/journal")).isAlive(session: "mine"), "held by this process")
    }
}
