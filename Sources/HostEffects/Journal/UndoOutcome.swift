/// What undoing one journaled change did.
public enum UndoOutcome: Sendable, Equatable {
    /// The GOENV file is back (see ``Restore``).
    case restored(JournalEntry, Restore)
    /// Not undone: the value is no longer what gotriage set (someone changed it since); `now` is
    /// what the GOENV file sets now (empty when nothing). `--force` undoes anyway.
    case changedSince(JournalEntry, now: String)
    /// The restore did not work; `message` says why. The file is as it was before the undo.
    case failed(JournalEntry, message: String)

    /// How a change was put back.
    public struct Restore: Sendable, Equatable {
        public enum Method: Sendable, Equatable {
            /// The file held exactly what gotriage wrote: its journaled bytes from before went back.
            case journaledBytes
            /// The file changed since in other settings: `command` (`go env -w`/`-u` for the key
            /// alone) was run on a copy, and the copy replaced the file, keeping those settings.
            case key(command: [String])
        }

        public var method: Method
        /// Whether the GOENV file matches its journaled fingerprint from before the change (nil
        /// when the journal has none).
        public var byteIdentical: Bool?
        /// The GOENV file `go env` names now, when it is not the file the change was made to
        /// (the undo edited the recorded file); nil when it is the same.
        public var goenvNow: String?

        public init(method: Method, byteIdentical: Bool?, goenvNow: String? = nil) {
            self.method = method
            self.byteIdentical = byteIdentical
            self.goenvNow = goenvNow
        }
    }

    /// The change this is about.
    public var entry: JournalEntry {
        switch self {
        case .restored(let entry, _), .changedSince(let entry, _), .failed(let entry, _): entry
        }
    }

    /// Whether the change is undone: the file is back to its bytes from before (or cannot be
    /// checked), or — when other settings changed since — the key alone is back.
    public var isComplete: Bool {
        guard case .restored(_, let restore) = self else { return false }
        return restore.method != .journaledBytes || restore.byteIdentical != false
    }
}
