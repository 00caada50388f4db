import Foundation
import HostEffects
import Synchronization

/// A journal held in memory, for shell and driver tests; `failing` makes every append throw.
public final class InMemoryJournal: Journal {
    private let entries = Mutex<[JournalEntry]>([])
    private let failing: Bool

    public init(failing: Bool = false) { self.failing = failing }

    /// Everything appended so far, oldest first.
    public var written: [JournalEntry] { entries.withLock { $0 } }

    @discardableResult
    public func append(_ entry: JournalEntry) throws(JournalError) -> JournalEntry {
        if failing { throw .systemCall(name: "write", path: "(memory)", errno: 28) }
        entries.withLock { $0.append(entry) }
        return entry
    }

    public func read() throws(JournalError) -> JournalContents {
        JournalContents(entries: written)
    }
}
