@testable import PlaybookSpec
import Testing
import TestSupport

/// Large texts are parsed on a background thread while the tree is built (`YAMLEvents`); these
/// tests hold that path to the same results as the plain one, across many batches of events.
@Suite("YAML events on a background thread")
struct YAMLEventsTests {
    /// A valid playbook well past `YAMLEvents.backgroundThreshold`, with an anchor in its first
    /// step and aliases to it in later ones (so aliases reach back across batches), an anchored
    /// mapping longer than a batch with an alias to it at the end, block and quoted scalars, and
    /// flow lists and mappings.
    static func largePlaybook(steps: Int = 1_600, defaults count: Int = YAMLEvents.Batch.capacity) -> String {
        let defaults = (0..<count).map { "  k\($0): v\($0)" }.joined(separator: "\n")
        var text = """
            gotriage: 1
            id: large
            title: Large
            summary: Many steps.
            start: s0
            x-defaults: &defaults
            \(defaults)
            steps:
              s0:
                say: &greeting "Hello from the first step"
                next: s1

            """
        for index in 1..<steps {
            let next = index + 1 < steps ? "s\(index + 1)" : "end"
            if index == steps - 1 {
                text += "  s\(index):\n    say: *greeting\n    done: {outcome: resolved, conclusion: Done.}\n"
                text += "x-defaults-again: *defaults\n"
            } else if index.isMultiple(of: 3) {
                text += """
                      s\(index):
                        say: |
                          Line one of \(index)
                          line two with 'quotes' and {{module}}
                        run:
                          argv: [go, env, "-json"]
                          capture:
                            - stdout: '"GOPROXY": "(?<proxy_\(index)>[^"]*)"'
                        branch:
                          - if: {exit: [0, 1]}
                            goto: \(next)
                          - else: \(next)

                    """
            } else {
                text += "  s\(index):\n    say: *greeting\n    next: \(next)\n"
            }
        }
        return text
    }

    /// A text's tree, or its diagnostic, as text: what the two paths must agree on.
    static func outcome(_ text: String, background: Bool) -> String {
        do {
            let tree = try YAMLComposer(file: "large.yaml", background: background).compose(text)
            var lines: [String] = []
            func visit(_ node: YAMLNode, depth: Int) {
                let position = tree.position(of: node)
                let place = String(repeating: " ", count: depth) + "\(position.line):\(position.column)"
                if let scalar = tree.scalar(node) {
                    lines.append("\(place) \(scalar.style) \(scalar.string.debugDescription)")
                } else if let elements = tree.elements(of: node) {
                    lines.append("\(place) list")
                    elements.forEach { visit($0, depth: depth + 1) }
                } else if let pairs = tree.pairs(of: node) {
                    lines.append("\(place) mapping")
                    for pair in pairs {
                        visit(pair.key, depth: depth + 1)
                        visit(pair.value, depth: depth + 2)
                    }
                }
            }
            visit(tree.root, depth: 0)
            return lines.joined(separator: "\n")
        } catch {
            return "error: \(error)"
        }
    }

    @Test func theLargePlaybookIsLargeEnoughToBeParsedInTheBackground() {
        let text = Self.largePlaybook()
        #expect(text.utf8.count > 2 * YAMLEvents.backgroundThreshold)
        // Far more nodes (one event each, besides the ends of collections) than fit in a batch,
        // so batch boundaries are crossed many times.
        let nodes = Self.outcome(text, background: false).split(separator: "\n").count
        #expect(nodes > 4 * YAMLEvents.Batch.capacity)
    }

    @Test func aliasesReachBackAcrossBatches() throws {
        let document = try PlaybookLoader().load(text: Self.largePlaybook(), file: "large.yaml")
        #expect(document.steps.count == 1_600)
        #expect(document.steps.last?.say?.value.description == "Hello from the first step")
        #expect(document.steps.last?.id.location.line == Self.largePlaybook().split(separator: "\n").count - 3)
        let tree = try YAMLComposer(file: "large.yaml", background: true).compose(Self.largePlaybook())
        let top = try #require(tree.pairs(of: tree.root))
        let values = Dictionary(uniqueKeysWithValues: top.map { (tree.scalar($0.key)?.string ?? "", $0.value) })
        #expect(values["x-defaults-again"] == values["x-defaults"])
        #expect(tree.pairs(of: try #require(values["x-defaults"]))?.count == YAMLEvents.Batch.capacity)
    }

    @Test func bothPathsBuildTheSameTreeFromTheLargePlaybook() {
        let text = Self.largePlaybook()
        let background = Self.outcome(text, background: true)
        #expect(!background.hasPrefix("error:"), "\(background.prefix(300))")
        #expect(background == Self.outcome(text, background: false))
    }

    /// Mutations break the text in many places: early, late, inside quoted and block scalars, in
    /// anchors. Whatever each one does, both paths must give the same tree or the same error.
    @Test func bothPathsAgreeOnTwoHundredMutations() {
        var mutator = PlaybookMutator(seed: 20_261_124)
        let original = Self.largePlaybook(steps: 300, defaults: 100)
        var errors = 0
        for _ in 0..<200 {
            let text = mutator.mutate(original)
            let background = Self.outcome(text, background: true)
            if background.hasPrefix("error:") { errors += 1 }
            #expect(background == Self.outcome(text, background: false), "\(text.prefix(200))")
        }
        #expect(errors > 20, "the mutations should break the YAML often enough to test errors")
    }

    @Test func aSyntaxErrorNearTheEndOfALargeTextIsReportedWhereItIs() {
        let text = Self.largePlaybook() + "  broken: [unclosed\n"
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        do {
            _ = try PlaybookLoader().load(text: text, file: "large.yaml")
            Issue.record("expected a YAML syntax error")
        } catch {
            #expect(error.description.hasPrefix("large.yaml:"))
            #expect(error.message.contains("YAML syntax error"), "\(error)")
            #expect(error.location.line >= lines - 2, "\(error)")
        }
    }

    /// The builder stops at an error near the start while the parser is still far from the end;
    /// the parser must stop too before the text it reads goes away.
    @Test func anErrorNearTheStartStopsTheBackgroundParse() {
        let text = Self.largePlaybook().replacingOccurrences(of: "say: &greeting", with: "say: *nowhere\n    x: &greeting")
        for _ in 0..<20 {
            #expect(throws: Diagnostic.self) { _ = try YAMLComposer(file: "large.yaml", background: true).compose(text) }
        }
        #expect(Self.outcome(text, background: true).contains("'*nowhere' refers to no '&nowhere'"))
    }

    @Test func aSecondDocumentInALargeTextIsRefused() {
        let text = Self.largePlaybook() + "---\nsecond: document\n"
        #expect(Self.outcome(text, background: true).contains("holds one YAML document"))
        #expect(Self.outcome(text, background: true) == Self.outcome(text, background: false))
    }
}
