import ArgumentParser
import Foundation
import PlaybookSpec

/// `gotriage test [PATH...] [--coverage]`: replays the offline playbook tests (`*.test.yaml`)
/// through the real engine with recorded command output, and prints `N passed, N failed` and the
/// branch coverage.
struct TestSubcommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Replay offline playbook tests and report branch coverage.",
        discussion: """
            PATHs are test files (*.test.yaml) or folders of them; the default is the tests folder of \
            the shipped playbooks. Nothing is run on this machine: each case's commands answer from \
            what it recorded, and its Go settings live in memory. Exit 1 when a case fails.
            """)

    @Argument(help: ArgumentHelp("Test files or folders.", valueName: "path"))
    var paths: [String] = []

    @Flag(help: "List each playbook's coverage and the arms no case takes.")
    var coverage = false

    @Flag(help: "Show each case's walk as a person sees it at this terminal (or COLUMNS) width.")
    var show = false

    @Flag(name: [.short, .long], help: "With --show, show each check's introduction, command, exit code and output.")
    var verbose = false

    @OptionGroup var playbooks: PlaybookOptions

    func run() async throws {
        let tree = try playbooks.loadTree()
        let console = LiveHost.console()
        let environment = ProcessInfo.processInfo.environment
        let shipped = PlaybookCatalog.shippedDirectory(environment: environment, executable: LiveHost.executablePath)
        var files: [String] = []
        for path in paths.isEmpty ? [shipped + "/tests"] : paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("'\(path)' does not exist")
            }
            files += isFolder.boolValue ? PlaybookTestFile.files(in: path) : [path]
        }
        var report = PlaybookTestReport(tree: tree)
        for file in files { await report.run(file: file, screenWidth: show ? console.width : nil, verbose: verbose) }
        console.lines(report.rendered(coverage: coverage))
        if report.failed > 0 || report.broken > 0 { throw ExitCode(1) }
    }
}
