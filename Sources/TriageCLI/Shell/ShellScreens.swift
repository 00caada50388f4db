import DecisionEngine
import Foundation
import HostEffects
import PlaybookSpec

/// The shell's informational commands: help, list, why, env.
extension Shell {
    func showHelp(_ topic: String?) {
        if let topic {
            guard let command = ShellCommand(word: topic) else {
                console.line("There is no command '\(topic)'. Type help to see them all.")
                return
            }
            console.line("\(command.usage) — \(command.summary)")
            return
        }
        console.line("Commands:")
        let width = ShellCommand.allCases.map(\.usage.count).max() ?? 0
        for command in ShellCommand.allCases {
            console.line(
                "  " + console.styled(command.usage.padding(toLength: width, withPad: " ", startingAt: 0), .cyan)
                    + "  " + command.summary)
        }
        console.line("When gotriage asks a question, type the answer at the prompt (Tab completes the choices).")
        console.line("A fix is only applied when you answer y; Enter alone means no.")
    }

    func showPlaybooks() {
        let width = tree.order.map(\.count).max() ?? 0
        for playbook in tree.all {
            console.line(
                "  " + console.styled(playbook.id.padding(toLength: width, withPad: " ", startingAt: 0), .cyan)
                    + "  " + playbook.title)
            console.line("  " + String(repeating: " ", count: width) + "  " + console.styled(playbook.summary, .dim))
        }
    }

    func showWhy() {
        guard let walk = driver?.walk, !walk.decisions.isEmpty else {
            console.line("No decisions yet. Start a playbook first: start <playbook>")
            return
        }
        console.line("How the walk got here:")
        for (index, decision) in walk.decisions.enumerated() {
            let into = decision.target.playbook != decision.step.playbook ? " (in \(decision.target.playbook))" : ""
            console.paragraph("\(decision.step.step) → \(decision.target.step)\(into)", lead: "  \(index + 1). ", indent: "     ")
            let because: String
            var place = "\(decision.location)"  // where in the playbook: for authors, with `verbose on`
            switch decision.kind {
            case .next:
                because = "it always goes on there"
            case .branch(let index, let count):
                because = "because \(decision.condition ?? "its check held")"
                place = "branch \(index) of \(count), \(place)"
            case .fallback(let count):
                because = count == 1 ? "because its one check did not hold" : "because none of its \(count) checks held"
            }
            console.paragraph(because + (renderer.verbose ? " (\(place))" : ""), lead: "     ", indent: "     ")
            for line in decision.evidence { console.paragraph(line, lead: "     evidence: ", indent: "               ") }
        }
    }

    func showEnv() async {
        let snapshot: GoEnvSnapshot
        do {
            snapshot = try await host.goEnvironment.read(keys: GoEnvKeys.relevant)
        } catch {
            console.line("Could not read the Go environment: \(error)")
            return
        }
        console.line("The Go settings that matter for downloads (from go env):")
        let rows = GoEnvKeys.relevant.map { key in
            (key, HumanRenderer.show(snapshot.values[key] ?? ""), HumanRenderer.describe(snapshot.source(of: key)))
        }
        let keyWidth = rows.map(\.0.count).max() ?? 0
        let valueWidth = rows.map(\.1.count).max() ?? 0
        for (key, value, source) in rows {
            console.line(
                "  " + key.padding(toLength: keyWidth, withPad: " ", startingAt: 0) + "  "
                    + value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) + "  " + console.styled(source, .dim))
        }
    }
}
