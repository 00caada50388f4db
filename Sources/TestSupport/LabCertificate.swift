import Foundation

/// A lab certificate authority and one server certificate it signed, as PEM files.
///
/// Made by `Lab.makeCertificate(dnsNames:)` with the `openssl` command (P-256 keys, valid for two
/// days). The server certificate names its DNS names and `IP:127.0.0.1` as subject alternative
/// names. Nothing trusts the authority until a command gets `SSL_CERT_FILE=<caURL>` (go on Linux
/// then uses it instead of the system roots).
public struct LabCertificate: Sendable {
    /// The authority's self-signed certificate: what `SSL_CERT_FILE` should name.
    public let caURL: URL
    /// The server certificate.
    public let certificateURL: URL
    /// The server certificate's private key.
    public let keyURL: URL

    /// `--tls-cert … --tls-key …` for a `labserver.py` server.
    var serverArguments: [String] {
        ["--tls-cert", certificateURL.path, "--tls-key", keyURL.path]
    }
}

extension Lab {
    /// Makes a new authority and a server certificate for `dnsNames` plus 127.0.0.1.
    public func makeCertificate(dnsNames: [String]) throws -> LabCertificate {
        let dir = try freshDirectory("tls")
        let file = { (name: String) in dir.appendingPathComponent(name) }
        let ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try runChecked(
            ["openssl", "req", "-x509"] + ecKey + [
                "-keyout", file("ca.key").path, "-out", file("ca.pem").path, "-days", "2",
                "-subj", "/CN=gotriage lab CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"
            ])
        try runChecked(
            ["openssl", "req"] + ecKey + [
                "-keyout", file("server.key").path, "-out", file("server.csr").path,
                "-subj", "/CN=gotriage lab server"
            ])
        let names = dnsNames.map { "DNS:\($0)" } + ["IP:127.0.0.1"]
        let extensions =
            "subjectAltName=\(names.joined(separator: ","))\n"
            + "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
        try Data(extensions.utf8).write(to: file("server.ext"))
        try runChecked([
            "openssl", "x509", "-req", "-in", file("server.csr").path,
            "-CA", file("ca.pem").path, "-CAkey", file("ca.key").path, "-CAcreateserial",
            "-out", file("server.pem").path, "-days", "2", "-extfile", file("server.ext").path
        ])
        return LabCertificate(caURL: file("ca.pem"), certificateURL: file("server.pem"), keyURL: file("server.key"))
    }
}
