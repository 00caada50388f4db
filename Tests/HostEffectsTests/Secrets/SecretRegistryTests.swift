import Foundation
import Testing

@testable import HostEffects

/// `SecretRegistry`: a secret seen once is hidden wherever it appears later, even where no rule
/// would see it; short values follow the length rules so ordinary text survives.
@Suite("SecretRegistry")
struct SecretRegistryTests {
    @Test func aSecretARuleFoundIsHiddenInAnySentenceLater() {
        let secrets = SecretRegistry()
        #expect(secrets.masked("machine git.example login u password Qz7-hunter2") == "machine git.example login u password REDACTED")
        #expect(secrets.masked("Signing in with Qz7-hunter2 now.") == "Signing in with REDACTED now.")
        #expect(SecretMask.masked("Signing in with Qz7-hunter2 now.") == "Signing in with Qz7-hunter2 now.", "no rule sees it")
    }

    @Test func aRegisteredValueIsHiddenAlsoInsideOtherText() {
        let secrets = SecretRegistry()
        secrets.register("s3cr3t-value")
        #expect(secrets.masked("prefix-s3cr3t-value-suffix") == "prefix-REDACTED-suffix")
        #expect(secrets.masked(#"{"note":"s3cr3t-value"}"#) == #"{"note":"REDACTED"}"#)
    }

    @Test func learningFromTextRemembersWithoutChangingIt() {
        let secrets = SecretRegistry()
        secrets.learn(from: "GITHUB_TOKEN=abcd1234efgh")
        #expect(secrets.masked("the token abcd1234efgh") == "the token REDACTED")
    }

    /// Shorter than 4: never by value; 4–7: as a whole word only; 8 or more: anywhere.
    @Test(arguments: [
        ("abc", "abc and xabc", "abc and xabc"),
        ("test1", "user=test1, test12, xtest1, (test1)", "user=REDACTED, test12, xtest1, (REDACTED)"),
        ("p@ss!", "p@ss! then p@ss!x", "REDACTED then p@ss!x"),
        ("longer-secret", "xlonger-secretx", "xREDACTEDx")
    ])
    func shortValuesAreHiddenOnlyWhereTheyCannotBeOrdinaryText(value: String, text: String, shown: String) {
        let secrets = SecretRegistry()
        secrets.register(value)
        #expect(secrets.masked(text) == shown)
    }

    @Test(arguments: ["", "   ", "abc", "true", "FALSE", "null", "REDACTED", "xREDACTEDx", "YOUR_TOKEN"])
    func someValuesAreNeverRemembered(value: String) {
        let secrets = SecretRegistry()
        secrets.register(value)
        #expect(secrets.isEmpty)
    }

    /// The spellings a value comes back in: the password of a URL alone, percent-encoded and
    /// decoded, a Basic header decoded, JSON-escaped, shell-quoted, a key's body line by line.
    @Test(arguments: [
        ("https://alice:p@ss%2Fword@proxy.corp/x", "your password p@ss/word"),
        ("https://alice:pct%40Enc0ded@proxy.corp", "typed pct@Enc0ded"),
        ("Authorization: Basic YWxpY2U6YmFzaWNQYXNzMQ==", "password basicPass1 it is"),
        (#"{"password": "quo\"ted-pass"}"#, #"as JSON: "quo\"ted-pass", as text: quo"ted-pass"#),
        (#"declare -x DB_PASSWORD="it's-mine""#, #"shown as 'it'\''s-mine'"#),
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAline1\nKHJoEline2abc\n-----END RSA PRIVATE KEY-----", "excerpt: KHJoEline2abc")
    ])
    func otherSpellingsOfASecretAreHiddenToo(source: String, later: String) {
        let secrets = SecretRegistry()
        secrets.learn(from: source)
        let masked = secrets.masked(later)
        #expect(masked.contains("REDACTED"), "\(masked)")
        for kept in ["your password", "typed", "it is", "as JSON", "shown as", "excerpt:"] where later.contains(kept) {
            #expect(masked.contains(kept))
        }
        #expect(
            !masked.contains("p@ss/word") && !masked.contains("pct@Enc0ded") && !masked.contains("basicPass1")
                && !masked.contains("quo") && !masked.contains("s-mine") && !masked.contains("KHJoE"), "\(masked)")
    }

    @Test func secretNamedEnvironmentValuesAreRemembered() {
        let secrets = SecretRegistry()
        secrets.register(environment: ["GITHUB_TOKEN": "ghp_notPatternShaped", "PATH": "/usr/bin:/bin", "HOME": "/root"])
        #expect(secrets.masked("value ghp_notPatternShaped, path /usr/bin:/bin") == "value REDACTED, path /usr/bin:/bin")
    }

    @Test func holdsSecretSeesRulesAndRememberedValues() {
        let secrets = SecretRegistry()
        #expect(secrets.holdsSecret("https://u:pw@host/x"))
        #expect(!secrets.holdsSecret("start exit-status-128"))
        secrets.register("plain-words-secret")
        #expect(secrets.holdsSecret("it is plain-words-secret"))
    }

    @Test func manyThreadsMayRegisterAndMaskAtOnce() async {
        let secrets = SecretRegistry()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    secrets.register("concurrent-secret-\(index)")
                    _ = secrets.masked("text with concurrent-secret-\(index)")
                }
            }
        }
        #expect(secrets.masked("concurrent-secret-7 and concurrent-secret-42") == "REDACTED and REDACTED")
    }
}
