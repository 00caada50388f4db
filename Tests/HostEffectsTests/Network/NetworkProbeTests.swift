import Foundation
import Glibc
import HostEffects
import TestSupport
import Testing

@Suite("NetworkProbe over loopback")
struct NetworkProbeTests {
    let probe = NetworkProbe(timeoutMilliseconds: 3_000)

    @Test func httpServerIsReachableWithItsStatus() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let report = await probe.http(url: "http://127.0.0.1:\(server.port)/")
        #expect(report.verdict == .reachable)
        #expect(report.phases.map(\.name) == ["dns", "tcp", "http"])
        #expect(report.phases.allSatisfy { $0.ok })
        #expect(report.phase("dns")?.detail == "ok 127.0.0.1")
        #expect(report.phase("tcp")?.detail == "ok connected to 127.0.0.1:\(server.port)")
        #expect(report.phase("http")?.detail == "200 OK")
        #expect(report.lines.last == "verdict: reachable")
        #expect(report.lines[2].hasPrefix("http: 200 OK ("))
        #expect(report.lines[2].hasSuffix(" ms)"))
    }

    @Test func aNotFoundStatusStillCountsAsReachable() async throws {
        let server = try LoopbackHTTPServer(status: "404 Not Found")
        defer { server.stop() }
        let report = await probe.http(url: "http://localhost:\(server.port)/no/such/module/@v/list?x=1#frag")
        #expect(report.verdict == .reachable)
        #expect(report.phase("http")?.detail == "404 Not Found")
        #expect(report.target == "http://localhost:\(server.port)/no/such/module/@v/list?x=1#frag")
    }

    @Test func tcpToAListeningServerIsReachable() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let report = await probe.tcp("127.0.0.1:\(server.port)")
        #expect(report.verdict == .reachable)
        #expect(report.phases.map(\.name) == ["dns", "tcp"])
    }

    @Test func aClosedPortIsRefused() async throws {
        let port = try DeadPort.make()
        let tcp = await probe.tcp(host: "127.0.0.1", port: port)
        #expect(tcp.verdict == .refused)
        #expect(tcp.verdict.exitCode == 2)
        #expect(tcp.lines[1].hasPrefix("tcp: refused: connection to 127.0.0.1:\(port) refused ("))
        let http = await probe.http(url: "http://127.0.0.1:\(port)/")
        #expect(http.verdict == .refused)
        #expect(http.phases.map(\.name) == ["dns", "tcp"])
    }

    @Test func aListenerThatNeverAnswersTimesOutInTheHTTPPhase() async throws {
        let (fd, port) = try LoopbackSockets.silentListener()
        defer { close(fd) }
        let report = await NetworkProbe(timeoutMilliseconds: 300).http(url: "http://127.0.0.1:\(port)/")
        #expect(report.totalMilliseconds < 2_000, "gave up at its timeout (measured by the probe, not the busy test pool)")
        #expect(report.verdict == .timedOut)
        #expect(report.phase("tcp")?.ok == true)
        #expect(report.phases.last?.name == "http")
        #expect(report.phases.last?.detail == "timed-out: no HTTP response within 300 ms")
    }

    @Test func aFullAcceptQueueTimesOutInTheTCPPhase() async throws {
        let (descriptors, port) = try await LoopbackSockets.saturatedListener()
        defer { descriptors.forEach { close($0) } }
        let report = await NetworkProbe(timeoutMilliseconds: 300).tcp(host: "127.0.0.1", port: port)
        #expect(report.totalMilliseconds < 2_000, "gave up at its timeout")
        #expect(report.verdict == .timedOut)
        #expect(report.phases.map(\.name) == ["dns", "tcp"])
        #expect(report.phases.last?.ok == false)
    }

    @Test func anInvalidNameFailsInDNSWithoutHanging() async {
        let report = await NetworkProbe(timeoutMilliseconds: 2_000).http(url: "https://nonexistent.invalid/")
        #expect(report.totalMilliseconds < 3_000, "DNS gave up in time")
        #expect(report.verdict == .dnsFailed)
        #expect(report.phases.count == 1)
        #expect(report.phases[0].detail.hasPrefix("dns-failed: 'nonexistent.invalid' does not resolve"))
        #expect(report.verdict.exitCode == 1)
    }

    @Test(arguments: ["ftp://example.com/", "http://", "example.com", "http://host:99999/", "http://[::1/"])
    func malformedURLsAreBadTargets(url: String) async {
        let report = await probe.http(url: url)
        #expect(report.verdict == .badTarget)
        #expect(report.verdict.exitCode == 6)
        #expect(report.lines.first?.contains("'\(url)'") == true)
    }

    @Test(arguments: ["example.com", "example.com:0", ":80", "::1:80", "host:port"])
    func malformedHostPortsAreBadTargets(target: String) async {
        #expect(await probe.tcp(target).verdict == .badTarget)
    }

    @Test func verdictsMapToDistinctExitCodes() {
        #expect(Verdict.allCases.map(\.exitCode) == [0, 1, 2, 3, 4, 5, 6])
        #expect(
            Verdict.allCases.map(\.rawValue)
                == ["reachable", "dns-failed", "refused", "timed-out", "tls-failed", "http-failed", "bad-target"])
    }
}
