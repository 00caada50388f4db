/// One program to run: its argv, its complete environment and its limits.
///
/// Commands are argv arrays, never shell strings. `argv[0]` is looked up on the
/// `PATH` of ``environment`` when it sets one, else on the `PATH` of this process;
/// a name containing `/` is used as a path.
public struct CommandRequest: Sendable, Codable, Hashable {
    /// The program and its arguments; `argv[0]` names the program.
    public var argv: [String]
    /// The complete environment of the child; nothing is inherited (see ``ProcessEnvironment``).
    public var environment: [String: String]
    /// The directory the child starts in; `nil` means this process's directory.
    public var workingDirectory: String?
    /// How long the child may run before its process group is killed, in milliseconds.
    public var timeoutMilliseconds: Int
    /// The most bytes kept of each of stdout and stderr; the rest is dropped and marked truncated.
    public var outputLimitBytes: Int

    /// The default timeout: 10 seconds, in milliseconds.
    public static let defaultTimeoutMilliseconds = 10_000
    /// The default output limit per stream: 1 MiB, in bytes.
    public static let defaultOutputLimitBytes = 1 << 20

    /// Creates a request; `environment` must be complete (callers start from ``ProcessEnvironment/current()``).
    public init(
        argv: [String],
        environment: [String: String],
        workingDirectory: String? = nil,
        timeoutMilliseconds: Int = CommandRequest.defaultTimeoutMilliseconds,
        outputLimitBytes: Int = CommandRequest.defaultOutputLimitBytes
    ) {
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.timeoutMilliseconds = timeoutMilliseconds
        self.outputLimitBytes = outputLimitBytes
    }
}
