import Glibc

/// Raw loopback sockets for network tests: closed ports and listeners that never answer.
enum LoopbackSockets {
    /// Binds a TCP socket to 127.0.0.1:0 and returns its descriptor and port.
    static func bound() -> (descriptor: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                _ = bind(fd, raw, length)
                _ = getsockname(fd, raw, &length)
            }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port nothing listens on: bound, noted, closed.
    static func closedPort() -> Int {
        let (fd, port) = bound()
        close(fd)
        return port
    }

    /// A listener that completes TCP handshakes but never accepts or answers. Close the descriptor when done.
    static func silentListener() -> (descriptor: Int32, port: Int) {
        let (fd, port) = bound()
        listen(fd, 16)
        return (fd, port)
    }

    /// A listener whose accept queue is full, so new connections get no answer at all.
    /// Close every returned descriptor when done.
    static func saturatedListener() async -> (descriptors: [Int32], port: Int) {
        let (fd, port) = bound()
        listen(fd, 0)
        var descriptors = [fd]
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        for _ in 0..<3 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
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
}
