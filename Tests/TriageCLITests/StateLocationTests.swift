import Testing

@testable import TriageCLI

/// Where the shell's history and the change journal are kept.
@Suite struct StateLocationTests {
    @Test(arguments: [
        (["XDG_STATE_HOME": "/xdg/state", "HOME": "/home/ana"], "/xdg/state/gotriage/"),
        (["XDG_STATE_HOME": "/xdg/state/", "HOME": "/home/ana"], "/xdg/state/gotriage/"),
        (["HOME": "/home/ana"], "/home/ana/.local/state/gotriage/"),
        (["XDG_STATE_HOME": "", "HOME": "/home/ana"], "/home/ana/.local/state/gotriage/"),
        (["XDG_STATE_HOME": "relative/state", "HOME": "/home/ana"], "/home/ana/.local/state/gotriage/"),
        (["HOME": ""], "./.local/state/gotriage/"),
        ([:], "./.local/state/gotriage/")
    ])
    func followsTheXDGRules(environment: [String: String], directory: String) {
        #expect(StateLocation.file("history", environment: environment) == directory + "history")
        #expect(StateLocation.file("journal", environment: environment) == directory + "journal")
    }
}
