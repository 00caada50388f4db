import Foundation
import HostEffects
import LineEditing
import PlaybookSpec
import TestSupport
import TriageCLI

/// Types random lines into the real shell (fake commands, in-memory Go environment) and checks
/// that it reads every line, answers each non-blank one, and leaves on end of input.
struct ShellFuzzer {
    struct Counts: CustomStringConvertible {
        var lines = 0
        /// Non-blank lines after which the shell printed nothing at all.
        var silent = 0
        var sessions = 0
        /// Sessions that stopped before reading all their lines (or did not return 0).
        var broken = 0

        var description: String {
            "lines: \(lines), sessions: \(sessions), silent lines: \(silent), broken sessions: \(broken)"
        }
    }

    let tree: DecisionTree

    func run(lines count: Int, seed: UInt64, perSession: Int = 200) async -> Counts {
        var generator = RandomShellLines(
            seed: seed,
            words: [
                "help", "list", "start", "back", "why", "retry", "restart",
                "env", "history", "dryrun", "quit", "ls", "?"
            ] + tree.order)
        var counts = Counts()
        var remaining = count
        while remaining > 0 {
            let batch = (0..<min(perSession, remaining)).map { _ in generator.next() }
                .filter { !Self.quits($0) }
            remaining -= perSession
            let output = Output()
            let reader = CountingReader(lines: batch, output: output)
            let runner = FakeCommandRunner { request in
                let failing = request.argv.joined().utf8.reduce(0) { $0 &+ Int($1) } % 3 != 0
                return CommandResult(
                    argv: request.argv, exitCode: failing ? 1 : 0,
                    stderr: failing ? "go: example.com/lib@v1.0.0: reading https://proxy/x: 404 Not Found\n" : "")
            }
            let host = Host(
                runner: runner, goEnvironment: InMemoryGoEnvironment(values: ["GOPROXY": "off"]),
                environment: ["PATH": "/usr/bin"], workingDirectory: "/nonexistent",
                selfExecutable: "/usr/local/bin/gotriage")
            let console = Console(usesColour: false, out: output.append, err: output.append)
            let status = await Shell(tree: tree, host: host, reader: reader, console: console, catchesCtrlC: false).run()
            counts.sessions += 1
            counts.lines += batch.count
            counts.silent += reader.silentLines
            if status != 0 || reader.remaining != 0 { counts.broken += 1 }
        }
        return counts
    }

    /// Whether the shell would leave on this line (fuzzing keeps the session going instead).
    static func quits(_ line: String) -> Bool {
        let first = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map { String($0).lowercased() }
        return first == "quit" || first == "exit"
    }

    final class Output: @unchecked Sendable {
        var bytes = 0
        func append(_ text: String) { bytes += text.utf8.count }
    }

    /// Replays lines and notes, for each non-blank one, whether the shell printed anything before
    /// asking for the next line.
    final class CountingReader: LineReader {
        private var lines: ArraySlice<String>
        private let output: Output
        private var bytesAtLastLine = 0
        private var lastWasBlank = true
        private(set) var silentLines = 0
        var completer: ((String) -> [String])?
        var history: [String] = []
        var isInteractive: Bool { false }

        init(lines: [String], output: Output) {
            self.lines = lines[...]
            self.output = output
        }

        var remaining: Int { lines.count }

        func readLine(prompt: String) -> LineInput {
            if !lastWasBlank && output.bytes == bytesAtLastLine { silentLines += 1 }
            guard let line = lines.popFirst() else { return .endOfFile }
            bytesAtLastLine = output.bytes
            lastWasBlank = line.trimmingCharacters(in: .whitespaces).isEmpty
            _ = completer?(line)
            return .line(line)
        }

        func addHistory(_ line: String) { history.append(line) }
    }
}
