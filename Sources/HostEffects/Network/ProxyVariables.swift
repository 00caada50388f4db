/// The HTTP proxy environment variables go and git read, shown without their secrets.
public enum ProxyVariables {
    /// The variables, in the order shown: go prefers the upper-case name, git (curl) the lower-case one.
    public static let names = [
        "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"
    ]

    /// One `NAME=value` line per variable set in `environment` (secrets masked by ``SecretMask``),
    /// then a `not set:` line naming the others, then a note on who reads which.
    public static func lines(in environment: [String: String]) -> [String] {
        let set = names.filter { environment[$0] != nil }
        var lines = set.map { SecretMask.masked("\($0)=\(environment[$0] ?? "")") }
        let unset = names.filter { environment[$0] == nil }
        if !unset.isEmpty { lines.append("not set: " + unset.joined(separator: ", ")) }
        lines.append(
            "note: go reads HTTPS_PROXY (or https_proxy) for https:// URLs, HTTP_PROXY (or http_proxy) for "
                + "http:// URLs, and skips hosts listed in NO_PROXY (or no_proxy) and 127.0.0.1/localhost; git reads its "
                + "own http.proxy setting first, then https_proxy/HTTPS_PROXY, http_proxy (lower case only), all_proxy and no_proxy.")
        return lines
    }
}
