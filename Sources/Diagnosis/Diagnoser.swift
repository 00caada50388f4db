import Foundation

/// Ranks the causes behind a Go error log: reads the log as structure, tries each signature on
/// the pieces of the stages it applies to, lets signatures that explain others (`outranks`) go
/// first, and turns the best matches into at most three causes with evidence and facts.
public struct Diagnoser: Sendable {
    public let catalog: Catalog
    /// A top cause below this score is not offered as an answer ("no known cause").
    public static let knownThreshold = 0.5
    /// Causes below this score are not listed at all.
    public static let listFloor = 0.25
    /// How much an outranked match keeps of its score.
    static let outrankedFactor = 0.5

    /// Every required literal of every pattern, for one pass over each error (built on first
    /// use: a run that diagnoses nothing does not pay for it).
    private let scanner: LazyScanner
    /// `literalOwners[i]`: the signatures (catalog positions) one of whose patterns needs literal `i`.
    private let literalOwners: [[Int]]
    /// Signatures with a pattern that has no required literal: tried on every error.
    private let alwaysTried: [Int]

    public init(catalog: Catalog) {
        self.catalog = catalog
        var literals: [[UInt8]] = []
        var owners: [[Int]] = []
        var always: [Int] = []
        for (position, signature) in catalog.signatures.enumerated() {
            for pattern in signature.patterns {
                guard let needed = pattern.literals else {
                    always.append(position)
                    continue
                }
                for literal in needed {
                    literals.append(literal)
                    owners.append([position])
                }
            }
        }
        scanner = LazyScanner(literals)
        literalOwners = owners
        alwaysTried = Array(Set(always)).sorted()
    }

    /// Reads the log and matches the signatures (reading as structure only the errors a
    /// signature could match).
    public func matches(in text: String) -> [SignatureMatch] {
        var records: [ErrorRecord] = []
        var seen = Set<String>()
        var candidates: [[Int]] = []
        let scanner = self.scanner.built
        var found = [Bool](repeating: false, count: scanner.count)
        for group in GoLog.group(JSONFields.unfold(LogNormalizer.lines(of: text))) {
            let joined = group.map(\.text).joined(separator: "\n")
            guard seen.insert(joined).inserted else { continue }
            for index in found.indices { found[index] = false }
            scanner.scan(joined, into: &found)
            var positions = Set(alwaysTried)
            for (index, hit) in found.enumerated() where hit { positions.formUnion(literalOwners[index]) }
            guard !positions.isEmpty, !GoLog.isProgress(group) else { continue }
            let record = GoLog.read(group)
            guard !record.isProgress else { continue }
            records.append(record)
            candidates.append(positions.sorted())
        }
        return rank(records: records, candidates: candidates)
    }

    /// Every signature match in the log, best first.
    public func matches(in log: GoLog) -> [SignatureMatch] {
        let errors = log.errors
        return rank(records: errors, candidates: errors.map { _ in Array(catalog.signatures.indices) })
    }

    private func rank(records: [ErrorRecord], candidates: [[Int]]) -> [SignatureMatch] {
        var found: [SignatureMatch] = []
        for (recordIndex, record) in records.enumerated() {
            for order in candidates[recordIndex] {
                let signature = catalog.signatures[order]
                guard let match = firstMatch(of: signature, order: order, in: record, index: recordIndex) else { continue }
                found.append(match)
            }
        }
        let matched = Set(found.map(\.signature))
        let outranked = Set(
            catalog.signatures.filter { matched.contains($0.id) }.flatMap { signature in
                signature.outranks.filter { $0 != signature.id }
            })
        for index in found.indices where outranked.contains(found[index].signature) {
            found[index].outranked = true
            found[index].score *= Self.outrankedFactor
        }
        return found.sorted(by: SignatureMatch.ranksBefore)
    }

    /// The ranked causes for a log text.
    public func diagnose(_ text: String, limit: Int = 3) -> DiagnosisResult {
        result(matches(in: text), limit: limit)
    }

    public func diagnose(_ log: GoLog, limit: Int = 3) -> DiagnosisResult {
        result(matches(in: log), limit: limit)
    }

