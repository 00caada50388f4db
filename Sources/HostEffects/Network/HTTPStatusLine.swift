/// The first line of an HTTP/1.x response: `HTTP/1.1 404 Not Found`.
struct HTTPStatusLine: Sendable, Equatable {
    /// The status code, 100–999.
    var code: Int
    /// The reason phrase; may be empty.
    var reason: String

    /// Parses a status line (without its line ending); `nil` if it is not one.
    init?(_ line: String) {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"),
            parts[1].count == 3, let code = Int(parts[1]), code >= 100
        else { return nil }
        self.code = code
        self.reason = parts.count == 3 ? String(parts[2]) : ""
    }

    /// `404 Not Found`, or just `204` without a reason.
    var text: String { reason.isEmpty ? String(code) : "\(code) \(reason)" }
}
