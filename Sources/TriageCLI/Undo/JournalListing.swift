import Foundation
import HostEffects

/// `gotriage undo --list`: every change in the journal, one line each, in plain words, under
/// the session that made it.
struct JournalListing {
    let console: Console
    /// Formats times; the local time zone unless a test fixes one.
    var timeZone: TimeZone = .current

    func show(_ contents: JournalContents, journalPath: String?) {
        let changes = contents.changes
        guard !changes.isEmpty else {
            console.line("The journal\(journalPath.map { " \($0)" } ?? "") is empty: gotriage has not changed any Go setting.")
            return
        }
        console.line("Changes gotriage made, oldest first\(journalPath.map { " (journal: \($0))" } ?? ""):")
        for session in contents.sessions {
            let mine = changes.filter { $0.session == session }
            guard let first = mine.first else { continue }
            let left = mine.filter { $0.state == .applied }.count
            let undo = left == 0 ? "nothing left to undo" : "\(left) to undo: gotriage undo --session \(session)"
            console.line("Session \(session), from \(format(first.time)) (\(undo)):")
            for change in mine { console.line("  " + line(for: change)) }
        }
    }

    /// `2025-05-01 12:00:03  go env -w GOPROXY=…  (was "off" from the GOENV file …)  applied`
    func line(for entry: JournalEntry) -> String {
        let command =
            switch entry.edit {
            case .set(let key, let value): ShellQuote.display(["go", "env", "-w", "\(key)=\(value)"])
            case .unset(let key): ShellQuote.display(["go", "env", "-u", key])
            }
        return "\(format(entry.time))  \(command)  (was \(Self.was(entry)))  \(Self.state(entry))"
    }

    static func was(_ entry: JournalEntry) -> String {
        let value = HumanRenderer.show(entry.previous)
        switch entry.source {
        case "goenv-file": return "\(value) from the GOENV file" + (entry.goenvFile.map { " \($0)" } ?? "")
        case "environment": return "\(value) from the environment"
        default: return "\(value), Go's default"
        }
    }

    static func state(_ entry: JournalEntry) -> String {
        let finder = " (found by session \(entry.recoveredBy ?? "?"))"
        switch (entry.state, entry.recovered.flatMap(JournalRecovery.Finding.init(rawValue:))) {
        case (.applied, .changed?):
            return "applied, but gotriage stopped before recording it" + finder
        case (.failed, .asBefore?):
            return "not made: gotriage stopped before changing the file, which is as before" + finder
        case (.applied, .neither?):
            return "unfinished: the GOENV file was neither as before nor as planned" + finder
                + "; undo --force writes back its bytes from before"
        default:
            return plainState(entry)
        }
    }

    static func plainState(_ entry: JournalEntry) -> String {
        switch entry.state {
        case .planned: "planned, no result recorded (gotriage stopped while applying it)"
        case .applied: "applied"
        case .failed: "failed: \(entry.message ?? "no reason recorded")"
        case .undone:
            "undone by session \(entry.undoneBy ?? "?")" + (entry.forced == true ? " (forced)" : "")
                + (entry.byteIdentical == false ? ", GOENV file NOT byte-identical" : "")
        }
    }

    private func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
