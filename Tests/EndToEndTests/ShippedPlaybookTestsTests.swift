import Foundation
import PlaybookSpec
import TestSupport
import Testing

/// The shipped offline playbook tests (`Playbooks/tests`), replayed by the real binary.
@Suite struct ShippedPlaybookTestsTests {
    static let folder = GotriageBinary.shippedPlaybooks + "/tests"

    @Test func everyShippedCasePassesAndTakesEveryArmOfEveryPlaybook() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let files = PlaybookTestFile.files(in: Self.folder)
        #expect(files.count >= 20)
        let cases = try files.reduce(0) { count, file in count + (try PlaybookTestFile.load(file: file).get().count) }
        let result = try lab.gotriage(["test", "--coverage"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        // No ", N warnings": no sentence of a shipped case shows an empty placeholder.
        #expect(result.stdout.contains("\n\(cases) passed, 0 failed\n"), "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let total = try #require(lines.first { $0.hasPrefix("branch coverage: ") })
        // The total is the sum of the playbooks' rows.
        let rows = lines.compactMap { line -> (Int, Int)? in
            guard let match = line.firstMatch(of: /^  [a-z0-9-]+ +\d+ % \((\d+) of (\d+)\)$/) else { return nil }
            return (Int(match.1) ?? 0, Int(match.2) ?? 0)
        }
        #expect(rows.count == 7)
        let taken = rows.map(\.0).reduce(0, +)
        let arms = rows.map(\.1).reduce(0, +)
        #expect(total.hasSuffix("(\(taken) of \(arms) arms)"), "\(total)")
        // Every arm of every shipped playbook is taken by some case: an arm added without a case
        // fails here, named with its place.
        #expect(taken == arms, "\(lines.filter { $0.hasSuffix("is taken by no case") })")
        #expect(total == "branch coverage: 100 % (\(arms) of \(arms) arms)")
    }

    @Test func eachArmNoCaseTakesIsNamedWithItsPlace() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try Self.replay(
            """
              - name: go does not start
                start: exit-status-128
                probes:
                  - argv: [go, version]
                    exit: 127
                expect: {outcome: escalate, cause: unknown, path: [check-go, go-missing]}

            """, named: "one.test.yaml", "--coverage", in: lab)
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let entry = try #require(lines.first { $0.hasPrefix("  exit-status-128 ") })
        let match = try #require(entry.firstMatch(of: /\((\d+) of (\d+)\)$/))
        let (taken, arms) = (Int(match.1) ?? 0, Int(match.2) ?? 0)
        #expect(taken == 1, "the one case takes one arm of check-go: \(entry)")
        let untaken = lines.filter { $0.contains("/exit-status-128.yaml:") && $0.hasSuffix("is taken by no case") }
        #expect(untaken.count == arms - taken, "\(result.stdout)")
        #expect(untaken.contains { $0.hasSuffix("arm 1 of 'check-go' is taken by no case") })
    }

    @Test func aSentenceThatShowsAnEmptyPlaceholderIsAWarningWithTheStepsPlace() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        // checksums' conclusion for an unreadable error shows {{module}} and {{download_error}}.
        let result = try Self.replay(
            """
              - name: started at the end without a module
                start: checksums:unknown
                answers: {download_error: "go: something odd"}
                expect: {outcome: escalate, cause: unknown}

            """, named: "empty.test.yaml", in: lab)
        #expect(result.exitCode == 0, "a warning does not fail the case: \(result.stdout)\(result.stderr)")
        let step = try #require(
            try String(contentsOfFile: GotriageBinary.shippedPlaybooks + "/checksums.yaml", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "  unknown:" })
        #expect(
            result.stdout.contains(
                "    \(GotriageBinary.shippedPlaybooks)/checksums.yaml:\(step + 1):3: warning: 'unknown' shows {{module}} empty in this case;"
            ),
            "\(result.stdout)")
        #expect(!result.stdout.contains("{{download_error}} empty"))
        #expect(result.stdout.contains("\n1 passed, 0 failed, 1 warning\n"), "\(result.stdout)")
    }

    @Test func aCaseWhoseCommandWasNeverRecordedSaysWhichCommandToRecord() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try Self.replay(
            """
              - name: go runs but git was not recorded
                start: exit-status-128
                probes:
                  - argv: [go, version]
                    stdout: "go version go1.27.3 linux/amd64\\n"
                expect:
                  outcome: not-resolved
                  cause: git-missing

            """, named: "short.test.yaml", in: lab)
        #expect(result.exitCode == 1)
        #expect(result.stdout.contains("✘ go runs but git was not recorded"))
        #expect(result.stdout.contains("short.test.yaml:3:5: no recorded answer for the command [git, --version]"), "\(result.stdout)")
        #expect(result.stdout.contains("0 passed, 1 failed"))
    }

    /// Runs `gotriage test` on a file of `cases` (the lines under `cases:`) written in the lab,
    /// with `arguments` after the file.
    static func replay(
        _ cases: String, named name: String, _ arguments: String..., in lab: Lab
    ) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        let file = lab.root.appendingPathComponent(name)
        try ("gotriage-test: 1\ncases:\n" + cases + "\n").write(to: file, atomically: true, encoding: .utf8)
        return try lab.gotriage(["test", file.path] + arguments)
    }
}
