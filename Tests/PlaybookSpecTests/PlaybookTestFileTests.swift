import Foundation
import PlaybookSpec
import Testing

/// The `*.test.yaml` format: what is written reads back the same, and a bad file gets every
/// problem with its place.
@Suite struct PlaybookTestFileTests {
    /// Texts YAML could read otherwise when written plainly.
    static let awkward = [
        "", "off", "~", "null", "true", "0755", "1.10", "- item", "key: value", "# not a comment", "'quoted'",
        "\"double\"", "  leading spaces\n", "trailing spaces  \n", "tabs\tinside\n", "line one\nline two\n",
        "no final break\nsecond", "\n\nblank lines first\n", "unicode: ✔ é 世界\n", "a\r\nwindows\r\n", "*alias", "&anchor",
        "{flow: map}", "[flow, list]", "%directive", "@at", "`backtick`", "100%", "http://127.0.0.1:8080/x?y=1#z"
    ]

    @Test func writtenCasesReadBackTheSame() throws {
        let cases = Self.awkward.enumerated().map { index, text in
            PlaybookTestCase(
                name: "case \(index) \(text)", start: "exit-status-128:check-go", answers: ["module": text],
                asked: index.isMultiple(of: 3) ? [:] : ["goproxy": text],
                goEnv: ["GOPROXY": text], environment: ["HTTPS_PROXY": text], goDefaults: ["GOSUMDB": text],
                applyFixes: index.isMultiple(of: 2),
                probes: [
                    RecordedProbe(argv: ["go", text, "x"], exitCode: Int32(index % 3), stdout: text, stderr: text, timedOut: index == 3)
                ],
                expected: .init(outcome: "not-resolved", cause: index == 0 ? nil : "goproxy-off", path: ["a", text.isEmpty ? "b" : text]))
        }
        let yaml = try PlaybookTestFile.yaml(for: cases)
        let read = try PlaybookTestFile.load(text: yaml, file: "t.test.yaml").get()
        #expect(read.count == cases.count)
        for (written, back) in zip(cases, read) {
            var back = back
            back.location = nil
            back.probes = back.probes.map {
                var probe = $0
                probe.location = nil
                return probe
            }
            #expect(back == written, "\(yaml)")
        }
    }

    @Test func everyProblemOfAFileIsReportedWithItsPlace() {
        let text = """
            gotriage-test: 2
            cases:
              - name: one
                start: exit-status-128
                fixes: maybe
                probes:
                  - argv: []
                  - argv: [go, version]
                    exit: zero
                expect:
                  outcome: fine
              - start: x
                expect: {outcome: resolved}
                extra: 1

            """
        guard case .failure(let failure) = PlaybookTestFile.load(text: text, file: "t.test.yaml") else {
            Issue.record("the file has problems")
            return
        }
        let found = failure.diagnostics.map(\.description)
        #expect(
            found == [
                "t.test.yaml:1:16: error: 'gotriage-test' must be 1 (got text '2')",
                "t.test.yaml:5:12: error: 'fixes' is apply or decline (got text 'maybe')",
                "t.test.yaml:7:15: error: 'argv' names the command and its arguments; it is empty",
                "t.test.yaml:9:15: error: 'exit' should be an exit code such as 0 or 1 (got text 'zero')",
                "t.test.yaml:11:16: error: unknown outcome 'fine'; the outcomes are resolved, not-resolved, escalate",
                "t.test.yaml:12:5: error: missing key 'name' in a test case",
                "t.test.yaml:14:5: error: unknown key 'extra' in a test case; the keys are name, start, answers, asked, goenv, environment, go-defaults, fixes, probes, expect"
            ], "\(found)")
    }
}
