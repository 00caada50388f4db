import Foundation

/// The one place that decides what counts as a secret in text gotriage shows, and what a hidden
/// secret looks like (`REDACTED`).
///
/// URL userinfo (also in a proxy setting without a scheme), forge tokens, authorization headers,
/// `.netrc` passwords, values of `*TOKEN*`-like variables and private key blocks are replaced;
/// what is around them (scheme, host, port, variable name, header name, key type) stays, so text
/// still shows *where* a credential was used. Masking twice changes nothing more.
///
/// `gotriage probe` masks proxy settings with it before printing them, and TriageCLI's
/// `Redactor` builds on it for reports and `--json`.
public enum SecretMask {
    /// What a secret is replaced with.
    public static let replacement = "REDACTED"

    /// `text` with every secret replaced by ``replacement``.
    ///
    /// A rule whose words are not in the text cannot match it, so most text (go's output, step
    /// names, argv) skips the regexes. Replacing only ever adds `REDACTED`, which holds no rule's
    /// word, so looking at the original text is enough.
    public static func masked(_ text: String) -> String {
        guard !text.isEmpty else { return text }
        let words = SecretWords(text)
        guard rules.contains(where: { words.mayHold($0.words) }) else { return text }
        var result = text
        for (rule, compiled) in zip(rules, compiledRules) where words.mayHold(rule.words) {
            result = compiled.replacing(in: result)
        }
        return result
    }

    /// `text` with every rule run on it, one after another, without the quick look at its words:
    /// what ``masked(_:)`` must always equal (the tests compare the two).
    static func maskedByEveryRule(_ text: String) -> String {
        compiledRules.reduce(text) { $1.replacing(in: $0) }
    }

    /// Whether any rule could match a string of the JSON `data` (or a key: secret-looking names
    /// are rule words too); true when the bytes do not show the strings as they are.
    public static func mayMatch(json data: Data) -> Bool {
        guard let words = SecretWords(json: data) else { return true }
        return rules.contains { words.mayHold($0.words) }
    }

