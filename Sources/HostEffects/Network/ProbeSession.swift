/// One run of a network probe: the phases so far, against one deadline. Blocking; run it off the cooperative pool.
struct ProbeSession {
    /// The whole probe's budget, in milliseconds (shown in timeout messages).
    let timeoutMilliseconds: Int
    /// Extra trusted certificates for https (PEM file).
    let trustedCertificatesFile: String?
    /// When every phase together must be done.
    let deadline: Deadline
    /// The phases that have run, in order.
    private(set) var phases: [NetworkProbeReport.Phase] = []

    init(timeoutMilliseconds: Int, trustedCertificatesFile: String?) {
        self.timeoutMilliseconds = timeoutMilliseconds
        self.trustedCertificatesFile = trustedCertificatesFile
        deadline = Deadline(milliseconds: timeoutMilliseconds)
    }

    /// Probes DNS and TCP.
    mutating func tcp(_ target: ProbeTarget) -> Verdict {
        switch connect(target) {
        case .connected: .reachable
        case .failed(let verdict): verdict
        }
    }

    /// Probes DNS, TCP, TLS for https, then one `GET`; any HTTP status is reachable.
    mutating func http(_ target: ProbeTarget) -> Verdict {
        let socket: ProbeSocket
        switch connect(target) {
        case .connected(let connected): socket = connected
        case .failed(let verdict): return verdict
        }
        var stream: any ByteStream = socket
        if target.scheme == "https" {
            let watch = Stopwatch()
            switch TLSStream.handshake(
                over: socket, host: target.host,
                trustedCertificatesFile: trustedCertificatesFile, deadline: deadline)
            {
            case .success(let tls):
                let names = tls.peerCertificateNames.map { "; \($0)" } ?? ""
                record("tls", true, "ok \(tls.version), certificate valid for '\(target.host)'\(names)", watch)
                stream = tls
            case .failure(.timedOut):
                return fail("tls", .timedOut, "no TLS handshake within \(timeoutMilliseconds) ms", watch)
            case .failure(.refused(let reason)), .failure(.failed(let reason)):
                return fail("tls", .tlsFailed, reason, watch)
            }
        }
        return exchange(target, over: stream)
    }

    /// Sends the GET and reads the status line.
    private mutating func exchange(_ target: ProbeTarget, over stream: any ByteStream) -> Verdict {
        let watch = Stopwatch()
        let request =
            "GET \(target.path) HTTP/1.1\r\nHost: \(target.hostHeader)\r\nUser-Agent: gotriage-probe\r\n"
            + "Accept: */*\r\nConnection: close\r\n\r\n"
        if case .failure(let failure) = stream.send(Array(request.utf8), deadline: deadline) {
            return httpFailure(failure, watch)
        }
        var received: [UInt8] = []
        while !received.contains(UInt8(ascii: "\n")) && received.count < 8_192 {
            switch stream.receive(limit: 4_096, deadline: deadline) {
            case .success(let bytes) where bytes.isEmpty:
                let why =
                    received.isEmpty
                    ? "the server closed the connection without answering"
                    : "the server closed the connection inside the status line"
                return fail("http", .httpFailed, why, watch)
            case .success(let bytes): received += bytes
            case .failure(let failure): return httpFailure(failure, watch)
            }
        }
        let firstLine = received.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        let text = String(decoding: firstLine, as: UTF8.self)
        guard let status = HTTPStatusLine(text) else {
            return fail("http", .httpFailed, "not an HTTP response: '\(text.prefix(60))'", watch)
        }
        record("http", true, status.text, watch)
        return .reachable
    }

    private mutating func httpFailure(_ failure: ProbeSocket.Failure, _ watch: Stopwatch) -> Verdict {
        switch failure {
        case .timedOut: fail("http", .timedOut, "no HTTP response within \(timeoutMilliseconds) ms", watch)
        case .refused(let reason), .failed(let reason): fail("http", .httpFailed, reason, watch)
        }
    }

    /// The end of the dns and tcp phases.
    enum Connection {
        case connected(ProbeSocket)
        case failed(Verdict)
    }

    /// Resolves and connects, trying each address in turn; records the dns and tcp phases.
    private mutating func connect(_ target: ProbeTarget) -> Connection {
        var watch = Stopwatch()
        let addresses: [ResolvedAddress]
        switch Resolver.resolve(host: target.host, port: target.port, deadline: deadline) {
        case .resolved(let found):
            addresses = found
            record("dns", true, "ok " + found.map(\.text).joined(separator: ", "), watch)
        case .failed(let reason):
            return .failed(fail("dns", .dnsFailed, "'\(target.host)' does not resolve: \(reason)", watch))
        case .timedOut:
            return .failed(fail("dns", .timedOut, "no answer for '\(target.host)' within \(timeoutMilliseconds) ms", watch))
        }
        watch = Stopwatch()
        var last: (Verdict, String) = (.refused, "no address to connect to")
        for address in addresses {
            let shown = address.text.contains(":") ? "[\(address.text)]:\(target.port)" : "\(address.text):\(target.port)"
            switch ProbeSocket.connect(to: address, deadline: deadline) {
            case .success(let socket):
                record("tcp", true, "ok connected to \(shown)", watch)
                return .connected(socket)
            case .failure(.timedOut):
                return .failed(fail("tcp", .timedOut, "no connection to \(shown) within \(timeoutMilliseconds) ms", watch))
            case .failure(.refused(let reason)), .failure(.failed(let reason)):
                last = (
                    .refused,
                    reason == "Connection refused"
                        ? "connection to \(shown) refused" : "connection to \(shown) failed: \(reason)"
                )
            }
        }
        return .failed(fail("tcp", last.0, last.1, watch))
    }

    private mutating func record(_ name: String, _ ok: Bool, _ detail: String, _ watch: Stopwatch) {
        phases.append(.init(name: name, ok: ok, detail: detail, durationMilliseconds: watch.elapsedMilliseconds))
    }

    /// Records a failed phase as `<verdict>: <why>` and returns the verdict.
    private mutating func fail(_ name: String, _ verdict: Verdict, _ why: String, _ watch: Stopwatch) -> Verdict {
        record(name, false, "\(verdict.rawValue): \(why)", watch)
        return verdict
    }
}
