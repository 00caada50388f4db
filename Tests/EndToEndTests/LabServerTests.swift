import Foundation
import TestSupport
import Testing

/// Checks the lab servers themselves: module path escaping, chunked request bodies, clean exits.
@Suite struct LabServerTests {
    @Test func proxyServesUpperCaseModulePathsEscaped() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [("example.com/Upper/Lib", "v1.2.3")])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=\(proxy.url)", "GOSUMDB=off"])

        let result = try lab.run(["go", "mod", "download", "-json", "example.com/Upper/Lib@v1.2.3"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"Version\": \"v1.2.3\""))
        // go sends the escaped path with '!' percent-encoded; the tree on disk uses `!upper/!lib`.
        #expect(proxy.log.contains("GET /example.com/%21upper/%21lib/@v/v1.2.3.zip"))
    }

    @Test func gitServerTakesAChunkedPushWithBasicAuth() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let git = try lab.startGitServer(
            repos: [("private.example.com/team/lib.git", "v1.0.0")], user: "bob", password: "pw")
        defer { git.stop() }
        try lab.writeNetrc(machine: "127.0.0.1", login: "bob", password: "pw")
        let clone = lab.root.appendingPathComponent("clone")
        let cloned = try lab.run(["git", "clone", "-q", "\(git.url)/team/lib.git", clone.path])
        #expect(cloned.exitCode == 0, "\(cloned.stderr)")

        // 2 MiB of random bytes: the pack exceeds http.postBuffer (1 MiB), so git sends it chunked.
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<(2 << 20) / 8).flatMap { _ in
            withUnsafeBytes(of: generator.next() as UInt64) { Array($0) }
        }
        try Data(bytes).write(to: clone.appendingPathComponent("blob.bin"))
        #expect(try lab.run(["git", "add", "blob.bin"], in: clone).exitCode == 0)
        let commit = try lab.run(
            ["git", "-c", "user.name=Lab", "-c", "user.email=lab@example.com", "commit", "-q", "-m", "blob"],
            in: clone)
        #expect(commit.exitCode == 0, "\(commit.stderr)")
        let pushed = try lab.run(["git", "push", "-q", "origin", "main"], in: clone)
        #expect(pushed.exitCode == 0, "\(pushed.stderr)")
        #expect(git.log.contains("chunked request body for /team/lib.git/git-receive-pack"))

        let local = try lab.run(["git", "rev-parse", "HEAD"], in: clone).stdout
        let remote = try lab.run(["git", "ls-remote", "\(git.url)/team/lib.git", "refs/heads/main"]).stdout
        #expect(!local.isEmpty && remote.hasPrefix(local.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func serverExitsWhenItsStdinCloses() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        // `run` gives the server /dev/null as stdin: it announces itself and exits at once.
        let result = try lab.run(
            ["python3", LabServer.scriptURL.path, "proxy", "--root", lab.root.path], timeout: 10)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("listening 127.0.0.1:"))
    }

    @Test func forwardProxyReachesOnlyItsRoutes() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let pages = try lab.startPageServer(pages: ["/team/lib": "hello\n"])
        defer { pages.stop() }
        let forward = try lab.startForwardProxy(routes: ["vanity.example.com:80": pages.port])
        defer { forward.stop() }
        let curl = ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--proxy", forward.url]

        #expect(try lab.run(curl + ["http://vanity.example.com/team/lib?go-get=1"]).stdout == "200")
        #expect(try lab.run(curl + ["http://vanity.example.com/other"]).stdout == "404")
        #expect(try lab.run(curl + ["http://elsewhere.example.com/team/lib"]).stdout == "502")
        #expect(pages.log.contains("GET /team/lib?go-get=1"))
    }

    @Test func statusServerAnswersEveryMethodIncludingConnect() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let status = try lab.startStatusServer(code: 410, body: "gone for good")
        defer { status.stop() }
        let get = try lab.run(["curl", "-sS", "-w", " %{http_code}", "\(status.url)/lookup/x@v1.0.0"])
        #expect(get.stdout == "gone for good\n 410")
        let connect = try lab.run([
            "curl", "-sS", "-o", "/dev/null", "-w", "%{http_connect}",
            "--proxy", status.url, "https://vanity.example.com/"
        ])
        #expect(connect.stdout == "410")
    }

    @Test func startReportsAServerThatDoesNotStart() {
        #expect(throws: LabError.self) { try LabServer.start(["proxy"]) }
    }
}
