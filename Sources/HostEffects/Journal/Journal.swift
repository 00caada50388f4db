/// An append-only record of every change gotriage makes to the Go settings, for undo.
public protocol Journal: Sendable {
    /// Writes `entry` durably, stamped with the journal's clock, and returns it as written.
    @discardableResult
    func append(_ entry: JournalEntry) throws(JournalError) -> JournalEntry
    /// Every readable entry, oldest first, and the lines that could not be read.
    func read() throws(JournalError) -> JournalContents
    /// Marks `session` as alive for as long as this process lives (idempotent); called before
    /// its first change is journaled.
    func holdSession(_ session: String) throws(JournalError)
    /// Whether the process of `session` is still alive; false once it is gone (killed, crashed,
    /// or finished).
    func isAlive(session: String) -> Bool
}

/// What reading a journal found.
public struct JournalContents: Sendable, Equatable {
    /// The entries, in the order they were written.
    public var entries: [JournalEntry]
    /// Lines that are not a journal entry (a write torn by a crash, or damage), 1-based.
    public var damagedLines: [Int]
    /// Whether the last line was cut short (no newline at the end): a crash mid-write.
    public var lastLineTorn: Bool

    public init(entries: [JournalEntry] = [], damagedLines: [Int] = [], lastLineTorn: Bool = false) {
        self.entries = entries
        self.damagedLines = damagedLines
        self.lastLineTorn = lastLineTorn
    }

    /// The sessions that journaled a change, in the order of their first change.
    public var sessions: [String] {
        var seen: Set<String> = []
        return entries.map(\.session).filter { seen.insert($0).inserted }
    }

    /// The changes of `session` that changed the GOENV file and are not undone, newest first.
    public func undoable(session: String) -> [JournalEntry] {
        changes.filter { $0.session == session && $0.state == .applied }.reversed()
    }

    /// The newest session with a change left to undo; nil when every change is undone or failed.
    public var newestUndoableSession: String? {
        changes.last { $0.state == .applied }?.session
    }

    /// One entry per change, in the order the changes were planned, each in its latest state.
    public var changes: [JournalEntry] {
        var order: [JournalEntry] = []
        for entry in entries {
            if let index = order.firstIndex(where: { $0.isSameChange(as: entry) }) {
                order[index] = entry
            } else {
                order.append(entry)
            }
        }
        return order
    }
}
