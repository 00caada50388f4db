import Foundation

/// Finds changes a gotriage process planned but never finished — it was killed, crashed, or lost
/// power between journaling a change and recording its result — tells what became of the GOENV
/// file, and journals that result, so the change can be undone like any other.
///
/// A change is unfinished only if its process is gone: a process holds its session lock
/// (``Journal/holdSession(_:)``) from before its first change until it exits, so a planned change
/// whose session is not alive, and that still has no result, belongs to a dead process. Its
/// GOENV file is then looked at with the file's lock held, so no other change is under way.
public struct JournalRecovery: Sendable {
    /// The recovering process's journal; its session is written as `recoveredBy`.
    public let journal: ChangeJournal
    public let files: any GoEnvFileStore

    public init(journal: ChangeJournal, files: any GoEnvFileStore) {
        self.journal = journal
        self.files = files
    }

    /// What the GOENV file was found to be.
    public enum Finding: String, Sendable, Equatable {
        /// The file holds the planned bytes: the change was made.
        case changed
        /// The file holds the bytes from before: the change was not made.
        case asBefore = "as-before"
        /// Neither: someone else changed it since, or the write was cut short by an older gotriage.
        case neither
    }

    /// One unfinished change and the result now journaled for it.
    public struct Recovered: Sendable, Equatable {
        /// The line written: `applied` or `failed`, with `recovered` and `recoveredBy` set.
        public var entry: JournalEntry
        public var finding: Finding
    }

    /// Journals a result for every unfinished change of another session and returns them,
    /// oldest first. Changes of this session, and changes whose file another process has locked,
    /// are left as they are.
    public func run() throws(JournalError) -> [Recovered] {
        let contents = try journal.journal.read()
        var recovered: [Recovered] = []
        for change in contents.changes where change.state == .planned && change.session != journal.session {
            if let found = try recover(change) { recovered.append(found) }
        }
        return recovered
    }

    private func recover(_ planned: JournalEntry) throws(JournalError) -> Recovered? {
        guard let file = planned.changedFile, !journal.journal.isAlive(session: planned.session) else { return nil }
        let target = planned.goenvTarget ?? files.target(of: file)
        guard let lock = try? files.tryLock(target) else { return nil }
        defer { lock.release() }
        // Read again: the change's process may have recorded its result meanwhile.
        let latest = try journal.journal.read().changes.last { $0.isSameChange(as: planned) }
        guard let latest, latest.state == .planned else { return nil }
        let now = try? files.contents(of: target)
        let finding: Finding =
            if planned.goenvAfter?.matches(now) == true {
                .changed
            } else if planned.goenvBefore?.matches(now) == true {
                .asBefore
            } else {
                .neither
            }
        var entry = latest
        entry.state = finding == .asBefore ? .failed : .applied
        entry.recovered = finding.rawValue
        entry.recoveredBy = journal.session
        entry.message = Self.message(for: finding, key: planned.key, file: planned.goenvFile ?? file)
        let written = try journal.journal.append(entry)
        return Recovered(entry: written, finding: finding)
    }

    /// What became of the change, in plain words.
    public static func message(for finding: Finding, key: String, file: String) -> String {
        switch finding {
        case .changed: "\(key) was changed but gotriage stopped before recording it"
        case .asBefore: "the change was not made; the GOENV file \(file) is as before"
        case .neither: "the GOENV file \(file) is neither as before nor as gotriage meant to write it"
        }
    }
}
