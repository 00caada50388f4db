import PlaybookSpec
import Testing

@Suite struct PatternTests {
    @Test func namedGroupsBecomeMatchGroups() throws {
        let pattern = try Pattern("go version (?<goversion>go[0-9.]+) (?<os>[a-z]+)/")
        #expect(pattern.groupNames == ["goversion", "os"])
        let match = try #require(pattern.firstMatch(in: "go version go1.19.8 linux/amd64"))
        #expect(match.groups == ["goversion": "go1.19.8", "os": "linux"])
        #expect(match.text == "go version go1.19.8 linux/")
    }

    @Test func lookbehindIsNotAGroupName() throws {
        let pattern = try Pattern(#"(?<=v)(?<major>\d+)(?<!x)\(?<escaped"#)
        #expect(pattern.groupNames == ["major"])
    }

    @Test func searchesAnywhere() throws {
        #expect(try Pattern("proxy").firstMatch(in: "no proxy here") != nil)
        #expect(try Pattern("^proxy").firstMatch(in: "no proxy here") == nil)
    }

    @Test func wholeMatchPatternsMatchOnlyTheEntireText() throws {
        let pattern = try Pattern(matchingWhole: "a|ab")
        #expect(pattern.source == "a|ab")
        #expect(pattern.firstMatch(in: "ab") != nil)
        #expect(pattern.firstMatch(in: "abc") == nil)
        #expect(pattern.firstMatch(in: "xa") == nil)
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
        let match = try #require(pattern.firstMatch(in: "go1.19.8 (42)"))
        #expect(match.groups == ["go_version": "go1.19.8", "größe": "42"])
    }

    /// A pattern keeps its compiled regex; many threads using one pattern at once each get their match.
    @Test func aPatternFirstUsedOnManyThreadsAtOnceMatchesOnEach() async throws {
        let pattern = try Pattern("proxy (?<port>[0-9]+)")
        let ports = await withTaskGroup(of: String?.self) { group in
            for port in 0..<32 {
                group.addTask { pattern.firstMatch(in: "proxy \(port) up")?.groups["port"] }
            }
            return await group.reduce(into: Set<String>()) { if let port = $1 { $0.insert(port) } }
        }
        #expect(ports == Set((0..<32).map(String.init)))
    }
}
