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
        if text.contains("checksum mismatch") || text.contains("SECURITY ERROR") { return .verify }
        if text.contains("/lookup/") || text.contains("sum.golang.org") || text.contains("verifying go.mod:")
            || text.contains("verifying module:") || text.contains("checksum database") || text.contains("/tile/")
            || text.contains("sumdb") || text.contains("GONOSUMDB") || text.contains("/go.mod: reading")
            || text.contains("/go.mod: Get ") { return .sumdb }
        if text.contains("toolchain") || text.contains("GOTOOLCHAIN") || text.contains("requires go >=")
            || text.contains("downloading go1") || text.contains("switching to go") { return .toolchain }
        if text.contains("go-get=1") || text.contains("git ls-remote") || text.contains("git fetch")
            || text.contains("exit status ") || text.contains("unrecognized import path") || text.contains("GOVCS")
            || text.contains("/cache/vcs/") || text.contains("fatal: ") || text.contains("Git command")
            || text.contains("\"git\"") || text.contains("unknown revision") || text.contains("go-import")
            || text.contains("git clone") || text.contains("hg ") && text.contains("exit status") { return .vcs }
        if text.contains("go.work") || text.contains("vendor") || text.contains("GOFLAGS") || text.contains("GOPROXY=off")
            || text.contains("go.sum") || text.contains("errors parsing go.mod") || text.contains("go.mod:")
            || text.contains("-mod=") || text.contains("cannot find main module") || text.contains("GOPRIVATE")
            || text.contains("GONOPROXY") || text.contains("GOINSECURE") || text.contains("GOAUTH") { return .local }
        if text.contains("/@v/") || text.contains("/@latest") || text.contains("proxy.golang.org")
            || text.contains("GOPROXY") || text.contains("goproxy") { return .proxy }
        return .other
    }
}
