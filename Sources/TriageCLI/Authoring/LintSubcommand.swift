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
            PATHs are playbook files or folders, checked together with the shipped playbooks (a \
            folder's causes.yaml replaces the shipped catalog). Without a PATH the shipped \
            playbooks are checked. Warnings are reported for the PATHs only.
            """)

    @Argument(help: ArgumentHelp("Playbook files or folders to check.", valueName: "path"))
    var paths: [String] = []

    @Flag(name: .customLong("strict"), help: "Exit 1 on warnings too.")
    var strict = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let shipped = PlaybookCatalog.shippedDirectory(environment: environment, executable: LiveHost.executablePath)
        var directories = [shipped]
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("'\(path)' does not exist")
            }
            if !isFolder.boolValue {
                files.append(path)
            } else if Self.standardized(path) != Self.standardized(shipped) {
                // A folder with its own catalog is checked against it, in place of the shipped one.
                let ownCatalog = FileManager.default.fileExists(atPath: path + "/" + CatalogLoader.fileName)
                directories = ownCatalog ? [path] + directories : directories + [path]
            }
        }
        let report = LintReport(directories: directories, files: files, checked: paths.isEmpty ? nil : paths)
        LiveHost.console().lines(report.rendered)
        if report.errors > 0 || (strict && report.warnings > 0) { throw ExitCode(1) }
    }

    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
