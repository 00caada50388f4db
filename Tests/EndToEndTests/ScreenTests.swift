import Foundation
import TestSupport
import Testing

/// What a person sees of the main walks, at an 80- and a 120-column terminal, and with `-v` at 80:
/// replayed by the real binary (`gotriage test --show`) from recorded walks, compared with the
/// screens in `Screens/`. `GOTRIAGE_UPDATE_GOLDEN=1` writes them instead (then read the diff).
@Suite struct ScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    /// Whether `line` may be wider than the terminal: a command, which is never cut.
    static func isCommand(_ line: String) -> Bool {
        line.hasPrefix("  $ ") || line.hasPrefix("  help:    ")
            || line.firstMatch(
                of:
                    /^ {2,}(go|git|ssh|ssh-add|ssh-keyscan|ssh-keygen|chmod|rm|export|unset|curl|sudo|GIT_TERMINAL_PROMPT=1|GOTOOLCHAIN=local|GOWORK=off)\s/
            )
                != nil
    }

    @Test(arguments: [(80, false), (120, false), (80, true)])
    func theMainWalksLookAsReviewed(columns: Int, verbose: Bool) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(
            ["test", Self.folder.appendingPathComponent("walks.test.yaml").path, "--show"] + (verbose ? ["--verbose"] : []),
            extraEnvironment: ["COLUMNS": "\(columns)"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        // The coverage line counts every shipped arm: not part of what the walks look like.
        let screen = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("branch coverage:") }.joined(separator: "\n")
        let golden = Self.folder.appendingPathComponent("walks-\(columns)\(verbose ? "-verbose" : "").txt")
        if ProcessInfo.processInfo.environment["GOTRIAGE_UPDATE_GOLDEN"] == "1" {
            try screen.write(to: golden, atomically: true, encoding: .utf8)
        } else {
            #expect(screen == (try String(contentsOf: golden, encoding: .utf8)), "the screen differs from \(golden.lastPathComponent)")
        }

        Self.checkLayout(screen, columns: columns)
        // Every end has a headline that says what happened.
        let headlines = screen.split(separator: "\n").filter {
            $0.hasPrefix("✔ ") || $0.hasPrefix("✘ ") || $0.hasPrefix("⚑ ") || $0.hasPrefix("◌ ")
        }
        #expect(headlines.contains("✔ Fixed — Module lookup is switched off (goproxy-off)"), "\(headlines)")
        #expect(headlines.contains("✔ No problem found"), "\(headlines)")
        #expect(headlines.contains { $0.hasPrefix("✘ Fix not applied — ") }, "a declined fix still names its cause: \(headlines)")
        // Every end but "no problem found" closes with the ticket block, whose help: is the next step.
        let lines = screen.split(separator: "\n")
        let helps = lines.filter { $0.hasPrefix("  help:    ") }
        let ends = headlines.filter { !$0.hasPrefix("✔ ") || $0.hasPrefix("✔ Fixed") || $0.hasPrefix("✔ Resolved") }
        #expect(helps.count == ends.count, "\(helps) for \(ends)")
        #expect(helps.contains("  help:    GIT_TERMINAL_PROMPT=1 go mod download private.example.com/team/lib.git"), "\(helps)")
        // Quiet: one line per check, the command lines only with -v.
        #expect(lines.contains { $0.hasPrefix("  $ ") } == verbose, "command lines only with -v")
        #expect(lines.contains("  ✓ go1.27.3 runs") != verbose, "one line per check without -v")
    }

    /// Every offline case of the shipped playbooks (`Playbooks/tests`, which takes every arm), as
    /// a person sees it at 80 columns: the same layout rules, a `help:` at each end that needs
    /// one, and no sentence with an empty placeholder.
    @Test func everyShippedCaseIsLaidOutByTheRules() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let folder = URL(fileURLWithPath: GotriageBinary.shippedPlaybooks).appendingPathComponent("tests")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".test.yaml") }.sorted()
        let result = try lab.gotriage(
            ["test"] + files.map { folder.appendingPathComponent($0).path } + ["--show"], extraEnvironment: ["COLUMNS": "80"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains(" empty in this case"), "a sentence shows a placeholder empty")
        // The report's own lines, `── NAME` before a case's screen and `✔ NAME` after it, are not the walk's.
        let names = Set(result.stdout.split(separator: "\n").filter { $0.hasPrefix("── ") }.map { $0.dropFirst(3) })
        let lines = result.stdout.split(separator: "\n").filter { line in
            !(line.hasPrefix("── ") || line.hasPrefix("✔ ")) || !names.contains(line.dropFirst(2).drop { $0 == " " })
        }
        Self.checkLayout(lines.joined(separator: "\n"), columns: 80)
        let ends = lines.filter {
            $0.hasPrefix("✘ ") || $0.hasPrefix("⚑ ") || $0.hasPrefix("◌ ") || $0.hasPrefix("✔ Fixed") || $0.hasPrefix("✔ Resolved")
        }
        #expect(ends.count > 100, "\(ends.count) ends")
        #expect(lines.count { $0.hasPrefix("  help:    ") } == ends.count, "each end but no problem found has its next step")
        #expect(!lines.contains { $0.hasPrefix("  help:    see above") })
    }

    /// Prose fits the width (at most 100 columns), only commands and single words are wider; no
    /// JSON escapes outside command lines.
    static func checkLayout(_ screen: String, columns: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let width = min(columns, 100)
        for line in screen.split(separator: "\n").map(String.init) where line.count > width {
            let isCommand = Self.isCommand(line)
            let isOneWord = !line.drop(while: { $0 == " " || $0 == "│" }).contains(" ")
            #expect(isCommand || isOneWord, "wider than \(width) columns and not a command: \(line)", sourceLocation: sourceLocation)
        }
        for line in screen.split(separator: "\n") where !line.hasPrefix("  $ ") {
            #expect(
                !line.contains("\\n") && !line.contains("\\t") && !line.contains("\\\""), "an escape on the screen: \(line)",
                sourceLocation: sourceLocation)
        }
    }
}
