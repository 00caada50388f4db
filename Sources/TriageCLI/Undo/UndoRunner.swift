import Foundation
import HostEffects

/// Undoes journaled changes for the shell's `undo` and `gotriage undo`, and says in plain words
/// what happened to each.
struct UndoRunner {
    let undoer: GoEnvUndo
    let console: Console
    /// How to ask for `--force`, as the user would type it here.
    let forceHint: String

    /// The journal's entries, after telling the user about lines that could not be read; nil
    /// (after saying why) when the journal cannot be read at all.
    func contents() -> JournalContents? {
        let journal = undoer.journal.journal
        do {
            let contents = try journal.read()
            for line in contents.damagedLines {
                let why =
                    contents.lastLineTorn && line == contents.damagedLines.last
                    ? "cut short, probably by a crash while it was written" : "not a journal entry"
                console.line("Note: line \(line) of the journal\(Self.place(of: journal)) is \(why); it was skipped.")
            }
            return contents
        } catch {
            console.line("Could not read the journal\(Self.place(of: journal)): \(error)")
            return nil
        }
    }

    /// Undoes `entries` in the order given (newest first), stopping at the first that is not
    /// completely undone. Returns whether every one was.
    func undo(_ entries: [JournalEntry], force: Bool) async -> Bool {
        for entry in entries {
            let outcome = await undoer.undo(entry, force: force)
            describe(outcome)
            guard outcome.isComplete else {
                if entries.count > 1 { console.line("Stopped here; the older changes were left as they are.") }
                return false
            }
        }
        return true
    }

    func describe(_ outcome: UndoOutcome) {
        switch outcome {
        case .restored(let entry, let restore):
            let how =
                switch restore.method {
                case .journaledBytes: "wrote back the GOENV file as it was before the change"
                case .key(let command): "ran: \(ShellQuote.display(command))"
                }
            console.paragraph(
                "Undone: \(entry.key) is \(Self.restoredValue(entry)) (\(how))", lead: "  ✓ ", leadStyles: [.green], indent: "    ")
            let path = entry.goenvFile ?? ""
            switch (restore.byteIdentical, restore.method) {
            case (true?, _):
                if let note = entry.message { say("(\(note).)") }
                say("The GOENV file \(path) is byte-identical to what it was before gotriage changed it.")
            case (false?, .key):
                say(
                    "Other settings in the GOENV file \(path) changed since gotriage's change, and are kept, "
                        + "so the file is not byte-identical to before.")
            case (false?, .journaledBytes):
                say(
                    "But the GOENV file \(path) is NOT byte-identical to what it was before gotriage changed it (its "
                        + "SHA-256 differs from the journaled one). Check it by hand; this shows what was changed: "
                        + "`gotriage undo --list`", styles: [.red])
            case (nil, _):
                say("(The journal kept no fingerprint of the file to compare with.)")
            }
            if let now = restore.goenvNow {
                say("Note: GOENV now names \(now); gotriage put back \(path), the file it changed.")
            }
        case .changedSince(let entry, let now):
            let set = GoEnvUndo.written(by: entry) ?? ""
            console.paragraph(
                "Not undone: \(entry.key) changed since gotriage set it. gotriage set it to \(HumanRenderer.show(set)), and "
                    + "it is now \(HumanRenderer.show(now)). Undoing would throw that newer value away; to do it anyway, "
                    + "use \(forceHint).", lead: "  ", indent: "  ", styles: [.yellow])
        case .failed(let entry, let message):
            console.paragraph("Could not undo \(entry.key): \(message)", lead: "  ✗ ", indent: "    ", styles: [.red])
        }
    }

    /// A sentence under an undone change, laid out to the terminal.
    private func say(_ text: String, styles: [Console.Style] = []) {
        console.paragraph(text, lead: "    ", indent: "    ", styles: styles)
    }

    /// "back to "off" (from the GOENV file)" or "removed from the GOENV file (Go's default: …)".
    static func restoredValue(_ entry: JournalEntry) -> String {
        if let old = entry.previousFileValue { return "back to \(HumanRenderer.show(old)) in the GOENV file" }
        return "no longer set in the GOENV file (back to Go's default)"
    }

    static func place(of journal: any Journal) -> String {
        (journal as? FileJournal).map { " \($0.path)" } ?? ""
    }
}
