import Foundation
import TestSupport
import Testing
import TriageCLI

/// How `gotriage run` ends without a terminal: a question's default is taken and said, a question
/// nobody can answer ends the run with status 2, and the `--json` stream's last line is `end`.
@Suite struct ScriptEndTests {
    /// `t-default`: a question with a default, then one without.
    static let defaults = """
        gotriage: 1
        id: t-default
        title: Defaults
        summary: For script-mode questions.
        start: pick
        steps:
          pick:
            ask:
              question: Which end?
              into: end
              choices: [resolved, not-resolved]
              default: not-resolved
            branch:
              - if: {var: end, equals: resolved}
                goto: ok
              - else: name
          name:
            ask: {question: "What is your name?", into: name}
            next: ok
          ok:
            done: {outcome: resolved, conclusion: "Fine, {{name}}."}
        """

    @Test func aQuestionWithADefaultTakesItAndSaysSo() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["defaults.yaml": Self.defaults])
        let result = try lab.gotriage(["run", "t-default", "--playbooks", folder, "--answer", "name=Ana", "--json"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let events = try JSONEvents(result.stdout)
        let answers = events.compactMap { if case .answer(let answer) = $0 { answer } else { nil } }
        #expect(answers.map(\.variable) == ["end", "name"])
        #expect(answers.first?.value == "not-resolved" && answers.first?.origin == .defaultValue, "\(result.stdout)")
        #expect(answers.last?.origin == .preset)
        #expect(events.last?.ended?.conclusion == "Fine, Ana.")

        let human = try lab.gotriage(["run", "t-default", "--playbooks", folder, "--answer", "name=Ana"])
        #expect(human.exitCode == 0, "\(human.stdout)\(human.stderr)")
        #expect(human.stdout.contains("  end = not-resolved  (the default; pass --answer end=VALUE to choose)"), "\(human.stdout)")
    }

    @Test func anUnansweredQuestionEndsTheStreamAndExitsTwo() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try ExitStatusTests.playbooks(in: lab, ["defaults.yaml": Self.defaults])
        let result = try lab.gotriage(["run", "t-default", "--playbooks", folder, "--json"])
        #expect(result.exitCode == 2, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stderr.contains("the playbook asks \"What is your name?\" and no answer was given. Pass --answer name=VALUE."),
            "\(result.stderr)")
        let events = try JSONEvents(result.stdout)
        let end = try #require(events.last?.ended, "\(result.stdout)")
        #expect(end.outcome == .unanswered && end.reason == .noAnswer, "\(result.stdout)")
        #expect(end.variable == "name" && end.step == "t-default:name", "\(result.stdout)")
        #expect(events.dropLast().last?.kind == .ask)
    }
}
