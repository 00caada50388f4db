import Glibc
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Runs commands as real child processes with swift-subprocess.
///
/// Each child leads its own process group, so a terminal Ctrl-C reaches only
/// gotriage, and the timeout or a task cancellation kills the child together with
/// everything it started (`kill(-pgid, SIGKILL)`). The child's stdin is `/dev/null`;
/// stdout and stderr are read concurrently and capped at the request's limit.
public struct SubprocessRunner: CommandRunning {
    /// Creates a runner.
    public init() {}

    public func run(_ request: CommandRequest) async -> CommandResult {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double {
            let duration = clock.now - start
            return Double(duration.components.seconds) * 1_000
                + Double(duration.components.attoseconds) / 1e15
        }
        guard let program = request.argv.first, !program.isEmpty else {
            return .notStarted(request.argv, reason: "gotriage: cannot run an empty command")
        }
        if Task.isCancelled {
            var result = CommandResult.notStarted(
                request.argv, reason: "gotriage: '\(program)' was not started: interrupted")
            result.interrupted = true
            return result
        }

        let processGuard = ProcessGroupGuard()
        let configuration = Self.configuration(for: request, program: program)
        let limit = request.outputLimitBytes
        typealias Captured = (out: BoundedCapture, err: BoundedCapture)
        var outcome: Result<ExecutionResult<Captured, SequenceOutput, SequenceOutput>, any Error>?

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(for: .milliseconds(max(0, request.timeoutMilliseconds)))
                } catch {
                    return
                }
                processGuard.trigger(.timeout)
            }
            outcome = await withTaskCancellationHandler {
                do {
                    return .success(
                        try await Subprocess.run(
                            configuration, input: .none, output: .sequence, error: .sequence
                        ) { execution -> Captured in
                            processGuard.started(processGroup: execution.processIdentifier.value)
                            async let out = BoundedCapture.read(execution.standardOutput, limit: limit)
                            async let err = BoundedCapture.read(execution.standardError, limit: limit)
                            return await (out, err)
                        })
                } catch {
                    return .failure(error)
                }
            } onCancel: {
                processGuard.trigger(.cancellation)
            }
            group.cancelAll()
        }
        let reason = processGuard.finish()

        switch outcome {
        case .success(let execution):
            let captured = execution.closureResult
            return CommandResult(
                argv: request.argv,
                exitCode: Self.exitCode(execution.terminationStatus),
                stdout: captured.out.text,
                stderr: captured.err.text,
                stdoutTruncated: captured.out.truncated,
                stderrTruncated: captured.err.truncated,
                timedOut: reason == .timeout,
                interrupted: reason == .cancellation,
                durationMilliseconds: elapsed()
            )
        case .failure(let error):
            var result = CommandResult.notStarted(
                request.argv, reason: Self.explain(error, program: program, request: request),
                durationMilliseconds: elapsed())
            result.timedOut = reason == .timeout
            result.interrupted = reason == .cancellation
            return result
        case nil:
            return .notStarted(request.argv, reason: "gotriage: '\(program)' did not run")
        }
    }

    /// Builds the swift-subprocess configuration: own process group, exact environment.
    static func configuration(for request: CommandRequest, program: String) -> Configuration {
        var options = PlatformOptions()
        options.processGroupID = 0  // setpgid(0, 0): the child leads a new group
        var environment: [Environment.Key: String] = [:]
        for (key, value) in request.environment {
            if let key = Environment.Key(rawValue: key) { environment[key] = value }
        }
        return Configuration(
            executable: program.contains("/") ? .path(FilePath(program)) : executable(named: program, path: request.environment["PATH"]),
            arguments: Arguments(Array(request.argv.dropFirst())),
            environment: .custom(environment),
            workingDirectory: request.workingDirectory.map { FilePath($0) },
            platformOptions: options
        )
    }

    /// `program` looked up on `path`, the child's PATH, as swift-subprocess looks it up: the
    /// absolute folders in order, the first executable file there wins.
    ///
    /// Found here, it is spawned once. swift-subprocess, given a name, spawns a child for every
    /// folder in turn until one starts, and each failed start costs a process creation: with
    /// `go` tenth on PATH, that was nine extra children per go command. A name found nowhere (or
    /// no PATH) is left to swift-subprocess, which reports it in its own words.
    static func executable(named program: String, path: String?) -> Executable {
        guard let path else { return .name(program) }
        for folder in path.split(separator: ":") where folder.hasPrefix("/") {
            let candidate = folder.hasSuffix("/") ? "\(folder)\(program)" : "\(folder)/\(program)"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return .path(FilePath(candidate))
            }
        }
        return .name(program)
    }

    /// Maps a termination status to a shell-style exit code (128+N for signal N).
    static func exitCode(_ status: TerminationStatus) -> Int32 {
        switch status {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    /// Turns a launch failure into one plain sentence for stderr.
    static func explain(_ error: any Error, program: String, request: CommandRequest) -> String {
        guard let error = error as? SubprocessError else {
            return "gotriage: could not run '\(program)': \(error)"
        }
        switch error.code {
        case .executableNotFound:
            return program.contains("/")
                ? "gotriage: '\(program)' was not found or is not executable"
                : "gotriage: '\(program)' was not found on PATH"
        case .failedToChangeWorkingDirectory:
            return "gotriage: could not start '\(program)': cannot enter directory '\(request.workingDirectory ?? "")'"
        default:
            return "gotriage: could not start '\(program)': \(error.description)"
        }
    }
}
