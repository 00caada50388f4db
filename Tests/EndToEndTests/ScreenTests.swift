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
                    /^ {2,}(go|git|ssh|ssh-add|ssh-keyscan|ssh-keygen|chmod|export|unset|curl|sudo|GIT_TERMINAL_PROMPT=1|GOTOOLCHAIN=local)\s/
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

        // Rules of the layout, whatever the golden says: prose fits the width (at most 100
        // columns), only commands are wider; no JSON escapes in prose.
        let width = min(columns, 100)
        for line in screen.split(separator: "\n").map(String.init) where line.count > width {
            let isCommand = Self.isCommand(line)
            let isOneWord = !line.drop(while: { $0 == " " || $0 == "│" }).contains(" ")
            #expect(isCommand || isOneWord, "wider than \(width) columns and not a command: \(line)")
        }
        // go's JSON errors are shown decoded too: no escape outside the command lines.
        for line in screen.split(separator: "\n") where !line.hasPrefix("  $ ") {
            #expect(!line.contains("\\n") && !line.contains("\\t") && !line.contains("\\\""), "an escape on the screen: \(line)")
        }
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
}
