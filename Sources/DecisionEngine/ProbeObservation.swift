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
}
