import Foundation
import Testing

@testable import LineEditing

@Suite struct PlainLineReaderTests {
    /// Feeds `input` through a pipe (write end closed afterwards) and reads until end of file.
    private func readAll(_ input: String, prompt: String = "> ") throws -> (inputs: [LineInput], shown: String) {
        let inputPipe = Pipe()
        let outputPipe = Pipe()
        inputPipe.fileHandleForWriting.write(Data(input.utf8))
        try inputPipe.fileHandleForWriting.close()
        let reader = PlainLineReader(
            inputFD: inputPipe.fileHandleForReading.fileDescriptor,
            outputFD: outputPipe.fileHandleForWriting.fileDescriptor)
        var inputs: [LineInput] = []
        while inputs.last != .endOfFile && inputs.count < 20 {
            inputs.append(reader.readLine(prompt: prompt))
        }
        try outputPipe.fileHandleForWriting.close()
        let shown = String(decoding: outputPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (inputs, shown)
    }

    @Test(arguments: [
        ("one\ntwo\n", [LineInput.line("one"), .line("two"), .endOfFile]),
        ("one\r\ntwo\r\n", [.line("one"), .line("two"), .endOfFile]),
        ("one\nlast without newline", [.line("one"), .line("last without newline"), .endOfFile]),
        ("\n\nx\n", [.line(""), .line(""), .line("x"), .endOfFile]),
        ("héllo wörld\n", [.line("héllo wörld"), .endOfFile]),
        ("", [.endOfFile])
    ])
    func readsLinesUntilEndOfFile(input: String, expected: [LineInput]) throws {
        let result = try readAll(input)
        #expect(result.inputs == expected)
        #expect(result.shown == String(repeating: "> ", count: expected.count))
    }

    @Test func keepsReturningEndOfFileAfterTheEnd() throws {
        let inputPipe = Pipe()
        try inputPipe.fileHandleForWriting.close()
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let reader = PlainLineReader(inputFD: inputPipe.fileHandleForReading.fileDescriptor, outputFD: devNull)
        #expect(reader.readLine(prompt: "") == .endOfFile)
        #expect(reader.readLine(prompt: "") == .endOfFile)
        #expect(!reader.isInteractive)
    }

    @Test func promptLeavesOutTextWrappedInPromptEscapes() throws {
        let escape = String(EditLineReader.promptEscape)
        let coloured = "\(escape)\u{1B}[1;34m\(escape)gotriage\(escape)\u{1B}[0m\(escape)> "
        let result = try readAll("x\n", prompt: coloured)
        #expect(result.shown == "gotriage> gotriage> ")
        #expect(!result.shown.contains("\u{1B}"))
    }

    @Test func historyDropsEmptyAndRepeatedLines() {
        let reader = PlainLineReader()
        for line in ["a", "a", "", "b", "a"] { reader.addHistory(line) }
        #expect(reader.history == ["a", "b", "a"])
    }
}
