import DecisionEngine
import Foundation
import PlaybookSpec

/// Runs random regular expressions — catastrophic ones among them — against random probe output
/// through a real walk (loader, validator, captures, branch evaluation) under the step's
/// `MatchBudget`, and sorts what comes back.
///
/// Each input is a one-step playbook whose capture and branch use the pattern. A step either
/// decides (its branch matched or not) or ends with `pattern-too-slow`; anything else, or a step
/// that takes longer than `hangSeconds`, is counted as a failure and kept as an example.
public struct RegexFuzzer {
    /// What a run found.
    public struct Counts: Sendable, CustomStringConvertible {
        public var inputs = 0
        /// Patterns the validator refused (they never reach a walk).
        public var invalid = 0
        /// Steps that matched or did not, in time.
        public var decided = 0
        /// Steps stopped by the budget (`pattern-too-slow`).
        public var stopped = 0
        /// Steps that took longer than the hang limit, or ended any other way.
        public var failures = 0
        public var failureExamples: [String] = []
        /// The slowest step, in milliseconds, and the slowest step that decided.
        public var slowestMilliseconds = 0.0
        public var slowestDecidedMilliseconds = 0.0
        /// Time spent in steps that decided, in milliseconds (the cost of normal matching).
        public var decidedMilliseconds = 0.0

        /// Adds the counts of another run.
        public mutating func merge(_ other: Counts) {
            inputs += other.inputs
            invalid += other.invalid
            decided += other.decided
            stopped += other.stopped
            failures += other.failures
            failureExamples += other.failureExamples.prefix(max(0, 5 - failureExamples.count))
            slowestMilliseconds = max(slowestMilliseconds, other.slowestMilliseconds)
            slowestDecidedMilliseconds = max(slowestDecidedMilliseconds, other.slowestDecidedMilliseconds)
            decidedMilliseconds += other.decidedMilliseconds
        }

        public init() {}

        public var description: String {
            String(
                format: "inputs: %d, invalid patterns: %d, decided: %d, stopped by the budget: %d, hangs or failures: %d, "
                    + "slowest step: %.0f ms, slowest that decided: %.1f ms, mean decided step: %.2f ms",
                inputs, invalid, decided, stopped, failures, slowestMilliseconds, slowestDecidedMilliseconds,
                decided == 0 ? 0 : decidedMilliseconds / Double(decided))
        }
    }

    /// A step taking longer than this, in seconds, is a hang: the budget is 0.5 s.
    public let hangSeconds: Double

    public init(hangSeconds: Double = 1) {
        self.hangSeconds = hangSeconds
    }

    /// Runs `count` inputs made from `seed`.
    public func run(count: Int, seed: UInt64) -> Counts {
        var random = SplitMix64(seed: seed)
        var counts = Counts()
        let clock = ContinuousClock()
        for _ in 0..<count {
            let pattern = Self.pattern(&random)
            let output = Self.output(&random)
            counts.inputs += 1
            guard
                case .success(let tree) = PlaybookLibrary.load(
                    texts: [("fuzz.yaml", Self.playbook(pattern))], catalog: FixtureTrees.shippedLoadedCatalog),
                var walk = Walk(tree: tree, playbook: "fuzz"), case .run = walk.next().action
            else {
                counts.invalid += 1
                continue
            }
            let started = clock.now
            let ended: WalkEnd?
            do {
                try walk.record(probe: ProbeObservation(exitCode: 0, stdout: output.stdout, stderr: output.stderr))
                if case .finished(let end) = walk.next().action { ended = end } else { ended = nil }
            } catch {
                ended = nil
            }
            let spent = clock.now - started
            let milliseconds = Double(spent.components.seconds) * 1_000 + Double(spent.components.attoseconds) / 1e15
            counts.slowestMilliseconds = max(counts.slowestMilliseconds, milliseconds)
            switch ended?.reason {
            case .done? where milliseconds <= hangSeconds * 1_000:
                counts.decided += 1
                counts.decidedMilliseconds += milliseconds
                counts.slowestDecidedMilliseconds = max(counts.slowestDecidedMilliseconds, milliseconds)
            case .patternTooSlow? where milliseconds <= hangSeconds * 1_000:
                counts.stopped += 1
            default:
                counts.failures += 1
                if counts.failureExamples.count < 5 {
                    counts.failureExamples.append(
                        "pattern \(pattern.debugDescription), \(output.stdout.count) + "
                            + "\(output.stderr.count) characters, \(Int(milliseconds)) ms, ended \(String(describing: ended))")
                }
            }
        }
        return counts
    }

