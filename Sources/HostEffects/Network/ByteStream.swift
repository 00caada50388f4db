/// A connection the HTTP phase can talk over: a plain socket or a TLS stream.
protocol ByteStream {
    /// Sends all of `bytes` before the deadline.
    func send(_ bytes: [UInt8], deadline: Deadline) -> Result<Void, ProbeSocket.Failure>
    /// Receives up to `limit` bytes before the deadline; empty means the peer closed.
    func receive(limit: Int, deadline: Deadline) -> Result<[UInt8], ProbeSocket.Failure>
}

extension ProbeSocket: ByteStream {}
