import Glibc

/// Raw TCP sockets on 127.0.0.1 for network tests: bound ports, listeners that never answer.
public enum LoopbackSockets {
    static let stream = Int32(SOCK_STREAM.rawValue)

    /// Binds a TCP socket to 127.0.0.1 at a free port; returns its descriptor and the port (1–65535).
    ///
    /// - Throws: ``LabError/socketFailed(call:errno:)`` when a socket call fails.
    public static func bound() throws(LabError) -> (descriptor: Int32, port: Int) {
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw .socketFailed(call: "socket", errno: errno) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let failure = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> String? in
                if bind(fd, raw, length) != 0 { return "bind" }
                if getsockname(fd, raw, &length) != 0 { return "getsockname" }
                return nil
            }
        }
        if let failure {
            let code = errno
            close(fd)
            throw .socketFailed(call: failure, errno: code)
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A bound socket that listens with room for `backlog` pending connections.
    public static func listening(backlog: Int32 = 64) throws(LabError) -> (descriptor: Int32, port: Int) {
        let (fd, port) = try bound()
        guard listen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw .socketFailed(call: "listen", errno: code)
        }
        return (fd, port)
    }

    /// A listener that completes TCP handshakes but never accepts or answers. Close the descriptor when done.
    public static func silentListener() throws(LabError) -> (descriptor: Int32, port: Int) {
        try listening(backlog: 16)
    }

    /// A listener whose accept queue is full, so new connections get no answer at all.
    /// Close every returned descriptor when done.
    public static func saturatedListener() async throws(LabError) -> (descriptors: [Int32], port: Int) {
        let (fd, port) = try listening(backlog: 0)
        var descriptors = [fd]
        var address = loopback(port: port)
        for _ in 0..<3 {
            let client = socket(AF_INET, stream | Int32(SOCK_NONBLOCK.rawValue), 0)
            withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    _ = connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            descriptors.append(client)
        }
        try? await Task.sleep(for: .milliseconds(100))  // let the handshakes fill the queue
        return (descriptors, port)
    }

    /// 127.0.0.1:`port` as a socket address.
    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }
}
