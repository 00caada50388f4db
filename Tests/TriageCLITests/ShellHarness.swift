import Diagnosis
import Foundation
import HostEffects
import LineEditing
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// Runs the shell against scripted input, fake commands and an in-memory Go environment, and
/// keeps one transcript: prompts with the typed lines, and everything the shell printed.
final class ShellHarness {
    let runner: FakeCommandRunner
    let goEnvironment: InMemoryGoEnvironment
    let reader: EchoingReader
    /// Journals the shell's changes (session `shell-test`) when given.
    let journal: (any Journal)?
    /// The shell's secrets; the console masks with them when `redacting`.
    let secrets = SecretRegistry()
    private let redacting: Bool
    private let workingDirectory: String
    private let output = Output()

    init(
        lines: [String], goEnv: [String: String] = [:], osEnvironment: [String: String] = [:],
        runner: FakeCommandRunner = FakeCommandRunner(), journal: (any Journal)? = nil, redacting: Bool = false,
        workingDirectory: String = "/work/module"
    ) {
        self.runner = runner
        self.workingDirectory = workingDirectory
        self.journal = journal
        self.redacting = redacting
        self.goEnvironment = InMemoryGoEnvironment(values: goEnv, osEnvironment: osEnvironment)
        self.reader = EchoingReader(lines: lines, output: output)
    }

    /// The shell's exit status.
    func run(_ tree: DecisionTree, catalog: Catalog? = nil) async -> Int32 {
        let host = Host(
            runner: runner, goEnvironment: goEnvironment, environment: ["PATH": "/usr/bin"],
            workingDirectory: workingDirectory, selfExecutable: "/usr/local/bin/gotriage",
            journal: journal.map { ChangeJournal(journal: $0, session: "shell-test") }, secrets: secrets)
        let console = Console(
            usesColour: false, redactor: redacting ? Redactor(secrets: secrets) : nil,
            out: output.append, err: output.append)
        // Ctrl-C handling is process-wide; the pty tests prove it in a process of their own.
        return await Shell(
            tree: tree, catalog: catalog, host: host, reader: reader, console: console,
            catchesCtrlC: false
        ).run()
    }

    var transcript: String { output.text }

    final class Output: @unchecked Sendable {
        private(set) var text = ""
        func append(_ more: String) { text += more }
    }
}

/// A scripted reader that writes each prompt and typed line into the transcript, as a terminal shows them.
final class EchoingReader: LineReader {
    private let scripted: ScriptedLineReader
    private let output: ShellHarness.Output

    init(lines: [String], output: ShellHarness.Output) {
        self.scripted = ScriptedLineReader(lines: lines)
        self.output = output
    }

    func readLine(prompt: String) -> LineInput {
        let input = scripted.readLine(prompt: prompt)
        switch input {
        case .line(let text): output.append(prompt + text + "\n")
        case .endOfFile: output.append(prompt + "^D\n")
        case .interrupted: output.append(prompt + "^C\n")
        }
        return input
    }

    var completer: ((String) -> [String])? {
        get { scripted.completer }
        set { scripted.completer = newValue }
    }
    func addHistory(_ line: String) { scripted.addHistory(line) }
    var history: [String] { scripted.history }
    var isInteractive: Bool { false }
    /// Scripted lines not read yet.
    var scriptedRemaining: Int { scripted.remainingCount }
    func complete(_ line: String) -> [String] { scripted.complete(line) ?? [] }
}

/// Compares text with a golden file in Transcripts/, named after the test.
/// Set GOTRIAGE_UPDATE_GOLDEN=1 to write the file instead (then review the diff).
func expectGolden(
    _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation,
    filePath: String = #filePath
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Transcripts/\(name).txt")
    if ProcessInfo.processInfo.environment["GOTRIAGE_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "transcript differs from Transcripts/\(name).txt", sourceLocation: sourceLocation)
}
