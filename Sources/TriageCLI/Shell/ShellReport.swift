/// The shell's `report`: the current walk as Markdown (or JSON) in a file to attach to a ticket,
/// or on the screen.
extension Shell {
    /// `report [--json] [--no-redact] [FILE|-]`: without FILE, a new file in the current folder
    /// (`gotriage-report-PLAYBOOK-DATE-TIME.md`); `-` shows it on the screen.
    func writeReport(_ arguments: [String]) async {
        let json = arguments.contains("--json")
        let noRedact = arguments.contains("--no-redact")
        let files = arguments.filter { $0 != "--json" && $0 != "--no-redact" }
        if let flag = files.first(where: { $0.hasPrefix("-") && $0 != "-" }) ?? (files.count > 1 ? files[1] : nil) {
            console.line("report does not take '\(flag)'. Usage: \(ShellCommand.report.usage)")
            return
        }
        guard let driver else {
            console.line("Nothing to report yet. Start a playbook first: start <playbook>")
            return
        }
        let writer = ReportWriter(host: host, console: console)
        let redactor = Redactor(enabled: !noRedact, secrets: host.secrets)
        let format = ReportWriter.format(for: files.first, json: json)
        do {
            let file = files.first ?? writer.newFileName(playbook: driver.walk.start.playbook, format: format)
            guard file != "-" else {
                // Redacted by the report's own redactor, or not at all when asked (`--no-redact`).
                let text = try await writer.text(recorder.record, format: format, redactor: redactor)
                if format == .json { console.verbatimLine(text) } else { console.lineAsRedacted(text) }
                return
            }
            let path = try await writer.write(recorder.record, format: format, redactor: redactor, to: file)
            // The path on a line of its own, to copy into a ticket's upload.
            console.paragraph(
                (noRedact ? "Wrote the report, NOT redacted: it may contain passwords or tokens:" : "Wrote the report, secrets redacted:")
                    + " `\(path)`")
        } catch {
            console.line("\(error)")
        }
    }
}
