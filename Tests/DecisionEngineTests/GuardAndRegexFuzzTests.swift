import TestSupport
import Testing

/// A small version of the regex and guard parts of `make fuzz` (off the cooperative pool: it blocks for seconds).
@Suite("Regex and guard fuzzing")
struct GuardAndRegexFuzzTests {
    @Test func randomPatternsDecideOrStopWithinASecond() async {
        let counts = await OffThePool.run { RegexFuzzer().run(count: 40, seed: 20_261_202) }
        #expect(counts.inputs == 40)
        #expect(counts.failures == 0, "\(counts.failureExamples.joined(separator: "\n"))")
        #expect(counts.decided > 10 && counts.stopped >= 1, "both kinds are exercised: \(counts)")
        #expect(counts.slowestMilliseconds < 1_000, "\(counts)")
    }

    @Test func noHostileValueBecomesAnOptionOrFlag() async {
        let counts = await OffThePool.run { GuardFuzzer().run(count: 300, seed: 20_261_202) }
        #expect(counts.violations == 0, "\(counts.violationExamples.joined(separator: "\n"))")
        #expect(counts.other == 0)
        #expect(counts.ran > 200 && counts.refused > 200 && counts.refusedByValidator > 0, "\(counts)")
    }
}
