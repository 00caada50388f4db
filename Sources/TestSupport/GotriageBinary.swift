import Foundation

/// The built `gotriage` executable and the shipped playbooks, for end-to-end tests.
public enum GotriageBinary {
    /// `$GOTRIAGE_BINARY`, else `gotriage` beside the running test bundle (SwiftPM puts both in
    /// the same build folder).
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["GOTRIAGE_BINARY"], !override.isEmpty { return override }
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("gotriage").path
    }

    /// The repository's `Playbooks/` folder.
    public static var shippedPlaybooks: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Playbooks").path
    }
}

extension Lab {
    /// Runs `gotriage ARGUMENTS` inside the lab (isolated environment, shipped playbooks, no colour,
    /// state under the lab) with stdin not a terminal.
    public func gotriage(
        _ arguments: [String], in directory: URL? = nil, extraEnvironment: [String: String] = [:],
        timeout: TimeInterval = 120, input: String? = nil
    ) throws -> (exitCode: Int32, stdout: String, stderr: String) {
        var environment = gotriageEnvironment
        environment.merge(extraEnvironment) { _, new in new }
        return try run(
            [GotriageBinary.path] + arguments + recordingArguments(arguments), in: directory, extraEnvironment: environment,
            timeout: timeout, input: input)
    }

    /// With `GOTRIAGE_RECORD_WALKS=FOLDER` (scripts/record-playbook-tests.sh), every `gotriage run`
    /// of the shipped playbooks also records its walk as an offline test case, in a folder of its own under FOLDER (runs
    /// go side by side, and two must not add to one file).
    private func recordingArguments(_ arguments: [String]) -> [String] {
        guard arguments.first == "run", !arguments.contains("--record"), !arguments.contains("--playbooks"),
            let folder = ProcessInfo.processInfo.environment["GOTRIAGE_RECORD_WALKS"], !folder.isEmpty
        else { return [] }
        let own = URL(fileURLWithPath: folder).appendingPathComponent(UUID().uuidString)
        guard (try? FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)) != nil else { return [] }
        return ["--record", own.path]
    }

    /// What gotriage runs with on top of ``environment``: the shipped playbooks, no colour, and
    /// its state (the undo journal) under the lab.
    var gotriageEnvironment: [String: String] {
        [
            "GOTRIAGE_SHIPPED_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
            "NO_COLOR": "1",
            "XDG_STATE_HOME": stateDirectory.path
        ]
    }

    /// gotriage's state folder in the lab (XDG_STATE_HOME); the journal is `gotriage/journal` below it.
    public var stateDirectory: URL { root.appendingPathComponent("state") }

    /// The lab's undo journal, as gotriage writes it.
    public var journalURL: URL { stateDirectory.appendingPathComponent("gotriage/journal") }
}
