import Foundation
import Glibc

/// A real Python `http.server` on 127.0.0.1 at a free port, optionally behind TLS; stop it with ``stop()``.
///
/// It serves an empty temporary directory: `/` answers 200 (a listing), anything else 404.
final class LocalHTTPServer: @unchecked Sendable {
    /// The port it listens on (set once started).
    var port: Int { foundPort ?? 0 }
    private var foundPort: Int?
    private let process: Process
    private let portFile: String
    private let directory: TemporaryDirectory

    private static let script = """
        import http.server, functools, os, ssl, sys
        root, port_file = sys.argv[1], sys.argv[2]
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
        if len(sys.argv) > 4:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[3], sys.argv[4])
            server.socket = context.wrap_socket(server.socket, server_side=True)
        with open(port_file + ".tmp", "w") as f: f.write(str(server.server_address[1]))
        os.rename(port_file + ".tmp", port_file)
        server.serve_forever()
        """

    /// Starts the server; with `certificate` and `key` (PEM paths) it speaks HTTPS.
    static func start(certificate: String? = nil, key: String? = nil) async throws -> LocalHTTPServer {
        let server = try LocalHTTPServer(certificate: certificate, key: key)
        for _ in 0..<200 where server.foundPort == nil && server.process.isRunning {
            server.foundPort = (try? String(contentsOfFile: server.portFile, encoding: .utf8)).flatMap { Int($0) }
            if server.foundPort == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        guard server.foundPort != nil else {
            server.stop()
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: server.portFile])
        }
        return server
    }

    private init(certificate: String?, key: String?) throws {
        directory = try TemporaryDirectory()
        let root = directory.path("www")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        portFile = directory.path("port")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, root, portFile] + [certificate, key].compactMap { $0 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Stops the server and removes its files.
    func stop() {
        if process.isRunning {
            // SIGKILL: a child spawned by Foundation.Process inherits the spawning
            // Dispatch thread's signal mask, where SIGTERM is blocked.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        directory.remove()
    }
}
