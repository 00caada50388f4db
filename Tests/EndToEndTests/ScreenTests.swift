import Foundation
import TestSupport
import Testing

/// What a person sees of the main walks, at an 80- and a 120-column terminal: replayed by the real
/// binary (`gotriage test --show`) from recorded walks, compared with the screens in `Screens/`.
/// `GOTRIAGE_UPDATE_GOLDEN=1` writes them instead (then read the diff).
@Suite struct ScreenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Screens")

    /// Whether `line` may be wider than the terminal: a command, which is never cut.
    static func isCommand(_ line: String) -> Bool {
        line.hasPrefix("  $ ")
            || line.firstMatch(
                of:
                    /^ {2,}(go|git|ssh|ssh-add|ssh-keyscan|ssh-keygen|chmod|export|unset|curl|sudo|GIT_TERMINAL_PROMPT=1|GOTOOLCHAIN=local)\s/
            )
                != nil
    }

    @Test(arguments: [80, 120])
    func theMainWalksLookAsReviewed(columns: Int) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(
            ["test", Self.folder.appendingPathComponent("walks.test.yaml").path, "--show"],
            extraEnvironment: ["COLUMNS": "\(columns)"])
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        // The coverage line counts every shipped arm: not part of what the walks look like.
        let screen = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("branch coverage:") }.joined(separator: "\n")
        let golden = Self.folder.appendingPathComponent("walks-\(columns).txt")
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
        #expect(headlines.contains("✘ Fix not applied"), "\(headlines)")
    }
}
