import Glibc

/// A 127.0.0.1 TCP port that refuses connections.
///
/// The port was bound and closed again, so nothing listens there. The kernel could hand it to a
/// later `bind(port 0)`, but ephemeral ports are not reused that quickly in practice.
public enum DeadPort {
    /// Returns a loopback port (1–65535) that nothing listens on.
    public static func make() throws -> Int {
        let (fd, port) = try LoopbackSockets.bound()
        close(fd)
        return port
    }
}
