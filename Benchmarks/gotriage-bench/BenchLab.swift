import Foundation
import TestSupport

/// A throwaway Go environment broken the goproxy-off way, with a module proxy on 127.0.0.1 that
/// serves the module the consumer needs: what the walk benchmarks run gotriage in.
///
/// Everything lives under the lab's temporary directory (its own HOME, GOENV, GOPATH, GOMODCACHE,
/// GOCACHE, git config with GIT_CONFIG_NOSYSTEM=1); nothing reaches beyond loopback.
final class BenchLab {
    let lab: Lab
    let proxy: LabServer
    /// The module folder gotriage runs in; its go.mod requires `LabModule.hello`.
    let consumer: URL
    /// gotriage's environment: the lab's, plus the playbooks, no colour, and state and cache under the lab.
    let environment: [String: String]

    /// The GOENV file's lines before every walk.
    static let brokenGoEnv = ["GOPROXY=off", "GOSUMDB=off"]

    /// Builds the lab; `playbooks` is the shipped playbooks' folder (relative to the current directory or absolute).
    init(playbooks: String) throws {
        lab = try Lab.make()
        proxy = try lab.startProxy(modules: [LabModule.hello])
        consumer = try lab.makeConsumer(requiring: [LabModule.hello])
        let folder = URL(fileURLWithPath: playbooks, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        environment = lab.environment.merging([
            "GOTRIAGE_SHIPPED_PLAYBOOKS": folder.standardizedFileURL.path,
            "NO_COLOR": "1",
            "XDG_STATE_HOME": lab.root.appendingPathComponent("state").path,
            "XDG_CACHE_HOME": lab.root.appendingPathComponent("cache").path
        ]) { _, new in new }
        try reset()
    }

    /// Where gotriage remembers the file texts it validated (`ValidatedTextsCache`).
    var cacheHome: URL { lab.root.appendingPathComponent("cache") }

    /// The `go` on the lab's PATH.
    var go: String { TimedProcess.which("go", path: environment["PATH"]) }

    /// Puts the lab back as before a walk: GOPROXY=off in the GOENV file and an empty module
    /// cache. The undo journal stays, as it does for anyone who has let gotriage fix something
    /// before (only the first change ever creates it and syncs its new folders to disk).
    func reset() throws {
        try lab.writeGoEnvFile(Self.brokenGoEnv)
        // go makes the module cache read-only; make its folders writable to remove it.
        if let walker = FileManager.default.enumerator(at: lab.modCache, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: lab.modCache.path)
        try? FileManager.default.removeItem(at: lab.modCache)
    }

    /// Stops the proxy and deletes the lab.
    func remove() {
        proxy.stop()
        lab.remove()
    }
}
