import Foundation

/// Which HTTP proxy go would use for a URL, by go's rules (`golang.org/x/net/http/httpproxy`).
public struct ProxySelection: Sendable, Equatable {
    /// The proxy's URL, its user and password masked by ``SecretMask`` (`http://` added when the
    /// variable has no scheme).
    public var proxy: String
    /// The variable it came from, e.g. `HTTPS_PROXY`.
    public var variable: String

    /// The proxy go uses for `url` given `environment`, or nil when go connects directly.
    ///
    /// `HTTPS_PROXY` (else `https_proxy`) serves https URLs, `HTTP_PROXY` (else `http_proxy`) http
    /// URLs; `localhost`, loopback addresses and hosts matching `NO_PROXY` (else `no_proxy`) go direct.
    public static func forURL(_ url: String, environment: [String: String]) -> ProxySelection? {
        guard case .success(let target) = ProbeTarget.url(url), let scheme = target.scheme else { return nil }
        let names = scheme == "https" ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let variable = names.first(where: { !(environment[$0] ?? "").isEmpty }),
            let value = environment[variable]
        else { return nil }
        let host = target.host.lowercased()
        if host == "localhost" || host.hasPrefix("127.") || host == "::1" { return nil }
        let noProxy = environment["NO_PROXY"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["no_proxy"] ?? ""
        if bypasses(host: host, port: target.port, noProxy: noProxy) { return nil }
        let proxy = value.contains("://") ? value : "http://" + value
        return ProxySelection(proxy: SecretMask.masked(proxy), variable: variable)
    }

    /// Whether a `NO_PROXY` list names `host` (exactly, as a parent domain, or `*`).
    static func bypasses(host: String, port: Int, noProxy: String) -> Bool {
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.isEmpty { continue }
            if entry == "*" { return true }
            if let colon = entry.lastIndex(of: ":"), !entry.contains("]"), entry.filter({ $0 == ":" }).count == 1 {
                guard Int(entry[entry.index(after: colon)...]) == port else { continue }
                entry = String(entry[..<colon])
            }
            let domain = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            if host == domain || host.hasSuffix("." + domain) { return true }
        }
        return false
    }
}
