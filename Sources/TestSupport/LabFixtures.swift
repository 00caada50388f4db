import Foundation

extension Lab {
    /// Builds a module proxy tree holding `modules` (each a tiny `ModuleSource`) and serves it.
    ///
    /// - Parameter gone: answer 410 Gone instead of 404 Not Found for anything missing, as
    ///   proxy.golang.org does for modules it cannot fetch.
    public func startProxy(
        modules: [(path: String, version: String)], gone: Bool = false
    ) throws -> LabServer {
        let proxyRoot = try freshDirectory("proxy")
        for module in modules {
            let source = try freshDirectory("source")
            try ModuleSource.write(path: module.path, to: source)
            try runChecked([
                "python3", LabServer.scriptURL.path, "mkproxy", "--root", proxyRoot.path,
                "--module", module.path, "--version", module.version, "--src", source.path,
            ])
        }
        return try startServer(["proxy", "--root", proxyRoot.path] + (gone ? ["--gone"] : []), name: "proxy")
    }

    /// Creates a bare repository per module, commits a `ModuleSource` per version (tagged with
    /// the version), and serves the repositories over git smart HTTP.
    ///
    /// The repository of `host/a/b.git` (or `host/a/b`) is served at `/a/b.git`; git's
    /// http-backend also answers `/a/b`. With `user` and `password`, every request needs HTTP
    /// basic auth and anything else gets 401 with `WWW-Authenticate: Basic realm="lab"`.
    public func startGitServer(
        repos: [(modulePath: String, version: String)], user: String?, password: String?
    ) throws -> LabServer {
        let gitRoot = try freshDirectory("git")
        var workTrees: [String: URL] = [:]
        for repo in repos {
            let relative = try Lab.repositoryPath(for: repo.modulePath)
            let work: URL
            if let existing = workTrees[relative] {
                work = existing
            } else {
                work = try freshDirectory("work")
                try runChecked(["git", "-c", "init.defaultBranch=main", "init", "-q"], in: work)
                workTrees[relative] = work
            }
            try ModuleSource.write(path: repo.modulePath, to: work)
            try runChecked(["git", "add", "-A"], in: work)
            try runChecked([
                "git", "-c", "user.name=Lab", "-c", "user.email=lab@example.com",
                "commit", "-q", "--allow-empty", "-m", "\(repo.modulePath) \(repo.version)",
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
        var arguments = ["git", "--root", gitRoot.path]
        if let user, let password {
            arguments += ["--user", user, "--password", password]
        }
        return try startServer(arguments, name: "git")
    }

    /// Appends `url.<base>.insteadOf = <prefix>` to the lab's global git config.
    public func gitInsteadOf(_ base: String, for prefix: String) throws {
        try runChecked([
            "git", "config", "--file", gitConfigURL.path, "--add", "url.\(base).insteadOf", prefix,
        ])
    }

    /// Creates a directory holding `go.mod` for `module example.com/consumer` that requires
    /// `requiring`, and no go.sum; `go mod download <path>` inside it fetches and records them.
    public func makeConsumer(requiring: [(path: String, version: String)]) throws -> URL {
        let dir = try freshDirectory("consumer")
        var text = "module example.com/consumer\n\ngo 1.19\n"
        if !requiring.isEmpty {
            text += "\nrequire (\n" + requiring.map { "\t\($0.path) \($0.version)\n" }.joined() + ")\n"
        }
        try Data(text.utf8).write(to: dir.appendingPathComponent("go.mod"))
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
