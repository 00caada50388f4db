import HostEffects
import Synchronization

/// A command runner for unit tests: answers with a closure and records every request.
///
/// ```swift
/// let runner = FakeCommandRunner { request in
///     CommandResult(argv: request.argv, stdout: "go version go1.19.8 linux/amd64\n")
/// }
/// ```
public final class FakeCommandRunner: CommandRunning {
    /// Produces the result for one request.
    public typealias Responder = @Sendable (CommandRequest) async -> CommandResult

    private let responder: Responder
    private let log = Mutex<[CommandRequest]>([])

    /// Creates a runner answering with `responder`; by default every command exits 0 with no output.
    public init(_ responder: @escaping Responder = { CommandResult(argv: $0.argv) }) {
        self.responder = responder
    }

    /// Creates a runner answering from a table keyed by argv; other argvs exit 127.
    public convenience init(results: [[String]: CommandResult]) {
        self.init { request in
            results[request.argv]
                ?? .notStarted(request.argv, reason: "FakeCommandRunner: no result for \(request.argv)")
        }
    }

    /// Every request received so far, oldest first.
    public var requests: [CommandRequest] { log.withLock { $0 } }

    /// The argv of every request received so far, oldest first.
    public var argvs: [[String]] { requests.map(\.argv) }

    public func run(_ request: CommandRequest) async -> CommandResult {
        log.withLock { $0.append(request) }
        return await responder(request)
    }
}
