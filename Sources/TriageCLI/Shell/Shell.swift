import DecisionEngine
import Diagnosis
import Foundation
import HostEffects
import LineEditing
import PlaybookSpec

/// The interactive shell: a loop that reads a line, runs a command or answers the walk's
/// question, and prompts again. Commands and answers share one prompt.
public final class Shell {
    let tree: DecisionTree
    /// The cause catalog `paste` diagnoses with; nil when the shell was built without one.
    let catalog: Catalog?
    let host: Host
    let reader: any LineReader
    let console: Console
    let renderer: HumanRenderer
    private(set) var driver: WalkDriver?
    /// Fixes are only shown, never applied, and the walk stops at the first (`dryrun on`, `--dry-run`).
    var dryRun = false
    /// Where the current walk waits; nil before the first `start`.
    private var stop: WalkDriver.Stop?
    /// Records the current walk for `report`.
    private(set) var recorder = WalkRecorder()

    enum Flow { case keepGoing, quit }

    /// What happens to proposed fixes: `.confirm` asks at the prompt.
    let fixPolicy: WalkDriver.FixPolicy
    /// Whether Ctrl-C (SIGINT, a process-wide setting) stops a running probe. Off for shells run
    /// inside a test process, where other tests own the signal.
    let catchesCtrlC: Bool

    public init(
        tree: DecisionTree, catalog: Catalog? = nil, host: Host, reader: any LineReader, console: Console,
        fixPolicy: WalkDriver.FixPolicy = .confirm, catchesCtrlC: Bool = true
    ) {
        self.tree = tree
        self.catalog = catalog
        self.host = host
        self.reader = reader
        self.console = console
        self.fixPolicy = fixPolicy
        self.catchesCtrlC = catchesCtrlC
        self.renderer = HumanRenderer(console: console, causes: tree.diagnoser.catalog.causes)
    }

    /// Runs until `quit` or end of input; returns the exit status (always 0: the shell itself succeeded).
    public func run() async -> Int32 {
        console.line(console.styled("gotriage", .bold) + " — find out why a Go module will not download, and fix it.")
        console.line(
            "Type " + console.styled("start exit-status-128", .cyan) + " to begin, "
                + console.styled("list", .cyan) + " for all playbooks, " + console.styled("help", .cyan) + " for commands.")
        while true {
            reader.completer = { [tree, stop] line in
                ShellCompleter(playbookIDs: tree.order, answers: Self.answerWords(for: stop)).complete(line)
            }
            let input =
                if case .question(let question)? = stop, question.isSecret {
                    reader.readSecretLine(prompt: prompt)
                } else {
                    reader.readLine(prompt: prompt)
                }
            switch input {
            case .endOfFile:
                console.line()
                return 0
            case .interrupted:
                console.line("(Ctrl-C stops a running command. To leave gotriage, type quit or press Ctrl-D.)")
            case .line(let text):
                let line = text.trimmingCharacters(in: .whitespaces)
                if keepsInHistory(line) { reader.addHistory(line) }
                if await handle(line) == .quit { return 0 }
            }
        }
    }

    /// Whether `line` may go into the history (and its file): nothing typed while a secret
    /// question waits (not even a command: it might be the secret), and no line that holds a
    /// credential (what a rule sees, or a secret seen before).
    func keepsInHistory(_ line: String) -> Bool {
        if line.isEmpty { return false }
        if case .question(let question)? = stop, question.isSecret { return false }
        return !host.secrets.holdsSecret(line)
    }

    /// The prompt shows where the walk is (`playbook:step`), and `[dry run]` while fixes are only
    /// shown. ASCII only, so any terminal shows it.
    var prompt: String { (dryRun ? "[dry run] " : "") + place }

    private var place: String {
        switch stop {
        case .question(let question)?: "[\(question.step)] \(question.variable)> "
        case .fixConfirmation(let fix)?: "[\(fix.step)] Apply? [y/N] "
        case .interrupted(let step)?: "[\(step) interrupted]> "
        case .finished?, nil: "gotriage> "
        }
    }

