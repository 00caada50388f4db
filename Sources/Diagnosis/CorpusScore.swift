import Foundation

/// How well a catalog names the confirmed causes of a set of labelled texts.
///
/// An answer's top 1 is its best cause when it is sure enough (`isKnown`), else `unknown`; its
/// top 3 are the (up to) three causes it lists, weak ones included. A *confident wrong* answer
/// names a wrong cause with confidence and leaves the right one out of its three; "no known
/// cause" never is one.
///
/// Texts that occur with different confirmed causes (the very same words after normalisation)
/// are *contradictory*: no reading of the text can name all of them. They are scored like the
/// others and also kept apart in `consistent`, the score without them.
public struct CorpusScore: Sendable {
    public struct Tally: Sendable {
        public var count = 0
        public var top1 = 0
        public var top3 = 0
        public var confidentWrong = 0

        public var top1Rate: Double { count == 0 ? 1 : Double(top1) / Double(count) }
        public var top3Rate: Double { count == 0 ? 1 : Double(top3) / Double(count) }
        public var confidentWrongRate: Double { count == 0 ? 0 : Double(confidentWrong) / Double(count) }

        mutating func add(top1 hit1: Bool, top3 hit3: Bool, confidentWrong wrong: Bool) {
            count += 1
            if hit1 { top1 += 1 }
            if hit3 { top3 += 1 }
            if wrong { confidentWrong += 1 }
        }
    }

    /// One text whose top 1 was not its cause.
    public struct Miss: Sendable {
        public var expected: String
        /// The answer's three, best first.
        public var answered: [String]
        public var confidentWrong: Bool
        public var source: String?
        public var text: String
    }

    public private(set) var overall = Tally()
    /// The tally without the contradictory texts.
    public private(set) var consistent = Tally()
    /// How many texts are contradictory.
    public private(set) var contradictoryCount = 0
    public private(set) var byCause: [String: Tally] = [:]
    public private(set) var misses: [Miss] = []

    public init(entries: [(cause: String, text: String, source: String?)], diagnoser: Diagnoser) {
        var labels: [String: Set<String>] = [:]
        for entry in entries { labels[CorpusScore.key(entry.text), default: []].insert(entry.cause) }
        for entry in entries {
            let result = diagnoser.diagnose(entry.text)
            let answered = CorpusScore.answer(result)
            let hit1 = answered.first == entry.cause
            let listed = result.causes.prefix(3).map(\.cause)
            let hit3 = listed.contains(entry.cause) || (entry.cause == "unknown" && !result.isKnown)
            let wrong = result.isKnown && !hit1 && !hit3
            overall.add(top1: hit1, top3: hit3, confidentWrong: wrong)
            if (labels[CorpusScore.key(entry.text)]?.count ?? 0) > 1 {
                contradictoryCount += 1
            } else {
                consistent.add(top1: hit1, top3: hit3, confidentWrong: wrong)
            }
            byCause[entry.cause, default: Tally()].add(top1: hit1, top3: hit3, confidentWrong: wrong)
            if !hit1 {
                misses.append(
                    Miss(
                        expected: entry.cause, answered: Array(answered.prefix(4)), confidentWrong: wrong,
                        source: entry.source, text: entry.text))
            }
        }
    }

    /// Normalised text, for finding the same words under different labels.
    static func key(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// The causes an answer names, best first: `unknown` first when it is not sure enough.
    public static func answer(_ result: DiagnosisResult) -> [String] {
        let causes = result.causes.map(\.cause).filter { $0 != "unknown" }
        return result.isKnown ? causes : ["unknown"] + causes
    }

    /// `expected → answered` pairs of the misses with their counts, most frequent first.
    public var confusions: [(expected: String, answered: String, count: Int)] {
        var counts: [String: Int] = [:]
        for miss in misses { counts["\(miss.expected) → \(miss.answered.first ?? "nothing")", default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { key, count in
            let parts = key.components(separatedBy: " → ")
            return (parts[0], parts[1], count)
        }
    }
}
