/// The stable cause ids a `done` step may name. Reports and `--json` output use them.
public enum CauseCatalog {
    /// Every known cause id with its meaning in plain words.
    public static let causes: [(id: String, meaning: String)] = [
        ("git-missing", "git is not installed or not on PATH"),
        ("goproxy-off", "module lookup is disabled (GOPROXY=off, or -mod=vendor in GOFLAGS)"),
        ("network-unreachable", "the proxy, checksum database or code host cannot be reached"),
        ("proxy-misconfig", "HTTP_PROXY / HTTPS_PROXY / NO_PROXY are wrong, or something else answers"),
        ("tls-untrusted-ca", "a TLS certificate is signed by an authority this machine does not trust"),
        ("private-module-proxy", "a private module was asked of a proxy that cannot fetch it"),
        ("private-module-sumdb", "a private module was checked against the public checksum database"),
        ("https-credentials", "git over HTTPS needs credentials it does not have"),
        ("ssh-auth", "git over SSH has no key the server accepts"),
        ("ssh-hostkey", "the SSH host key is unknown or has changed"),
        ("git-url-rewrite", "a git url.<base>.insteadOf rewrite sends fetches somewhere unusable"),
        ("repo-not-found", "the repository does not exist or is not visible to these credentials"),
        ("unknown-revision", "the required version, tag or pseudo-version does not exist"),
        ("path-mismatch", "the module declares a different path than the one required"),
        ("checksum-mismatch", "the downloaded code does not match the recorded checksum"),
        ("import-path-meta", "a custom import path has no working go-import meta tag"),
        ("insecure-http", "the host only speaks plain HTTP"),
        ("goflags-invalid", "GOFLAGS holds a flag go does not accept"),
        ("unknown", "none of the known causes"),
    ]

    /// The set of valid ids.
    public static let ids: Set<String> = Set(causes.map(\.id))
}
