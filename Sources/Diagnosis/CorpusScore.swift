import Foundation

/// How well a catalog names the confirmed causes of a set of labelled texts.
///
/// An answer's top 1 is its best cause when it is sure enough (`isKnown`), else `unknown`; its
/// top 3 is that plus the next causes listed. A *confident wrong* answer names a wrong cause with
/// confidence and leaves the right one out of its three; "no known cause" never is one.
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
    public private(set) var byCause: [String: Tally] = [:]
    public private(set) var misses: [Miss] = []

    public init(entries: [(cause: String, text: String, source: String?)], diagnoser: Diagnoser) {
        for entry in entries {
            let result = diagnoser.diagnose(entry.text)
            let answered = CorpusScore.answer(result)
            let hit1 = answered.first == entry.cause
            let hit3 = answered.prefix(3).contains(entry.cause)
            let wrong = result.isKnown && !hit1 && !hit3
            overall.add(top1: hit1, top3: hit3, confidentWrong: wrong)
            byCause[entry.cause, default: Tally()].add(top1: hit1, top3: hit3, confidentWrong: wrong)
            if !hit1 {
                misses.append(Miss(expected: entry.cause, answered: Array(answered.prefix(3)), confidentWrong: wrong,
                                   source: entry.source, text: entry.text))
            }
        }
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
