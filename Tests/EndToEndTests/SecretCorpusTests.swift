import Foundation
import TestSupport
import Testing
import TriageCLI

/// The proof that no secret leaves gotriage: every form of the secret corpus
/// (`Tests/Secrets/secret-corpus.json`) is planted through every channel of a real walk of the
/// built binary, and its secret is looked for in everything the walk writes — the Markdown and
/// JSON reports, the `--json` stream, the terminal text, standard error and the shell's history.
@Suite struct SecretCorpusTests {
    static let corpus = SecretCorpus.shipped

    @Test func theCorpusHoldsEnoughRealisticForms() {
        #expect(Self.corpus.forms.count >= 40)
        for form in Self.corpus.forms {
            #expect(form.text.contains(form.secret), "\(form): the secret must be inside the text")
            #expect(form.secret.count >= 8, "\(form): a corpus secret is long enough to be masked by value")
        }
        #expect(Set(Self.corpus.forms.map(\.secret)).count == Self.corpus.forms.count, "each secret is its own")
    }

    /// A walk of `corpus-<channel>` as `run --json --report FILE.md`, as `run --report FILE.json`
    /// (terminal text), and as `run --json --no-redact` (which must show every secret: proof that
    /// the planting works).
    @Test(arguments: SecretChannel.runChannels)
    func noSecretLeavesARun(channel: SecretChannel) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let playbooks = try Self.plant(channel, in: lab)
        let base = ["run", "corpus-\(channel)", "--playbooks", playbooks.path] + channel.answers(Self.corpus)
        let environment = channel.environment(Self.corpus)
        let markdown = lab.root.appendingPathComponent("report.md")
        let json = lab.root.appendingPathComponent("report.json")

        let streamed = try lab.gotriage(base + ["--json", "--report", markdown.path], extraEnvironment: environment)
        let human = try lab.gotriage(base + ["--report", json.path], extraEnvironment: environment)
        for result in [streamed, human] {
            #expect(result.exitCode == 1, "the walk ends not resolved: \(result.stderr)\(result.stdout.suffix(2_000))")
        }
        #expect(try JSONEvents(streamed.stdout).last?.kind == .end, "the redacted stream decodes to its end")
        let outputs: [(String, String)] = [
            ("md report", try String(contentsOf: markdown, encoding: .utf8)),
            ("JSON report", try String(contentsOf: json, encoding: .utf8)),
            ("--json", streamed.stdout),
            ("terminal", human.stdout),
            ("stderr", streamed.stderr + human.stderr)
        ]
        let leaks = Self.leaks(in: outputs)
        print(
            "secret corpus, channel \(channel): \(Self.corpus.forms.count) forms × \(outputs.count) outputs, "
                + "\(leaks.count) leaks" + Self.byOutput(leaks, outputs))
        #expect(leaks.isEmpty, "\(channel): \(leaks.joined(separator: "\n"))")
        #expect(outputs[0].1.contains("REDACTED") && outputs[2].1.contains("REDACTED"))

