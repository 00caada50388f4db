import PlaybookSpec
import TestSupport
import Testing

@testable import DecisionEngine

/// The guard on probe arguments and environment values: what a variable may and may not become.
@Suite("Argv guard")
struct ArgvGuardTests {
    static func probe(_ argv: [String], env: [(String, String)] = []) throws -> Probe {
        Probe(
            argv: try argv.map { try Template.parse($0) }, timeoutMilliseconds: 1_000,
            environment: try env.map { ($0.0, try Template.parse($0.1)) }, captures: [], pending: nil)
    }

    static func check(_ probe: Probe, _ values: [String: String]) -> ArgvGuard.Refusal? {
        ArgvGuard.check(probe, value: { values[$0] })
    }

    @Test(arguments: [
        "--upload-pack=x", "-u", "-\u{301}-upload-pack=x", "\u{200B}-x", "\u{FEFF}-x", "\u{2060}-x", "\u{202E}-x",
        "－x", "\u{301}\u{200D}-x", "\u{20DD}-x"
    ])
    func aDashFromAValueIsRefusedHoweverItIsDressed(value: String) throws {
        let refusal = Self.check(try Self.probe(["git", "ls-remote", "{{url}}"]), ["url": value])
        #expect(refusal?.place == .argument(2), "\(value.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(refusal?.value == value, "the refusal shows the value as given")
    }

    @Test(arguments: ["https://x/y", "a-b", " -x", "\u{2212}x", "é-x", "x\u{301}-y", ""])
    func otherValuesPass(value: String) throws {
        #expect(Self.check(try Self.probe(["git", "ls-remote", "{{url}}"]), ["url": value]) == nil)
    }

    @Test func theDashMayBeThePlaybooksOwnOrFollowADoubleDash() throws {
        #expect(Self.check(try Self.probe(["go", "--format={{f}}"]), ["f": "-x"]) == nil)
        #expect(Self.check(try Self.probe(["grep", "--", "{{p}}"]), ["p": "-x"]) == nil)
        #expect(
            Self.check(try Self.probe(["grep", "{{a}}{{p}}"]), ["a": "", "p": "-x"])?.place == .argument(1),
            "an empty value before the dash does not hide it")
        #expect(Self.check(try Self.probe(["grep", "{{a}}{{p}}"]), ["a": "\u{200B}", "p": "-x"])?.place == .argument(1))
    }

    @Test func argvZeroNeverComesFromAValue() throws {
        #expect(Self.check(try Self.probe(["{{tool}}", "x"]), ["tool": "/tmp/evil"])?.place == .argument(0))
        #expect(Self.check(try Self.probe(["/usr/bin/{{tool}}"]), ["tool": "git"])?.place == .argument(0))
        #expect(Self.check(try Self.probe(["git", "version"]), [:]) == nil)
    }

    @Test(arguments: [
        "-toolexec=/x", "-mod=mod -toolexec=/x", "-mod=mod\t-x", "-mod=mod\u{3000}-x", "－toolexec=/x",
        "-\u{301}toolexec=/x", "\u{200B}-x", "a\n-x"
    ])
    func aWordOfAnEnvironmentValueMayNotStartWithAValuesDash(value: String) throws {
        let refusal = Self.check(try Self.probe(["go", "build"], env: [("GOFLAGS", "{{v}}")]), ["v": value])
        #expect(refusal?.place == .environment("GOFLAGS"), "\(value.debugDescription)")
        #expect(refusal?.explanation.contains("GOFLAGS") == true)
    }

    @Test func environmentDashesThePlaybookWroteAndValuesWithoutOnePass() throws {
        let probe = try Self.probe(["go", "build"], env: [("GOFLAGS", "-mod={{m}}"), ("GOPROXY", "{{p}}")])
        #expect(Self.check(probe, ["m": "mod", "p": "https://proxy.example.com,direct"]) == nil)
        #expect(Self.check(probe, ["m": "mod-x", "p": "off"]) == nil, "a dash inside a word is no flag")
        #expect(Self.check(probe, ["m": "mod -x", "p": "off"])?.place == .environment("GOFLAGS"))
    }

    @Test func theWalkEndsAtARefusedProbeWithoutRunningIt() throws {
        let yaml = """
            gotriage: 1
            id: env
            title: Env
            summary: GOFLAGS from an input.
            start: build
            inputs:
              flags: ~
            steps:
              build:
                run:
                  argv: [go, build]
                  env: {GOFLAGS: "{{flags}}"}
                next: ok
              ok:
                done: {outcome: resolved, conclusion: Built.}
            """
        var walk = try #require(Walk(tree: FixtureTrees.tree(yaml), playbook: "env", variables: ["flags": "-toolexec=/x"]))
        guard case .finished(let end) = walk.next().action else {
            Issue.record("the probe must not run")
            return
        }
        #expect(end.reason == .unsafeArgument)
        #expect(end.conclusion.contains("GOFLAGS ('{{flags}}') became '-toolexec=/x'"), "\(end.conclusion)")
    }
}
