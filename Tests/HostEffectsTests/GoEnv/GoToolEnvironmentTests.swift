import Foundation
import HostEffects
import TestSupport
import Testing

/// Runs the real `go` (1.19) in an isolated environment.
@Suite("GoToolEnvironment with real go")
struct GoToolEnvironmentTests {
    func makeGo(_ isolated: IsolatedGoEnvironment) -> GoToolEnvironment {
        GoToolEnvironment(
            runner: SubprocessRunner(), environment: isolated.environment,
            workingDirectory: isolated.home.path)
    }

    @Test func readsDefaultsAndTheGoenvPath() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let snapshot = try await makeGo(isolated).read(keys: ["GOPROXY", "GOMODCACHE"])
        #expect(snapshot["GOPROXY"] == "https://proxy.golang.org,direct")
        #expect(snapshot.source(of: "GOPROXY") == .defaultValue)
        #expect(snapshot.goenvFile == isolated.goenvFile.path)
        #expect(snapshot["GOMODCACHE"] == isolated.environment["GOMODCACHE"])
        #expect(snapshot.source(of: "GOMODCACHE") == .osEnvironment)
        #expect(snapshot.fileValues.isEmpty)
    }

    /// go 1.19 prints exactly the keys named (a key it does not know as ""), and never probes the C compiler for them.
    @Test func readsOnlyTheKeysAskedForAndGoenv() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        try Data("GOFLAGS=-mod=mod\nGOSUMDB=off\n".utf8).write(to: isolated.goenvFile)
        let snapshot = try await makeGo(isolated).read(keys: ["GOFLAGS", "GOPRIVATE", "GOTRIAGE_NOT_A_GO_KEY"])
        #expect(
            snapshot.values == [
                "GOFLAGS": "-mod=mod", "GOPRIVATE": "", "GOTRIAGE_NOT_A_GO_KEY": "",
                "GOENV": isolated.goenvFile.path
            ])
        #expect(snapshot.source(of: "GOFLAGS") == .goenvFile(path: isolated.goenvFile.path))
        #expect(snapshot.source(of: "GOPRIVATE") == .defaultValue)
        // The file is read whole: a key not asked for still shows where it would come from.
        #expect(snapshot.fileValues == ["GOFLAGS": "-mod=mod", "GOSUMDB": "off"])
        #expect(snapshot["GOSUMDB"] == nil)
    }

    @Test func setWritesTheFileAndUnsetRestoresTheDefault() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let go = makeGo(isolated)
        let set = await go.apply(.set(key: "GOPROXY", value: "off"))
        #expect(set == .applied(key: "GOPROXY", old: "https://proxy.golang.org,direct", new: "off"))
        let afterSet = try await go.read(keys: ["GOPROXY"])
        #expect(afterSet["GOPROXY"] == "off")
        #expect(afterSet.source(of: "GOPROXY") == .goenvFile(path: isolated.goenvFile.path))
        #expect(try String(contentsOf: isolated.goenvFile, encoding: .utf8) == "GOPROXY=off\n")

        let unset = await go.apply(.unset(key: "GOPROXY"))
        #expect(unset == .applied(key: "GOPROXY", old: "off", new: "https://proxy.golang.org,direct"))
        let afterUnset = try await go.read(keys: ["GOPROXY"])
        #expect(afterUnset.source(of: "GOPROXY") == .defaultValue)
        // go does not delete the file it created: it leaves it empty.
        #expect(try Data(contentsOf: isolated.goenvFile) == Data())
    }

    @Test func unsetLeavesAnExistingFileByteIdentical() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let original = Data("# kept by hand\nGOFLAGS=-mod=mod\nGONOSUMDB=example.com/private\n".utf8)
        try original.write(to: isolated.goenvFile)
        let go = makeGo(isolated)
        let before = try await go.read(keys: ["GOFLAGS"])
        #expect(before.source(of: "GOFLAGS") == .goenvFile(path: isolated.goenvFile.path))
        #expect(before.fileValues == ["GOFLAGS": "-mod=mod", "GONOSUMDB": "example.com/private"])
        #expect(
            await go.apply(.set(key: "GOPROXY", value: "https://goproxy.example/,direct"))
                == .applied(key: "GOPROXY", old: "https://proxy.golang.org,direct", new: "https://goproxy.example/,direct"))
        #expect(try Data(contentsOf: isolated.goenvFile) != original)
        _ = await go.apply(.unset(key: "GOPROXY"))
        #expect(try Data(contentsOf: isolated.goenvFile) == original)
    }

    @Test func anOSVariableOverridesTheFileAndNothingIsWritten() async throws {
        var isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        isolated.environment["GOPROXY"] = "direct"
        let go = makeGo(isolated)
        let result = await go.apply(.set(key: "GOPROXY", value: "off"))
        #expect(result == .overridden(key: "GOPROXY", variable: "GOPROXY", osValue: "direct", wanted: "off"))
        #expect(!FileManager.default.fileExists(atPath: isolated.goenvFile.path))
        let snapshot = try await go.read(keys: ["GOPROXY"])
        #expect(snapshot["GOPROXY"] == "direct")
        #expect(snapshot.source(of: "GOPROXY") == .osEnvironment)
    }

    @Test func anEmptyOSVariableDoesNotOverride() async throws {
        var isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        isolated.environment["GOPROXY"] = ""
        let go = makeGo(isolated)
        #expect(
            await go.apply(.set(key: "GOPROXY", value: "off"))
                == .applied(key: "GOPROXY", old: "https://proxy.golang.org,direct", new: "off"))
        #expect(try await go.read(keys: ["GOPROXY"]).source(of: "GOPROXY") == .goenvFile(path: isolated.goenvFile.path))
    }

    @Test func goRejectingTheWriteIsAFailureWithItsMessage() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let result = await makeGo(isolated).apply(.set(key: "NOT_A_GO_VARIABLE", value: "1"))
        guard case .failed(let key, let message) = result else {
            Issue.record("expected failure, got \(result)")
            return
        }
        #expect(key == "NOT_A_GO_VARIABLE")
        #expect(message.contains("unknown go command variable NOT_A_GO_VARIABLE"))
    }

    @Test func missingGoIsReported() async throws {
        let isolated = try IsolatedGoEnvironment.make()
        defer { isolated.remove() }
        let go = GoToolEnvironment(runner: SubprocessRunner(), environment: isolated.environment, go: "gotriage-no-go-here")
        await #expect(throws: GoEnvError.goNotFound) { try await go.read(keys: ["GOPROXY"]) }
    }
}