    func handle(_ line: String) async -> Flow {
        let words = line.split(separator: " ").map(String.init)
        guard let first = words.first else {
            await handleEmptyLine()
            return .keepGoing
        }
        if let command = ShellCommand(word: first) {
            return await execute(command, Array(words.dropFirst()))
        }
        switch stop {
        case .question?:
            driver?.answer(line)
            await walkOn()
        case .fixConfirmation?:
            await confirm(line)
        default:
            let suggestion =
                Suggestion.closest(to: first, among: ShellCommand.allCases.map(\.rawValue), ignoringCase: true)
                .map { " Did you mean '\($0)'?" } ?? ""
            console.line("Unknown command '\(first)'.\(suggestion) Type help to see the commands.")
        }
        return .keepGoing
    }

    private func handleEmptyLine() async {
        switch stop {
        case .fixConfirmation?:
            driver?.declineFix()  // Enter means the default, and the default is No.
            await walkOn()
        case .question(let question)? where question.defaultValue != nil:
            driver?.answer("")
            await walkOn()
        default:
            break
        }
    }

    private func confirm(_ reply: String) async {
        switch reply.lowercased() {
        case "y", "yes":
            await driver?.applyFix()
            await walkOn()
        case "n", "no":
            driver?.declineFix()
            await walkOn()
        default:
            console.line("Please answer y (apply the fix) or n (leave everything as it is).")
        }
    }

    private func execute(_ command: ShellCommand, _ arguments: [String]) async -> Flow {
        switch command {
        case .help: showHelp(arguments.first)
        case .list: showPlaybooks()
        case .start: await start(arguments)
        case .paste: await paste()
        case .back:
            guard let driver, driver.back() else {
                console.line("There is no earlier question to go back to.")
                break
            }
            await walkOn()
        case .why: showWhy()
        case .retry:
            guard let driver, driver.retry() else {
                console.line("Nothing to retry: no command was interrupted.")
                break
            }
            await walkOn()
        case .restart:
            guard let driver else {
                console.line("No playbook is running. Start one with: start <playbook>")
                break
            }
            driver.restart()
            await walkOn()
        case .env: await showEnv()
        case .history:
            for (index, line) in reader.history.enumerated() { console.line(String(format: "%5d  ", index + 1) + line) }
        case .undo: await undo(arguments)
        case .report: await writeReport(arguments)
        case .dryrun: setDryRun(arguments.first)
        case .verbose: setVerbose(arguments.first)
        case .quit: return .quit
        }
        return .keepGoing
    }

    /// `start <playbook> [module]`: a module given here is the walk's `module`, so the playbook
    /// does not ask for it.
    private func start(_ arguments: [String]) async {
        guard let id = arguments.first, arguments.count <= 2 else {
            console.line("Usage: start <playbook> [module]. The playbooks are: \(tree.order.joined(separator: ", ")).")
            return
        }
        let variables = arguments.dropFirst().first.map { ["module": $0] } ?? [:]
        guard let walk = Walk(tree: tree, playbook: id, variables: variables) else {
            let suggestion = Suggestion.closest(to: id, among: tree.order, ignoringCase: true).map { " Did you mean '\($0)'?" } ?? ""
            console.line("There is no playbook '\(id)'.\(suggestion) Type list to see them all.")
            return
        }
        await begin(walk)
    }

    /// Starts walking `walk` from its first step and lets it run until it needs the user.
    func begin(_ walk: Walk) async {
        recorder = WalkRecorder()
        driver = WalkDriver(
            walk: walk, host: host, observer: WalkObservers([renderer, recorder]),
            fixPolicy: dryRun ? .dryRun : fixPolicy)
        await walkOn()
    }

    /// Lets the walk run until it needs the user again. Ctrl-C meanwhile stops the running probe;
    /// SIGTERM and SIGHUP stop it too, and then end gotriage by that signal.
    private func walkOn() async {
        guard let driver else { return }
        guard catchesCtrlC else {
            stop = await driver.advance()
            return announceEnd()
        }
        let (reached, signal) = await driver.advanceStoppably()
        stop = reached
        // Ctrl-C keeps the shell; SIGTERM and SIGHUP end it, once the probe they stopped is gone.
        if let signal, signal != SIGINT { TerminalRestorer.endProcess(by: signal) }
        announceEnd()
    }

    private func announceEnd() {
        if case .finished? = stop {
            console.line(console.styled("(why shows the evidence for each step; back returns to the last question.)", .dim))
        }
    }

    private static func answerWords(for stop: WalkDriver.Stop?) -> [String] {
        switch stop {
        case .question(let question)?: question.choices + (question.defaultValue.map { [$0] } ?? [])
        case .fixConfirmation?: ["yes", "no"]
        default: []
        }
    }
}
