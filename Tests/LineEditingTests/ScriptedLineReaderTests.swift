import LineEditing
import TestSupport
import Testing

@Suite struct ScriptedLineReaderTests {
    @Test func replaysTheScriptThenEndsAndRecordsPrompts() {
        let reader = ScriptedLineReader([.line("start"), .interrupted, .line("")])
        let read = (1...5).map { reader.readLine(prompt: "p\($0)> ") }
        #expect(read == [.line("start"), .interrupted, .line(""), .endOfFile, .endOfFile])
        #expect(reader.prompts == ["p1> ", "p2> ", "p3> ", "p4> ", "p5> "])
        #expect(!reader.isInteractive)
    }

    @Test func exercisesTheInstalledCompleterAndKeepsHistory() {
        let reader = ScriptedLineReader(lines: ["a"], isInteractive: true)
        #expect(reader.complete("st") == nil)
        reader.completer = { line in ["start", "status"].filter { $0.hasPrefix(line) } }
        #expect(reader.complete("sta") == ["start", "status"])
        #expect(reader.complete("stat") == ["status"])
        reader.addHistory("a")
        #expect(reader.history == ["a"])
        #expect(reader.isInteractive)
    }
}
