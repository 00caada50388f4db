import ArgumentParser
import DecisionEngine
import Foundation
import LineEditing
import PlaybookSpec

/// `gotriage run <playbook>`: the same walk as the shell, for scripts and CI.
struct RunSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Walk a playbook without the shell.",
        discussion: """
            Questions are answered from --answer and --answers FILE. Without a terminal, a question with a default \
            takes it and says so, a question with no answer and no default stops the run (exit 2), and fixes are \
            applied only with --yes. Exit status: 0 resolved, 1 not resolved, 2 usage or an unanswered question, \
            3 invalid playbook, 4 fix declined, 5 escalate, 6 interrupted (Ctrl-C, SIGTERM or SIGHUP; the running \
            command's process group is killed). With --json the last line is always the end event. \
            --dry-run stops at the first fix, shown but not applied: outcome fix-proposed, exit 1.
            """)

    @Argument(help: "The playbook to walk, e.g. exit-status-128.")
    var playbook: String

    @Option(name: .customLong("answer"), help: ArgumentHelp("Answer a question in advance (repeatable).", valueName: "name=value"))
    var answers: [String] = []

    @Option(
        name: .customLong("answers"),
        help: ArgumentHelp("Answers from a YAML file of name: value lines (--answer wins).", valueName: "file"))
    var answersFile: String?

    @Flag(name: .customLong("yes"), help: "Apply proposed fixes without asking.")
    var yes = false

    @Flag(name: .customLong("dry-run"), help: "Run the probes, show the first fix without applying it, and stop there (exit 1).")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Show why each check runs, its command, exit code and output, not one line per check.")
    var verbose = false

    @Flag(name: .customLong("json"), help: "Write the walk as JSON, one event per line, and nothing else on stdout.")
    var json = false

    @Option(
        name: .customLong("report"),
        help: ArgumentHelp(
            "Also write a report of the walk for a ticket: Markdown, or JSON with --json or a .json name.", valueName: "file"))
    var reportFile: String?

    @Flag(name: .customLong("no-redact"), help: "Keep passwords and tokens in --json output and the report.")
    var noRedact = false

    @Option(
        name: .customLong("record"),
        help: ArgumentHelp(
            "Also save the walk as an offline test case (gotriage test), added to FILE's cases (its comments are not kept); a folder files it as FOLDER/<cause>.test.yaml.",
            valueName: "file"))
    var recordFile: String?

    @OptionGroup var playbooks: PlaybookOptions

    func validate() throws {
        _ = try presetAnswers()
        if recordFile != nil, dryRun {
            throw ValidationError(
                "--record saves a walk to replay with gotriage test; a --dry-run walk stops at its first fix, so record it without --dry-run."
            )
        }
    }

    func run() async throws {
        let layered = try playbooks.loadKnowledge(showingNotices: false)
        // The playbook asked for is one of the user's left out: its problems are the run's errors.
        if let problems = layered.leftOut[playbook] {
            let renderer = DiagnosticRenderer { layered.sources[$0] ?? (try? String(contentsOfFile: $0, encoding: .utf8)) }
            throw PlaybookCatalogError.invalid(problems.map(renderer.render), count: problems.count)
        }
        playbooks.show(layered)
        let tree = layered.tree
        let presets = try AnswerSources.merge(file: answersFile, flags: presetAnswers())
        guard let walk = Walk(tree: tree, playbook: playbook, variables: presets) else {
            let hint = Suggestion.closest(to: playbook, among: tree.order, ignoringCase: true).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("There is no playbook '\(playbook)'.\(hint) Playbooks: \(tree.order.joined(separator: ", ")).")
        }
        var host = LiveHost.make()
        let testRecorder = recordFile.map { _ in WalkTestRecorder(host: host) }
        if let testRecorder { host = testRecorder.recording(host) }
        let redactor = Redactor(enabled: !noRedact, secrets: host.secrets)
        let console = Console.standard(environment: host.environment, redactor: redactor)
        // On stderr: with --json, stdout holds events only.
        UnfinishedChanges(host: host, say: console.errorLine).recover()
        // With --json nothing but events may reach stdout, so no prompts either.
        let interactive = isatty(STDIN_FILENO) == 1 && !json
        let screen: any WalkObserver =
            json
            ? JSONLinesRenderer(console: console, redactor: redactor)
            : HumanRenderer(
                console: console, causes: tree.diagnoser.catalog.causes, interactive: interactive, inShell: false,
                verbose: verbose)
        let recorder = WalkRecorder()
        let driver = WalkDriver(
            walk: walk, host: host, observer: WalkObservers([screen, recorder] + (testRecorder.map { [$0] } ?? [])),
            presetAnswers: presets,
            fixPolicy: dryRun ? .dryRun : yes ? .applyAll : interactive ? .confirm : .declineAll)
        let reader: (any LineReader)? = interactive ? LineReaders.standard(historyFile: nil) : nil
        let status = await ScriptWalk(driver: driver, reader: reader, console: console).run()
        if let reportFile {
            try await ReportWriter(host: host, console: console).writeForRun(
                recorder.record, to: reportFile, json: json, redactor: redactor)
        }
        if let recordFile, let testRecorder {
            try TestCaseWriter.add(
                testRecorder.testCase(
                    playbook: playbook, start: walk.start, presets: presets, applyFixes: yes && !dryRun,
                    redactor: Redactor(secrets: host.secrets)),
                to: recordFile, console: console)
        }
        throw ExitCode(status.rawValue)
    }

    /// `--answer NAME=VALUE` pairs by name; a malformed one is a usage error.
    func presetAnswers() throws -> [String: String] {
        var result: [String: String] = [:]
        for answer in answers {
            // By scalars, not characters: a combining mark after "=" (`url=\u{301}-x`) joins it into one character.
            let scalars = answer.unicodeScalars
            guard let equals = scalars.firstIndex(of: "="), equals != scalars.startIndex else {
                throw ValidationError("--answer takes NAME=VALUE, as in --answer module=example.com/lib (got '\(answer)').")
            }
            let name = String(scalars[..<equals])
            guard Template.isValidName(name) else {
                throw ValidationError("'\(name)' in --answer is not a variable name (letters, digits, _, - and .).")
            }
            result[name] = String(scalars[scalars.index(after: equals)...])
        }
        return result
    }
}
