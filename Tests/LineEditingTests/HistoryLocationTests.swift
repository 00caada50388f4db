import Foundation
@testable import LineEditing
import TestSupport
import Testing

@Suite struct HistoryLocationTests {
    @Test(arguments: [
        (["XDG_STATE_HOME": "/xdg/state", "HOME": "/home/ana"], "/xdg/state/gotriage/history"),
        (["XDG_STATE_HOME": "/xdg/state/", "HOME": "/home/ana"], "/xdg/state/gotriage/history"),
        (["HOME": "/home/ana"], "/home/ana/.local/state/gotriage/history"),
        (["XDG_STATE_HOME": "", "HOME": "/home/ana"], "/home/ana/.local/state/gotriage/history"),
        (["XDG_STATE_HOME": "relative/state", "HOME": "/home/ana"], "/home/ana/.local/state/gotriage/history"),
        ([:], "./.local/state/gotriage/history"),
    ])
    func followsTheXDGRules(environment: [String: String], expected: String) {
        #expect(HistoryLocation.file(environment: environment) == expected)
    }

    @Test func createsMissingParentDirectoriesPrivately() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.path + "/state/gotriage/history"
        try HistoryLocation.createParentDirectory(of: file)
        try HistoryLocation.createParentDirectory(of: file)  // existing directories are fine
        for created in ["/state", "/state/gotriage"] {
            var info = stat()
            #expect(stat(directory.path + created, &info) == 0)
            #expect(info.st_mode & S_IFMT == S_IFDIR)
            #expect(info.st_mode & 0o777 == 0o700)
        }
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test(arguments: [
        (true, true, "xterm-256color", true),
        (true, true, "dumb", false),
        (true, true, nil, false),
        (true, true, "", false),
        (false, true, "xterm", false),
        (true, false, "xterm", false),
    ] as [(Bool, Bool, String?, Bool)])
    func standardReaderEditsOnlyOnACapableTerminal(stdin: Bool, stdout: Bool, term: String?, edits: Bool) {
        #expect(LineReaders.usesLineEditing(stdinIsTerminal: stdin, stdoutIsTerminal: stdout, term: term) == edits)
    }
}
