import PlaybookSpec
import TestSupport
import Testing

@Suite struct DiagnosticRendererTests {
    let source = "steps:\n  a:\n    goto: chek-git\n\tx: y\n"

    @Test func showsTheLineAndACaretUnderTheColumn() {
        let renderer = DiagnosticRenderer { $0 == "Playbooks/x.yaml" ? source : nil }
        let diagnostic = Diagnostic(
            at: SourceLocation(file: "Playbooks/x.yaml", line: 3, column: 11),
            "unknown step 'chek-git' in goto; did you mean 'check-git'?")
        #expect(
            renderer.render(diagnostic) == """
                Playbooks/x.yaml:3:11: error: unknown step 'chek-git' in goto; did you mean 'check-git'?
                    goto: chek-git
                          ^
                """)
    }

    @Test func keepsTabsSoTheCaretLinesUp() {
        let renderer = DiagnosticRenderer { _ in source }
        let diagnostic = Diagnostic(.warning, at: SourceLocation(file: "f.yaml", line: 4, column: 2), "tab")
        #expect(renderer.render(diagnostic) == "f.yaml:4:2: warning: tab\n\tx: y\n\t^")
    }

    @Test func withoutTheSourceOnlyTheHeader() {
        let renderer = DiagnosticRenderer { _ in nil }
        let diagnostic = Diagnostic(at: SourceLocation(file: "gone.yaml", line: 1, column: 1), "cannot read")
        #expect(renderer.render(diagnostic) == "gone.yaml:1:1: error: cannot read")
    }

    @Test func lineBeyondTheEndOnlyTheHeader() {
        let renderer = DiagnosticRenderer { _ in "one line" }
        let diagnostic = Diagnostic(at: SourceLocation(file: "f.yaml", line: 9, column: 1), "eof")
        #expect(renderer.render(diagnostic) == "f.yaml:9:1: error: eof")
    }

    @Test func libraryFailureRendersWithItsOwnSources() throws {
        let failure = try #require(throws: PlaybookLoadFailure.self) {
            try FixtureTrees.tree("gotriage: 1\nid: x\ntitle: t\nsummary: s\nstart: a\nsteps:\n  a:\n    next: b\n    say: hi\n")
        }
        #expect(
            failure.description == """
                test.yaml:8:11: error: unknown step 'b' in next
                    next: b
                          ^
                """)
    }
}
