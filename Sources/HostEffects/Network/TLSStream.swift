import Glibc

/// A TLS client connection over a ``ProbeSocket``, verified against the system trust store.
final class TLSStream: ByteStream {
    private let library: OpenSSL
    private let context: OpaquePointer
    private let connection: OpaquePointer
    private let socket: ProbeSocket

    /// The negotiated protocol version, like `TLSv1.3`.
    var version: String {
        library.getVersion(connection).map { String(cString: $0) } ?? "TLS"
    }

    private init(library: OpenSSL, context: OpaquePointer, connection: OpaquePointer, socket: ProbeSocket) {
        self.library = library
        self.context = context
        self.connection = connection
        self.socket = socket
    }

    deinit {
        library.free(connection)
        library.contextFree(context)
    }

    /// Performs the handshake, verifying the certificate chain and that it names `host`.
    ///
    /// - Parameter trustedCertificatesFile: A PEM bundle trusted in addition to the
    ///   system store (which honours `SSL_CERT_FILE`/`SSL_CERT_DIR`, as Go does).
    static func handshake(
        over socket: ProbeSocket, host: String, trustedCertificatesFile: String?, deadline: Deadline
    ) -> Result<TLSStream, ProbeSocket.Failure> {
        let library: OpenSSL
        switch OpenSSL.shared {
        case .success(let loaded): library = loaded
        case .failure(let failure): return .failure(failure)
        }
        library.errorClear()
        guard let context = library.contextNew(library.clientMethod()) else {
            return .failure(.failed(library.lastError() ?? "cannot create a TLS context"))
        }
        _ = library.setDefaultVerifyPaths(context)
        if let trustedCertificatesFile, library.loadVerifyLocations(context, trustedCertificatesFile, nil) != 1 {
            library.contextFree(context)
            return .failure(.failed("cannot load trusted certificates from '\(trustedCertificatesFile)'"))
        }
        // The chain and name are verified as always, but checked after the handshake (below), so the
        // server's certificate is still there to name when verification fails. Nothing is sent before.
        library.setVerify(context, OpenSSL.verifyNone, nil)
        guard let connection = library.new(context) else {
            library.contextFree(context)
            return .failure(.failed(library.lastError() ?? "cannot create a TLS connection"))
        }
        let stream = TLSStream(library: library, context: context, connection: connection, socket: socket)
        _ = library.setFD(connection, socket.descriptor)
        if isIPAddress(host) {
            _ = library.setIPAddress(library.getParameters(connection), host)
        } else {
            _ = host.withCString { name in
                library.control(connection, OpenSSL.setServerName, OpenSSL.hostNameType, UnsafeMutableRawPointer(mutating: name))
            }
            _ = library.setHost(connection, host)
        }
        switch stream.drive(deadline: deadline, { library.connect(connection) }) {
        case .success:
            if let failure = stream.verificationFailure() { return .failure(failure) }
            return .success(stream)
        case .failure(.timedOut): return .failure(.timedOut)
        case .failure(let failure):
            return .failure(stream.verificationFailure() ?? failure)
        }
    }

    /// Why the certificate chain or name did not verify, naming the certificate; nil when it verified.
    private func verificationFailure() -> ProbeSocket.Failure? {
        let verify = library.getVerifyResult(connection)
        guard verify != 0 else { return nil }
        let text = library.verifyErrorString(verify).map { String(cString: $0) } ?? "error \(verify)"
        let names = peerCertificateNames.map { "; \($0)" } ?? ""
        return .failed("certificate verify failed: \(text)\(names)")
    }

    /// Who the server's certificate names and who issued it, as
    /// `certificate 'CN=server' issued by 'CN=Some CA'`; nil when the server sent none.
    var peerCertificateNames: String? {
        guard let names = library.certificateNames, let certificate = names.peerCertificate(connection) else { return nil }
        defer { names.free(certificate) }
        func text(_ name: OpaquePointer?) -> String {
            var buffer = [CChar](repeating: 0, count: 512)
            _ = names.oneLine(name, &buffer, Int32(buffer.count))
            return Self.readable(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return "certificate '\(text(names.subject(certificate)))' issued by '\(text(names.issuer(certificate)))'"
    }

    /// `/C=US/O=Acme/CN=Acme CA` (OpenSSL's one-line form) as `C=US, O=Acme, CN=Acme CA`.
    static func readable(_ oneLine: String) -> String {
        var parts: [String] = []
        for piece in oneLine.split(separator: "/", omittingEmptySubsequences: true) {
            if piece.contains("="), piece.first?.isLetter == true {
                parts.append(String(piece))
            } else if let last = parts.popLast() {
                parts.append(last + "/" + piece)
            }  // a '/' inside a value
            else {
                parts.append(String(piece))
            }
        }
        return parts.joined(separator: ", ")
    }

    func send(_ bytes: [UInt8], deadline: Deadline) -> Result<Void, ProbeSocket.Failure> {
        var offset = 0
        while offset < bytes.count {
            let result = drive(deadline: deadline) {
                bytes.withUnsafeBytes { library.write(connection, $0.baseAddress! + offset, Int32($0.count - offset)) }
            }
            switch result {
            case .success(let written) where written > 0: offset += Int(written)
            case .success: return .failure(.failed("the server closed the TLS connection"))
            case .failure(let failure): return .failure(failure)
            }
        }
        return .success(())
    }

    func receive(limit: Int, deadline: Deadline) -> Result<[UInt8], ProbeSocket.Failure> {
        var buffer = [UInt8](repeating: 0, count: limit)
        let result = drive(deadline: deadline) {
            buffer.withUnsafeMutableBytes { library.read(connection, $0.baseAddress, Int32(limit)) }
        }
        return result.map { Array(buffer.prefix(Int(max(0, $0)))) }
    }

    /// Repeats a non-blocking OpenSSL call until it succeeds (> 0), the peer closes (0) or it fails.
    private func drive(deadline: Deadline, _ call: () -> Int32) -> Result<Int32, ProbeSocket.Failure> {
        while true {
            library.errorClear()
            errno = 0
            let status = call()
            if status > 0 { return .success(status) }
            let error = library.getError(connection, status)
            let waited: Result<Void, ProbeSocket.Failure>
            switch error {
            case OpenSSL.wantRead: waited = socket.wait(for: Int16(POLLIN), deadline: deadline)
            case OpenSSL.wantWrite: waited = socket.wait(for: Int16(POLLOUT), deadline: deadline)
            case OpenSSL.zeroReturn: return .success(0)
            default:
                let reason =
                    library.lastError()
                    ?? (errno != 0 ? String(cString: strerror(errno)) : "the server closed the connection")
                return .failure(.failed(reason))
            }
            if case .failure(let failure) = waited { return .failure(failure) }
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET, host, &buffer) == 1 || inet_pton(AF_INET6, host, &buffer) == 1
    }
}
