import Foundation
import HostEffects
import TestSupport
import Testing

/// `NetworkProbe.http(urls:)`: several targets probed at the same time, and the survey's lines.
@Suite("NetworkProbe survey of several hosts")
struct NetworkProbeSurveyTests {
    static let delay = 300.0

    @Test func threeSlowServersTakeAboutAsLongAsTheSlowestNotTheSum() async throws {
        let servers = try (0..<3).map { _ in try LoopbackHTTPServer(delayMilliseconds: Int(Self.delay)) }
        defer { servers.forEach { $0.stop() } }
        let urls = servers.map(\.url)

        let survey = await NetworkProbe(timeoutMilliseconds: 5_000).http(urls: urls)

        #expect(survey.reports.map(\.target) == urls, "reports keep the order of the targets")
        #expect(survey.verdict == .reachable)
        for report in survey.reports {
            let http = try #require(report.phase("http"))
            #expect(http.detail == "200 OK")
            #expect(http.durationMilliseconds >= Self.delay * 0.9, "each server really waited: \(report.lines)")
        }
        #expect(survey.totalMilliseconds >= Self.delay * 0.9)
        #expect(
            survey.totalMilliseconds < 2 * Self.delay,
            "probed one after another this would take \(3 * Self.delay) ms; took \(survey.totalMilliseconds) ms")
        #expect(survey.lines.last?.hasPrefix("survey: 3 of 3 reachable, probed at the same time in ") == true)
        #expect(survey.lines.contains { $0.hasPrefix("slowest: http://127.0.0.1:") })
        #expect(!survey.lines.contains { $0.hasPrefix("dead: ") })
    }

    @Test func aDeadTargetIsNamedAndItsVerdictIsTheSurveys() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let closed = try DeadPort.make()
        let live = "http://127.0.0.1:\(server.port)"
        let dead = "http://127.0.0.1:\(closed)"

        let survey = await NetworkProbe(timeoutMilliseconds: 3_000).http(urls: [live, dead])

        #expect(survey.verdict == .refused)
        #expect(survey.dead.map(\.target) == [dead])
        #expect(survey.lines.contains("\(live) verdict: reachable"))
        #expect(survey.lines.contains("\(dead) verdict: refused"))
        #expect(survey.lines.contains("dead: \(dead) (refused)"))
        #expect(survey.lines.contains { $0.hasPrefix("slowest: \(live) (") })
        #expect(survey.lines.last?.hasPrefix("survey: 1 of 2 reachable") == true)
    }

    @Test(arguments: [
        ("", "https://sum.golang.org"),
        ("sum.golang.org", "https://sum.golang.org"),
        ("sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8", "https://sum.golang.org"),
        ("sum.golang.google.cn", "https://sum.golang.google.cn"),
        ("sum.golang.org http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("sumdb.corp+key https://sumdb.corp.example/sum", "https://sumdb.corp.example/sum")
    ])
    func checksumDatabaseURLFollowsGoRules(gosumdb: String, url: String) {
        #expect(ChecksumDatabase.url(forGOSUMDB: gosumdb) == url)
    }

    @Test func gosumdbOffHasNoURL() {
        #expect(ChecksumDatabase.url(forGOSUMDB: "off") == nil)
    }

    @Test func proxyVariablesShowWhatIsSetWithoutPasswords() {
        let lines = ProxyVariables.lines(in: ["HTTPS_PROXY": "http://bob:hunter2@proxy:3128", "no_proxy": "corp.example"])
        #expect(lines.contains("HTTPS_PROXY=http://REDACTED@proxy:3128"))
        #expect(lines.contains("no_proxy=corp.example"))
        #expect(lines.contains("not set: https_proxy, HTTP_PROXY, http_proxy, ALL_PROXY, all_proxy, NO_PROXY"))
        #expect(!lines.joined().contains("hunter2"))
    }
}
