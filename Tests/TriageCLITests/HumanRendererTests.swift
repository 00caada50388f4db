import HostEffects
import PlaybookSpec
import Testing

@testable import DecisionEngine
@testable import TriageCLI

/// What a person sees of a failed command: go's JSON error as go meant it, and once.
@Suite struct HumanRendererTests {
    static let download = PendingProbe(
        step: StepAddress(playbook: "p", step: "s"), argv: ["go", "mod", "download", "-json", "example.com/hello"],
        environment: [:], timeoutMilliseconds: 1_000, pending: nil)

    static func screen(_ results: [CommandResult], probe: PendingProbe = download) -> String {
        var text = ""
        let renderer = HumanRenderer(console: Console(usesColour: false, columns: 80, out: { text += $0 }, err: { text += $0 }))
        for result in results {
            renderer.handle(.probeStarted(probe))
            renderer.handle(.probeFinished(probe, result))
        }
        return text
    }

    @Test func anExitCodeThePlaybookNamesIsShownInItsWords() {
        let netrc = PendingProbe(
            step: StepAddress(playbook: "p", step: "s"), argv: ["grep", "-c", "machine", "/home/dev/.netrc"], environment: [:],
            timeoutMilliseconds: 1_000, pending: nil, says: [2: "there is no /home/dev/.netrc"])
        let missing = Self.screen([CommandResult(argv: netrc.argv, exitCode: 2)], probe: netrc)
        #expect(missing.contains("    → there is no /home/dev/.netrc (exit 2, 0 ms)\n"), "\(missing)")
        #expect(!missing.contains("failed"))
        let other = Self.screen([CommandResult(argv: netrc.argv, exitCode: 1)], probe: netrc)
        #expect(other.contains("    failed (exit 1, 0 ms)"), "a code it does not name is shown as before: \(other)")
    }

    @Test func goJSONErrorIsShownUnescapedNotAsJSON() {
        let stdout = #"""
            {
            	"Path": "example.com/hello",
            	"Version": "v1.0.0",
            	"Error": "example.com/hello@v1.0.0: reading http://127.0.0.1:9/x: 404 Not Found\n\tserver response: \"not found\""
            }
            """#
        let text = Self.screen([CommandResult(argv: Self.download.argv, exitCode: 1, stdout: stdout)])
        #expect(text.contains("    │ example.com/hello@v1.0.0: reading http://127.0.0.1:9/x: 404 Not Found\n"), "\(text)")
        #expect(text.contains("    │   server response: \"not found\"\n"), "\(text)")
        #expect(!text.contains("\\n") && !text.contains("\\\"") && !text.contains("\"Path\""), "\(text)")
    }

    @Test func theSameErrorTwiceInARowIsShownOnce() {
        let failed = CommandResult(argv: Self.download.argv, exitCode: 1, stderr: "go: example.com/hello@v1.0.0: 410 Gone\n")
        let other = CommandResult(argv: Self.download.argv, exitCode: 1, stderr: "go: example.com/hello@v1.0.0: 404 Not Found\n")
        let text = Self.screen([failed, failed, other])
        #expect(text.components(separatedBy: "410 Gone").count == 2, "\(text)")
        #expect(text.contains("    │ (the same as above)\n"))
        #expect(text.contains("404 Not Found"))
    }
}
