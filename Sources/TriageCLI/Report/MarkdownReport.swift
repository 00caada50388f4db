import PlaybookSpec

/// A walk as Markdown for an issue tracker (GitHub, GitLab): a summary table, the steps, each
/// command with its output in fenced blocks, the fix as the exact command, and the evidence.
struct MarkdownReport {
    let record: WalkRecord
    let context: ReportContext
    let redactor: Redactor

    /// The report text. `record` is redacted field by field, and the whole text once more at the end.
    func render() -> String {
        let record = record.prepared(with: redactor)
        var out: [String] = []
        out.append("## gotriage report: \(Self.inline(record.title)) (`\(record.playbook)`)")
        out.append("")
        out.append("| | |")
        out.append("|---|---|")
        out.append("| **Outcome** | \(Self.outcome(record.end)) |")
        out.append("| **Cause** | \(record.end?.cause.map { Self.code($0) } ?? "—") |")
        if let diagnosis = record.diagnosis {
            let score = Int((diagnosis.score * 100).rounded())
            out.append(
                "| **Diagnosis** | \(Self.code(diagnosis.cause)) (\(score)%, signature \(Self.code(diagnosis.signature))) — \(Self.cell(diagnosis.reason)) |"
            )
            out.append("| **Diagnosis evidence** | \(Self.code(diagnosis.evidence)) (read at \(Self.code(diagnosis.step))) |")
            if let help = diagnosis.help { out.append("| **What to do** | \(Self.cell(help)) |") }
        }
        out.append("| **Playbook** | \(Self.code(record.playbook)) — \(Self.cell(record.title)) |")
        if let end = record.end { out.append("| **Ended at** | \(Self.code(end.step)) (\(Self.cell(end.reason))) |") }
        if let help = record.end?.help { out.append("| **Next step** | \(Self.code(help)) |") }
        out.append("| **gotriage** | \(Self.cell(context.gotriage)) |")
        out.append("| **Go** | \(Self.code(context.go)) |")
        out.append("| **OS** | \(Self.cell(context.os)) |")
        out.append("| **Date** | \(Self.cell(context.generatedAt)) |")
        out.append("| **Redacted** | \(redactor.isEnabled ? "yes" : "**no** (`--no-redact`): this report may contain secrets") |")
        if let conclusion = record.end?.conclusion { out += Self.conclusion(conclusion) }
        out += steps(record)
        out += commands(record)
        out += fixes(record)
        out += evidence(record)
        if let goEnv = record.goEnv, !goEnv.isEmpty {
            out += ["", "### Go settings before the fix", "", "```sh"]
            out += goEnv.keys.sorted().map { "\($0)=\(goEnv[$0] ?? "")" }
            out.append("```")
        }
        out += ["", "<sub>Written by gotriage \(context.gotriage). Review before posting.</sub>", ""]
        return redactor.redact(out.joined(separator: "\n"))
    }

    private func steps(_ record: WalkRecord) -> [String] {
        var out = ["", "### Steps", "", "| # | Step | What happened | Result | Time |", "|---:|---|---|---|---:|"]
        for step in record.steps {
            let (what, result, time): (String, String, String) =
                switch step.kind {
                case .command:
                    ("ran \(Self.code(ShellQuote.display(step.command?.argv ?? [])))", Self.status(step.command), Self.time(step.command))
                case .question:
                    ("asked \(Self.cell("“" + (step.question?.prompt ?? "") + "”"))", Self.answer(step.question), "")
                case .fix:
                    ("proposed a fix: \(Self.cell(step.fix?.reason ?? ""))", Self.cell(step.fix?.status ?? ""), "")
                }
            out.append("| \(step.number) | \(Self.code(step.step)) | \(what) | \(result) | \(time) |")
        }
        return out
    }

    private func commands(_ record: WalkRecord) -> [String] {
        let commands = record.steps.filter { $0.command != nil }
        guard !commands.isEmpty else { return [] }
        var out = ["", "### Commands"]
        for step in commands {
            guard let command = step.command else { continue }
            out += ["", "**\(step.number). \(Self.code(step.step))** — \(Self.status(command)), \(Self.time(command))", ""]
            var lines = command.environment.keys.sorted().map { "\($0)=\(ShellQuote.quote(command.environment[$0] ?? "")) \\" }
            lines.append("$ " + ShellQuote.display(command.argv))
            out += Self.fenced(lines.joined(separator: "\n"), language: "console")
            for (name, text) in [("stdout", command.stdout), ("stderr", command.stderr)] where !text.isEmpty {
                let trimmed = String(text.reversed().drop { $0.isNewline }.reversed())
                out += ["", "\(name):", ""] + Self.fenced(trimmed, language: "text")
            }
        }
        return out
    }

