import Diagnosis
import Foundation

/// Shows a diagnosis to a person: up to three causes, each with its reason, the evidence lines
/// quoted, and where gotriage proves and fixes it; or "no known cause" and the guided triage.
struct DiagnosisPrinter {
    let console: Console
    let catalog: Catalog

    func show(_ result: DiagnosisResult, shell: Bool) {
        guard result.isKnown else {
            console.line(console.styled("No known cause.", .bold) + " gotriage does not recognise this error with confidence.")
            if !result.causes.isEmpty {
                let weak = result.causes.map { "\($0.cause) (\(Self.percent($0.score)))" }.joined(separator: ", ")
                console.line(console.styled("  weak matches, not an answer: \(weak)", .dim))
            }
            console.line(
                shell
                    ? "Let's find out step by step instead: type " + console.styled("start exit-status-128", .cyan) + "."
                    : "Find out step by step instead: " + console.styled("gotriage run exit-status-128", .cyan)
                        + " (or start exit-status-128 in the gotriage shell).")
            return
        }
        for (rank, cause) in result.causes.enumerated() {
            let title = catalog.cause(cause.cause)?.title ?? cause.cause
            let head = "\(rank + 1). " + console.styled(cause.cause, .bold) + " — \(title)"
            console.line(head + console.styled("  (\(Self.percent(cause.score)))", .dim))
            console.line("   " + cause.reason)
            if let earlier = result.causes.prefix(rank).firstIndex(where: { $0.evidence == cause.evidence }) {
                console.line(console.styled("   │ (the lines of \(earlier + 1).)", .dim))
            } else {
                for line in cause.evidence.prefix(4) {
                    console.line(console.styled("   │ line \(line.number): ", .dim) + line.text.replacingTabs)
                }
            }
            if let start = cause.start {
                let command = Self.runCommand(start: start, facts: cause.facts)
                console.line(
                    "   " + console.styled("help:", .green) + " proven and fixed by " + console.styled("\(start)", .cyan)
                        + (shell ? "" : " — " + command))
            } else if let help = catalog.cause(cause.cause)?.help {
                console.line("   " + console.styled("help:", .green) + " " + FactTemplate.fill(help, with: cause.facts))
            }
        }
    }

    /// `gotriage run PLAYBOOK --answer module=M@V` (the catalog's starts are playbook entries).
    static func runCommand(start: StepRef, facts: [String: String]) -> String {
        var words = ["gotriage", "run", start.playbook]
        if let module = moduleAnswer(facts) { words += ["--answer", "module=" + module] }
        return words.map(ShellQuote.quote).joined(separator: " ")
    }

    /// The failing module as the playbooks' `module` input takes it: `path@version` or `path`.
    static func moduleAnswer(_ facts: [String: String]) -> String? {
        guard let module = facts["module"] else { return nil }
        return facts["version"].map { "\(module)@\($0)" } ?? module
    }

    static func percent(_ score: Double) -> String { "score \(Int((score * 100).rounded()))%" }
}

extension String {
    /// Tabs shown as four spaces, so quoted lines keep their shape inside the indented block.
    var replacingTabs: String { replacingOccurrences(of: "\t", with: "    ") }
}
