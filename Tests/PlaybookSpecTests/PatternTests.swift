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
}