    /// Whether a variable called `name` holds a secret (TOKEN, SECRET, PASSWORD, PASSWD, API_KEY, any case).
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY"].contains { upper.contains($0) }
    }

    /// One kind of secret: a pattern, and the template its matches are replaced with.
    public struct Rule: Sendable, CustomStringConvertible {
        /// A short name, for messages and test names.
        public let name: String
        let pattern: String
        let template: String
        let caseInsensitive: Bool
        let anchorsMatchLines: Bool
        /// What any text the rule matches holds (see ``SecretWords/Needed``).
        let words: SecretWords.Needed

        public var description: String { name }

        /// The pattern compiled; throws when it is not a valid ICU regular expression.
        public func compile() throws -> NSRegularExpression {
            var options: NSRegularExpression.Options = []
            if caseInsensitive { options.insert(.caseInsensitive) }
            if anchorsMatchLines { options.insert(.anchorsMatchLines) }
            return try NSRegularExpression(pattern: pattern, options: options)
        }
    }

    /// The rules, applied in order. Templates keep what identifies the place, not the secret.
    public static let rules: [Rule] = {
        let mask = replacement
        let secretName = #"[A-Za-z_][A-Za-z0-9_.\-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY)[A-Za-z0-9_.\-]*"#
        let secretWords = ["token", "secret", "password", "passwd", "api_key", "apikey"]
        func rule(
            _ name: String, _ pattern: String, _ template: String, words: SecretWords.Needed,
            caseInsensitive: Bool = false, anchorsMatchLines: Bool = false
        ) -> Rule {
            Rule(
                name: name, pattern: pattern, template: template,
                caseInsensitive: caseInsensitive, anchorsMatchLines: anchorsMatchLines, words: words)
        }
        return [
            // Private key blocks, to the END line or, when cut short, to the end of the text.
            rule(
                "private key block", #"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|\z)"#,
                "-----BEGIN $1-----\n\(mask)\n-----END $1-----", words: .init(anyOf: ["-----begin "])),
            // Authorization headers: keep the scheme word (Basic, Bearer …), hide the credentials.
            rule(
                "authorization header",
                #"((?:proxy-)?authorization"?[ \t]*[:=][ \t]*"?(?:(?:basic|bearer|token|digest|negotiate|ntlm)[ \t]+)?)[^\s"'\\,;][^\r\n"'\\]*"#,
                "$1\(mask)", words: .init(anyOf: ["authorization"]), caseInsensitive: true),
            // URL userinfo: scheme://user:password@host, and any user part of web URLs (often a token alone).
            rule(
                "URL user and password", #"\b([A-Za-z][A-Za-z0-9+.\-]*://)[^/\s@"'<>:]*:[^/\s@"'<>]*@"#, "$1\(mask)@",
                words: .init(anyOf: ["://"], allOf: ["@"])),
            rule(
                "web URL user", #"\b((?:https?|git|ftps?|wss?)://)[^/\s@"'<>]+@"#, "$1\(mask)@",
                words: .init(anyOf: ["://"], allOf: ["@"]), caseInsensitive: true),
            // A proxy setting without a scheme (go and curl take `user:password@host:port`).
            rule(
                "proxy setting user", #"\b((?:[A-Za-z]+_proxy|http\.proxy)[ \t]*[=:][ \t]*["']?)[^/\s@"'<>]+@"#,
                "$1\(mask)@", words: .init(anyOf: ["proxy"], allOf: ["@"]), caseInsensitive: true),
            // Forge tokens: GitHub, GitLab, Bitbucket / Atlassian.
            rule(
                "forge token",
                #"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_\-]{16,}|ATBB[A-Za-z0-9_\-=]{16,}|ATATT[A-Za-z0-9_\-=]{16,})"#,
                mask, words: .init(anyOf: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "atbb", "atatt"])),
            // NAME=value and "NAME": "value" for secret-looking names.
            rule(
                "secret variable", #"(\b\#(secretName)[ \t]*=[ \t]*)(?:"[^"\n]*"|'[^'\n]*'|[^\s"']+)"#, "$1\(mask)",
                words: .init(anyOf: secretWords, allOf: ["="]), caseInsensitive: true),
            rule(
                "secret JSON member", #"("\#(secretName)"[ \t]*:[ \t]*)"(?:[^"\\\n]|\\.)*""#, "$1\"\(mask)\"",
                words: .init(anyOf: secretWords, allOf: [":"]), caseInsensitive: true),
            // .netrc: `password x` at the start of a line (or of a quoted line, as evidence quotes
            // it) or after `machine h` / `login u`; not prose like "Password for 'https://…'".
            rule(
                "netrc password",
                #"((?:^|(?<=["'`])|\b(?:machine|login|account|default)[ \t]+\S+)[ \t]*(?:password|passwd)[ \t]+)(?!(?:for|is|was|required|prompt|authentication)\b|YOUR_[A-Z0-9_]+\b)[^\s"'`]+"#,
                "$1\(mask)", words: .init(anyOf: ["password", "passwd"]), caseInsensitive: true, anchorsMatchLines: true)
        ]
    }()

    /// A compiled rule; `NSRegularExpression` matching is thread-safe.
    private struct CompiledRule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String

        func replacing(in text: String) -> String {
            regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
    }

    /// Every rule compiled. A rule that does not compile stops gotriage here (loudly, naming the
    /// rule) instead of being skipped and letting its secrets through; `SecretMaskTests` compiles
    /// each one, so such a rule cannot ship.
    private static let compiledRules: [CompiledRule] = rules.map { rule in
        do {
            return CompiledRule(regex: try rule.compile(), template: rule.template)
        } catch {
            preconditionFailure("the secret rule '\(rule.name)' does not compile: \(error)")
        }
    }
}
