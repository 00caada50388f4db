import PlaybookSpec
import Testing

@Suite("Answers files")
struct AnswersFileTests {
    @Test func readsNamesAndValuesAsText() throws {
        let answers = try AnswersFile.parse(
            """
            module: example.com/hello@v1.0.0
            goproxy: "http://127.0.0.1:3000,direct"
            count: 5
            confirm: yes
            nothing: ~
            """, file: "answers.yaml")
        #expect(
            answers == [
                "module": "example.com/hello@v1.0.0", "goproxy": "http://127.0.0.1:3000,direct",
                "count": "5", "confirm": "yes", "nothing": ""
            ])
    }

    @Test(arguments: ["", "\n  \n", "~\n"])
    func anEmptyFileMeansNoAnswers(text: String) throws {
        #expect(try AnswersFile.parse(text, file: "a.yaml").isEmpty)
    }

    @Test(arguments: [
        ("- module\n", "a.yaml:1:1: error: an answers file is a mapping of variable name to value (module: example.com/lib), not a list"),
        ("module: x\nmodule: y\n", "a.yaml:2:1: error: 'module' is written twice; first written at line 1"),
        ("module: [a, b]\n", "a.yaml:1:9: error: 'module' should be text, not a list"),
        (
            "9lives: x\n",
            "a.yaml:1:1: error: '9lives' in 'answers' is not a variable name; use letters, digits, '_', '-' and '.', starting with a letter"
        ),
        (
            "module: 'open\n",
            "a.yaml:2:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that started at line 1)"
        )
    ])
    func problemsPointAtTheLineAndColumn(text: String, expected: String) {
        #expect(throws: Diagnostic.self) { try AnswersFile.parse(text, file: "a.yaml") }
        do {
            _ = try AnswersFile.parse(text, file: "a.yaml")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func anUnreadableFileIsADiagnosticToo() {
        do {
            _ = try AnswersFile.load(file: "/nonexistent/answers.yaml")
            Issue.record("expected a diagnostic")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/answers.yaml:1:1: error: cannot read '/nonexistent/answers.yaml'"))
        }
    }
}
