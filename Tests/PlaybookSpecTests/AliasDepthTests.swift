import TestSupport
import Testing

@testable import PlaybookSpec

/// A chain of aliases nests conditions without reaching libyaml's nesting limit: `&c1 {not: *c0}`,
/// `&c2 {not: *c1}`, … Two thousand links are 50 KB and overflowed the reader's stack; the reader
/// now stops at `ConditionReader.depthLimit` levels with a located error.
@Suite struct AliasDepthTests {
    static func chain(_ links: Int, shape: (Int) -> String) -> String {
        let anchors = (1..<links).map { "  - &c\($0) \(shape($0))" }.joined(separator: "\n")
        return """
            gotriage: 1
            id: deep
            title: Deep
            summary: Nested through aliases.
            start: a
            x-chain:
              - &c0 {exit: 0}
            \(anchors)
            steps:
              a:
                run: {argv: [go, version]}
                branch:
                  - if: *c\(links - 1)
                    goto: b
                  - else: b
              b:
                done: {outcome: resolved, conclusion: Done.}
            """
    }

    static func link(_ name: String, _ i: Int) -> String {
        switch name {
        case "all": "{all: [{exit: 1}, *c\(i - 1)]}"
        case "any": "{any: [*c\(i - 1)]}"
        default: "{not: *c\(i - 1)}"
        }
    }

    @Test(arguments: ["not", "all", "any"])
    func aDeepChainOfAliasesIsRefusedNotCrashed(name: String) async throws {
        let text = Self.chain(2_000) { Self.link(name, $0) }
        #expect(text.utf8.count < 80_000)
        // On a pool thread (512 KB of stack), as `gotriage run` loads.
        let result = await Task { PlaybookLibrary.load(texts: [("deep.yaml", text)], catalog: FixtureTrees.shippedLoadedCatalog) }.value
        guard case .failure(let failure) = result else {
            Issue.record("\(name): a 2 000-level chain must not load")
            return
        }
        let message = "\(failure)"
        #expect(message.contains("error: conditions nest more than \(ConditionReader.depthLimit) levels deep here"), "\(message)")
    }

    @Test func nestingWithinTheLimitLoads() throws {
        let text = Self.chain(ConditionReader.depthLimit - 1) { "{not: *c\($0 - 1)}" }
        #expect(throws: Never.self) {
            try PlaybookLibrary.load(texts: [("deep.yaml", text)], catalog: FixtureTrees.shippedLoadedCatalog).get()
        }
    }
}
