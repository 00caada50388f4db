/// What a network probe found, phase by phase, and its verdict.
public struct NetworkProbeReport: Sendable, Codable, Equatable {
    /// One step of a probe: DNS lookup, TCP connect, TLS handshake or HTTP request.
    public struct Phase: Sendable, Codable, Equatable {
        /// `dns`, `tcp`, `tls` or `http`.
        public var name: String
        /// Whether the phase succeeded.
        public var ok: Bool
        /// What happened, in words ("ok 127.0.0.1", "refused: connection to 127.0.0.1:9 refused", "404 Not Found").
        public var detail: String
        /// How long the phase took, in milliseconds.
        public var durationMilliseconds: Double

        /// Creates a phase.
        public init(name: String, ok: Bool, detail: String, durationMilliseconds: Double) {
            self.name = name
            self.ok = ok
            self.detail = detail
            self.durationMilliseconds = durationMilliseconds
        }

        /// The phase as one line: `tcp: ok 127.0.0.1:8080 (0.1 ms)`.
        public var line: String {
            let tenths = (durationMilliseconds * 10).rounded() / 10
            return "\(name): \(detail) (\(tenths) ms)"
        }
    }

    /// What was probed: `HOST:PORT` or the URL, as given.
    public var target: String
    /// The phases that ran, in order; the last one failed unless the verdict is reachable.
    public var phases: [Phase]
    /// The outcome.
    public var verdict: Verdict

    /// Creates a report.
    public init(target: String, phases: [Phase], verdict: Verdict) {
        self.target = target
        self.phases = phases
        self.verdict = verdict
    }

    /// The text form: one line per phase, then `verdict: <verdict>`.
    public var lines: [String] {
        phases.map(\.line) + ["verdict: \(verdict.rawValue)"]
    }

    /// The phase called `name`, if it ran.
    public func phase(_ name: String) -> Phase? {
        phases.first { $0.name == name }
    }
}
