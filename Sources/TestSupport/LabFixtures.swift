import Foundation

extension Lab {
    /// Builds a module proxy tree holding `modules` (each a tiny `ModuleSource`) and serves it.
    ///
    /// - Parameters:
    ///   - gone: answer 410 Gone instead of 404 Not Found for anything missing, as
    ///     proxy.golang.org does for modules it cannot fetch.
    ///   - declaredPaths: module path → the path its `go.mod` declares instead (a wrong-path module).
    ///   - certificate: serve HTTPS with this certificate instead of plain HTTP.
    public func startProxy(
        modules: [(path: String, version: String)], gone: Bool = false,
        declaredPaths: [String: String] = [:], certificate: LabCertificate? = nil
    ) throws -> LabServer {
        let proxyRoot = try freshDirectory("proxy")
        for module in modules {
            let source = try freshDirectory("source")
            var files: [String: String] = [:]
            if let declared = declaredPaths[module.path] {
                files["go.mod"] = "module \(declared)\n\ngo 1.19\n"
            }
            try ModuleSource.write(path: module.path, to: source, files: files)
            try runChecked([
                "python3", LabServer.scriptURL.path, "mkproxy", "--root", proxyRoot.path,
                "--module", module.path, "--version", module.version, "--src", source.path
            ])
        }
        return try startServer(
            ["proxy", "--root", proxyRoot.path] + (gone ? ["--gone"] : []) + (certificate?.serverArguments ?? []),
            name: "proxy")
    }

    /// Creates a bare repository per module, commits a `ModuleSource` per version (tagged with
    /// the version), and serves the repositories over git smart HTTP.
    ///
    /// The repository of `host/a/b.git` (or `host/a/b`) is served at `/a/b.git`; git's
    /// http-backend also answers `/a/b`. With `user` and `password`, every request needs HTTP
    /// basic auth and anything else gets 401 with `WWW-Authenticate: Basic realm="lab"`.
    public func startGitServer(
        repos: [(path: String, version: String)], user: String?, password: String?
    ) throws -> LabServer {
        let gitRoot = try makeGitRepositories(repos)
        var arguments = ["git", "--root", gitRoot.path]
        if let user, let password {
            arguments += ["--user", user, "--password", password]
        }
        return try startServer(arguments, name: "git")
    }

    /// Creates a bare repository per module below a new directory, which it returns; a version is
    /// a commit of a `ModuleSource` tagged with the version (see `startGitServer`).
    public func makeGitRepositories(_ repos: [(path: String, version: String)]) throws -> URL {
        let gitRoot = try freshDirectory("git")
        var workTrees: [String: URL] = [:]
        for repo in repos {
            let relative = try Lab.repositoryPath(for: repo.path)
            let work: URL
            if let existing = workTrees[relative] {
                work = existing
            } else {
                work = try freshDirectory("work")
                try runChecked(["git", "-c", "init.defaultBranch=main", "init", "-q"], in: work)
                workTrees[relative] = work
            }
            try ModuleSource.write(path: repo.path, to: work)
            try runChecked(["git", "add", "-A"], in: work)
            try runChecked(
                [
                    "git", "-c", "user.name=Lab", "-c", "user.email=lab@example.com",
                    "commit", "-q", "--allow-empty", "-m", "\(repo.path) \(repo.version)"
                ], in: work)
            try runChecked(["git", "tag", repo.version], in: work)
        }
        for (relative, work) in workTrees {
            let bare = gitRoot.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: bare, withIntermediateDirectories: true)
            try runChecked(["git", "-c", "init.defaultBranch=main", "init", "-q", "--bare", bare.path])
            try runChecked(["git", "push", "-q", bare.path, "main", "--tags"], in: work)
            try runChecked(["git", "--git-dir", bare.path, "update-server-info"])
        }
        return gitRoot
    }

    /// Appends `url.<base>.insteadOf = <prefix>` to the lab's global git config.
    public func gitInsteadOf(_ base: String, for prefix: String) throws {
        try runChecked([
            "git", "config", "--file", gitConfigURL.path, "--add", "url.\(base).insteadOf", prefix
        ])
    }

    /// Sends `https://<host>/` and `git://<host>/` to `base` (e.g. a git server URL plus `/`).
    ///
    /// For a `.git` module path that no scheme reaches, go 1.19 falls back to `git://<host>/…`
    /// without a ping; rewriting it too keeps git off DNS and surfaces the base's own error.
    public func routeGitHost(_ host: String, to base: String) throws {
        try gitInsteadOf(base, for: "https://\(host)/")
        try gitInsteadOf(base, for: "git://\(host)/")
    }

    /// Creates a directory holding `go.mod` for `module example.com/consumer` that requires
    /// `requiring`, and no go.sum; `go mod download <path>` inside it fetches and records them.
    ///
    /// With `imports`, it also holds a `main.go` importing those packages, for `go build`.
    public func makeConsumer(
        requiring: [(path: String, version: String)], imports: [String] = []
    ) throws -> URL {
        let dir = try freshDirectory("consumer")
        var text = "module example.com/consumer\n\ngo 1.19\n"
        if !requiring.isEmpty {
            text += "\nrequire (\n" + requiring.map { "\t\($0.path) \($0.version)\n" }.joined() + ")\n"
        }
        try Data(text.utf8).write(to: dir.appendingPathComponent("go.mod"))
        if !imports.isEmpty {
            let main =
                "package main\n\nimport (\n" + imports.map { "\t_ \"\($0)\"\n" }.joined()
                + ")\n\nfunc main() {}\n"
            try Data(main.utf8).write(to: dir.appendingPathComponent("main.go"))
        }
        return dir
    }

    /// Starts a lab server with the lab environment and its log in `<root>/logs/<name>-N.log`.
    func startServer(_ arguments: [String], name: String) throws -> LabServer {
        let log = try freshDirectory("logs/\(name)").appendingPathComponent("server.log")
        return try LabServer.start(arguments, environment: environment, log: log)
    }

    /// The repository path below the git server root for a module path: the host is dropped and
    /// `.git` appended when missing, e.g. `team/lib.git` for `private.example.com/team/lib.git`.
    static func repositoryPath(for modulePath: String) throws -> String {
        let elements = modulePath.split(separator: "/")
        guard elements.count > 1 else { throw LabError.invalidModulePath(modulePath) }
        let relative = elements.dropFirst().joined(separator: "/")
        return relative.hasSuffix(".git") ? relative : relative + ".git"
    }
}
