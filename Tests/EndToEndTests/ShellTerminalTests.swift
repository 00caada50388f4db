import Foundation
import TestSupport
import Testing

/// The real shell on a real pseudo-terminal: libedit line editing, Tab completion of commands,
/// playbook ids, and a confirmed fix that really changes the lab's GOENV file.
@Suite struct ShellTerminalTests {
    static let hello = LabModule.hello

    @Test func tabCompletionAndAConfirmedFixOnATerminal() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let proxy = try lab.startProxy(modules: [Self.hello])
        defer { proxy.stop() }
        try lab.writeGoEnvFile(["GOPROXY=off", "GOSUMDB=off"])
        let consumer = try lab.makeConsumer(requiring: [Self.hello])

        let steps: [[String: Any]] = [
            ["expect": "gotriage> "],
            // Tab completes the command and then the playbook id; libedit redraws the line, so the
            // proof is that Enter then starts the playbook (neither "sta" nor "exit-" would).
            ["send": "sta\t"],
            ["send": "exit-\t"],
            ["send": "\r"],
            ["expect": "▶ go mod download fails (exit-status-128)"],
            ["expect": "Which module proxy should Go use?", "timeout": 60],
            ["expect": "goproxy> "],
            ["send": proxy.url + "\r"],
            ["expect": "go env -w GOPROXY=\(proxy.url)"],
            ["expect": "Apply? [y/N] "],
            ["send": "y\r"],
            ["expect": "go env confirms it"],
            ["expect": "(goproxy-off)", "timeout": 60],
            ["expect": "gotriage> "],
            ["send": "hist\t\r"],  // history shows what was typed
            ["expect": "start exit-status-128"],
            ["send": "\u{4}"],  // Ctrl-D leaves
            ["eof": true]
        ]
        let stepsFile = lab.root.appendingPathComponent("pty-steps.json")
        try JSONSerialization.data(withJSONObject: steps).write(to: stepsFile)
        let script = LabServer.scriptURL.deletingLastPathComponent().appendingPathComponent("ptyshell.py").path
        let run = try lab.run(
            ["python3", script, stepsFile.path, GotriageBinary.path], in: consumer,
            extraEnvironment: [
                "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
                "XDG_STATE_HOME": lab.root.appendingPathComponent("state").path,
                "TERM": "xterm"
            ], timeout: 180)
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(result["ok"] as? Bool == true, "stopped at step \(result["failed_step"] ?? "-"):\n\(result["transcript"] ?? "")")
        #expect(result["exit_status"] as? Int == 0)

        #expect(try lab.goEnv(["GOPROXY"]).stdout == proxy.url + "\n")
        #expect(try lab.goModDownload([Self.hello.path], in: consumer).exitCode == 0)
        let history = try String(contentsOf: lab.root.appendingPathComponent("state/gotriage/history"), encoding: .utf8)
        // libedit's history file format writes a space as \040.
        #expect(history.contains("start\\040exit-status-128"), "\(history)")
    }
}
