import PlaybookSpec

/// A cause the catalog read in a text, with what shows it.
struct Finding {
    var cause: String
    var signature: String
    /// 0…1.
    var score: Double
    /// The error's lines that show it, labelled by source.
    var evidence: [String]
    var reason: String
    var help: String?
    /// The named groups of the match and what the error's structure gave (`module`, `host`, …).
    var facts: [String: String]

    /// The diagnosis this finding makes at `step`.
    func diagnosis(at step: StepAddress) -> DiagnosedCause {
        DiagnosedCause(
            cause: cause, signature: signature, score: score, evidence: evidence.last ?? "", reason: reason,
            help: help, step: step)
    }
}
