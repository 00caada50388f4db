import Foundation
import PlaybookSpec
import TestSupport
import Testing

/// The YAML-level errors of the loader (syntax, repeated keys, aliases, the node budget): each
/// message and the line and column it points at.
@Suite("YAML text")
struct YAMLTextTests {
    static let header = "gotriage: 1\nid: sample\ntitle: Sample\nsummary: A test.\nstart: a\n"

    func diagnostic(_ text: String, nodeLimit: Int = 1_000_000) -> String {
        do {
            _ = try PlaybookLoader(nodeLimit: nodeLimit).load(text: text, file: "t.yaml")
            return "loaded"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        (
            "  a:\n    say: x\n    next: *nowhere\n",
            "t.yaml:9:11: error: YAML syntax error: '*nowhere' refers to no '&nowhere' above it"
        ),
        (
            "  a:\n    done: {outcome: resolved, conclusion: ok}\n---\nid: x\n",
            "t.yaml:9:1: error: a playbook file holds one YAML document; remove this second one (and its '---')"
        ),
        (
            "  a:\n    say: \"x\u{1}y\"\n    next: a\n",
            "t.yaml:8:12: error: the file is not readable text: control characters are not allowed"
        ),
        (
            "  a:\n    say: [x\n",
            "t.yaml:9:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence that started at line 8)"
        ),
        (
            "  a:\n    say: 'open",
            "t.yaml:8:15: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that started at line 8)"
        )
    ])
    func syntaxErrorsKeepLibyamlsWordsAndPlace(steps: String, expected: String) {
        #expect(diagnostic(Self.header + "steps:\n" + steps) == expected)
    }

    @Test(arguments: [
        // Block mapping: at the second occurrence, in reading order.
        ("  a:\n    say: x\n    say: y\n    next: a\n", "t.yaml:9:5: error: 'say' is written twice; first written at line 8"),
        // Three times: the second one.
        ("  a:\n    say: x\n    next: a\n    say: y\n    say: z\n", "t.yaml:10:5: error: 'say' is written twice; first written at line 8"),
        // Flow mapping, quoted differently.
        (
            "  a:\n    run: {argv: [go], 'timeout': 1s, \"timeout\": 2s}\n    next: a\n",
            "t.yaml:8:38: error: 'timeout' is written twice; first written at line 8"
        ),
        // Two different keys repeated: the first repeat in reading order.
        (
            "  a:\n    say: x\n    next: a\n    next: b\n    say: y\n",
            "t.yaml:10:5: error: 'next' is written twice; first written at line 9"
        ),
        // A key that cannot be renamed (anchored): reported where it is first written.
        ("  a:\n    &k say: x\n    say: y\n    next: a\n", "t.yaml:8:5: error: 'say' is written more than once in this mapping; keep one"),
        // A list as a key has no name.
        ("  a:\n    ? [x]\n    : 1\n    ? [x]\n    : 2\n", "t.yaml:8:7: error: a key is written twice in this mapping; keep one")
    ])
    func repeatedKeysAreReportedWhereTheyAreWrittenAgain(steps: String, expected: String) {
        #expect(diagnostic(Self.header + "steps:\n" + steps) == expected)
    }

    @Test func repeatedStepsReachTheValidatorWithTheOtherProblems() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.yaml").path
        try (Self.header + "steps:\n  a: {say: x, next: b}\n  b: {say: y, next: nowhere}\n  a: {say: z, next: b}\n")
            .write(toFile: file, atomically: true, encoding: .utf8)
        guard case .failure(let failure) = PlaybookLibrary.load(files: [file], catalog: FixtureTrees.shippedCatalog) else {
            Issue.record("expected problems")
            return
        }
        #expect(
            failure.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [
                "8:21: unknown step 'nowhere' in next",
                "9:3: step 'a' is defined twice; first defined at line 7"
            ])
    }

    @Test func repeatedExtensionKeysAreIgnoredAsBefore() {
        #expect(diagnostic(Self.header + "x-note: 1\nx-note: 2\nsteps:\n  a: {say: x, next: a}\n") == "loaded")
    }

    @Test func anAliasCannotBeAKey() {
        #expect(
            diagnostic(Self.header + "steps:\n  a:\n    say: &k next\n    *k : a\n")
                == "t.yaml:9:5: error: an alias (*k) cannot be a key; write the key out")
    }

    /// Yams hashes every key whole, so an alias to a billion laughs as a key would take hours
    /// inside Yams; it is refused before Yams parses the text.
    @Test func anAliasBombAsAKeyIsRefusedAtOnce() {
        var text = Self.header + "x-0: &l0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "x-\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "x-k: {*l9 : v}\nsteps:\n  a: {say: x, next: a}\n"
        let started = Date()
        #expect(diagnostic(text) == "t.yaml:16:7: error: an alias (*l9) cannot be a key; write the key out")
        #expect(Date().timeIntervalSince(started) < 2)
    }

    /// libyaml stops at 1 000 levels of nesting; the condition reader stops at 64 levels of
    /// `all`/`any`/`not` (`ConditionReader.depthLimit`), far below where the readers, the validator
    /// and the walk, which recurse once per level, could run out of a thread's stack — a chain of
    /// aliases nests past libyaml's limit unseen and did (`AliasDepthTests`).
    @Test func deepNestingIsReadAndBeyondLibyamlsLimitRefused() {
        func steps(nots: Int) -> String {
            let condition = String(repeating: "{not: ", count: nots) + "{exit: 0}" + String(repeating: "}", count: nots)
            return Self.header + "steps:\n  a:\n    run: {argv: [go]}\n    branch: [{if: \(condition), goto: a}, {else: a}]\n"
        }
        #expect(diagnostic(steps(nots: 63)) == "loaded")
        #expect(
            diagnostic(steps(nots: 500)).hasPrefix("t.yaml:9:403: error: conditions nest more than 64 levels deep here"),
            "\(diagnostic(steps(nots: 500)))")
        #expect(diagnostic(steps(nots: 1_000)).contains("error: YAML syntax error: Maximum nesting level reached"))
    }

    @Test func theNodeBudgetStopsAtTheNodeThatCrossesIt() {
        // The playbook's 6 pairs are 12 nodes, the steps mapping's one pair 2, the step's two 4:
        // the 18th is the value of 'next'.
        let text = Self.header + "steps:\n  a:\n    say: x\n    next: a\n"
        #expect(diagnostic(text, nodeLimit: 17).hasPrefix("t.yaml:9:11: error: this file holds more than 17 values"))
        #expect(diagnostic(text, nodeLimit: 18) == "loaded")
    }
}
