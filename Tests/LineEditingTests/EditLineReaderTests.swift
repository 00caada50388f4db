import Foundation
import TestSupport
import Testing

@testable import LineEditing

extension TerminalReaderTests {
    /// Drives the real libedit reader through a pseudo-terminal.
    @Suite struct EditLineReaderTests {
        static let words = ["start", "stop", "exit-status-1", "exit-status-128", "go-env", "go-mod"]

        /// A completer over ``words`` that records each text it was called with.
        final class RecordingCompleter: @unchecked Sendable {
            private(set) var calls: [String] = []
            func complete(_ lineBeforeCursor: String) -> [String] {
                calls.append(lineBeforeCursor)
                let word = lineBeforeCursor.split(separator: " ", omittingEmptySubsequences: false).last ?? ""
                return TerminalReaderTests.EditLineReaderTests.words.filter { $0.hasPrefix(word) }
            }
        }

        @Test func completesEditsRecallsHistoryAndEndsOnControlD() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let historyFile = directory.path + "/state/gotriage/history"
            let terminal = try PseudoTerminal()
            defer { terminal.close() }
            let completer = RecordingCompleter()
            var results: [LineInput] = []
            do {
                let reader = try EditLineReader(historyFile: historyFile, inputFD: terminal.slave, outputFD: terminal.slave)
                reader.completer = completer.complete
                terminal.script { terminal in
                    terminal.waitForOutput("p1> ")
                    terminal.type("sta\texit\t28\r")
                    terminal.waitForOutput("p2> ")
                    terminal.type("orld\u{1}w\u{5}!\r")  // Ctrl-A to the start, Ctrl-E to the end
                    terminal.waitForOutput("p3> ")
                    terminal.type("\u{10}\r")  // Ctrl-P: previous history line
                    terminal.waitForOutput("p4> ")
                    terminal.type("\u{4}")  // Ctrl-D on an empty line
                }
                results.append(reader.readLine(prompt: "p1> "))
                if case let .line(line) = results[0] { reader.addHistory(line) }
                results.append(reader.readLine(prompt: "p2> "))
                results.append(reader.readLine(prompt: "p3> "))
                results.append(reader.readLine(prompt: "p4> "))
                #expect(reader.lastHistoryError == nil)
            }
            #expect(results == [.line("start exit-status-128"), .line("world!"), .line("start exit-status-128"), .endOfFile])
            #expect(completer.calls == ["sta", "start exit"])

            let saved = try String(contentsOfFile: historyFile, encoding: .utf8)
            #expect(saved.contains("exit-status-128"))
            var info = stat()
            #expect(stat(directory.path + "/state/gotriage", &info) == 0)
            #expect(info.st_mode & 0o777 == 0o700)
            let reloaded = try EditLineReader(historyFile: historyFile, inputFD: terminal.slave, outputFD: terminal.slave)
            #expect(reloaded.history == ["start exit-status-128"])
        }

        @Test func listsCandidatesWhenNoLongerPrefixCanBeInserted() throws {
            let terminal = try PseudoTerminal()
            defer { terminal.close() }
            let completer = RecordingCompleter()
            let reader = try EditLineReader(historyFile: nil, inputFD: terminal.slave, outputFD: terminal.slave)
            reader.completer = completer.complete
            terminal.script { terminal in
                terminal.waitForOutput("t> ")
                terminal.type("go\t\t")  // "go" → "go-", then both candidates are listed
                terminal.waitForOutput("go-mod")
                terminal.type("m\t\r")
            }
            let result = reader.readLine(prompt: "t> ")
            #expect(result == .line("go-mod "))
            #expect(completer.calls == ["go", "go-", "go-m"])
            #expect(terminal.screen.contains("go-env  go-mod"))
        }

        @Test func controlCInterruptsTheLineAndRestoresTheSignalHandler() throws {
            let terminal = try PseudoTerminal()
            defer { terminal.close() }
            let reader = try EditLineReader(historyFile: nil, inputFD: terminal.slave, outputFD: terminal.slave)
            // libedit's own handler would re-raise SIGINT to the whole process group (the test runner).
            reader.handlesTerminalSignals = false
            let before = Self.sigintDisposition()
            terminal.script { terminal in
                terminal.waitForOutput("c1> ")
                terminal.type("abc")
                terminal.waitForOutput("abc")
                // The echo may be the terminal's own, before libedit reads: wait until libedit has
                // taken the keys, or Ctrl-C would leave them queued for the next read.
                terminal.waitUntilInputIsRead()
                if Self.sigintDisposition() != before {
                    kill(getpid(), SIGINT)  // what the terminal sends on Ctrl-C (to the process, any thread)
                } else {
                    terminal.type("\r")  // no handler installed: a SIGINT would kill the test runner
                }
                terminal.waitForOutput("c2> ")
                terminal.type("ok\r")
            }
            let interrupted = reader.readLine(prompt: "c1> ")
            let after = Self.sigintDisposition()
            let next = reader.readLine(prompt: "c2> ")
            #expect(interrupted == .interrupted)
            #expect(after == before)
            #expect(next == .line("ok"))
        }

        @Test func historyPersistsAcrossReadersWithoutATerminal() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let historyFile = directory.path + "/history"
            let devNull = open("/dev/null", O_RDWR)
            defer { close(devNull) }
            do {
                let reader = try EditLineReader(historyFile: historyFile, inputFD: devNull, outputFD: devNull)
                for line in ["ask go env", "ask go env", "", "run probe \"two words\""] { reader.addHistory(line) }
                #expect(reader.history == ["ask go env", "run probe \"two words\""])
            }
            let reloaded = try EditLineReader(historyFile: historyFile, inputFD: devNull, outputFD: devNull)
            #expect(reloaded.history == ["ask go env", "run probe \"two words\""])
        }

        @Test func reportsAHistoryFileThatCannotBeWritten() throws {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let blocker = directory.path + "/not-a-directory"
            #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))
            let devNull = open("/dev/null", O_RDWR)
            defer { close(devNull) }
            let unsaved = try EditLineReader(historyFile: blocker + "/history", inputFD: devNull, outputFD: devNull)
            unsaved.addHistory("start")
            #expect(unsaved.lastHistoryError == .historyNotSaved(path: blocker + "/history"))
            #expect(unsaved.history == ["start"])
            let noDirectory = try EditLineReader(historyFile: blocker + "/sub/history", inputFD: devNull, outputFD: devNull)
            noDirectory.addHistory("start")
            #expect(noDirectory.lastHistoryError == .systemCall(name: "mkdir '\(blocker)/sub'", errno: ENOTDIR))
        }

        private static func sigintDisposition() -> [UInt8] {
            var current = sigaction()
            sigaction(SIGINT, nil, &current)
            return withUnsafeBytes(of: current.__sigaction_handler) { Array($0) }
        }
    }
}