        let plain = try lab.gotriage(base + ["--json", "--no-redact"], extraEnvironment: environment)
        let hidden = Self.leaks(in: [("--json --no-redact", plain.stdout)])
        #expect(hidden.count == Self.corpus.forms.count, "--no-redact shows every planted secret: \(hidden.count) shown")
    }

    /// The shell on a terminal with a history file: each form is printed by a probe, then its line
    /// (copied from the output) and its bare secret are typed as answers; `report` writes both
    /// reports. History keeps the commands but no answer to a secret question and no line that
    /// holds a credential; the screen shows no secret but the lines typed at a plain question.
    @Test func noSecretLeavesTheShellOrItsHistory() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let playbooks = try Self.plant(.typed, in: lab)
        let markdown = lab.root.appendingPathComponent("shell.md")
        let json = lab.root.appendingPathComponent("shell.json")
        var steps: [[String: Any]] = [["expect": "gotriage> "], ["send": "start corpus-typed\r"]]
        for (index, form) in Self.corpus.forms.enumerated() {
            steps += [
                ["expect": "line_\(index)> "], ["send": form.secretLine + "\r"],
                ["expect": "pass_\(index)> "], ["send": form.secret + "\r"],
                ["expect": "api_token_\(index)> "], ["send": form.secret + "\r"]
            ]
        }
        steps += [
            ["expect": "Apply? [y/N] ", "timeout": 60], ["send": "n\r"],
            ["expect": "gotriage> "], ["send": "report \(markdown.path)\r"], ["expect": "Wrote the report"],
            ["expect": "gotriage> "], ["send": "report --json \(json.path)\r"], ["expect": "Wrote the report"],
            ["expect": "gotriage> "], ["send": "\u{4}"], ["eof": true]
        ]
        let stepsFile = lab.root.appendingPathComponent("pty-steps.json")
        try JSONSerialization.data(withJSONObject: steps).write(to: stepsFile)
        let script = LabServer.scriptURL.deletingLastPathComponent().appendingPathComponent("ptyshell.py").path
        let state = lab.root.appendingPathComponent("state")
        let run = try lab.run(
            ["python3", script, stepsFile.path, GotriageBinary.path, "--playbooks", playbooks.path],
            extraEnvironment: [
                "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
                "XDG_STATE_HOME": state.path, "TERM": "xterm"
            ], timeout: 300)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(
            result["ok"] as? Bool == true,
            "stopped at step \(result["failed_step"] ?? "-"):\n\(String(describing: result["transcript"] ?? "").suffix(3_000))")

        let history = Self.unvis(try String(contentsOf: state.appendingPathComponent("gotriage/history"), encoding: .utf8))
        let outputs: [(String, String)] = [
            ("md report", try String(contentsOf: markdown, encoding: .utf8)),
            ("JSON report", try String(contentsOf: json, encoding: .utf8)),
            ("history", history),
            ("screen", Self.withoutTypedLines(String(describing: result["transcript"] ?? "")))
        ]
        let leaks = Self.leaks(in: outputs)
        print(
            "secret corpus, shell: \(Self.corpus.forms.count) forms × \(outputs.count) outputs, \(leaks.count) leaks"
                + Self.byOutput(leaks, outputs))
        #expect(leaks.isEmpty, "shell: \(leaks.joined(separator: "\n"))")
        #expect(
            history.contains("start corpus-typed") && history.contains("report --json \(json.path)"),
            "history still keeps the commands: \(history)")
    }

    /// The terminal's transcript without the echo of each form's line, typed at a plain question
    /// (libedit shows what is typed there, wrapped at the edge; at a secret question, nothing).
    static func withoutTypedLines(_ transcript: String) -> String {
        var screen = transcript
        for index in corpus.forms.indices {
            var from = screen.startIndex
            while let prompt = screen.range(of: "line_\(index)> ", range: from..<screen.endIndex) {
                let end = screen.range(of: "\r\n", range: prompt.upperBound..<screen.endIndex)?.lowerBound ?? screen.endIndex
                screen.replaceSubrange(prompt.upperBound..<end, with: "(typed)")
                from = prompt.upperBound
            }
        }
        return screen
    }

    /// Writes the forms and the channel's playbook into the lab; returns the playbook folder.
    static func plant(_ channel: SecretChannel, in lab: Lab) throws -> URL {
        let forms = lab.root.appendingPathComponent("forms")
        try SecretChannel.writeForms(corpus, to: forms)
        let playbooks = lab.root.appendingPathComponent("playbooks")
        try FileManager.default.createDirectory(at: playbooks, withIntermediateDirectories: true)
        try Data(channel.playbook(corpus, dir: forms).utf8).write(to: playbooks.appendingPathComponent("corpus.yaml"))
        return playbooks
    }

    /// `output: form` for every form whose secret appears in an output (as is, or JSON-escaped).
    static func leaks(in outputs: [(String, String)]) -> [String] {
        outputs.flatMap { name, text in
            corpus.forms.filter { text.contains($0.secret) || text.contains(jsonEscaped($0.secret)) }.map { "\(name): \($0)" }
        }
    }

    static func byOutput(_ leaks: [String], _ outputs: [(String, String)]) -> String {
        " (" + outputs.map { name, _ in "\(name) \(leaks.filter { $0.hasPrefix(name + ":") }.count)" }.joined(separator: ", ") + ")"
    }

    static func jsonEscaped(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return String((try? String(decoding: encoder.encode(text), as: UTF8.self))?.dropFirst().dropLast() ?? "")
    }

    /// libedit's history file with its vis(3) escapes (`\040` for a space) undone.
    static func unvis(_ text: String) -> String {
        var result = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            if characters[index] == "\\", index + 3 < characters.count,
                let code = UInt8(String(characters[index + 1...index + 3]), radix: 8)
            {
                result.append(Character(Unicode.Scalar(code)))
                index += 4
            } else if characters[index] == "\\", index + 1 < characters.count {
                result.append(characters[index + 1])
                index += 2
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
