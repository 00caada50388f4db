import Diagnosis

/// The machine-readable result of `gotriage diagnose --json`: the ranked causes, best first.
///
/// ```json
/// {"known":true,"causes":[{"id":"private-module-proxy","score":0.9,"evidence":["line 1: go: …"],
///   "start":"private-modules:triage","facts":{"module":"git.corp.test/lib"},"reason":"…"}]}
/// ```
public struct DiagnosisReport: Codable, Equatable, Sendable {
    /// Whether the best cause is sure enough to be the answer (otherwise: no known cause).
    public var known: Bool
    public var causes: [CauseEntry]

    public struct CauseEntry: Codable, Equatable, Sendable {
        /// The cause id from `Playbooks/causes.yaml`.
        public var id: String
        /// 0…1, two decimals.
        public var score: Double
        /// The log lines that show it, as `line N: text` (1-based line numbers of the input).
        public var evidence: [String]
        /// The playbook and step that prove and fix it (`playbook:step`); absent while none does.
        public var start: String?
        /// What the error establishes: `module`, `version`, `host`, `url`, `proxy`, `status`, …
        public var facts: [String: String]
        /// One line on why.
        public var reason: String
        /// The signature that matched.
        public var signature: String
    }

    public init(_ result: DiagnosisResult) {
        known = result.isKnown
        causes = result.causes.map { cause in
            CauseEntry(
                id: cause.cause, score: (cause.score * 100).rounded() / 100,
                evidence: cause.evidence.map { "line \($0.number): \($0.text)" },
                start: cause.start?.description, facts: cause.facts, reason: cause.reason,
                signature: cause.signature)
        }
    }
}
