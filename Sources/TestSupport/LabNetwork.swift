import Foundation

extension Lab {
    /// Starts a server that answers every request — CONNECT included — with `code` and `body`.
    ///
    /// Stands in for a sumdb that does not know a module (410), or for an intercepting proxy
    /// that refuses everything (403, 502).
    public func startStatusServer(code: Int, body: String = "", certificate: LabCertificate? = nil) throws -> LabServer {
        try startServer(
            ["status", "--code", String(code), "--body", body] + (certificate?.serverArguments ?? []),
            name: "status")
    }

    /// Starts an HTTP forward proxy that reaches only `routes`: `"host:port"` → a 127.0.0.1 port.
    ///
    /// It serves absolute-URI requests (what go sends through `HTTP_PROXY`) and `CONNECT` tunnels
    /// (`HTTPS_PROXY`); anything unrouted gets 502 Bad Gateway. The proxy resolves the names
    /// itself, so names like `vanity.example.com` need no DNS. Go never proxies loopback targets
    /// (a 127.0.0.1 GOPROXY ignores HTTPS_PROXY), so proxy scenarios need such a name.
    public func startForwardProxy(routes: [String: Int]) throws -> LabServer {
        let arguments = routes.keys.sorted().flatMap { ["--route", "\($0)=127.0.0.1:\(routes[$0] ?? 0)"] }
        return try startServer(["forward"] + arguments, name: "forward")
    }

    /// Serves fixed pages: request path (e.g. `/team/lib`; the query is ignored) → HTML body.
    ///
    /// Any other path gets 404 Not Found. Go asks `<path>?go-get=1` to find a vanity import path.
    public func startPageServer(pages: [String: String], certificate: LabCertificate? = nil) throws -> LabServer {
        let dir = try freshDirectory("pages")
        for (path, body) in pages {
            let file = dir.appendingPathComponent(String(path.drop { $0 == "/" }))
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(body.utf8).write(to: file)
        }
        return try startServer(["proxy", "--root", dir.path] + (certificate?.serverArguments ?? []), name: "pages")
    }

    /// An HTML page with one `<meta name="go-import" content="<content>">` tag,
    /// e.g. `content: "vanity.example.com/team/lib git http://127.0.0.1:PORT/team/lib.git"`.
    public static func goImportPage(content: String) -> String {
        "<!DOCTYPE html>\n<html><head><meta name=\"go-import\" content=\"\(content)\"></head><body></body></html>\n"
    }

    /// A GOENV line sending sumdb lookups to a dead 127.0.0.1 port: the download fails loudly
    /// (connection refused) if go consults the sumdb at all.
    public static func deadSumDB() throws -> String {
        "GOSUMDB=sum.golang.org http://127.0.0.1:\(try DeadPort.make())"
    }

    /// A directory holding only a `go` symlink to the lab release's go: a PATH for go without git.
    public func goOnlyPath() throws -> String {
        let dir = try freshDirectory("go-only-bin")
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("go").path, withDestinationPath: try release.goBinary().path)
        return dir.path
    }
}
