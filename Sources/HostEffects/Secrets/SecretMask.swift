import Foundation

/// The one place that decides what counts as a secret in text gotriage shows, and what a hidden
/// secret looks like (`REDACTED`).
///
/// URL userinfo (also in a proxy setting without a scheme, and with a raw `@` in the password),
/// forge tokens, authorization headers, `.netrc` passwords, git credential-helper credentials,
/// values of `*TOKEN*`-like variables, JSON members, YAML keys and headers (bare `TOKEN=` too) and
/// private key blocks are replaced; what is around them (scheme, host, port, variable name, header
/// name, key type) stays, so text still shows *where* a credential was used. Masking twice changes
/// nothing more.
///
/// `gotriage probe` masks proxy settings with it before printing them; ``SecretRegistry`` builds
/// on it, remembering each secret a rule finds so that the value is hidden wherever it appears.
public enum SecretMask {
    /// What a secret is replaced with.
    public static let replacement = "REDACTED"

    /// `text` with every secret replaced by ``replacement``.
    ///
    /// A rule whose words are not in the text cannot match it, so most text (go's output, step
    /// names, argv) skips the regexes. Replacing only ever adds `REDACTED`, which holds no rule's
    /// word, so looking at the original text is enough.
    public static func masked(_ text: String) -> String {
        masking(text).masked
    }

    /// `text` with every secret replaced, and the secrets that were replaced (each as the text held
    /// it: a URL's `user:password`, a header's credentials, a variable's value without its quotes).
    ///
    /// ``SecretRegistry`` remembers what is found here, so the same value is hidden wherever it
    /// shows up later, where no rule would see it.
    public static func masking(_ text: String) -> (masked: String, found: [Found]) {
        guard !text.isEmpty else { return (text, []) }
        let words = SecretWords(text)
        guard rules.contains(where: { words.mayHold($0.words) }) else { return (text, []) }
        var result = text
        var found: [Found] = []
        for (rule, compiled) in zip(rules, compiledRules) where words.mayHold(rule.words) {
            result = compiled.replacing(in: result, rule: rule, found: &found)
        }
        return (result, found)
    }

    /// `text` with every rule run on it, one after another, without the quick look at its words:
    /// what ``masked(_:)`` must always equal (the tests compare the two).
    static func maskedByEveryRule(_ text: String) -> String {
        var found: [Found] = []
        return zip(rules, compiledRules).reduce(text) { $1.1.replacing(in: $0, rule: $1.0, found: &found) }
    }

    /// Whether any rule could match a string of the JSON `data` (or a key: secret-looking names
    /// are rule words too); true when the bytes do not show the strings as they are.
    public static func mayMatch(json data: Data) -> Bool {
        guard let words = SecretWords(json: data) else { return true }
        return rules.contains { words.mayHold($0.words) }
    }

