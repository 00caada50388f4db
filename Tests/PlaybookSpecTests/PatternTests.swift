import PlaybookSpec
import TestSupport
import Testing

@Suite struct PatternTests {
    @Test func namedGroupsBecomeMatchGroups() throws {
        let pattern = try Pattern("go version (?<goversion>go[0-9.]+) (?<os>[a-z]+)/")
        #expect(pattern.groupNames == ["goversion", "os"])
        let match = try #require(try pattern.firstMatch(in: "go version go1.19.8 linux/amd64", within: MatchBudget()))
        #expect(match.groups == ["goversion": "go1.19.8", "os": "linux"])
        #expect(match.text == "go version go1.19.8 linux/")
    }

    @Test func lookbehindIsNotAGroupName() throws {
        let pattern = try Pattern(#"(?<=v)(?<major>\d+)(?<!x)\(?<escaped"#)
        #expect(pattern.groupNames == ["major"])
    }

    @Test func searchesAnywhere() throws {
        #expect(try Pattern("proxy").firstMatch(in: "no proxy here", within: MatchBudget()) != nil)
        #expect(try Pattern("^proxy").firstMatch(in: "no proxy here", within: MatchBudget()) == nil)
    }

    @Test func wholeMatchPatternsMatchOnlyTheEntireText() throws {
        let pattern = try Pattern(matchingWhole: "a|ab")
        #expect(pattern.source == "a|ab")
        #expect(try pattern.firstMatch(in: "ab", within: MatchBudget()) != nil)
        #expect(try pattern.firstMatch(in: "abc", within: MatchBudget()) == nil)
        #expect(try pattern.firstMatch(in: "xa", within: MatchBudget()) == nil)
    }

    @Test func wholeMatchRejectsPatternsThatOnlyCompileInsideTheWrapper() {
        #expect(throws: PatternError.self) { try Pattern(matchingWhole: "a)|(b") }
    }

    @Test func invalidPatternThrows() {
        #expect(throws: PatternError.self) { try Pattern("(?<x") }
    }

    @Test func pythonStyleAndNonASCIIGroupNamesAreRenamedForICU() throws {
        let pattern = try Pattern(#"(?P<go_version>go[0-9.]+) \((?<größe>\d+)\)"#)
        #expect(pattern.groupNames == ["go_version", "größe"])
        let match = try #require(try pattern.firstMatch(in: "go1.19.8 (42)", within: MatchBudget()))
        #expect(match.groups == ["go_version": "go1.19.8", "größe": "42"])
    }

    /// A pattern keeps its compiled regex; many threads using one pattern at once each get their match.
    @Test func aPatternFirstUsedOnManyThreadsAtOnceMatchesOnEach() async throws {
        let pattern = try Pattern("proxy (?<port>[0-9]+)")
        let ports = await withTaskGroup(of: String?.self) { group in
            for port in 0..<32 {
                group.addTask { try? pattern.firstMatch(in: "proxy \(port) up", within: MatchBudget())?.groups["port"] }
            }
            return await group.reduce(into: Set<String>()) { if let port = $1 { $0.insert(port) } }
        }
        #expect(ports == Set((0..<32).map(String.init)))
    }

    /// `(a+)+b` on 40 a's backtracks 2^40 times; the budget stops it, and a normal match beside it
    /// is unaffected.
    @Test func aBacktrackingPatternIsStoppedWhenItsBudgetIsSpent() async throws {
        let pattern = try Pattern("(a+)+b")
        let text = String(repeating: "a", count: 40)
        let (stopped, spent) = await OffThePool.run { () -> (MatchStopped?, Duration) in
            let clock = ContinuousClock()
            let started = clock.now
            do {
                _ = try pattern.firstMatch(in: text, within: MatchBudget(milliseconds: 200))
                return (nil, clock.now - started)
            } catch {
                return (error as? MatchStopped, clock.now - started)
            }
        }
        #expect(stopped == MatchStopped(pattern: "(a+)+b", reason: .outOfTime(milliseconds: 200)))
        #expect(spent >= .milliseconds(200) && spent < .milliseconds(600), "stopped after \(spent)")
        #expect(try pattern.firstMatch(in: "aaab", within: MatchBudget())?.text == "aaab")
    }

    @Test func aSpentBudgetStopsTheNextMatchAtOnce() throws {
        let budget = MatchBudget(milliseconds: 0)
        #expect(throws: MatchStopped.self) { try Pattern("x").firstMatch(in: "x", within: budget) }
    }

    /// Cancelling the task that matches (Ctrl-C) stops a match that would run for years.
    @Test func cancellingTheTaskStopsTheMatch() async throws {
        let pattern = try Pattern("(a+)+b")
        let text = String(repeating: "a", count: 60)
        let task = Task.detached { () -> MatchStopped.Reason? in
            do {
                _ = try pattern.firstMatch(in: text, within: MatchBudget(milliseconds: 60_000))
                return nil
            } catch {
                return (error as? MatchStopped)?.reason
            }
        }
        try await Task.sleep(for: .milliseconds(100))
        let clock = ContinuousClock()
        let cancelled = clock.now
        task.cancel()
        let reason = await task.value
        #expect(reason == .cancelled)
        #expect(clock.now - cancelled < .milliseconds(200))
    }
}
