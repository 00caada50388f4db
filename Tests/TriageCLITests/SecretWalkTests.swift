import DecisionEngine
import HostEffects
import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// A walk remembers the secrets it meets — a bare token captured into a secret-named variable, an
/// answer to a secret question — and nothing it writes shows them again: not `--json`, not the
/// shell's screen, not its history.
@Suite("Secrets in a walk")
struct SecretWalkTests {
    static let book = """
        gotriage: 1
        id: creds
        title: Reads a credential
        summary: A test playbook.
        start: helper
        steps:
          helper:
            run:
              argv: [credential-helper, get]
              capture:
                - stdout: '(?<helper_token>\\S+)'
            next: show
          show:
            say: "The helper gave {{helper_token}}."
            ask: {question: Your PIN?, into: pin, secret: true, pattern: '[0-9]+'}
            next: proxy
          proxy:
            say: "Checking with PIN {{pin}}."
            ask: {question: Which proxy?, into: proxy}
            next: finish
          finish:
            done: {outcome: not-resolved, cause: unknown, conclusion: "Token {{helper_token}}, proxy {{proxy}}."}
        """

    /// A helper that prints a bare token, which no rule can tell from other text.
    static let helper = FakeCommandRunner { CommandResult(argv: $0.argv, exitCode: 0, stdout: "q7Zbare-token-value\n") }

    @Test func theJSONStreamHidesCapturesAndSecretAnswersItHasNoRuleFor() async throws {
        let tree = try FixtureTrees.tree(Self.book)
        let secrets = SecretRegistry()
        let host = Host(
            runner: Self.helper, goEnvironment: InMemoryGoEnvironment(), environment: [:],
            workingDirectory: "/", selfExecutable: "/bin/gotriage", secrets: secrets)
        let output = JSONLinesRendererTests.Output()
        let renderer = JSONLinesRenderer(console: output.console, redactor: Redactor(secrets: secrets))
        let walk = try #require(Walk(tree: tree, playbook: "creds"))
        let driver = WalkDriver(
            walk: walk, host: host, observer: renderer,
            presetAnswers: ["pin": "x1", "proxy": "https://u:hunter2x@proxy:3128"], fixPolicy: .declineAll)
        guard case .question(let question) = await driver.advance() else {
            Issue.record("the walk should wait at the PIN")
            return
        }
        #expect(question.variable == "pin" && question.secret, "the preset x1 does not match [0-9]+")
        driver.answer("42")
        _ = await driver.advance()
        let events = try JSONLinesRendererTests.decode(output.out)
        for secret in ["q7Zbare-token-value", "hunter2x", "x1"] {
            #expect(!output.out.contains(secret), "\(secret) leaked: \(output.out)")
        }
        let answers = events.compactMap { if case .answer(let answer) = $0 { answer } else { nil } }
        #expect(answers.map(\.value) == ["REDACTED", "https://REDACTED@proxy:3128"], "even a two-digit PIN is hidden")
        let rejected = events.compactMap { if case .answerRejected(let rejected) = $0 { rejected } else { nil } }
        #expect(
            rejected.map(\.reply) == ["REDACTED"]
                && rejected.map(\.reason) == [
                    "That answer does not have the form this question asks for. Read the question again for the form it wants."
                ])
        #expect(output.out.contains(#""stdout":"REDACTED\n""#), "the capture was registered before probe-end was written")
        #expect(output.out.contains("The helper gave REDACTED."))
    }

    @Test func theShellNeitherShowsNorKeepsSecrets() async throws {
        let lines = ["start creds", "4711", "https://u:hunter2x@proxy:3128", "history", "quit"]
        let harness = ShellHarness(lines: lines, runner: Self.helper, redacting: true)
        #expect(await harness.run(try FixtureTrees.tree(Self.book)) == 0)
        #expect(
            harness.reader.history == ["start creds", "history", "quit"],
            "no answer to the secret question, no line with a credential")
        // What was typed is on the screen as the terminal echoed it; all the rest is gotriage's.
        let shown = harness.transcript.replacingOccurrences(of: "> 4711\n", with: "> (typed)\n")
            .replacingOccurrences(of: "> https://u:hunter2x@proxy:3128\n", with: "> (typed)\n")
        for secret in ["q7Zbare-token-value", "hunter2x", "4711"] {
            #expect(!shown.contains(secret), "\(secret) shown: \(shown)")
        }
        #expect(shown.contains("Checking with PIN REDACTED."))
    }
}
