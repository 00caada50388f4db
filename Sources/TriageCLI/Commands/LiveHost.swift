import Foundation
import HostEffects

/// The real machine: real processes, the real `go`, the process environment.
enum LiveHost {
    /// The host, with a fresh secret registry that already holds the values of the environment's
    /// secret-named variables (`GITHUB_TOKEN`, …).
    static func make() -> Host {
        let environment = ProcessEnvironment.current()
        let secrets = SecretRegistry()
        secrets.register(environment: environment)
        let runner = SubprocessRunner()
        let directory = FileManager.default.currentDirectoryPath
        return Host(
            runner: runner,
            goEnvironment: GoToolEnvironment(runner: runner, environment: environment, workingDirectory: directory),
            environment: environment,
            workingDirectory: directory,
            selfExecutable: executablePath,
            journal: ChangeJournal(journal: FileJournal(path: StateLocation.file("journal", environment: environment))),
            secrets: secrets)
    }

    /// The console of a one-shot subcommand (`list`, `lint`, `graph`): stdout and stderr, colour as
    /// the environment asks, the environment's secrets redacted.
    static func console() -> Console {
        let host = make()
        return Console.standard(environment: host.environment, redactor: Redactor(secrets: host.secrets))
    }

    /// This executable's path (from /proc/self/exe on Linux), for built-in probes and shipped playbooks.
    static let executablePath: String = {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }()
}
