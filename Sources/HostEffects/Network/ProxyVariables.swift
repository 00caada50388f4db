/// The HTTP proxy environment variables go and git read, shown without passwords.
public enum ProxyVariables {
    /// The variables, in the order shown: go prefers the upper-case name, git (curl) the lower-case one.
    public static let names = [
        "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
    ]

    /// One `NAME=value` line per variable set in `environment` (passwords shown as `***`), then a
    /// `not set:` line naming the others, then a note on who reads which.
    public static func lines(in environment: [String: String]) -> [String] {
        let set = names.filter { environment[$0] != nil }
        var lines = set.map { "\($0)=\(masked(environment[$0] ?? ""))" }
        let unset = names.filter { environment[$0] == nil }
        if !unset.isEmpty { lines.append("not set: " + unset.joined(separator: ", ")) }
        lines.append("note: go reads HTTPS_PROXY (or https_proxy) for https:// URLs, HTTP_PROXY (or http_proxy) for "
            + "http:// URLs, and skips hosts listed in NO_PROXY (or no_proxy) and 127.0.0.1/localhost; git reads its "
            + "own http.proxy setting first, then https_proxy/HTTPS_PROXY, http_proxy (lower case only), all_proxy and no_proxy.")
        return lines
    }

    /// `value` with the password of a `user:password@` part replaced by `***`.
    ///
    /// - Example: `http://alice:s3cret@proxy:3128` becomes `http://alice:***@proxy:3128`.
    public static func masked(_ value: String) -> String {
        let afterScheme = value.range(of: "://").map(\.upperBound) ?? value.startIndex
        let authorityEnd = value[afterScheme...].firstIndex(of: "/") ?? value.endIndex
        guard let at = value[afterScheme..<authorityEnd].lastIndex(of: "@") else { return value }
        guard let colon = value[afterScheme..<at].firstIndex(of: ":") else { return value }
        return String(value[..<value.index(after: colon)]) + "***" + String(value[at...])
    }
}
