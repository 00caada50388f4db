import ArgumentParser
import Diagnosis
import Foundation

/// `gotriage diagnose [FILE|-] [--json]`: names the likely causes of a Go error text at once,
/// without running anything.
struct DiagnoseSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Name the likely causes of a Go error log (a file, or standard input).",
        discussion: """
            Reads go's output (a CI log, a pasted terminal, go mod download -json) and prints up to three \
            causes with the lines that show them and the playbook that proves and fixes each. Exit status: \
            0 a known cause, 5 no known cause (run the guided triage: gotriage run exit-status-128).
            """)

    @Argument(help: ArgumentHelp("The log to read; - or nothing reads standard input.", valueName: "file"))
    var file: String?

    @Flag(name: .customLong("json"), help: "Write the causes as one JSON object.")
    var json = false

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let knowledge = try playbooks.loadKnowledge()
        let text = try readInput()
        let result = knowledge.catalog.diagnoser.diagnose(text)
        // A pasted log may hold credentials; the evidence lines shown are redacted.
        let redactor = Redactor()
        let console = Console.standard(environment: ProcessInfo.processInfo.environment, redactor: redactor)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let report = redactor.redact(json: try encoder.encode(DiagnosisReport(result)))
            console.verbatimLine(String(decoding: report, as: UTF8.self))
        } else {
            DiagnosisPrinter(console: console, catalog: knowledge.catalog.catalog).show(result, shell: false)
        }
        throw ExitCode(result.isKnown ? ExitStatus.resolved.rawValue : ExitStatus.escalate.rawValue)
    }

    private func readInput() throws -> String {
        let data: Data
        if let file, file != "-" {
            guard let contents = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read '\(file)'.")
            }
            data = contents
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
        }
        return String(decoding: data, as: UTF8.self)
    }
}
