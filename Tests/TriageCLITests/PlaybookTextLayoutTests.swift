import PlaybookSpec
import TestSupport
import Testing

@testable import TriageCLI

/// Every sentence of the shipped playbooks, as the terminal shows it: each command a user is told
/// to type is marked (so it gets a line of its own), and the prose fits the width.
@Suite struct PlaybookTextLayoutTests {
    /// The start of a command a user types, with its first argument (so that prose may still
    /// name a command: "go get cannot do it"). In a sentence they appear only between backticks.
    static let commandStarts = [
        "go env -w G", "go env -u G", "go mod edit -", "go mod tidy", "go mod vendor", "go get {{", "go clean -",
        "go work edit -", "go mod download {{", "git config --", "git ls-remote {{", "ssh-add {{", "ssh-add -l",
        "ssh-keyscan -", "ssh-keygen -", "ssh -T ", "ssh -G {{", "chmod 6", "export [A-Z]", "unset [A-Z]", "curl -",
        "sudo apt", "sudo cp", "GIT_TERMINAL_PROMPT=1 ", "GOTOOLCHAIN=local go"
    ]

    /// Each sentence of the shipped playbooks, with where it is.
    static func sentences() throws -> [(place: String, text: Template)] {
        let tree = try PlaybookSet.load(directories: [GotriageBinary.shippedPlaybooks]).get().tree
        var found: [(String, Template)] = []
        for playbook in tree.all {
            for id in playbook.stepOrder {
                guard let step = playbook.steps[id] else { continue }
                let place = "\(step.location) (\(playbook.id):\(id))"
                if let say = step.say { found.append((place, say)) }
                switch step.action {
                case .ask(let question): found.append((place, question.prompt))
                case .fix(let fix): found.append((place, fix.reason))
                case .done(let conclusion): found.append((place, conclusion.text))
                // A probe's `pending` text labels the spinner while it runs: not a sentence.
                case .run, .message, .jump: break
                }
            }
        }
        return found
    }

    /// `text` without what is between backticks.
    static func prose(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset.isMultiple(of: 2) }
            .map(\.element).joined(separator: " ")
    }

    @Test func everyCommandASentenceTellsTheUserToTypeIsMarked() throws {
        let sentences = try Self.sentences()
        #expect(sentences.count > 140)
        var unmarked: [String] = []
        for (place, template) in sentences {
            let prose = Self.prose(template.description)
            for start in try Self.commandStarts.map({ try Regex($0.replacingOccurrences(of: "{{", with: "\\{\\{")) }) {
                if let match = prose.firstMatch(of: start) { unmarked.append("\(place): '\(match.output[0].substring ?? "")…'") }
            }
        }
        #expect(unmarked.isEmpty, "write these commands between backticks:\n\(unmarked.joined(separator: "\n"))")
    }

    @Test(arguments: [80, 100])
    func everySentenceFitsTheWidthExceptItsCommands(width: Int) throws {
        var tooWide: [String] = []
        for (place, template) in try Self.sentences() {
            // Long sample values: a module path, a URL, a go env value.
            let text = template.render { name in
                name.hasPrefix("goenv.") ? "https://proxy.golang.org,direct" : "git.corp.example/team/lib"
            }
            for line in ProseLayout.lines(text, width: width, lead: "Proposed fix: ", indent: "  ")
            where !line.isCommand && line.text.count > width && line.text.drop(while: { $0 == " " }).contains(" ") {
                tooWide.append("\(place): \(line.text)")
            }
        }
        #expect(tooWide.isEmpty, "\(tooWide.joined(separator: "\n"))")
    }
}
