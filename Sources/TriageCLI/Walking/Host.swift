import HostEffects

/// What a walk may touch on this machine: commands, the Go environment, and where it runs — and
/// the secrets it has seen there, which everything written masks.
public struct Host: Sendable {
    public var runner: any CommandRunning
    public var goEnvironment: any GoEnvironment
    /// The environment probes start from; a probe's own `env` entries are added on top.
    public var environment: [String: String]
    /// Where probes run (the directory gotriage was started in).
    public var workingDirectory: String
    /// gotriage's own executable, used when a probe's argv[0] is `gotriage` (the built-in probes).
    public var selfExecutable: String
    /// Journals every change before it is made, for undo; nil changes settings unjournaled (tests).
    public var journal: ChangeJournal?
    /// The secrets seen so far (one registry per process): reports, `--json`, the terminal and
    /// history hide them wherever they appear.
    public var secrets: SecretRegistry

    public init(
        runner: any CommandRunning, goEnvironment: any GoEnvironment, environment: [String: String],
        workingDirectory: String, selfExecutable: String, journal: ChangeJournal? = nil,
        secrets: SecretRegistry = SecretRegistry()
    ) {
        self.runner = runner
        self.goEnvironment = goEnvironment
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.selfExecutable = selfExecutable
        self.journal = journal
        self.secrets = secrets
    }
}
