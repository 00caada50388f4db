import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback HTTP server that answers every request after a fixed delay: a stand-in for a
/// module proxy, checksum database or code host that takes its time.
final class SlowHTTPServer: @unchecked Sendable {
    let port: Int
    private let socket: Int32

    /// Listens on 127.0.0.1 (a free port) and answers each request after `delayMilliseconds`.
    init(delayMilliseconds: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                precondition(bind(socket, generic, length) == 0 && listen(socket, 64) == 0, "cannot listen on loopback")
                _ = getsockname(socket, generic, &length)
            }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        let listener = socket
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread {
                    var buffer = [UInt8](repeating: 0, count: 4_096)
                    _ = read(client, &buffer, buffer.count)
                    usleep(useconds_t(delayMilliseconds * 1_000))
                    let answer = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
                    _ = write(client, answer, answer.count)
                    close(client)
                }
            }
        }
    }

    var url: String { "http://127.0.0.1:\(port)/" }

    func stop() { shutdown(socket, Int32(SHUT_RDWR)); close(socket) }
}
