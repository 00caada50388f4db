import Foundation
import Testing

@testable import HostEffects

/// `SecretMask`: the rules every masked secret goes through (the report cases are in `RedactorTests`).
@Suite("SecretMask")
struct SecretMaskTests {
    @Test(arguments: SecretMask.rules)
    func everyRuleCompiles(rule: SecretMask.Rule) {
        #expect(throws: Never.self) { try rule.compile() }
    }

    /// What each rule finds is the secret alone, as the text held it (the registry remembers it).
    @Test(arguments: [
        ("machine h login u password p4ss", ["p4ss"]),
        ("https://alice:p@ss@proxy/x", ["alice:p@ss"]),
        ("GITHUB_TOKEN='quoted value'", ["'quoted value'"]),
        ("Authorization: Basic dXNlcjpwYXNz", ["dXNlcjpwYXNz"]),
        (#"{"password": "a\"b"}"#, [#"a\"b"#]),
        ("credential=tok.en\n", ["tok.en"]),
        ("nothing here", [])
    ])
    func maskingSaysWhatItFound(text: String, found: [String]) {
        #expect(SecretMask.masking(text).found.map(\.text) == found)
    }

    @Test func everyRuleHasItsOwnName() {
        #expect(Set(SecretMask.rules.map(\.name)).count == SecretMask.rules.count)
    }

    /// Proxy settings as go, curl and git take them: with or without a scheme, with or without a password.
    @Test(arguments: [
        ("HTTPS_PROXY=http://alice:s3cret@proxy:3128", "HTTPS_PROXY=http://REDACTED@proxy:3128"),
        ("https_proxy=alice:s3cret@proxy:3128", "https_proxy=REDACTED@proxy:3128"),
        ("all_proxy=token-only@proxy:3128", "all_proxy=REDACTED@proxy:3128"),
        ("git http.proxy=bob:gitpass@127.0.0.1:8080", "git http.proxy=REDACTED@127.0.0.1:8080"),
        ("http://alice@proxy:3128", "http://REDACTED@proxy:3128"),
        ("http://alice:s3cret@proxy:3128", "http://REDACTED@proxy:3128"),
        ("http://proxy:3128/path@x", "http://proxy:3128/path@x"),
        ("HTTP_PROXY=http://127.0.0.1:3128", "HTTP_PROXY=http://127.0.0.1:3128"),
        ("no_proxy=corp.example,.internal", "no_proxy=corp.example,.internal")
    ])
    func proxySettingsLoseTheirUserAndPassword(text: String, shown: String) {
        #expect(SecretMask.masked(text) == shown)
        #expect(SecretMask.masked(shown) == shown, "masking twice changes nothing more")
    }

    @Test func proxySelectionShowsTheProxyMasked() throws {
        let selection = try #require(
            ProxySelection.forURL(
                "https://proxy.golang.org/", environment: ["HTTPS_PROXY": "alice:s3cret@proxy.corp:3128"]))
        #expect(selection.proxy == "http://REDACTED@proxy.corp:3128")
        #expect(selection.variable == "HTTPS_PROXY")
    }

    @Test(arguments: [
        "GITHUB_TOKEN", "db_password", "my_api_key", "CLIENT_SECRET", "PASSWD", "TOKEN", "x-api-key",
        "SSH_PRIVATE_KEY"
    ])
    func secretNamesAreRecognised(name: String) {
        #expect(SecretMask.isSecretName(name))
    }

    @Test(arguments: ["GOPROXY", "HTTPS_PROXY", "PATH", "GONOSUMDB", "GOAUTH", "credential.helper"])
    func ordinaryNamesAreNotSecret(name: String) {
        #expect(!SecretMask.isSecretName(name))
    }

    /// A rule is skipped only when the text cannot hold a match: each text is masked with the
    /// quick look at its words as without it (every rule run on the text, one after another).
    @Test(arguments: [
        "plain go output: go: downloading example.com/hello v1.0.0",
        "HTTPS_PROXY=http://alice:s3cret@proxy:3128 and https_proxy=bob:pw@proxy:3128",
        "Authorization: Bearer abc.def, GITHUB_TOKEN=ghp_0123456789abcdef0123 and glpat-0123456789abcdefghij",
        #"{"password": "hunter2", "url": "git://u@h/x"}"#,
        "machine git.example login u password p4ss",
        "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----",
        "MY_TO\u{212A}EN=abc (a Kelvin sign, which a case-insensitive regex takes for k)",
        "ſecret: ſ, the long s, and PAſſWORD=x",
        "TOKEN=bare and api_key=lower, https://alice:p@ss@proxy/x, https_proxy=c:p@s@h:1",
        "protocol=https\nauthtype=Bearer\ncredential=eyJhbGciOi.x.y\npassword=pw1234",
        "> X-Api-Key: k3y\n    oauth_token: 0a1b2c\n14:02 http.c:664 => Send header: Private-Token: glpat",
        "Password for 'https://git.example': and password: for nothing"
    ])
    func theQuickLookChangesNothing(text: String) {
        #expect(SecretMask.masked(text) == SecretMask.maskedByEveryRule(text))
    }
}
