import Glibc

/// A non-blocking TCP socket whose every wait is bounded by a ``Deadline``.
final class ProbeSocket {
    /// The file descriptor; closed on deinit.
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }
    deinit { close(descriptor) }

    /// Why a connection or transfer failed.
    enum Failure: Error {
        /// The peer refused or the network could not reach it; the text is `strerror`'s.
        case refused(String)
        /// The deadline passed first.
        case timedOut
        /// Any other error, in words.
        case failed(String)
    }

    /// Connects to `address`, waiting at most until `deadline`.
    static func connect(to address: ResolvedAddress, deadline: Deadline) -> Result<ProbeSocket, Failure> {
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let fd = socket(address.family, type, 0)
        guard fd >= 0 else { return .failure(.failed(String(cString: strerror(errno)))) }
        let socket = ProbeSocket(descriptor: fd)
        let status = address.bytes.withUnsafeBytes { raw in
            Glibc.connect(fd, raw.baseAddress?.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
        }
        if status == 0 { return .success(socket) }
        guard errno == EINPROGRESS else { return .failure(classify(errno)) }
        switch socket.wait(for: Int16(POLLOUT), deadline: deadline) {
        case .failure(let failure): return .failure(failure)
        case .success: break
        }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else { return .failure(classify(errno)) }
        return error == 0 ? .success(socket) : .failure(classify(error))
    }

    /// Waits until the socket is ready for `events` (`POLLIN`/`POLLOUT`) or the deadline passes.
    func wait(for events: Int16, deadline: Deadline) -> Result<Void, Failure> {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, deadline.remainingMilliseconds)
            if ready > 0 { return .success(()) }
            if ready == 0 { return .failure(.timedOut) }
            if errno != EINTR { return .failure(.failed(String(cString: strerror(errno)))) }
        }
    }

    /// Sends all of `bytes` before the deadline.
    func send(_ bytes: [UInt8], deadline: Deadline) -> Result<Void, Failure> {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            guard errno == EAGAIN || errno == EINTR else { return .failure(Self.classify(errno)) }
            if case .failure(let failure) = wait(for: Int16(POLLOUT), deadline: deadline) { return .failure(failure) }
        }
        return .success(())
    }

    /// Receives up to `limit` bytes before the deadline; an empty array means the peer closed.
    func receive(limit: Int, deadline: Deadline) -> Result<[UInt8], Failure> {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, limit, 0) }
            if count >= 0 { return .success(Array(buffer.prefix(count))) }
            guard errno == EAGAIN || errno == EINTR else { return .failure(Self.classify(errno)) }
            if case .failure(let failure) = wait(for: Int16(POLLIN), deadline: deadline) { return .failure(failure) }
        }
    }

    private static func classify(_ code: Int32) -> Failure {
        let text = String(cString: strerror(code))
        switch code {
        case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ECONNRESET: return .refused(text)
        case ETIMEDOUT: return .timedOut
        default: return .failed(text)
        }
    }
}