    private func result(_ ranked: [SignatureMatch], limit: Int) -> DiagnosisResult {
        var byCause: [String: RankedCause] = [:]
        var order: [String] = []
        func offer(_ candidate: RankedCause) {
            if let existing = byCause[candidate.cause] {
                guard candidate.score > existing.score else { return }
            } else {
                order.append(candidate.cause)
            }
            byCause[candidate.cause] = candidate
        }
        var signaturesPerCause: [String: Set<String>] = [:]
        for match in ranked {
            signaturesPerCause[match.cause, default: []].insert(match.signature)
            offer(rankedCause(for: match, cause: match.cause, score: match.score, alternative: false))
        }
        for match in ranked {
            guard let signature = catalog.signature(match.signature) else { continue }
            for (position, alternative) in signature.alternatives.enumerated() where alternative != match.cause {
                let score = match.score * max(0.7 - 0.1 * Double(position), 0.3)
                if (byCause[alternative]?.score ?? 0) < score {
                    offer(rankedCause(for: match, cause: alternative, score: score, alternative: true))
                }
            }
        }
        for (cause, signatures) in signaturesPerCause where signatures.count > 1 {
            guard var best = byCause[cause] else { continue }
            best.score = min(0.99, best.score + 0.03 * Double(signatures.count - 1))
            byCause[cause] = best
        }
        let causes = order.compactMap { byCause[$0] }
            .filter { $0.score >= Self.listFloor }
            .enumerated()
            .sorted { $0.element.score != $1.element.score ? $0.element.score > $1.element.score : $0.offset < $1.offset }
            .map(\.element)
        return DiagnosisResult(causes: Array(causes.prefix(limit)), matches: ranked)
    }

    private func rankedCause(for match: SignatureMatch, cause: String, score: Double, alternative: Bool) -> RankedCause {
        let meaning = catalog.cause(cause)?.meaning ?? cause
        let signature = catalog.signature(match.signature)
        var reason = (alternative ? nil : signature?.reason).map { FactTemplate.fill($0, with: match.facts) } ?? meaning
        if alternative {
            reason = "\(meaning) (the same words can also mean this)"
        }
        return RankedCause(
            cause: cause, score: score, signature: match.signature, evidence: match.evidence,
            facts: match.facts, reason: reason, start: catalog.cause(cause)?.start)
    }

    /// The signature's first pattern that matches a piece of the record whose stage it reads.
    func firstMatch(of signature: Signature, order: Int, in record: ErrorRecord, index: Int) -> SignatureMatch? {
        for fragment in record.fragments where signature.applies(to: fragment.stage) {
            for pattern in signature.patterns {
                guard let match = pattern.firstMatch(in: fragment.text) else { continue }
                let facts = Facts.collect(record: record, fragment: fragment, groups: match.groups)
                if let modules = signature.modulePattern {
                    guard let module = facts["module"], modules.firstMatch(in: module) != nil else { return nil }
                }
                let evidence = evidenceLines(record: record, fragment: fragment, range: match.range)
                return SignatureMatch(
                    signature: signature.id, cause: signature.cause, score: signature.confidence,
                    outranked: false, record: index, order: order, stage: fragment.stage,
                    evidence: evidence, facts: facts)
            }
        }
        return nil
    }

    /// The error's first line (it names the module), then the lines the match touches.
    func evidenceLines(record: ErrorRecord, fragment: Fragment, range: Range<Int>) -> [LogLine] {
        var lines = fragment.lines(touching: range)
        if let head = record.lines.first, !lines.contains(head) { lines.insert(head, at: 0) }
        return lines
    }
}

/// One signature matching one error of a log.
public struct SignatureMatch: Sendable {
    public var signature: String
    public var cause: String
    public var score: Double
    /// Another matching signature explains this one.
    public var outranked: Bool
    /// Index into `GoLog.errors`.
    public var record: Int
    /// The signature's place in the catalog.
    public var order: Int
    public var stage: Stage
    public var evidence: [LogLine]
    public var facts: [String: String]

    /// Higher score first; then the earlier error; then the signature listed first in the catalog.
    static func ranksBefore(_ a: SignatureMatch, _ b: SignatureMatch) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.record != b.record { return a.record < b.record }
        return a.order < b.order
    }
}

/// One cause the log points at, with what shows it.
public struct RankedCause: Sendable {
    public var cause: String
    /// 0…1.
    public var score: Double
    /// The signature whose match carries the evidence.
    public var signature: String
    public var evidence: [LogLine]
    public var facts: [String: String]
    /// One line on why.
    public var reason: String
    public var start: StepRef?
}

/// What `Diagnoser.diagnose` found.
public struct DiagnosisResult: Sendable {
    /// At most the limit asked for, best first, each at least `Diagnoser.listFloor`.
    public var causes: [RankedCause]
    /// Every signature match, best first.
    public var matches: [SignatureMatch]

    /// Whether the best cause is sure enough to be offered as the answer.
    public var isKnown: Bool { (causes.first?.score ?? 0) >= Diagnoser.knownThreshold }
}

/// A `LiteralScanner` built the first time it is asked for; the lock guards that one build.
private final class LazyScanner: @unchecked Sendable {
    private let lock = NSLock()
    private var literals: [[UInt8]]?
    private var scanner: LiteralScanner?

    init(_ literals: [[UInt8]]) { self.literals = literals }

    var built: LiteralScanner {
        lock.withLock {
            if let scanner { return scanner }
            let made = LiteralScanner(literals ?? [])
            scanner = made
            literals = nil
            return made
        }
    }
}
