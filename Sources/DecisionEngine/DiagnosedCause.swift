import PlaybookSpec

/// The cause the cause catalog read in Go's output during a walk, with the line that shows it.
///
/// A walk keeps the latest one (`Walk.diagnosis`) whatever happens after it — a declined fix, a
/// dry run, an escalation, an interrupted command — so reports and `--json` never lose it. It is
/// what the output *says*; the `cause` of the walk's end is what the playbook *proved*, and the two
/// can differ (a proxy's 404 reads as a private module; the walk may find the version missing).
public struct DiagnosedCause: Sendable, Equatable, Codable {
    /// The cause id (`Playbooks/causes.yaml`).
    public let cause: String
    /// The signature whose match shows it.
    public let signature: String
    /// How sure the catalog is, 0…1.
    public let score: Double
    /// The line that shows it, with where it was: `stdout line 4: "…"`.
    public let evidence: String
    /// One line on why, with the facts filled in.
    public let reason: String
    /// The one thing to do, for a cause no playbook proves yet.
    public let help: String?
    /// The step whose output was read.
    public let step: StepAddress

    public init(
        cause: String, signature: String, score: Double, evidence: String, reason: String, help: String?,
        step: StepAddress
    ) {
        self.cause = cause
        self.signature = signature
        self.score = score
        self.evidence = evidence
        self.reason = reason
        self.help = help
        self.step = step
    }
}