    private func fixes(_ record: WalkRecord) -> [String] {
        let fixes = record.steps.compactMap(\.fix)
        guard !fixes.isEmpty else { return [] }
        var out = ["", "### Fix"]
        for fix in fixes {
            let declined = fix.declined.map { " (\($0))" } ?? ""
            out += ["", "**\(fix.status.capitalized)**\(declined): \(fix.reason)", ""]
            out += Self.fenced(fix.changes.map { ShellQuote.display($0.command) }.joined(separator: "\n"), language: "sh")
            out.append("")
            for change in fix.changes {
                let old = Self.value(change.old ?? "")
                let new = change.new.map(Self.value) ?? "unset (Go's default)"
                let source = change.source.map { " (\($0))" } ?? ""
                var line = "- \(Self.code(change.key)): \(old)\(source) → \(new)"
                if let status = change.status {
                    line += " — \(status)" + (change.now.map { ", go env now reports \(Self.value($0))" } ?? "")
                }
                if let message = change.message { line += " — \(Self.cell(message))" }
                out.append(line)
            }
        }
        return out
    }

    private func evidence(_ record: WalkRecord) -> [String] {
        guard !record.decisions.isEmpty else { return [] }
        var out = ["", "### Evidence", ""]
        for (index, decision) in record.decisions.enumerated() {
            let because = decision.condition.map { "because \(Self.cell($0))" } ?? "always goes on"
            out.append(
                "\(index + 1). \(Self.code(decision.step)) → \(Self.code(decision.target)): \(because) (\(Self.code(decision.location)))")
            for line in decision.evidence { out.append("   - \(Self.code(line))") }
        }
        return out
    }

    static func outcome(_ end: WalkRecord.End?) -> String {
        switch end?.outcome {
        case "resolved": "✔ **resolved**"
        case "not-resolved": "✘ **not resolved**"
        case "escalate": "⚑ **escalate**"
        case let other?: "**\(other)**"
        case nil: "unfinished (the walk had not ended)"
        }
    }

    static func status(_ command: WalkRecord.Command?) -> String {
        guard let command, let exit = command.exitCode else { return "not finished" }
        if command.interrupted { return "interrupted" }
        if command.timedOut { return "timed out" }
        return "exit \(exit)"
    }

    static func time(_ command: WalkRecord.Command?) -> String {
        command?.durationMs.map(HumanRenderer.duration) ?? ""
    }

    static func answer(_ question: WalkRecord.Question?) -> String {
        guard let answer = question?.answer else { return "no answer" }
        let origin =
            switch question?.origin {
            case AnswerOrigin.preset.rawValue?: " (from --answer)"
            case AnswerOrigin.defaultValue.rawValue?: " (the default)"
            default: ""
            }
        return code(answer) + origin
    }

    /// A setting's value as code, or "(empty)".
    static func value(_ text: String) -> String { text.isEmpty ? "(empty)" : code(text) }

    /// Text safe inside a table cell: one line, pipes escaped.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }

    /// Inline text outside code, with Markdown's active characters escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in cell(text) {
            if "\\`*_[]<>#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// Inline code that survives backticks inside and table pipes.
    static func code(_ text: String) -> String {
        let single = cell(text)
        var fence = "`"
        while single.contains(fence) { fence += "`" }
        let pad = single.hasPrefix("`") || single.hasSuffix("`") ? " " : ""
        return fence + pad + single + pad + fence
    }

    /// A conclusion as Markdown: its prose quoted, each of its commands in a block of its own to
    /// copy from.
    static func conclusion(_ text: String) -> [String] {
        var out: [String] = []
        for segment in CommandMarks.segments(of: text[...]) {
            switch segment {
            case .prose(let prose):
                let trimmed = prose.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { out += ["", trimmed.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")] }
            case .command(let command):
                out += [""] + fenced(command, language: "sh")
            }
        }
        return out
    }

    /// A fenced block whose fence is longer than any run of backticks inside.
    static func fenced(_ text: String, language: String) -> [String] {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return [fence + language, text, fence]
    }
}
