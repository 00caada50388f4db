import Foundation

/// The facts a match establishes: the named groups of the regex, then what the error's
/// structure says (the failing module and version, the module that pulled it in, the URL of the
/// step, the proxy or checksum database it went to).
enum Facts {
    /// The facts the error's structure gives when no named group does.
    static let structural = ["module", "version", "requiredby", "url", "proxy", "sumdb", "host"]

    static func collect(record: ErrorRecord, fragment: Fragment, groups: [String: String]) -> [String: String] {
        var facts = groups
        if let module = record.module {
            if facts["module"] == nil { facts["module"] = module.path }
            if facts["version"] == nil, let version = module.version { facts["version"] = version }
        }
        if let outer = record.requiredBy.first, facts["requiredby"] == nil { facts["requiredby"] = outer.description }
        let ownWords = record.fragments.first { !$0.stage.isServerAnswer } ?? fragment
        if facts["url"] == nil, let url = firstURL(in: ownWords.text) ?? firstURL(in: fragment.text) { facts["url"] = url }
        if let url = facts["url"], let origin = origin(of: url) {
            if ownWords.stage == .proxy, facts["proxy"] == nil { facts["proxy"] = origin.base }
            if ownWords.stage == .sumdb, facts["sumdb"] == nil, url.contains("/lookup/") || url.contains("/tile/") {
                facts["sumdb"] = origin.host
            }
        }
        if facts["host"] == nil, let module = facts["module"] { facts["host"] = String(module.prefix { $0 != "/" }) }
        return facts
    }

    /// The first `http://` or `https://` address, without trailing quotes or punctuation.
    static func firstURL(in text: String) -> String? {
        guard let start = text.range(of: "https://") ?? text.range(of: "http://") else { return nil }
        let url = text[start.lowerBound...].prefix { !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "\\" }
        let trimmed = url.reversed().drop { ":.,)".contains($0) }.reversed()
        return String(trimmed)
    }

    /// `scheme://host[:port]` and the host alone.
    static func origin(of url: String) -> (base: String, host: String)? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        let host = authority.split(separator: "@").last.map { $0.prefix { $0 != ":" } } ?? ""
        guard !host.isEmpty else { return nil }
        return (String(url[..<scheme.upperBound]) + authority.split(separator: "@").last!, String(host))
    }
}

/// Fills `{{fact}}` placeholders; an unknown fact becomes `…`.
public enum FactTemplate {
    public static func fill(_ template: String, with facts: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces
            out += facts[name] ?? "…"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// The names used in `{{…}}` placeholders.
    public static func names(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.append(rest[open.upperBound..<close.lowerBound].trimmingSpaces)
            rest = rest[close.upperBound...]
        }
        return names
    }
}

extension Substring {
    var trimmingSpaces: String { String(self).trimmingSpaces }
}
