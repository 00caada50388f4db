import Diagnosis
import PlaybookSpec

/// One diagnosed text and where its lines came from.
struct TextReading {
    let result: DiagnosisResult
    /// Each source's name and how many lines it gave the joined text, in order.
    let sources: [(name: String, lines: Int)]
    let catalog: Catalog

    /// The best cause, when the catalog is sure enough to name it.
    var knownCause: RankedCause? { result.isKnown ? result.causes.first : nil }

    /// What the catalog says about `cause` (a ranked cause of this reading).
    func finding(_ cause: RankedCause) -> Finding {
        Finding(
            cause: cause.cause, signature: cause.signature, score: cause.score, evidence: cause.evidence.map(label),
            reason: cause.reason, help: help(cause.cause, cause.facts), facts: cause.facts)
    }

    /// What one signature's match says: its cause, the signature's reason.
    func finding(_ match: SignatureMatch) -> Finding {
        let reason =
            catalog.signature(match.signature)?.reason.map { FactTemplate.fill($0, with: match.facts) }
            ?? catalog.cause(match.cause)?.meaning ?? match.cause
        return Finding(
            cause: match.cause, signature: match.signature, score: match.score,
            evidence: match.evidence.map(label), reason: reason, help: help(match.cause, match.facts),
            facts: match.facts)
    }

    /// The match of signature `id`, when it matched an error of the text.
    func match(of id: String) -> SignatureMatch? {
        result.matches.first { $0.signature == id }
    }

    /// `stdout line 4: "…"`: the line's number within its own source.
    func label(_ line: LogLine) -> String {
        var number = line.number
        for source in sources {
            if number <= source.lines { return "\(source.name) line \(number): \(ConditionEvaluator.quoted(line.text))" }
            number -= source.lines
        }
        return "line \(line.number): \(ConditionEvaluator.quoted(line.text))"
    }

    private func help(_ cause: String, _ facts: [String: String]) -> String? {
        catalog.cause(cause)?.help.map { FactTemplate.fill($0, with: facts) }
    }
}
