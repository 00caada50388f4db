import Foundation
import TestSupport
import Testing

/// `gotriage lint` on the real binary: every problem at once, warnings for the paths given, exit
/// codes.
@Suite struct LintCommandTests {
    /// Loads, walks, and has one of each warning the linter gives.
    static let doubtful = """
        gotriage: 1
        id: doubtful
        title: Doubtful
        summary: Loads, but a reviewer would ask.
        start: check
        inputs:
          module: ~
          forgotten: ~
        steps:
          check:
            run:
              argv: [go, version]
              capture:
                - stdout: 'go(?<go_release>[0-9.]+) (?<platform>\\S+)'
            branch:
              - if: {exit: 0}
                goto: tell
              - else: wait
          tell:
            done:
              outcome: escalate
              conclusion: go {{go_release}} runs for {{module}}.
          wait:
            ask:
              question: Type again when ready.
              into: again
            next: wait

        """

    /// Two problems the validator finds together.
    static let broken = """
        gotriage: 1
        id: broken
        title: Broken
        summary: Two problems.
        start: a
        steps:
          a:
            run:
              argv: [go, version]
            branch:
              - if: {in: stdout, matches: 'go(1.'}
                goto: b
              - else: nowhere
          b:
            done:
              outcome: resolved
              conclusion: Fine.

        """

    static func folder(_ lab: Lab, _ files: [String: String]) throws -> URL {
        let folder = lab.root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func theShippedPlaybooksHaveNoErrorsAndTheirWarningsFailOnlyStrict() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let plain = try lab.gotriage(["lint"])
        #expect(plain.exitCode == 0, "\(plain.stdout)\(plain.stderr)")
        #expect(!plain.stdout.contains(": error:"))
        let summary = try #require(plain.stdout.split(separator: "\n").last.map(String.init))
        #expect(summary.hasPrefix("0 errors, ") || summary == "No problems found.", "\(summary)")
        // Every warning shows its source line and a caret under the column.
        let lines = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (index, line) in lines.enumerated() where line.contains(": warning: ") {
            #expect(index + 2 < lines.count && lines[index + 2].trimmingCharacters(in: .whitespaces) == "^", "\(line)")
        }
        let strict = try lab.gotriage(["lint", "--strict"])
        #expect(strict.exitCode == (plain.stdout.contains(": warning: ") ? 1 : 0))
    }

    @Test func everyWarningOfAFolderIsReportedAtItsPlaceAndOnlyThere() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.folder(lab, ["doubtful.yaml": Self.doubtful])
        let result = try lab.gotriage(["lint", folder.path])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let file = folder.appendingPathComponent("doubtful.yaml").path
        let warnings = result.stdout.split(separator: "\n").map(String.init).filter { $0.contains(": warning: ") }
        #expect(
            warnings == [
                "\(file):7:3: warning: input 'module' has no default, and 1 step of 'doubtful' show it: started on its own (gotriage run doubtful) they show it empty; give it a default or ask for it",
                "\(file):8:3: warning: input 'forgotten' is never used; no step fills it in or tests it",
                "\(file):14:19: warning: capture group 'platform' is never used; no step fills it in or tests it",
                "\(file):19:3: warning: step 'tell' ends escalate without a cause id; name the cause (cause: …) so that reports and scripts can tell what was found",
                "\(file):23:3: warning: the answer to step 'wait' ('again') is never used; no step fills it in or tests it",
                "\(file):23:3: warning: no 'done' can be reached from step 'wait'; a walk through it never comes to a conclusion"
            ], "\(result.stdout)")
        #expect(!result.stdout.contains("causes.yaml"), "the shipped files' warnings are not the folder's")
        #expect(result.stdout.hasSuffix("0 errors, 6 warnings.\n"))
        let strict = try lab.gotriage(["lint", "--strict", folder.path])
        #expect(strict.exitCode == 1)
    }

    @Test func everyErrorIsReportedAtOnceAndFails() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = try Self.folder(lab, ["broken.yaml": Self.broken])
        let result = try lab.gotriage(["lint", folder.appendingPathComponent("broken.yaml").path])
        #expect(result.exitCode == 1)
        let errors = result.stdout.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        #expect(errors.count == 2, "\(result.stdout)")
        #expect(errors.contains { $0.contains("broken.yaml:11:") && $0.contains("invalid regular expression 'go(1.'") })
        #expect(errors.contains { $0.contains("broken.yaml:13:") && $0.contains("unknown step 'nowhere'") })
        #expect(result.stdout.hasSuffix("2 errors, 0 warnings.\n"))
    }

    @Test func aPathThatDoesNotExistIsAUsageError() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["lint", lab.root.appendingPathComponent("nope").path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("does not exist"))
    }
}
