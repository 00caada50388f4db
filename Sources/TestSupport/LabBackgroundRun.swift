import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built gotriage running in the background inside a lab, for tests that signal it while it
/// works: its stdout and stderr go to files that can be read at any time.
public final class LabBackgroundRun: @unchecked Sendable {
    private let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private let handles: [FileHandle]
    /// When the process was started, for timing what it does.
    public let started = Date()

    /// Starts `gotriage ARGUMENTS` in `lab` (shipped playbooks, no colour, state under the lab,
    /// stdin /dev/null).
    public init(_ arguments: [String], lab: Lab, in directory: URL? = nil) throws {
        let folder = lab.root.appendingPathComponent("background-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        outputURL = folder.appendingPathComponent("stdout")
        errorURL = folder.appendingPathComponent("stderr")
        for url in [outputURL, errorURL] { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let out = try FileHandle(forWritingTo: outputURL)
        let err = try FileHandle(forWritingTo: errorURL)
        handles = [out, err]
        process.executableURL = URL(fileURLWithPath: GotriageBinary.path)
        process.arguments = arguments
        process.environment = lab.environment.merging([
            "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks, "NO_COLOR": "1",
            "XDG_STATE_HOME": lab.root.appendingPathComponent("state").path
        ]) { $1 }
        process.currentDirectoryURL = directory ?? lab.root
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for handle in handles { try? handle.close() }
    }

    /// What gotriage wrote on stdout so far.
    public var stdout: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    /// What gotriage wrote on stderr so far.
    public var stderr: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGINT, SIGTERM, …) to gotriage alone, not to its probes.
    public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits (polling every 5 ms) until `condition` holds or `seconds` pass; returns whether it held.
    @discardableResult
    public func wait(upTo seconds: TimeInterval, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    /// Waits up to `seconds` for gotriage to exit; its exit status, or nil (it is then killed).
    public func exitStatus(within seconds: TimeInterval) -> Int32? {
        guard wait(upTo: seconds, until: { !process.isRunning }) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
