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
        // A rule whose words are not in the text cannot match it: most text (go's output, step
        // names, argv) has none of them and skips the regexes. Replacing only ever adds REDACTED,
        // which holds no rule's word, so checking the original text is enough.
        let words = RedactorWords(text)
        // Text that no rule can match does not even compile the regexes (a quick `run` never does).
        guard Self.ruleWords.contains(where: words.mayHold) else { return text }
        var result = text
        for rule in Self.rules where words.mayHold(rule.words) {
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

    /// JSON `data` with every string redacted, and values under secret-named keys masked.
    public func redact(json data: Data) -> Data {
        // Without any rule's word (secret-looking key names are such words too), nothing would
        // change: the data is returned as it is, not parsed and written again.
        if isEnabled, let words = RedactorWords(json: data), !Self.ruleWords.contains(where: words.mayHold) {
            return data
        }
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
        /// What any text the rule matches holds (see ``RedactorWords/Needed``).
        let words: RedactorWords.Needed
    }

    /// The words any match of each rule holds, in the order of ``rules``: one of `anyOf`, all of `allOf`.
    static let ruleWords: [RedactorWords.Needed] = {
        let secretWords = ["token", "secret", "password", "passwd", "api_key", "apikey"]
        return [
            .init(anyOf: ["-----begin "]),
            .init(anyOf: ["authorization"]),
            .init(anyOf: ["://"], allOf: ["@"]),
            .init(anyOf: ["://"], allOf: ["@"]),
            .init(anyOf: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "atbb", "atatt"]),
            .init(anyOf: secretWords, allOf: ["="]),
            .init(anyOf: secretWords, allOf: [":"]),
            .init(anyOf: ["password", "passwd"]),
        ]
    }()

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
        precondition(ruleWords.count == patterns.count, "every redaction rule names its words")
        return zip(patterns, ruleWords).compactMap { rule, words in
            (try? NSRegularExpression(pattern: rule.0, options: rule.2)).map { Rule(regex: $0, template: rule.1, words: words) }
        }
    }()
}
