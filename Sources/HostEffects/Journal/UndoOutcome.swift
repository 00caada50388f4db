/// What undoing one journaled change did.
public enum UndoOutcome: Sendable, Equatable {
    /// `command` put the value back. `byteIdentical` says whether the GOENV file matches its
    /// journaled fingerprint (nil when the journal has none, e.g. GOENV is off).
    case restored(JournalEntry, command: [String], byteIdentical: Bool?)
    /// Not undone: the value is no longer what gotriage set (someone changed it since); `now` is
    /// what go env reports. `--force` undoes anyway.
    case changedSince(JournalEntry, now: String)
    /// The restore did not work; `message` says why.
    case failed(JournalEntry, command: [String], message: String)

    /// The change this is about.
    public var entry: JournalEntry {
        switch self {
        case .restored(let entry, _, _), .changedSince(let entry, _), .failed(let entry, _, _): entry
        }
    }

    /// Whether the value is back and the GOENV file is as it was (or cannot be checked).
    public var isComplete: Bool {
        if case .restored(_, _, let identical) = self { identical != false } else { false }
    }
}
