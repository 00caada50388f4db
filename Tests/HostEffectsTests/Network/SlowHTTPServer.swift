import Foundation
import Glibc

/// A real Python HTTP server on 127.0.0.1 that waits `delayMilliseconds` before answering each
/// request with 200; stop it with ``stop()``.
final class SlowHTTPServer: @unchecked Sendable {
    /// The port it listens on.
    let port: Int
    private let process: Process

    private static let script = """
        import http.server, sys, time
        delay = int(sys.argv[1]) / 1000
        class Slow(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                time.sleep(delay)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            def log_message(self, *args): pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    /// Starts a server that answers after `delayMilliseconds`; waits up to 10 seconds for it to listen.
    static func start(delayMilliseconds: Int) throws -> SlowHTTPServer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, String(delayMilliseconds)]
        let announce = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = announce
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = announce.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "no port from python: '\(text)'"])
        }
        return SlowHTTPServer(port: port, process: process)
    }

    private init(port: Int, process: Process) {
        self.port = port
        self.process = process
    }

    /// Stops the server (SIGKILL, see ``LocalHTTPServer/stop()``) and waits for it.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
