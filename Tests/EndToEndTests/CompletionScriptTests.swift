import Foundation
import TestSupport
import Testing

/// The shell completion scripts and the help ArgumentParser writes for the real binary.
@Suite struct CompletionScriptTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func eachShellGetsAScriptNamingEverySubcommand(_ shell: String) throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let script = try lab.gotriage(["--generate-completion-script", shell])
        #expect(script.exitCode == 0, "\(script.stderr)")
        for subcommand in ["shell", "run", "diagnose", "list", "lint", "graph", "test", "copy", "undo"] {
            #expect(script.stdout.contains(subcommand), "\(shell) script lacks \(subcommand)")
        }
    }

    @Test func bashCompletesSubcommandsAndOptions() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let script = lab.root.appendingPathComponent("gotriage.bash")
        try Data(try lab.gotriage(["--generate-completion-script", "bash"]).stdout.utf8).write(to: script)
        #expect(try lab.run(["bash", "-n", script.path]).exitCode == 0, "bash reads the script")
        func complete(_ words: [String]) throws -> [String] {
            let line = words.joined(separator: " ")
            let array = words.map { "'\($0)'" }.joined(separator: " ")
            let program = """
                source '\(script.path)'
                COMP_WORDS=(\(array)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=\(line.count)
                _gotriage gotriage '\(words.last ?? "")' '\(words.count > 1 ? words[words.count - 2] : "")'
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let result = try lab.run(
                ["bash", "-c", program],
                extraEnvironment: ["PATH": "\(URL(fileURLWithPath: GotriageBinary.path).deletingLastPathComponent().path):/usr/bin:/bin"])
            #expect(result.exitCode == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map(String.init).sorted()
        }
        #expect(try complete(["gotriage", "l"]) == ["lint", "list"])
        #expect(try complete(["gotriage", "lint", "--s"]) == ["--strict"])
        #expect(try complete(["gotriage", "graph", "x", "--f"]) == ["--format"])
    }

    @Test func theHelpDumpTheManPageIsMadeFromNamesEveryCommand() throws {
        let lab = try Lab.make()
        defer { lab.remove() }
        let dump = try lab.gotriage(["--experimental-dump-help"])
        #expect(dump.exitCode == 0)
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        let command = json?["command"] as? [String: Any]
        let names = ((command?["subcommands"] as? [[String: Any]]) ?? []).compactMap { $0["commandName"] as? String }
        #expect(
            Set(names).isSuperset(of: ["shell", "run", "diagnose", "list", "lint", "graph", "test", "copy", "probe", "undo"]), "\(names)")
    }
}
