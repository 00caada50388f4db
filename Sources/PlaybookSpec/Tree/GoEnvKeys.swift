/// The Go environment variables a playbook may name.
public enum GoEnvKeys {
    /// Keys `go env -w` / `go env -u` accept in a fix (Go 1.13 and later).
    public static let writable: Set<String> = [
        "GO111MODULE", "GOAMD64", "GOARCH", "GOARM", "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG",
        "GODEBUG", "GOEXPERIMENT", "GOFIPS140", "GOFLAGS", "GOINSECURE", "GOMODCACHE", "GONOPROXY",
        "GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY", "GOSUMDB", "GOTELEMETRY",
        "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN", "GOVCS", "GOWORK", "CGO_ENABLED", "CC", "CXX",
        "AR", "PKG_CONFIG", "GCCGO", "CGO_CFLAGS", "CGO_LDFLAGS"
    ]

    /// Keys that may be read in conditions and `{{goenv.KEY}}` templates: the writable ones plus
    /// those `go env` reports but does not let you write.
    public static let readable: Set<String> = writable.union([
        "GOENV", "GOVERSION", "GOHOSTOS", "GOHOSTARCH", "GOMOD", "GOWORK", "GOEXE", "GOTOOLDIR",
        "GOGCCFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS"
    ])

    /// The keys that matter when a module download fails, in the order `env` shows them.
    public static let relevant: [String] = [
        "GOPROXY", "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOSUMDB", "GOINSECURE", "GOFLAGS",
        "GO111MODULE", "GOVCS", "GOENV", "GOPATH", "GOMODCACHE", "GOVERSION"
    ]

    /// Template variables of the form `goenv.KEY` read the Go environment.
    public static let templatePrefix = "goenv."
}
