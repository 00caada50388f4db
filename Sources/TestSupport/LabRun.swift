import Foundation

extension Lab {
    /// Runs `argv` (looked up on PATH) with the lab environment and returns its exit status and output.
    ///
    /// - Parameters:
    ///   - dir: the working directory; the lab root when nil.
    ///   - extraEnvironment: variables added to (or replacing) `environment` for this command.
    ///   - timeout: seconds before the command is killed and `LabError.timedOut` is thrown.
    ///   - input: what the command reads on stdin (from a file, as a pipe user would type it);
    ///     nil means /dev/null.
    public func run(
        _ argv: [String], in dir: URL? = nil, extraEnvironment: [String: String] = [:],
        timeout: TimeInterval = 60, input: String? = nil
    ) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        let outputs = try freshDirectory("run")
        let outURL = outputs.appendingPathComponent("stdout")
        let errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputs) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.environment = environment.merging(extraEnvironment) { _, extra in extra }
        process.currentDirectoryURL = dir ?? root
        if let input {
            let inURL = outputs.appendingPathComponent("stdin")
            try Data(input.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        // Files, not pipes: nothing can block on a full pipe, and children that outlive the
        // command (git helpers) cannot keep a read open.
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            throw LabError.timedOut(argv: argv, seconds: timeout)
        }
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stdout, stderr)
    }

    /// Runs `go mod download paths…` in `consumer` (no paths: the whole build list of its go.mod).
    public func goModDownload(
        _ paths: [String], in consumer: URL, extraEnvironment: [String: String] = [:]
    ) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        try run(["go", "mod", "download"] + paths, in: consumer, extraEnvironment: extraEnvironment)
    }

    /// Runs `go env arguments…` (e.g. `["-w", "GOPRIVATE=x"]`, `["-u", "GOFLAGS"]`) in the lab root.
    public func goEnv(_ arguments: [String]) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        try run(["go", "env"] + arguments)
    }

    /// Runs `argv` like `run` and throws `LabError.commandFailed` unless it exits 0.
    @discardableResult
    func runChecked(_ argv: [String], in dir: URL? = nil) throws -> String {
        let result = try run(argv, in: dir)
        guard result.exitCode == 0 else {
            throw LabError.commandFailed(argv: argv, exitCode: result.exitCode, stderr: result.stderr)
        }
        return result.stdout
    }
}
