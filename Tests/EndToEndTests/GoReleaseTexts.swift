import TestSupport

/// What changed in go's error texts between the releases the lab runs on (1.19.8, 1.21.13,
/// 1.24.11, 1.26.6, 1.27.3), for the scenario tests' per-release expectations.
///
/// Boundaries name the first tested release that prints the new text: a change "from 1.21" may
/// have come with 1.20, which the lab does not run.
extension GoRelease {
    /// The whole stderr of a `.git` module path that no secure scheme (https, git+ssh, ssh)
    /// reaches, from 1.21: go no longer falls back to `git://`, and git's own error is dropped.
    static let noSecureProtocol = "go: no secure protocol found for repository\n"

    /// True when a `.git` path that every secure scheme's ping fails for ends in
    /// `noSecureProtocol` (from 1.21); go 1.19 falls back to `git://` (which the lab rewrites to the
    /// same server) and prints git's error.
    var hidesGitErrorsOfUnreachableDotGitPaths: Bool { isAtLeast(21) }

    /// The page `go: missing Git command. See …` names: go.dev from 1.27, golang.org before.
    var gogetcmdURL: String { isAtLeast(27) ? "https://go.dev/s/gogetcmd" : "https://golang.org/s/gogetcmd" }

    /// What precedes `x509: certificate signed by unknown authority`: from 1.21
    /// `tls: failed to verify certificate: `, nothing in 1.19.
    var x509Prefix: String { isAtLeast(21) ? "tls: failed to verify certificate: " : "" }

    /// The git command go names when `git ls-remote` fails inside its repository `<dir>`: from 1.26
    /// `git ls-remote -q --end-of-options <url> in <dir>`, before `git ls-remote -q origin in <dir>`.
    func lsRemote(url: String) -> String {
        isAtLeast(26) ? "git ls-remote -q --end-of-options \(url) in " : "git ls-remote -q origin in "
    }
}
