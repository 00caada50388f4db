import Foundation
import HostEffects
import TestSupport
import Testing

/// HTTPS probes against the lab's Python TLS server (`labserver.py status`) with a throw-away
/// certificate made by `openssl`.
@Suite("NetworkProbe over TLS")
struct NetworkProbeTLSTests {
    /// Makes a self-signed P-256 certificate for `subjectAltName` in `dir`; returns (certificate, key) paths.
    func certificate(in dir: TemporaryDirectory, names: String) async throws -> (String, String) {
        let (cert, key) = (dir.path("cert.pem"), dir.path("key.pem"))
        let result = await SubprocessRunner().run(
            CommandRequest(
                argv: [
                    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=gotriage-test", "-addext", "subjectAltName=\(names)"
                ], environment: ["PATH": ProcessEnvironment.current()["PATH"] ?? "/usr/bin", "HOME": dir.url.path]))
        try #require(result.exitCode == 0, "openssl failed: \(result.stderr)")
        return (cert, key)
    }

    @Test func aTrustedCertificateIsReachableThroughAllFourPhases() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (cert, key) = try await certificate(in: dir, names: "IP:127.0.0.1,DNS:localhost")
        let server = try LabServer.start(["status", "--code", "404", "--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let probe = NetworkProbe(timeoutMilliseconds: 5_000, trustedCertificatesFile: cert)
        for host in ["127.0.0.1", "localhost"] {
            let report = await probe.http(url: "https://\(host):\(server.port)/missing")
            #expect(report.verdict == .reachable, "\(report.lines)")
            #expect(report.phases.map(\.name).suffix(3) == ["tcp", "tls", "http"])
            #expect(
                report.phase("tls")?.detail
                    == "ok TLSv1.3, certificate valid for '\(host)'; certificate 'CN=gotriage-test' issued by 'CN=gotriage-test'")
            #expect(report.phase("http")?.detail == "404 Not Found")
        }
    }

    @Test func anUntrustedSelfSignedCertificateIsATLSFailure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (cert, key) = try await certificate(in: dir, names: "IP:127.0.0.1")
        let server = try LabServer.start(["status", "--code", "404", "--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let report = await NetworkProbe(timeoutMilliseconds: 5_000).http(url: "https://127.0.0.1:\(server.port)/")
        #expect(report.verdict == .tlsFailed)
        #expect(report.verdict.exitCode == 4)
        #expect(
            report.phases.last?.detail
                == "tls-failed: certificate verify failed: self-signed certificate; certificate 'CN=gotriage-test' issued by 'CN=gotriage-test'"
        )
    }

    @Test func aCertificateForAnotherNameIsATLSFailure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (cert, key) = try await certificate(in: dir, names: "DNS:proxy.example.test")
        let server = try LabServer.start(["status", "--code", "404", "--tls-cert", cert, "--tls-key", key])
        defer { server.stop() }
        let probe = NetworkProbe(timeoutMilliseconds: 5_000, trustedCertificatesFile: cert)
        let report = await probe.http(url: "https://127.0.0.1:\(server.port)/")
        #expect(report.verdict == .tlsFailed)
        #expect(
            report.phases.last?.detail
                == "tls-failed: certificate verify failed: IP address mismatch; certificate 'CN=gotriage-test' issued by 'CN=gotriage-test'"
        )
    }

    @Test func httpsToAPlainHTTPServerIsATLSFailure() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let report = await NetworkProbe(timeoutMilliseconds: 5_000).http(url: "https://127.0.0.1:\(server.port)/")
        #expect(report.verdict == .tlsFailed)
        #expect(report.phase("tls")?.ok == false)
        #expect(report.phase("http") == nil)
    }
}
