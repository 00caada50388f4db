/// Tab completion for the shell: commands, playbook ids after `start`, and the answers of the
/// question being asked.
struct ShellCompleter {
    var playbookIDs: [String]
    /// The choices and the default of the pending question (or `yes`/`no` for a pending fix).
    var answers: [String]

    /// Candidate words for the word being typed at the end of `lineBeforeCursor`.
    func complete(_ lineBeforeCursor: String) -> [String] {
        let words = lineBeforeCursor.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let typingNewWord = lineBeforeCursor.isEmpty || lineBeforeCursor.hasSuffix(" ")
        let partial = typingNewWord ? "" : (words.last ?? "")
        let position = typingNewWord ? words.count : words.count - 1
        let candidates: [String]
        if position == 0 {
            // At a question its answers come first; a command only when no answer fits (`ba` → back).
            let fitting = answers.filter { $0.hasPrefix(partial) }
            candidates = fitting.isEmpty ? ShellCommand.allCases.map(\.rawValue) : fitting
        } else if position == 1, let command = ShellCommand(word: words[0]) {
            candidates =
                command.switchesMode
                ? ["on", "off"]
                : command.completesPlaybooks
                    ? playbookIDs
                    : command.completesCommands ? ShellCommand.allCases.map(\.rawValue) : []
        } else {
            candidates = []
        }
        var seen = Set<String>()
        return candidates.filter { $0.hasPrefix(partial) && seen.insert($0).inserted }
    }
}
