import Foundation
import Glibc

/// An HTTP server on 127.0.0.1, in this process, that answers every request with one status line
/// after a fixed delay: a stand-in for a module proxy, checksum database or code host that may
/// take its time. Stop it with ``stop()``.
///
/// Each connection gets its own thread; the request is read (up to 4 KiB), never parsed.
public final class LoopbackHTTPServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let listener: Int32

    /// `http://127.0.0.1:PORT/`.
    public var url: String { "http://127.0.0.1:\(port)/" }

    /// Listens at a free port and answers each request with `status` (e.g. `404 Not Found`) after
    /// `delayMilliseconds`.
    ///
    /// - Throws: ``LabError/socketFailed(call:errno:)`` when it cannot listen.
    public init(delayMilliseconds: Int = 0, status: String = "200 OK") throws(LabError) {
        (listener, port) = try LoopbackSockets.listening()
        let listener = listener
        let answer = Array("HTTP/1.1 \(status)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { break }
                Thread.detachNewThread {
                    var buffer = [UInt8](repeating: 0, count: 4_096)
                    _ = read(client, &buffer, buffer.count)
                    usleep(useconds_t(delayMilliseconds * 1_000))
                    _ = write(client, answer, answer.count)
                    close(client)
                }
            }
            close(listener)  // here, after the last accept, so the descriptor cannot be reused under it
        }
    }

    /// Stops accepting connections; answers already under way are still sent.
    public func stop() { shutdown(listener, Int32(SHUT_RDWR)) }
}
