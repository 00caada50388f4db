import Foundation
import HostEffects
import Testing

@testable import TriageCLI

@Suite("Redactor")
struct RedactorTests {
    /// (text with a secret, the secret, a part that must stay)
    static let cases: [(String, String, String)] = [
        ("GOPROXY=https://alice:s3cretPass@proxy.corp.example:8443/mod", "s3cretPass", "proxy.corp.example:8443"),
        ("fetching http://user:ghp_aaaaBBBBccccDDDDeeeeFFFF0000111122@127.0.0.1:4711", "aaaaBBBBcccc", "127.0.0.1:4711"),
        ("git clone https://oauth2tokenonly@gitlab.example/x.git", "oauth2tokenonly", "gitlab.example/x.git"),
        ("token is ghp_0123456789abcdefABCDEF0123456789abcd here", "ghp_0123456789", "token is"),
        ("gho_0123456789abcdefABCDEF gh u ghu_0123456789abcdefABCD ghs_0123456789abcdefABCD", "0123456789abcdef", "gh u"),
        ("ghr_0123456789abcdefABCDEFxyz ok", "ghr_0123456789", " ok"),
        ("pat github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github_pat_11ABC", "pat"),
        ("GitLab glpat-xxxxxxxxxxxxxxxxxxxx ok", "glpat-xxxx", "GitLab"),
        ("bitbucket ATBB3g7ZxYwVuTsRqPoNmLkJiHgFeDcBa9876 end", "ATBB3g7Z", "bitbucket"),
        ("http.extraheader=Authorization: Bearer abc.def.ghi", "abc.def.ghi", "Authorization: Bearer"),
        ("> Proxy-Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz", "Proxy-Authorization: Basic"),
        ("machine git.corp.example\nlogin alice\npassword hunter2\n", "hunter2", "machine git.corp.example"),
        ("machine h login u password p4ssw0rd", "p4ssw0rd", "login u"),
        ("default login bob\n  passwd swordfish\n", "swordfish", "login bob"),
        (#"stdout line 3: "password hunter2""#, "hunter2", "stdout line 3"),
        ("GITHUB_TOKEN=abc123 other=1", "abc123", "other=1"),
        ("HTTPS_PROXY=alice:s3cret@proxy.corp:3128", "alice:s3cret", "proxy.corp:3128"),
        ("export MY_API_KEY='k e y'", "k e y", "export MY_API_KEY="),
        ("db_password = letmein", "letmein", "db_password"),
        (#"{"CI_JOB_TOKEN": "zzzsecretzzz", "HOME": "/root"}"#, "zzzsecretzzz", #""HOME": "/root""#),
        (
            "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAA\nAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\ndone",
            "b3BlbnNzaC1rZXktdjEAAAA", "done"
        ),
        ("cut: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA", "MIIEowIBAAKCAQEA", "BEGIN RSA PRIVATE KEY"),
        // Bare secret names, alone or in JSON, and what credential helpers print.
        ("PASSWORD=bareP4ssword", "bareP4ssword", "PASSWORD="),
        ("TOKEN=bareT0kenValue other=1", "bareT0kenValue", "other=1"),
        ("SECRET=bareS3cretValue", "bareS3cretValue", "SECRET="),
        ("api_key=lowerApiK3y99", "lowerApiK3y99", "api_key="),
        (#"{"username": "alice", "password": "jsonPassw0rd!"}"#, "jsonPassw0rd!", #""username": "alice""#),
        (#"{"token": "jsonBareT0ken", "expires_in": 3600}"#, "jsonBareT0ken", "expires_in"),
        ("protocol=https\nhost=git.corp.example\nusername=alice\npassword=Tr0ub4dor-3x\n", "Tr0ub4dor-3x", "username=alice"),
        ("protocol=https\nauthtype=Bearer\ncredential=eyJhbGciOiJIUzI1NiJ9.credPayload.sig7Q\n", "credPayload", "authtype=Bearer"),
        // A password with a raw @: go, like curl, takes the userinfo up to the last @ before the host.
        ("reading https://alice:p@ss@w0rd-At9@proxy.corp.example/x/@v/list: 403", "w0rd-At9", "@proxy.corp.example/x/@v/list"),
        ("https_proxy=carol:p@ss@proxy.corp:3128", "ss@proxy", "proxy.corp:3128"),
        ("> X-Api-Key: hdrApiK3y-777x", "hdrApiK3y-777x", "X-Api-Key:"),
        (
            "github.corp.example:\n    oauth_token: 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n    user: alice",
            "0a1b2c3d4e5f6071", "user: alice"
        )
    ]

    @Test(arguments: cases)
    func hidesTheSecretAndKeepsTheRest(text: String, secret: String, kept: String) {
        let redacted = Redactor().redact(text)
        #expect(!redacted.contains(secret), "\(redacted)")
        #expect(redacted.contains(kept), "\(redacted)")
        #expect(redacted.contains(SecretMask.replacement))
        #expect(Redactor().redact(redacted) == redacted, "redacting twice changes nothing more")
        #expect(Redactor(enabled: false).redact(text) == text)
    }

    @Test(arguments: [
        "go: example.com/hello@v1.0.0: reading http://127.0.0.1:4711/example.com/hello/@v/list: 404 Not Found",
        "fatal: could not read Password for 'https://git.example': terminal prompts disabled",
        "Password for 'https://git.example': ",
        "git@github.com: Permission denied (publickey).",
        "GOPROXY=https://proxy.golang.org,direct GONOSUMDB=corp.example.com",
        // A playbook's instruction names placeholders in the YOUR_… form; they are not secrets.
        #"add the line "machine git.example login YOUR_USER password YOUR_TOKEN" to ~/.netrc"#
    ])
    func leavesOrdinaryTextAlone(text: String) {
        #expect(Redactor().redact(text) == text)
    }

    @Test func dataThatIsNotJSONIsRedactedAsText() {
        let data = Data("not json: https://u:pw@h:1/x GITHUB_TOKEN=abc".utf8)
        #expect(
            String(decoding: Redactor().redact(json: data), as: UTF8.self)
                == "not json: https://REDACTED@h:1/x GITHUB_TOKEN=REDACTED")
        #expect(Redactor(enabled: false).redact(json: data) == data)
    }

    @Test func redactsEveryStringOfJSONAndSecretNamedValues() throws {
        let json = Data(#"{"env":{"GITHUB_TOKEN":"plain","PATH":"/bin"},"argv":["curl","https://u:pw@h:1/x"],"n":12.5,"ok":true}"#.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Redactor().redact(json: json)) as? [String: Any])
        let env = try #require(object["env"] as? [String: String])
        #expect(env == ["GITHUB_TOKEN": "REDACTED", "PATH": "/bin"])
        #expect(object["argv"] as? [String] == ["curl", "https://REDACTED@h:1/x"])
        #expect(object["n"] as? Double == 12.5)
        #expect(object["ok"] as? Bool == true)
        #expect(
            Redactor().redact(environment: ["NPM_TOKEN": "x", "URL": "https://a:b@c"]) == [
                "NPM_TOKEN": "REDACTED", "URL": "https://REDACTED@c"
            ])
    }

    /// A remembered secret is masked in JSON that holds no rule's word (the quick look alone would
    /// let it through), in JSON written with escapes, and in data that is not JSON at all.
    @Test func rememberedSecretsAreMaskedInJSONWithoutAnyRuleWord() {
        let redactor = Redactor()
        redactor.secrets.register("plain-but-secret")
        redactor.secrets.register(#"with"quote"#)
        let json = Data(#"{"argv":["printf","plain-but-secret"],"note":"with\"quote"}"#.utf8)
        let redacted = String(decoding: redactor.redact(json: json), as: UTF8.self)
        #expect(redacted == #"{"argv":["printf","REDACTED"],"note":"REDACTED"}"#)
        let broken = Data(#"{"argv": ["plain-but-secret""#.utf8)
        #expect(String(decoding: redactor.redact(json: broken), as: UTF8.self) == #"{"argv": ["REDACTED""#)
    }

    @Test func aSecretAnswerIsHiddenWhateverItsLength() {
        #expect(Redactor().redact(answer: "ab", secret: true) == "REDACTED")
        #expect(Redactor().redact(answer: "ab", secret: false) == "ab")
        #expect(Redactor(enabled: false).redact(answer: "ab", secret: true) == "ab")
    }

    /// A token captured from a probe and reused in a conclusion is hidden in both reports, though
    /// the conclusion comes first in them and no rule sees the bare token.
    @Test(arguments: [ReportWriter.Format.markdown, .json])
    func aCapturedSecretReusedInTheConclusionIsHidden(format: ReportWriter.Format) throws {
        var record = WalkRecord()
        record.playbook = "book"
        record.steps = [
            WalkRecord.Step(
                number: 1, step: "book:read", kind: .command,
                command: WalkRecord.Command(
                    argv: ["git", "credential", "fill"], environment: [:], exitCode: 0, durationMs: 1,
                    stdout: "protocol=https\nhost=git.example\npassword=Capt-ured-9x\n"))
        ]
        record.end = WalkRecord.End(
            outcome: "not-resolved", cause: nil, conclusion: "git used Capt-ured-9x for git.example.",
            step: "book:end", reason: "done")
        let context = ReportContext(gotriage: "0", go: "go1", os: "os", generatedAt: "now")
        let redactor = Redactor()
        let text =
            format == .json
            ? try JSONReport(record: record, context: context, redactor: redactor).render(with: redactor)
            : MarkdownReport(record: record, context: context, redactor: redactor).render()
        #expect(!text.contains("Capt-ured-9x"), "\(text)")
        #expect(text.contains("git used REDACTED for git.example."))
    }

    /// JSON without any rule's word comes back as it was; a word spelled with an escape is still found.
    @Test func jsonWithoutSecretsIsReturnedAsItIsAndEscapesAreNotTrusted() throws {
        let plain = Data(#"{"argv":["go","version"],"event":"probe-end","exit_code":0,"stdout":"go version go1.19.8\n"}"#.utf8)
        #expect(Redactor().redact(json: plain) == plain)
        for hidden in [#"{"MY_\u0054OKEN":"x"}"#, #"{"url":"https:\/\/u:pw@h\/x"}"#] {
            let redacted = String(decoding: Redactor().redact(json: Data(hidden.utf8)), as: UTF8.self)
            #expect(redacted.contains("REDACTED"), "\(redacted)")
        }
    }
}
