import ArgumentParser
import Foundation

/// The `gotriage` command: the shell by default, plus `run`, `diagnose`, `list`, the authoring
/// commands (`lint`, `graph`), the built-in probes and `undo`.
public struct Gotriage: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "gotriage",
        abstract: "A guided troubleshooter for failing Go module downloads.",
        discussion: """
            Started without a subcommand, gotriage opens its interactive shell. `gotriage run` walks \
            the same playbooks non-interactively for scripts and CI.
            """,
        version: version,
        subcommands: [
            ShellSubcommand.self, RunSubcommand.self, DiagnoseSubcommand.self, ListSubcommand.self,
            LintSubcommand.self, GraphSubcommand.self, TestSubcommand.self, CopySubcommand.self, ProbeSubcommand.self, UndoSubcommand.self
        ],
        defaultSubcommand: ShellSubcommand.self)

    public init() {}

    /// Parses the command line, runs the command, and exits with gotriage's documented status.
    public static func runAndExit() async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(ExitStatus.resolved.rawValue)
        } catch {
            Foundation.exit(ErrorReport.report(error, for: self))
        }
    }
}
