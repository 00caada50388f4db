import Foundation
import HostEffects
import Synchronization

/// A journal held in memory, for shell and driver tests; `failing` makes every append throw.
/// A session is alive once it held its lock, until ``end(session:)`` says its process died.
public final class InMemoryJournal: Journal {
    private let entries = Mutex<[JournalEntry]>([])
    private let failing: Bool
    private let alive = Mutex<Set<String>>([])

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

    public func holdSession(_ session: String) throws(JournalError) { _ = alive.withLock { $0.insert(session) } }

    public func isAlive(session: String) -> Bool { alive.withLock { $0.contains(session) } }

    /// Makes `session` dead, as if its process had been killed.
    public func end(session: String) { _ = alive.withLock { $0.remove(session) } }
}
