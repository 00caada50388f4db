import Glibc

/// The few OpenSSL 3 functions the HTTPS probe needs, loaded with `dlopen` on first use.
///
/// Loading lazily keeps libssl (and FoundationNetworking's libcurl) out of gotriage's
/// startup: only `gotriage probe http https://…` pays for it.
struct OpenSSL: @unchecked Sendable {
    let clientMethod: @convention(c) () -> OpaquePointer?
    let contextNew: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let contextFree: @convention(c) (OpaquePointer?) -> Void
    let setDefaultVerifyPaths: @convention(c) (OpaquePointer?) -> Int32
    let loadVerifyLocations: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    let setVerify: @convention(c) (OpaquePointer?, Int32, OpaquePointer?) -> Void
    let new: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let free: @convention(c) (OpaquePointer?) -> Void
    let setFD: @convention(c) (OpaquePointer?, Int32) -> Int32
    let control: @convention(c) (OpaquePointer?, Int32, Int, UnsafeMutableRawPointer?) -> Int
    let setHost: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let getParameters: @convention(c) (OpaquePointer?) -> OpaquePointer?
    let setIPAddress: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    let connect: @convention(c) (OpaquePointer?) -> Int32
    let getError: @convention(c) (OpaquePointer?, Int32) -> Int32
    let getVerifyResult: @convention(c) (OpaquePointer?) -> Int
    let verifyErrorString: @convention(c) (Int) -> UnsafePointer<CChar>?
    let getVersion: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let write: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int32) -> Int32
    let read: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int32) -> Int32
    let errorGet: @convention(c) () -> UInt
    let errorClear: @convention(c) () -> Void
    let errorString: @convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void
    /// The functions that name the peer's certificate; nil when this libssl lacks any of them.
    let certificateNames: CertificateNames?

    /// `SSL_get1_peer_certificate`, `X509_get_subject_name`, `X509_get_issuer_name`,
    /// `X509_NAME_oneline` and `X509_free`: enough to show who a certificate names and who signed it.
    struct CertificateNames {
        let peerCertificate: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let subject: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let issuer: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let oneLine: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>?
        let free: @convention(c) (OpaquePointer?) -> Void
    }

    /// `SSL_VERIFY_NONE`: the handshake goes on when verification fails; `SSL_get_verify_result` tells.
    static let verifyNone: Int32 = 0
    /// `SSL_ERROR_WANT_READ`, `SSL_ERROR_WANT_WRITE`, `SSL_ERROR_ZERO_RETURN`.
    static let wantRead: Int32 = 2, wantWrite: Int32 = 3, zeroReturn: Int32 = 6
    /// `SSL_CTRL_SET_TLSEXT_HOSTNAME` with `TLSEXT_NAMETYPE_host_name` (what `SSL_set_tlsext_host_name` expands to).
    static let setServerName: Int32 = 55, hostNameType = 0

    /// The library, or why it could not be loaded; loaded once.
    static let shared: Result<OpenSSL, ProbeSocket.Failure> = load()

    private static func load() -> Result<OpenSSL, ProbeSocket.Failure> {
        guard let handle = dlopen("libssl.so.3", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(.failed("the TLS library libssl.so.3 could not be loaded"))
        }
        var missing: [String] = []
        func symbol<F>(_ name: String, as type: F.Type) -> F? {
            guard let pointer = dlsym(handle, name) else {
                missing.append(name)
                return nil
            }
            return unsafeBitCast(pointer, to: type)
        }
        typealias P = OpaquePointer?
        let library: OpenSSL? = {
            guard
                let clientMethod = symbol("TLS_client_method", as: (@convention(c) () -> P).self),
                let contextNew = symbol("SSL_CTX_new", as: (@convention(c) (P) -> P).self),
                let contextFree = symbol("SSL_CTX_free", as: (@convention(c) (P) -> Void).self),
                let setDefaultVerifyPaths = symbol("SSL_CTX_set_default_verify_paths", as: (@convention(c) (P) -> Int32).self),
                let loadVerifyLocations = symbol(
                    "SSL_CTX_load_verify_locations",
                    as: (@convention(c) (P, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                let setVerify = symbol("SSL_CTX_set_verify", as: (@convention(c) (P, Int32, P) -> Void).self),
                let new = symbol("SSL_new", as: (@convention(c) (P) -> P).self),
                let free = symbol("SSL_free", as: (@convention(c) (P) -> Void).self),
                let setFD = symbol("SSL_set_fd", as: (@convention(c) (P, Int32) -> Int32).self),
                let control = symbol("SSL_ctrl", as: (@convention(c) (P, Int32, Int, UnsafeMutableRawPointer?) -> Int).self),
                let setHost = symbol("SSL_set1_host", as: (@convention(c) (P, UnsafePointer<CChar>?) -> Int32).self),
                let getParameters = symbol("SSL_get0_param", as: (@convention(c) (P) -> P).self),
                let setIPAddress = symbol(
                    "X509_VERIFY_PARAM_set1_ip_asc",
                    as: (@convention(c) (P, UnsafePointer<CChar>?) -> Int32).self),
                let connect = symbol("SSL_connect", as: (@convention(c) (P) -> Int32).self),
                let getError = symbol("SSL_get_error", as: (@convention(c) (P, Int32) -> Int32).self),
                let getVerifyResult = symbol("SSL_get_verify_result", as: (@convention(c) (P) -> Int).self),
                let verifyErrorString = symbol(
                    "X509_verify_cert_error_string",
                    as: (@convention(c) (Int) -> UnsafePointer<CChar>?).self),
                let getVersion = symbol("SSL_get_version", as: (@convention(c) (P) -> UnsafePointer<CChar>?).self),
                let write = symbol("SSL_write", as: (@convention(c) (P, UnsafeRawPointer?, Int32) -> Int32).self),
                let read = symbol("SSL_read", as: (@convention(c) (P, UnsafeMutableRawPointer?, Int32) -> Int32).self),
                let errorGet = symbol("ERR_get_error", as: (@convention(c) () -> UInt).self),
                let errorClear = symbol("ERR_clear_error", as: (@convention(c) () -> Void).self),
                let errorString = symbol(
                    "ERR_error_string_n",
                    as: (@convention(c) (UInt, UnsafeMutablePointer<CChar>?, Int) -> Void).self)
            else { return nil }
            var names: CertificateNames?
            if let peer = dlsym(handle, "SSL_get1_peer_certificate"), let subject = dlsym(handle, "X509_get_subject_name"),
                let issuer = dlsym(handle, "X509_get_issuer_name"), let oneLine = dlsym(handle, "X509_NAME_oneline"),
                let free = dlsym(handle, "X509_free")
            {
                names = CertificateNames(
                    peerCertificate: unsafeBitCast(peer, to: (@convention(c) (P) -> P).self),
                    subject: unsafeBitCast(subject, to: (@convention(c) (P) -> P).self),
                    issuer: unsafeBitCast(issuer, to: (@convention(c) (P) -> P).self),
                    oneLine: unsafeBitCast(
                        oneLine, to: (@convention(c) (P, UnsafeMutablePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>?).self),
                    free: unsafeBitCast(free, to: (@convention(c) (P) -> Void).self))
            }
            return OpenSSL(
                clientMethod: clientMethod, contextNew: contextNew, contextFree: contextFree,
                setDefaultVerifyPaths: setDefaultVerifyPaths, loadVerifyLocations: loadVerifyLocations,
                setVerify: setVerify, new: new, free: free, setFD: setFD, control: control, setHost: setHost,
                getParameters: getParameters, setIPAddress: setIPAddress, connect: connect, getError: getError,
                getVerifyResult: getVerifyResult, verifyErrorString: verifyErrorString, getVersion: getVersion,
                write: write, read: read, errorGet: errorGet, errorClear: errorClear, errorString: errorString,
                certificateNames: names)
        }()
        guard let library else {
            return .failure(.failed("libssl.so.3 lacks \(missing.joined(separator: ", "))"))
        }
        return .success(library)
    }

    /// The oldest queued OpenSSL error as text, or `nil` when the queue is empty.
    func lastError() -> String? {
        let code = errorGet()
        guard code != 0 else { return nil }
        var text = [CChar](repeating: 0, count: 256)
        errorString(code, &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
