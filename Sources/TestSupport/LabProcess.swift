import Foundation

/// A command of the lab started in the background, so a test can signal it mid-run (Ctrl-C,
/// `kill -9`) and then collect how it ended.
public final class LabProcess: @unchecked Sendable {
    /// How a background command ended.
    public struct Ending: Sendable {
        /// The exit status, or the signal number when ``signalled``.
        public var status: Int32
        /// Whether a signal ended the process (`status` is then the signal number).
        public var signalled: Bool
        public var stdout: String
        public var stderr: String

        /// The exit status when it exited, nil when a signal ended it.
        public var exitCode: Int32? { signalled ? nil : status }
    }

    private let process: Process
    private let finished = DispatchSemaphore(value: 0)
    private let outputs: URL
    private let argv: [String]

    init(argv: [String], environment: [String: String], directory: URL, outputs: URL) throws {
        self.argv = argv
        self.outputs = outputs
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let out = outputs.appendingPathComponent("stdout")
        let err = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.terminationHandler = { [finished] _ in finished.signal() }
        try process.run()
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Sends `signal` (e.g. `SIGINT`, `SIGKILL`) to the process.
    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits up to `timeout` seconds for the process to end; throws `LabError.timedOut` (after
    /// killing it) when it does not.
    public func wait(timeout: TimeInterval = 60) throws -> Ending {
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
            throw LabError.timedOut(argv: argv, seconds: timeout)
        }
        defer { try? FileManager.default.removeItem(at: outputs) }
        let read = { (name: String) in (try? String(contentsOf: self.outputs.appendingPathComponent(name), encoding: .utf8)) ?? "" }
        return Ending(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            stdout: read("stdout"), stderr: read("stderr"))
    }
}

extension Lab {
    /// Starts `gotriage ARGUMENTS` like ``gotriage(_:in:extraEnvironment:timeout:input:)`` but in
    /// the background, with stdin at /dev/null.
    public func startGotriage(
        _ arguments: [String], in directory: URL? = nil,
        extraEnvironment: [String: String] = [:]
    ) throws -> LabProcess {
        var environment = environment.merging(gotriageEnvironment) { _, new in new }
        environment.merge(extraEnvironment) { _, new in new }
        return try LabProcess(
            argv: [GotriageBinary.path] + arguments, environment: environment,
            directory: directory ?? root, outputs: try freshDirectory("background"))
    }
}
