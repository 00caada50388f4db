import ArgumentParser
import Foundation
import PlaybookSpec

/// `gotriage lint [PATH...]`: every problem of the playbooks and the cause catalog at once, in
/// compiler format with the source line and a caret: the loader's and the validator's errors and
/// the linter's warnings (`Linter`). Exit 1 on errors; warnings alone exit 0 unless `--strict`.
struct LintSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check playbooks and the cause catalog, and report every problem at once.",
        discussion: """
            PATHs are playbook files or folders, checked as gotriage would load them: over the \
            shipped playbooks (a playbook with a shipped id replaces it; a folder's causes.yaml \
            replaces the shipped catalog). Without a PATH the shipped playbooks are checked. \
            Warnings are reported for the PATHs only.
            """)

    @Argument(help: ArgumentHelp("Playbook files or folders to check.", valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("strict"), help: "Exit 1 on warnings too.")
    var strict = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let shipped = PlaybookCatalog.shippedDirectory(environment: environment, executable: LiveHost.executablePath)
        for path in paths where !FileManager.default.fileExists(atPath: path) {
            throw ValidationError("'\(path)' does not exist")
        }
        let user = paths.filter { PlaybookCatalog.standardized($0) != PlaybookCatalog.standardized(shipped) }
        let report = LintReport(shipped: shipped, user: user, checked: paths.isEmpty ? nil : paths)
        LiveHost.console().lines(report.rendered)
        if report.errors > 0 || (strict && report.warnings > 0) { throw ExitCode(1) }
    }
}
