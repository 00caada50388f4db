import Foundation

/// What `gotriage probe http` surveys: the URLs given, the checksum database, and the URLs an
/// error message names — each as go would reach it, directly or through its HTTP proxy.
public struct SurveyTargets: Sendable, Equatable {
    /// One target: the URL shown, and what is actually probed.
    public struct Entry: Sendable, Equatable {
        /// The URL as given or found; every output line of this target starts with it.
        public var target: String
        /// The proxy go would go through; when set, the proxy is probed instead of the target.
        public var via: ProxySelection?
        /// The URL probed: the target, or the proxy.
        public var probedURL: String { via?.proxy ?? target }
    }

    /// The targets, in order: given URLs, the checksum database, then URLs from the error.
    public var entries: [Entry] = []
    /// Every http(s) URL found in the error text, in order, whether probed or not.
    public var fromError: [String] = []

    /// Builds the list; empty URLs are skipped, and a URL from the error is skipped when the
    /// same scheme, host and port (or the same proxy) is already probed.
    ///
    /// - Parameters:
    ///   - urls: http(s) URLs, e.g. the entries of GOPROXY.
    ///   - gosumdb: a GOSUMDB value; its database URL is added unless it is `off`.
    ///   - errorText: go's error message; at most five URLs in it are added.
    ///   - environment: where HTTP(S)_PROXY and NO_PROXY are read.
    public init(urls: [String], gosumdb: String?, errorText: String?, environment: [String: String]) {
        var given = urls.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let gosumdb, let url = ChecksumDatabase.url(forGOSUMDB: gosumdb) { given.append(url) }
        var seen = Set<String>()
        for url in given where !entries.contains(where: { $0.target == url }) {
            let entry = Entry(target: url, via: ProxySelection.forURL(url, environment: environment))
            seen.insert(Self.key(entry))
            entries.append(entry)
        }
        fromError = Self.urls(in: errorText ?? "")
        for url in fromError.prefix(5) {
            let entry = Entry(target: url, via: ProxySelection.forURL(url, environment: environment))
            if seen.insert(Self.key(entry)).inserted { entries.append(entry) }
        }
    }

    /// What a probe really reaches: the proxy, or the target's scheme, host and port.
    private static func key(_ entry: Entry) -> String {
        if let via = entry.via { return "proxy " + via.proxy }
        guard case .success(let target) = ProbeTarget.url(entry.target) else { return entry.target }
        return "\(target.scheme ?? "")://\(target.host):\(target.port)"
    }

    /// The http:// and https:// URLs in `text`, without quotes, backslashes or trailing punctuation.
    static func urls(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "http", options: .caseInsensitive) {
            let candidate = rest[start.lowerBound...]
            guard candidate.lowercased().hasPrefix("http://") || candidate.lowercased().hasPrefix("https://") else {
                rest = rest[start.upperBound...]
                continue
            }
            var url = candidate.prefix { !$0.isWhitespace && !"\"'\\<>`".contains($0) }
            while let last = url.last, ":.,;)]".contains(last) { url = url.dropLast() }
            if !found.contains(String(url)) { found.append(String(url)) }
            rest = candidate[url.endIndex...]
        }
        return found
    }
}
