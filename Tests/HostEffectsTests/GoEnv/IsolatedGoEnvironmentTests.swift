import Foundation
import HostEffects
import TestSupport
import Testing

@Suite("IsolatedGoEnvironment")
struct IsolatedGoEnvironmentTests {
    @Test func onlyPathComesFromTheRealEnvironment() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let result = await SubprocessRunner().run(CommandRequest(argv: ["env"], environment: isolated.environment))
        let keys = Set(result.stdout.split(separator: "\n").compactMap { $0.split(separator: "=").first.map(String.init) })
        #expect(
            keys == [
                "PATH", "HOME", "GOENV", "GOPATH", "GOMODCACHE", "GOCACHE", "GIT_CONFIG_GLOBAL",
                "GIT_CONFIG_NOSYSTEM", "GOTOOLCHAIN", "LANG", "GIT_SSH_COMMAND"
            ])
        for (key, value) in isolated.environment where key != "PATH" && value.hasPrefix("/") {
            #expect(value.hasPrefix(isolated.root.path), "\(key) escapes the sandbox")
        }
        #expect(isolated.environment["GIT_SSH_COMMAND"]?.contains("BatchMode=yes") == true)
    }

    @Test func gitSeesNoSystemOrUserConfig() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let result = await SubprocessRunner().run(
            CommandRequest(
                argv: ["git", "config", "--list", "--show-origin"], environment: isolated.environment,
                workingDirectory: isolated.home.path))
        #expect(result.stdout.isEmpty, "git config leaked: \(result.stdout)")
    }

    @Test func removeDeletesEverything() throws {
        let isolated = try IsolatedGoEnvironment.make()
        #expect(FileManager.default.fileExists(atPath: isolated.sshConfig.path))
        isolated.remove()
        #expect(!FileManager.default.fileExists(atPath: isolated.root.path))
    }
}
