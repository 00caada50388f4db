/// What one finished (or killed) command produced.
///
/// `exitCode` follows the shell's convention: the program's own status, 127 when it
/// could not start (``stderr`` then says why in plain words), 128+N when signal N killed it.
public struct CommandResult: Sendable, Codable, Hashable {
    /// The argv that was run.
    public var argv: [String]
    /// The exit status: the program's, 127 for "could not start", or 128+N for signal N.
    public var exitCode: Int32
    /// Standard output, decoded as UTF-8 with invalid bytes replaced.
    public var stdout: String
    /// Standard error, decoded as UTF-8 with invalid bytes replaced.
    public var stderr: String
    /// Whether stdout passed the request's output limit and the rest was dropped.
    public var stdoutTruncated: Bool
    /// Whether stderr passed the request's output limit and the rest was dropped.
    public var stderrTruncated: Bool
    /// Whether the command was killed because it reached its timeout.
    public var timedOut: Bool
    /// Whether the command was killed because the calling task was cancelled (Ctrl-C).
    public var interrupted: Bool
    /// Wall-clock time from start to finish, in milliseconds.
    public var durationMilliseconds: Double

    /// Creates a result; every field but `argv` has a "clean success" default.
    public init(
        argv: [String],
        exitCode: Int32 = 0,
        stdout: String = "",
        stderr: String = "",
        stdoutTruncated: Bool = false,
        stderrTruncated: Bool = false,
        timedOut: Bool = false,
        interrupted: Bool = false,
        durationMilliseconds: Double = 0
    ) {
        self.argv = argv
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutTruncated = stdoutTruncated
        self.stderrTruncated = stderrTruncated
        self.timedOut = timedOut
        self.interrupted = interrupted
        self.durationMilliseconds = durationMilliseconds
    }

    /// Whether the program ran to completion and exited 0.
    public var succeeded: Bool { exitCode == 0 && !timedOut && !interrupted }

    /// The exit code used when a program could not be started.
    public static let notStartedExitCode: Int32 = 127

    /// A result for a command that never started; `reason` becomes stderr.
    public static func notStarted(_ argv: [String], reason: String, durationMilliseconds: Double = 0) -> CommandResult {
        CommandResult(
            argv: argv, exitCode: notStartedExitCode, stderr: reason,
            durationMilliseconds: durationMilliseconds
        )
    }
}

extension CommandResult {
    private enum CodingKeys: String, CodingKey {
        case argv, exitCode, stdout, stderr, stdoutTruncated, stderrTruncated
        case timedOut, interrupted, durationMilliseconds
    }

    /// Decodes a result; only `argv` is required, so hand-written recordings stay short.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            argv: try c.decode([String].self, forKey: .argv),
            exitCode: try c.decodeIfPresent(Int32.self, forKey: .exitCode) ?? 0,
            stdout: try c.decodeIfPresent(String.self, forKey: .stdout) ?? "",
            stderr: try c.decodeIfPresent(String.self, forKey: .stderr) ?? "",
            stdoutTruncated: try c.decodeIfPresent(Bool.self, forKey: .stdoutTruncated) ?? false,
            stderrTruncated: try c.decodeIfPresent(Bool.self, forKey: .stderrTruncated) ?? false,
            timedOut: try c.decodeIfPresent(Bool.self, forKey: .timedOut) ?? false,
            interrupted: try c.decodeIfPresent(Bool.self, forKey: .interrupted) ?? false,
            durationMilliseconds: try c.decodeIfPresent(Double.self, forKey: .durationMilliseconds) ?? 0
        )
    }
}
