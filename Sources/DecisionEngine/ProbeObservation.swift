import Foundation

/// What a probe produced, as the engine sees it. Front ends fill it from a real run or a recording.
public struct ProbeObservation: Sendable, Equatable, Codable {
    public var exitCode: Int32
    public var stdout: String
    public var stderr: String
    /// Killed at its timeout.
    public var timedOut: Bool
    /// Killed because the user pressed Ctrl-C.
    public var interrupted: Bool
    public var durationMilliseconds: Double

    public init(
        exitCode: Int32, stdout: String = "", stderr: String = "", timedOut: Bool = false,
        interrupted: Bool = false, durationMilliseconds: Double = 0
    ) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.interrupted = interrupted
        self.durationMilliseconds = durationMilliseconds
    }

    /// go's error message as go meant it: stderr, or when that is empty (`go mod download -json`
    /// writes its errors into its JSON), the `Error` fields of stdout decoded (their `\n`, `\t`
    /// and `\"` as line breaks, indents and quotes), one per line.
    public var errorText: String { Self.errorText(stdout: stdout, stderr: stderr) }

    public static func errorText(stdout: String, stderr: String) -> String {
        guard !stderr.contains(where: { !$0.isWhitespace }), stdout.contains("\"Error\"") else { return stderr }
        let texts = stdout.matches(of: /"Error":\s*("(?:[^"\\]|\\.)*")/).compactMap { match in
            (try? JSONSerialization.jsonObject(with: Data(match.1.utf8), options: .fragmentsAllowed)) as? String
        }
        return texts.isEmpty ? stderr : texts.joined(separator: "\n")
    }
}
