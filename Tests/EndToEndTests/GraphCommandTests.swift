import Foundation
import PlaybookSpec
import TestSupport
import Testing

/// `gotriage graph` on the real binary: every step and every way on of a shipped playbook, as
/// Mermaid and as DOT that the real Graphviz renders.
@Suite struct GraphCommandTests {
    static let knowledge: Knowledge = {
        guard case .success(let knowledge) = PlaybookSet.load(directories: [GotriageBinary.shippedPlaybooks]) else {
            preconditionFailure("the shipped playbooks load")
        }
        return knowledge
    }()

    static let playbookIDs = knowledge.tree.order

    @Test(arguments: playbookIDs)
    func dotOfEachShippedPlaybookRendersWithGraphviz(_ id: String) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let graph = try lab.gotriage(["graph", id, "--format", "dot"])
        #expect(graph.exitCode == 0, "\(graph.stderr)")
        let svg = try lab.run(["dot", "-Tsvg"], input: graph.stdout)
        #expect(svg.exitCode == 0, "dot refused the graph of \(id): \(svg.stderr)")
        #expect(svg.stdout.contains("<svg"))
        let playbook = try #require(Self.knowledge.tree.playbooks[id])
        for step in playbook.stepOrder {
            #expect(graph.stdout.contains("  \"\(step)\" [shape="), "node \(step)")
        }
        // One edge per way on (next, each if, each route target, else, jump), plus the start arrow.
        let edges = graph.stdout.split(separator: "\n").filter { $0.contains(" -> ") }.count
        #expect(edges == Self.waysOn(playbook) + 1)
    }

    @Test(arguments: playbookIDs)
    func mermaidOfEachShippedPlaybookHasEveryStepAndWayOn(_ id: String) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let graph = try lab.gotriage(["graph", id])
        #expect(graph.exitCode == 0, "\(graph.stderr)")
        let lines = graph.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart TD")
        let playbook = try #require(Self.knowledge.tree.playbooks[id])
        let node = try Regex(#"^  n\d+(\[|\[/|\{\{|\(|\[\[|\(\[)"[^"]*"(\]|/\]|\}\}|\)|\]\]|\]\)):::[a-z]+$"#)
        let edge = try Regex(#"^  n\d+( -- "[^"]*")? --> n\d+$"#)
        let other = try Regex(#"^  (%% .*|start\(\(start\)\) --> n\d+|classDef [a-z]+ .*)$"#)
        for line in lines.dropFirst() {
            #expect(line.wholeMatch(of: node) != nil || line.wholeMatch(of: edge) != nil || line.wholeMatch(of: other) != nil, "\(line)")
        }
        for step in playbook.stepOrder {
            #expect(lines.contains { $0.wholeMatch(of: node) != nil && $0.contains("\"\(step)<br/>") }, "node \(step)")
        }
        #expect(lines.filter { $0.wholeMatch(of: edge) != nil }.count == Self.waysOn(playbook))
        #expect(lines.filter { $0.hasPrefix("  start((start)) --> ") }.count == 1)
    }

    @Test func aRouteNamesItsCausesAndADoneItsOutcomeAndCause() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let graph = try lab.gotriage(["graph", "exit-status-128", "--format", "dot"])
        #expect(graph.stdout.contains("[label=\"route: "))
        #expect(graph.stdout.contains("done: not-resolved (gotoolchain-invalid)"))
        #expect(graph.stdout.contains("[label=\"else\"]"))
    }

    @Test func theReadmeShowsTheEntryPlaybooksGraphAsItIs() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let graph = try lab.gotriage(["graph", "exit-status-128"])
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: GotriageBinary.shippedPlaybooks).deletingLastPathComponent()
                .appendingPathComponent("README.md").path, encoding: .utf8)
        #expect(readme.contains("```mermaid\n" + graph.stdout + "```\n"), "README.md's graph differs from gotriage graph exit-status-128")
    }

    @Test func anUnknownPlaybookIsAUsageErrorWithASuggestion() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let result = try lab.gotriage(["graph", "git-auht"])
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("no playbook 'git-auht'; did you mean 'git-auth'?"), "\(result.stderr)")
    }

    /// The ways on from the playbook's steps, counted from the tree (route targets once each).
    static func waysOn(_ playbook: Playbook) -> Int {
        playbook.steps.values.reduce(0) { count, step in
            var ways = 0
            if case .jump = step.action { ways += 1 }
            switch step.transition {
            case .end: break
            case .next: ways += 1
            case .branch(let branches, _):
                ways += 1  // else
                for branch in branches {
                    switch branch.rule {
                    case .test: ways += 1
                    case .route(let route): ways += Set(route.starts.values.map(\.description)).count
                    }
                }
            }
            return count + ways
        }
    }
}
