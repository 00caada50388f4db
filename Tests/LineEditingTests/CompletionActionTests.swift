import Testing

@testable import LineEditing

@Suite struct CompletionActionTests {
    @Test(arguments: [
        ("sta", ["start"], CompletionAction.replace(deleting: 0, text: "rt ")),
        ("start exit", ["exit-status-1", "exit-status-128"], .replace(deleting: 0, text: "-status-1")),
        ("go-", ["go-env", "go-mod"], .list(["go-env", "go-mod"])),
        ("x", ["xb", "xa", "xb"], .list(["xa", "xb"])),
        ("", ["start", "status"], .replace(deleting: 0, text: "sta")),
        ("run STA", ["start"], .replace(deleting: 3, text: "start ")),
        ("ask ", ["yes"], .replace(deleting: 0, text: "yes ")),
        ("nothing", [], .none)
    ])
    func tabDecision(line: String, candidates: [String], expected: CompletionAction) {
        #expect(CompletionAction.forTab(lineBeforeCursor: line, candidates: candidates) == expected)
    }

    @Test func wordStartsAfterTheLastSpaceOrTab() {
        #expect(CompletionAction.currentWord(of: "a b\tcd") == "cd")
        #expect(CompletionAction.currentWord(of: "abc") == "abc")
        #expect(CompletionAction.currentWord(of: "abc ") == "")
    }

    @Test func columnsRunDownThenAcross() {
        let layout = CandidateColumns.layout(["a", "bb", "ccc", "dd", "e"], width: 12)
        #expect(layout == "a    dd\nbb   e\nccc")
        #expect(CandidateColumns.layout(["a-long-word", "b"], width: 5) == "a-long-word\nb")
        #expect(CandidateColumns.layout([], width: 80) == "")
    }
}
