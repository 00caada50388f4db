/// Where in a download a piece of an error happened, and whose words it is.
///
/// Go names the step that failed in its own words (`reading https://proxy…/@v/…`, `verifying
/// go.mod:`, `git ls-remote … exit status 128:`); a server's answer follows `server response:`.
/// The two `…-response` stages hold *that server's* view: a proxy that says `no such host` could
/// not reach the origin, which says nothing about this machine's network.
public enum Stage: String, CaseIterable, Sendable, Comparable {
    /// Fetching from a module proxy (`/@v/…`, `/@latest`).
    case proxy
    /// The text a module proxy sent back after `server response:`.
    case proxyResponse = "proxy-response"
    /// Looking up or verifying against the checksum database (`/lookup/`, `verifying go.mod:`).
    case sumdb
    /// The text a checksum database (or a proxy serving it) sent back.
    case sumdbResponse = "sumdb-response"
    /// Comparing downloaded code with go.sum (`verifying M@V: checksum mismatch`).
    case verify
    /// Direct fetches: `?go-get=1` discovery, git (and its stderr), GOVCS.
    case vcs
    /// Downloading or choosing a Go toolchain (GOTOOLCHAIN, `go >= …` lines).
    case toolchain
    /// This machine's own files and settings: go.mod, go.work, vendor/, GOFLAGS, GOPROXY=off.
    case local
    /// Nothing in the text says where it comes from.
    case other

    /// Whether the words are a server's answer rather than this machine's.
    public var isServerAnswer: Bool { self == .proxyResponse || self == .sumdbResponse }

    /// The stages a signature applies to when its catalog entry names none: everything this
    /// machine says (a server's answer has to be asked for by name).
    public static let ownWords: Set<Stage> = Set(allCases.filter { !$0.isServerAnswer })

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The stage Go's own words belong to, from the markers they contain (first rule that fits):
    /// go.sum verification, checksum database, toolchain, direct VCS fetch, local files and
    /// settings, proxy, else `other`.
    static func of(goText text: String) -> Stage {
        for rule in markers where rule.needles.contains(where: { ByteSearch.contains($0, in: text) }) {
            return rule.stage
        }
        return .other
    }

    /// The markers of each stage, in the order they are tried.
    private static let markers: [(stage: Stage, needles: [[UInt8]])] = [
        (.verify, ["checksum mismatch", "SECURITY ERROR"].map { Array($0.utf8) }),
        (
            .sumdb,
            [
                "/lookup/", "sum.golang.org", "verifying go.mod:", "verifying module:", "checksum database", "/tile/", "sumdb", "GONOSUMDB",
                "/go.mod: reading", "/go.mod: Get "
            ].map { Array($0.utf8) }
        ),
        (.toolchain, ["toolchain", "GOTOOLCHAIN", "requires go >=", "downloading go1", "switching to go"].map { Array($0.utf8) }),
        (
            .vcs,
            [
                "go-get=1", "git ls-remote", "git fetch", "exit status ", "unrecognized import path", "GOVCS", "/cache/vcs/", "fatal: ",
                "Git command", "\"git\"", "unknown revision", "go-import", "git clone"
            ].map { Array($0.utf8) }
        ),
        (
            .local,
            [
                "go.work", "vendor", "GOFLAGS", "GOPROXY=off", "go.sum", "errors parsing go.mod", "go.mod:", "-mod=",
                "cannot find main module", "GOPRIVATE", "GONOPROXY", "GOINSECURE", "GOAUTH"
            ].map { Array($0.utf8) }
        ),
        (.proxy, ["/@v/", "/@latest", "proxy.golang.org", "GOPROXY", "goproxy"].map { Array($0.utf8) })
    ]
}
