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
        var environment = [
            "GOTRIAGE_PLAYBOOKS": GotriageBinary.shippedPlaybooks,
            "NO_COLOR": "1",
            "XDG_STATE_HOME": root.appendingPathComponent("state").path
        ]
        environment.merge(extraEnvironment) { _, new in new }
        return try run(
            [GotriageBinary.path] + arguments, in: directory, extraEnvironment: environment, timeout: timeout,
            input: input)
    }
}