    /// The words that make a variable, key or header name secret-looking, upper case.
    static let secretNameWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "API_KEY", "APIKEY", "API-KEY", "PRIVATE_KEY"]

    /// Whether a variable called `name` holds a secret (TOKEN, SECRET, PASSWORD, PASSWD, API_KEY,
    /// APIKEY, API-KEY, PRIVATE_KEY, any case, anywhere in the name).
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return secretNameWords.contains { upper.contains($0) }
    }

    /// A secret one rule replaced, and how the text wrote it.
    public struct Found: Sendable, Equatable {
        /// The secret as it stood in the text.
        public let text: String
        public let form: Form

        /// How a found secret is written, which says what else to remember along with it.
        public enum Form: Sendable, Equatable {
            /// As it is (a token, a password, a key's body).
            case plain
            /// URL userinfo, `user:password` or a token alone; possibly percent-encoded.
            case userInfo
            /// A variable's value, possibly in single or double quotes.
            case quoted
            /// The inside of a JSON string, with JSON's escapes.
            case jsonString
            /// Authorization credentials: base64 `user:password` for Basic, a token otherwise.
            case credentials
        }
    }

    /// One kind of secret: a pattern, the template its matches are replaced with, and the group
    /// that holds the secret itself.
    public struct Rule: Sendable, CustomStringConvertible {
        /// A short name, for messages and test names.
        public let name: String
        let pattern: String
        let template: String
        /// The capture group holding the secret (0: the whole match).
        let secretGroup: Int
        let form: Found.Form
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
        let secretName = #"[A-Za-z0-9_.\-]*(?:TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APIKEY|API-KEY|PRIVATE_KEY)[A-Za-z0-9_.\-]*"#
        let secretWords = ["token", "secret", "password", "passwd", "api_key", "apikey", "api-key", "private_key"]
        func rule(
            _ name: String, _ pattern: String, _ template: String, secret: Int, _ form: Found.Form = .plain,
            words: SecretWords.Needed, caseInsensitive: Bool = false, anchorsMatchLines: Bool = false
        ) -> Rule {
            Rule(
                name: name, pattern: pattern, template: template, secretGroup: secret, form: form,
                caseInsensitive: caseInsensitive, anchorsMatchLines: anchorsMatchLines, words: words)
        }
        return [
            // Private key blocks, to the END line or, when cut short, to the end of the text.
            rule(
                "private key block", #"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?)-----([\s\S]*?)(?:-----END \1-----|\z)"#,
                "-----BEGIN $1-----\n\(mask)\n-----END $1-----", secret: 2, words: .init(anyOf: ["-----begin "])),
            // Authorization headers: keep the scheme word (Basic, Bearer …), hide the credentials.
            rule(
                "authorization header",
                #"((?:proxy-)?authorization"?[ \t]*[:=][ \t]*"?(?:(?:basic|bearer|token|digest|negotiate|ntlm)[ \t]+)?)([^\s"'\\,;][^\r\n"'\\]*)"#,
                "$1\(mask)", secret: 2, .credentials, words: .init(anyOf: ["authorization"]), caseInsensitive: true),
            // URL userinfo: scheme://user:password@host — the password may hold a raw @, as go and
            // curl read it (the userinfo ends at the authority's last @) — and any user part of
            // web URLs (often a token alone).
            rule(
                "URL user and password", #"\b([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#\s@"'<>:]*:[^/?#\s"'<>]*)@"#, "$1\(mask)@",
                secret: 2, .userInfo, words: .init(anyOf: ["://"], allOf: ["@"])),
            rule(
                "web URL user", #"\b((?:https?|git|ftps?|wss?)://)([^/?#\s@"'<>]+)@"#, "$1\(mask)@",
                secret: 2, .userInfo, words: .init(anyOf: ["://"], allOf: ["@"]), caseInsensitive: true),
            // A proxy setting without a scheme (go and curl take `user:password@host:port`).
            rule(
                "proxy setting user", #"\b((?:[A-Za-z]+_proxy|http\.proxy)[ \t]*[=:][ \t]*["']?)([^/?#\s"'<>]+)@"#,
                "$1\(mask)@", secret: 2, .userInfo, words: .init(anyOf: ["proxy"], allOf: ["@"]), caseInsensitive: true),
            // Forge tokens: GitHub, GitLab, Bitbucket / Atlassian.
            rule(
                "forge token",
                #"\b(?:gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|glpat-[A-Za-z0-9_\-]{16,}|ATBB[A-Za-z0-9_\-=]{16,}|ATATT[A-Za-z0-9_\-=]{16,})"#,
                mask, secret: 0, words: .init(anyOf: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "atbb", "atatt"])),
            // NAME=value and "NAME": "value" for secret-looking names, bare ones (TOKEN=) too.
            rule(
                "secret variable", #"(\b\#(secretName)[ \t]*=[ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s"']+)"#, "$1\(mask)",
                secret: 2, .quoted, words: .init(anyOf: secretWords, allOf: ["="]), caseInsensitive: true),
            rule(
                "secret JSON member", #"("\#(secretName)"[ \t]*:[ \t]*)"((?:[^"\\\n]|\\.)*)""#, "$1\"\(mask)\"",
                secret: 2, .jsonString, words: .init(anyOf: secretWords, allOf: [":"]), caseInsensitive: true),
            // `name: value` lines for secret-looking names: YAML (gh's hosts.yml `oauth_token:`)
            // and HTTP headers as curl -v and GIT_TRACE_CURL show them (`> X-Api-Key: …`).
            rule(
                "secret header or key",
                #"^((?:[^\n]*?(?:=>|<=)[ \t]*(?:Send|Recv) header:)?[ \t]*(?:[<>][ \t]*)?\#(secretName)[ \t]*:[ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s"'][^\r\n]*)"#,
                "$1\(mask)", secret: 2, .quoted, words: .init(anyOf: secretWords, allOf: [":"]),
                caseInsensitive: true, anchorsMatchLines: true),
            // .netrc: `password x` at the start of a line (or of a quoted line, as evidence quotes
            // it) or after `machine h` / `login u`; not prose like "Password for 'https://…'".
            rule(
                "netrc password",
                #"((?:^|(?<=["'`])|\b(?:machine|login|account|default)[ \t]+\S+)[ \t]*(?:password|passwd)[ \t]+)(?!(?:for|is|was|required|prompt|authentication)\b|YOUR_[A-Z0-9_]+\b)([^\s"'`]+)"#,
                "$1\(mask)", secret: 2, words: .init(anyOf: ["password", "passwd"]), caseInsensitive: true, anchorsMatchLines: true),
            // git's credential protocol (2.46+): `credential=…` beside `authtype=`, a line each.
            rule(
                "credential helper credential", #"((?:^|(?<=["'`]))[ \t]*credential[ \t]*=)([^\r\n"'`]+)"#, "$1\(mask)",
                secret: 2, words: .init(anyOf: ["credential"], allOf: ["="]), anchorsMatchLines: true)
        ]
    }()

    /// A compiled rule; `NSRegularExpression` matching is thread-safe.
    private struct CompiledRule: @unchecked Sendable {
        let regex: NSRegularExpression
        let template: String

        /// `text` with each match replaced by the template; the secret of each match is added to `found`.
        func replacing(in text: String, rule: Rule, found: inout [Found]) -> String {
            let source = text as NSString
            let matches = regex.matches(in: text, range: NSRange(location: 0, length: source.length))
            guard !matches.isEmpty else { return text }
            var result = ""
            var copied = 0
            for match in matches {
                result += source.substring(with: NSRange(location: copied, length: match.range.location - copied))
                result += regex.replacementString(for: match, in: text, offset: 0, template: template)
                copied = match.range.location + match.range.length
                let secret = match.range(at: rule.secretGroup)
                // An earlier rule's REDACTED, matched again, is not a secret.
                if secret.location != NSNotFound, secret.length > 0,
                    case let text = source.substring(with: secret), !text.contains(SecretMask.replacement)
                {
                    found.append(Found(text: text, form: rule.form))
                }
            }
            return result + source.substring(from: copied)
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
