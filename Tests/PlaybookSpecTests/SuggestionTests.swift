import Testing

@testable import PlaybookSpec

@Suite struct SuggestionTests {
    @Test(arguments: [("tiemout", "timeout"), ("rn", "run"), ("stdot", "stdout"), ("GOPROXYY", "GOPROXY")])
    func suggestsTheClosestKnownWord(_ typo: String, _ meant: String) {
        #expect(Suggestion.closest(to: typo, among: ["argv", "timeout", "run", "stdout", "GOPROXY", "GOPRIVATE"]) == meant)
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "colour", among: ["gotriage", "id", "title"]) == nil)
        #expect(Suggestion.closest(to: "b", among: ["a"]) == nil, "one-letter words suggest nothing")
        #expect(Suggestion.closest(to: "same", among: ["same"]) == nil, "a word is not its own suggestion")
    }

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: 99)
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3)
        #expect(distance("goto", "goto") == 0)
    }
}
