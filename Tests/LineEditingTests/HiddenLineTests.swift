import Foundation
import Testing

@testable import LineEditing

extension TerminalReaderTests {
    /// A secret line is read on a terminal with its echo off: what is typed never appears on the
    /// screen, the echo is back for the next line, and nothing goes into history.
    @Suite struct HiddenLineTests {
        @Test(arguments: ["libedit", "plain"])
        func aSecretLineIsNotShownAndTheEchoComesBack(reader kind: String) throws {
            let terminal = try PseudoTerminal()
            defer { terminal.close() }
            let reader: any LineReader =
                kind == "libedit"
                ? try EditLineReader(historyFile: nil, inputFD: terminal.slave, outputFD: terminal.slave)
                : PlainLineReader(inputFD: terminal.slave, outputFD: terminal.slave)
            terminal.script { terminal in
                terminal.waitForOutput("pw> ")
                terminal.type("hidden-typed-1\r")
                terminal.waitForOutput("next> ")
                terminal.type("shown-typed-2\r")
            }
            let secret = reader.readSecretLine(prompt: "pw> ")
            let next = reader.readLine(prompt: "next> ")
            #expect(secret == .line("hidden-typed-1"))
            #expect(next == .line("shown-typed-2"))
            #expect(terminal.waitForOutput("shown-typed-2"), "the echo is back: \(terminal.screen.debugDescription)")
            #expect(!terminal.screen.contains("hidden-typed-1"), "\(terminal.screen.debugDescription)")
            #expect(reader.history.isEmpty)
        }
    }
}
