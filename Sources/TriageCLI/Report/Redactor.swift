import Foundation

/// Hides secrets in text that leaves gotriage (reports, `--json`): URL passwords, forge tokens,
/// authorization headers, `.netrc` passwords, `*TOKEN*`-like variables and private keys.
///
/// Each secret becomes `REDACTED`; what is around it (scheme, host, port, variable name, header
/// name, key type) stays, so a report still shows *where* a credential was used. Redacting twice
/// changes nothing more.
public struct Redactor: Sendable {
    /// The replacement for a secret.
    public static let mask = "REDACTED"
    /// Whether anything is hidden; `--no-redact` turns it off.
    public let isEnabled: Bool

    public init(enabled: Bool = true) { isEnabled = enabled }

    /// `text` with every secret replaced.
    public func redact(_ text: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        var result = text
        for rule in Self.rules {
            let range = NSRange(result.startIndex..., in: result)
            result = rule.regex.stringByReplacingMatches(in: result, range: range, withTemplate: rule.template)
        }
        return result
    }

    /// Whether a variable called `name` holds a secret (TOKEN, SECRET, PASSWORD, PASSWD, API_KEY, any case).
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY"].contains { upper.contains($0) }
    }

    /// An environment dictionary with secret-named values masked and every other value redacted.
    public func redact(environment: [String: String]) -> [String: String] {
        guard isEnabled else { return environment }
        return Dictionary(uniqueKeysWithValues: environment.map { name, value in
            (name, Self.isSecretName(name) && !value.isEmpty ? Self.mask : redact(value))
        })
    }

    /// `event` with every string it carries redacted (the `--json` stream). Event keys are fixed
    /// names, never secret-looking, so unlike `redact(json:)` there is no key to mask by name.
    public func redact(_ event: JSONEvent) -> JSONEvent {
        guard isEnabled else { return event }
        return event.mapStrings(redact)
    }

    /// JSON `data` with every string redacted, and values under secret-named keys masked.
    public func redact(json data: Data) -> Data {
        guard isEnabled, let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let redacted = try? JSONSerialization.data(withJSONObject: redact(jsonValue: object),
                                                          options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        else { return data }
        return redacted
    }

    private func redact(jsonValue value: Any) -> Any {
        switch value {
        case let text as String:
            return redact(text)
        case let array as [Any]:
            return array.map { redact(jsonValue: $0) }
        case let object as [String: Any]:
            var result: [String: Any] = [:]
            for (key, member) in object {
                result[redact(key)] = Self.isSecretName(key) && member is String && (member as? String) != ""
                    ? Self.mask : redact(jsonValue: member)
            }
            return result
        default:
            return value
        }
    }

    struct Rule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String
    }

    /// The rules, applied in order. Templates keep what identifies the place, not the secret.
    static let rules: [Rule] = {
        let secretName = #"[A-Za-z_][A-Za-z0-9_.\-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY)[A-Za-z0-9_.\-]*"#
        let patterns: [(String, String, NSRegularExpression.Options)] = [
            // Private key blocks, to the END line or, when cut short, to the end of the text.
            (#"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|\z)"#,
             "-----BEGIN $1-----\n\(mask)\n-----END $1-----", []),
            // Authorization headers: keep the scheme word (Basic, Bearer …), hide the credentials.
            (#"((?:proxy-)?authorization"?[ \t]*[:=][ \t]*"?(?:(?:basic|bearer|token|digest|negotiate|ntlm)[ \t]+)?)[^\s"'\\,;][^\r\n"'\\]*"#,
             "$1\(mask)", [.caseInsensitive]),
            // URL userinfo: scheme://user:password@host, and any user part of web URLs (often a token alone).
            (#"\b([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@"'<>:]*:[^/\s@"'<>]*@"#, "$1\(mask)@", []),
            (#"\b((?:https?|git|ftps?|wss?)://)[^/\s@"'<>]+@"#, "$1\(mask)@", [.caseInsensitive]),
            // Forge tokens: GitHub, GitLab, Bitbucket / Atlassian.
            (#"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_\-]{16,}|ATBB[A-Za-z0-9_\-=]{16,}|ATATT[A-Za-z0-9_\-=]{16,})"#,
             mask, []),
            // NAME=value and "NAME": "value" for secret-looking names.
            (#"(\b\#(secretName)[ \t]*=[ \t]*)(?:"[^"\n]*"|'[^'\n]*'|[^\s"']+)"#, "$1\(mask)", [.caseInsensitive]),
            (#"("\#(secretName)"[ \t]*:[ \t]*)"(?:[^"\\\n]|\\.)*""#, "$1\"\(mask)\"", [.caseInsensitive]),
            // .netrc: `password x` at the start of a line (or of a quoted line, as evidence quotes
            // it) or after `machine h` / `login u`; not prose like "Password for 'https://…'".
            (#"((?:^|(?<=["'`])|\b(?:machine|login|account|default)[ \t]+\S+)[ \t]*(?:password|passwd)[ \t]+)(?!(?:for|is|was|required|prompt|authentication)\b|YOUR_[A-Z0-9_]+\b)[^\s"'`]+"#,
             "$1\(mask)", [.caseInsensitive, .anchorsMatchLines]),
        ]
        return patterns.compactMap { pattern, template, options in
            (try? NSRegularExpression(pattern: pattern, options: options)).map { Rule(regex: $0, template: template) }
        }
    }()
}
