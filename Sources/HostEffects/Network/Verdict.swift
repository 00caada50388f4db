/// The one-word outcome of a network probe, with the exit status `gotriage probe` uses.
public enum Verdict: String, Sendable, Codable, CaseIterable {
    /// Every phase succeeded (any HTTP status counts: the server answered).
    case reachable
    /// The host name did not resolve.
    case dnsFailed = "dns-failed"
    /// The TCP connection was refused or the network was unreachable.
    case refused
    /// A phase got no answer before the probe's timeout.
    case timedOut = "timed-out"
    /// The TLS handshake failed (bad certificate, wrong name, protocol error).
    case tlsFailed = "tls-failed"
    /// The server did not send a valid HTTP status line.
    case httpFailed = "http-failed"
    /// The target itself is malformed (bad URL, port, or scheme).
    case badTarget = "bad-target"

    /// The process exit status for this verdict: 0 reachable … 6 bad-target.
    public var exitCode: Int32 {
        switch self {
        case .reachable: 0
        case .dnsFailed: 1
        case .refused: 2
        case .timedOut: 3
        case .tlsFailed: 4
        case .httpFailed: 5
        case .badTarget: 6
        }
    }
}
