import Foundation
import TestSupport
import Testing

@testable import LineEditing

/// Setting up line reading: the history file's private directories, and when the editing reader is used.
@Suite struct HistoryFileTests {
    @Test func createsMissingParentDirectoriesPrivately() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path + "/state/gotriage/history"
        try EditLineReader.createParentDirectory(of: file)
        try EditLineReader.createParentDirectory(of: file)  // existing directories are fine
        for created in ["/state", "/state/gotriage"] {
            var info = stat()
            #expect(stat(directory.path + created, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(info.st_mode & 0o777 == 0o700)
        }
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test(
        arguments: [
            (true, true, "xterm-256color", true),
            (true, true, "dumb", false),
            (true, true, nil, false),
            (true, true, "", false),
            (false, true, "xterm", false),
            (true, false, "xterm", false)
        ] as [(Bool, Bool, String?, Bool)])
    func standardReaderEditsOnlyOnACapableTerminal(stdin: Bool, stdout: Bool, term: String?, edits: Bool) {
        #expect(LineReaders.usesLineEditing(stdinIsTerminal: stdin, stdoutIsTerminal: stdout, term: term) == edits)
    }
}
