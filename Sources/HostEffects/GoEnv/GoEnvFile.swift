import Foundation

/// The contents of a GOENV file, parsed the way `go` parses it.
///
/// Mirrors `cmd/go/internal/cfg.initEnvCache`: one `KEY=VALUE` per line, split at the
/// first `=`, no trimming; lines that do not start with `A`–`Z` or lack `=` are
/// ignored (blanks, comments); a later line for the same key wins.
struct GoEnvFile: Sendable, Equatable {
    /// The values the file sets, by key.
    var values: [String: String]

    init(values: [String: String]) { self.values = values }

    /// Parses `text`.
    init(parsing text: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.unicodeScalars.first, ("A"..."Z").contains(first),
                let equals = line.firstIndex(of: "=")
            else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        self.values = values
    }

    /// Parses the bytes of a GOENV file (nil: no file, which sets nothing).
    init(parsing data: Data?) {
        self.init(parsing: data.map { String(decoding: $0, as: UTF8.self) } ?? "")
    }
}
