/// Something that runs a command and always returns a result.
///
/// Failures to start, timeouts and cancellation are part of the ``CommandResult``
/// (exit code 127, `timedOut`, `interrupted`), so callers never need `try`.
public protocol CommandRunning: Sendable {
    /// Runs `request` to completion, timeout or cancellation.
    func run(_ request: CommandRequest) async -> CommandResult
}
