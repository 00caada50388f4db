/// The shell's `report`: the current walk as Markdown (or JSON) on the screen or in a file.
extension Shell {
    /// `report [--json] [--no-redact] [FILE]`
    func writeReport(_ arguments: [String]) async {
        let json = arguments.contains("--json")
        let noRedact = arguments.contains("--no-redact")
        let files = arguments.filter { $0 != "--json" && $0 != "--no-redact" }
        if let flag = files.first(where: { $0.hasPrefix("-") }) ?? (files.count > 1 ? files[1] : nil) {
            console.line("report does not take '\(flag)'. Usage: \(ShellCommand.report.usage)")
            return
        }
        guard driver != nil else {
            console.line("Nothing to report yet. Start a playbook first: start <playbook>")
            return
        }
        let writer = ReportWriter(host: host, console: console)
        let redactor = Redactor(enabled: !noRedact, secrets: host.secrets)
        let format = ReportWriter.format(for: files.first, json: json)
        do {
            guard let file = files.first else {
                // Redacted by the report's own redactor, or not at all when asked (`--no-redact`).
                let text = try await writer.text(recorder.record, format: format, redactor: redactor)
                if format == .json { console.verbatimLine(text) } else { console.lineAsRedacted(text) }
                return
            }
            let path = try await writer.write(recorder.record, format: format, redactor: redactor, to: file)
            console.line(
                "Wrote the report to \(path)" + (noRedact ? " — NOT redacted: it may contain passwords or tokens." : " (secrets redacted).")
            )
        } catch {
            console.line("\(error)")
        }
    }
}
