/// The commands the interactive shell understands.
enum ShellCommand: String, CaseIterable, Sendable {
    case help
    case list
    case start
    case paste
    case back
    case why
    case retry
    case restart
    case env
    case history
    case undo
    case report
    case dryrun
    case verbose
    case quit

    /// Other spellings that mean the same command.
    static let aliases: [String: ShellCommand] = ["exit": .quit, "?": .help, "ls": .list]

    /// The command for a typed word, or nil.
    init?(word: String) {
        if let command = ShellCommand(rawValue: word.lowercased()) {
            self = command
            return
        }
        guard let alias = ShellCommand.aliases[word.lowercased()] else { return nil }
        self = alias
    }

    /// How to type it.
    var usage: String {
        switch self {
        case .start: "start <playbook> [module]"
        case .paste: "paste"
        case .help: "help [command]"
        case .undo: "undo [all] [--force]"
        case .report: "report [--json] [--no-redact] [file|-]"
        case .dryrun: "dryrun on|off"
        case .verbose: "verbose on|off"
        default: rawValue
        }
    }

    /// One line on what it does, in plain words.
    var summary: String {
        switch self {
        case .help: "show the commands, or more about one"
        case .list: "list the playbooks you can start"
        case .start: "start walking a playbook, e.g. start exit-status-128 (or start git-auth example.com/lib)"
        case .paste: "paste go's error text (end with an empty line or Ctrl-D) to name the likely causes"
        case .back: "go back to the previous question (changes already applied stay)"
        case .why: "show each decision so far and the evidence behind it"
        case .retry: "run an interrupted command again"
        case .restart: "start the current playbook over"
        case .env: "show the Go settings that matter and where each comes from"
        case .history: "show the lines you typed"
        case .undo: "put back the last Go setting gotriage changed (all: every change of this session)"
        case .report: "write what the walk found to a file for a ticket (Markdown, or --json; secrets redacted); - shows it here"
        case .dryrun: "with on, run the checks but only show fixes (the walk stops at the first one)"
        case .verbose: "with on, show why each check runs, its command, exit code and output (off: one line per check)"
        case .quit: "leave gotriage (Ctrl-D does the same)"
        }
    }

    /// What the argument completes to.
    var completesPlaybooks: Bool { self == .start }
    var completesCommands: Bool { self == .help }
    /// Takes `on` or `off`.
    var switchesMode: Bool { self == .dryrun || self == .verbose }
}
