import Foundation

/// One running `Tests/Lab/labserver.py` server, bound to a port on 127.0.0.1.
///
/// The server stops when `stop()` is called, when this object is deinitialised, or when this test
/// process dies (the server exits once its stdin, held open here, reaches end of file).
public final class LabServer: @unchecked Sendable {
    /// The TCP port the server listens on.
    public let port: Int
    /// Where the server's request log (its stderr) goes.
    public let logURL: URL

    private let ownsLog: Bool
    private let process: Process
    private let stdin: Pipe
    private let lock = NSLock()
    private var stopped = false

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// `127.0.0.1:PORT`.
    public var hostAndPort: String { "127.0.0.1:\(port)" }

    /// The server's request log so far.
    public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// The lab server script, found relative to this source file.
    public static var scriptURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Tests/Lab/labserver.py")
    }

    /// Runs `python3 labserver.py arguments` and waits up to 10 seconds for its `listening` line.
    ///
    /// - Parameters:
    ///   - arguments: the subcommand and its options, e.g. `["proxy", "--root", dir]`.
    ///   - environment: the server's environment; by default PATH, LANG=C and GIT_CONFIG_NOSYSTEM=1.
    ///   - log: the file that receives the server's stderr; by default a temporary file that
    ///     `stop()` deletes.
    public static func start(
        _ arguments: [String], environment: [String: String]? = nil, log: URL? = nil
    ) throws -> LabServer {
        let logURL =
            log
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("labserver-\(UUID().uuidString).log")
        let announceURL = logURL.appendingPathExtension("stdout")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: announceURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: announceURL) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path] + arguments
        process.environment =
            environment ?? [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "LANG": "C",
                "GIT_CONFIG_NOSYSTEM": "1"
            ]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: announceURL)
        process.standardError = try FileHandle(forWritingTo: logURL)
        try process.run()

        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let text = (try? String(contentsOf: announceURL, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first, text.contains("\n"),
                line.hasPrefix("listening 127.0.0.1:"),
                let port = Int(line.dropFirst("listening 127.0.0.1:".count))
            {
                return LabServer(
                    port: port, logURL: logURL, ownsLog: log == nil, process: process, stdin: stdin)
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        if log == nil { try? FileManager.default.removeItem(at: logURL) }
        throw LabError.serverDidNotStart(arguments: arguments, log: output)
    }

    private init(port: Int, logURL: URL, ownsLog: Bool, process: Process, stdin: Pipe) {
        self.port = port
        self.logURL = logURL
        self.ownsLog = ownsLog
        self.process = process
        self.stdin = stdin
    }

    /// Stops the server (SIGTERM, then end of file on its stdin) and waits for it to exit.
    /// Calling it again does nothing.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if process.isRunning { process.terminate() }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        if ownsLog { try? FileManager.default.removeItem(at: logURL) }
    }

    deinit { stop() }
}