    /// A playbook whose one step captures and branches with `pattern`.
    static func playbook(_ pattern: String) -> String {
        let quoted = "'" + pattern.replacingOccurrences(of: "'", with: "''") + "'"
        let captured = "'(?<found>" + pattern.replacingOccurrences(of: "'", with: "''") + ")'"
        return """
            gotriage: 1
            id: fuzz
            title: Fuzz
            summary: A random pattern.
            start: look
            steps:
              look:
                run:
                  argv: [printf, x]
                  capture:
                    - output: \(captured)
                branch:
                  - if: {in: output, matches: \(quoted)}
                    goto: hit
                  - if: {var: found, matches: \(quoted)}
                    goto: hit
                  - else: miss
              hit:
                done: {outcome: resolved, conclusion: Hit.}
              miss:
                done: {outcome: not-resolved, conclusion: Miss.}
            """
    }

    /// Patterns known to backtrack without end on the right text.
    static let catastrophic = [
        "(a+)+b", "(a|aa)+$", "(a*)*b", "(.*a){20}", "((a+)+)+c", #"(\w+\s?)+$"#, "(x+x+)+y", "(a|a?)+b",
        #"^(\d+)*$"#, "(.*)*z", "(a+|b+)*c", #"(\s*,\s*)*;"#
    ]

    /// A random pattern: one of `catastrophic` (one time in four), or a random one from atoms,
    /// groups, alternations and quantifiers (possibly invalid, possibly catastrophic too).
    static func pattern(_ random: inout SplitMix64) -> String {
        if random.below(4) == 0 { return catastrophic[random.below(catastrophic.count)] }
        return randomExpression(&random, depth: 0)
    }

    private static func randomExpression(_ random: inout SplitMix64, depth: Int) -> String {
        // Mostly valid pieces; "(", "[" and a back-reference now and then make invalid patterns too.
        let atoms = [
            "a", "a", "b", "x", ".", "-", #"\d"#, #"\w"#, #"\s"#, "[a-z]", "[^b]", "^", "$", "é", #"\."#,
            "go", "GOPROXY=off", "a", ".", random.below(8) == 0 ? "(" : "a", random.below(8) == 0 ? "[" : "x",
            random.below(4) == 0 ? #"\1"# : "b"
        ]
        let quantifiers = ["", "", "*", "+", "?", "{2,5}", "*?", "++", "{0,40}"]
        var result = ""
        for _ in 0...random.below(4) {
            switch random.below(6) {
            case 0 where depth < 3:
                let inner = randomExpression(&random, depth: depth + 1)
                let opening = ["(", "(?:", "(?=", "(?!", "(?>"][random.below(5)]
                result += opening + inner + ")" + quantifiers[random.below(quantifiers.count)]
            case 1 where depth < 3:
                result += randomExpression(&random, depth: depth + 1) + "|" + randomExpression(&random, depth: depth + 1)
            default:
                result += atoms[random.below(atoms.count)] + quantifiers[random.below(quantifiers.count)]
            }
        }
        return result
    }

    /// Random probe output: long runs of one letter (what makes backtracking explode), words and
    /// go-like error lines, control bytes, and many lines, on stdout and stderr.
    static func output(_ random: inout SplitMix64) -> (stdout: String, stderr: String) {
        func text(_ random: inout SplitMix64) -> String {
            var lines: [String] = []
            for _ in 0...random.below(6) {
                switch random.below(5) {
                case 0: lines.append(String(repeating: ["a", "x", "1", " ,"][random.below(4)], count: 10 + random.below(60)))
                case 1: lines.append("go: example.com/m@v1.0.0: module lookup disabled by GOPROXY=off")
                case 2: lines.append(String(repeating: "a", count: random.below(5_000)) + (random.below(2) == 0 ? "b" : ""))
                case 3: lines.append("\u{1B}[31mred\r\u{7}é💥\t" + String(repeating: "ab", count: random.below(100)))
                default: lines += (0..<random.below(300)).map { "line \($0): go: downloading example.com/m\($0) v1.0.\($0)" }
                }
            }
            return lines.joined(separator: "\n")
        }
        return (text(&random), random.below(2) == 0 ? "" : text(&random))
    }
}
