import Foundation
import TestSupport
import Testing

/// The real binary remembers the file texts it validated in the lab's cache folder, and never a
/// text with a problem.
@Suite struct ValidatedTextsCacheTests {
    static let goodPlaybook = """
        gotriage: 1
        id: extra
        title: Extra
        summary: One capture.
        start: a
        steps:
          a:
            run:
              argv: [go, version]
              capture:
                - stdout: 'go(?<go_release>\\d+\\.\\d+)'
            next: b
          b:
            done:
              outcome: resolved
              conclusion: Found go {{go_release}}.

        """

    static func remembered(in lab: Lab) -> [String] {
        let folder = lab.home.appendingPathComponent(".cache/gotriage/validated-texts").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func eachShippedFileIsRememberedOnceAndAStartWithThemListsAlike() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let first = try lab.gotriage(["list"])
        #expect(first.exitCode == 0, "\(first.stderr)")
        let shipped = try FileManager.default.contentsOfDirectory(atPath: GotriageBinary.shippedPlaybooks)
            .filter { $0.hasSuffix(".yaml") }
        let remembered = Self.remembered(in: lab)
        #expect(remembered.count == shipped.count, "\(remembered)")
        #expect(remembered.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
        let second = try lab.gotriage(["list"])
        #expect(second.exitCode == 0)
        #expect(second.stdout == first.stdout)
        #expect(Self.remembered(in: lab) == remembered)
    }

    @Test func aPlaybookWithABadRegexIsLeftOutEveryTimeAndRememberedOnlyOnceFixed() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = lab.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("extra.yaml")
        try Self.goodPlaybook.replacingOccurrences(of: "\\d+\\.\\d+)", with: "\\d+\\.\\d+").write(
            to: file, atomically: true, encoding: .utf8)
        let shippedOnly = try lab.gotriage(["list"])
        #expect(shippedOnly.exitCode == 0)
        let before = Self.remembered(in: lab)
        for _ in 0..<2 {
            // A broken user playbook is left out, said where, and the shipped ones still load.
            let broken = try lab.gotriage(["list", "--playbooks", folder.path])
            #expect(broken.exitCode == 0, "\(broken.stderr)")
            #expect(broken.stderr.contains("extra.yaml:11:"), "\(broken.stderr)")
            #expect(broken.stderr.contains("warning: left out: invalid regular expression"), "\(broken.stderr)")
            #expect(!broken.stdout.contains("extra"))
            #expect(Self.remembered(in: lab) == before)
        }
        try Self.goodPlaybook.write(to: file, atomically: true, encoding: .utf8)
        let fixed = try lab.gotriage(["list", "--playbooks", folder.path])
        #expect(fixed.exitCode == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("extra"))
        #expect(Self.remembered(in: lab).count == before.count + 1)
    }

    @Test func aCacheFolderThatCannotBeWrittenOnlyCostsTime() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        // A file where the cache folder should be: nothing can be remembered below it.
        let blocked = lab.root.appendingPathComponent("blocked-cache")
        try Data("not a folder".utf8).write(to: blocked)
        for _ in 0..<2 {
            let result = try lab.gotriage(["list"], extraEnvironment: ["XDG_CACHE_HOME": blocked.path])
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains("exit-status-128"))
        }
        #expect(try String(contentsOf: blocked, encoding: .utf8) == "not a folder")
    }
}
