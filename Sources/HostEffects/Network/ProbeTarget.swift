/// A parsed probe target: where to connect and, for HTTP, what to ask for.
struct ProbeTarget: Sendable, Equatable {
    /// `http` or `https`; `nil` for a bare TCP target.
    var scheme: String?
    /// The host name or IP address, without IPv6 brackets.
    var host: String
    /// The TCP port, 1–65535.
    var port: Int
    /// The HTTP request target: path and query, `/` at least.
    var path: String = "/"

    /// The `Host` header value: brackets for IPv6, the port when not the scheme's default.
    var hostHeader: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? shown : "\(shown):\(port)"
    }

    /// Parses `HOST:PORT` (`[::1]:443` for IPv6); the error says what is wrong, quoting the input.
    static func hostPort(_ text: String) -> Result<ProbeTarget, ProbeTargetError> {
        guard let (host, port) = splitHostPort(Substring(text), defaultPort: nil), !host.isEmpty else {
            return .failure(ProbeTargetError("'\(text)' is not HOST:PORT"))
        }
        return tcp(host: host, port: port, shown: text)
    }

    /// Validates a host and port given separately.
    static func tcp(host: String, port: Int, shown: String) -> Result<ProbeTarget, ProbeTargetError> {
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" }) else {
            return .failure(ProbeTargetError("'\(shown)' has no valid host"))
        }
        guard (1...65_535).contains(port) else {
            return .failure(ProbeTargetError("'\(shown)': port \(port) is not between 1 and 65535"))
        }
        return .success(ProbeTarget(scheme: nil, host: host, port: port))
    }

    /// Parses an `http://` or `https://` URL.
    static func url(_ text: String) -> Result<ProbeTarget, ProbeTargetError> {
        guard let schemeEnd = text.range(of: "://") else {
            return .failure(ProbeTargetError("'\(text)' is not a URL (expected http:// or https://)"))
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else {
            return .failure(ProbeTargetError("'\(text)': scheme '\(scheme)' is not http or https"))
        }
        var rest = text[schemeEnd.upperBound...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        let path = rest[authorityEnd...]
        guard let (host, port) = splitHostPort(authority, defaultPort: scheme == "https" ? 443 : 80),
            !host.isEmpty
        else {
            return .failure(ProbeTargetError("'\(text)' has no valid host"))
        }
        return tcp(host: host, port: port, shown: text).map {
            var target = $0
            target.scheme = scheme
            target.path = path.isEmpty ? "/" : (path.first == "?" ? "/" + path : String(path))
            return target
        }
    }

    /// Splits `host:port` / `[v6]:port` / `host` (when a default port is given).
    private static func splitHostPort(_ text: Substring, defaultPort: Int?) -> (String, Int)? {
        var host: Substring
        var portText: Substring?
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if host.contains(":") { return nil }  // an IPv6 address needs brackets
        } else {
            host = text
        }
        guard let port = portText.map({ Int($0) }) ?? defaultPort else { return nil }
        return (String(host), port)
    }
}

/// Why a probe target is malformed, in words that quote it.
struct ProbeTargetError: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
