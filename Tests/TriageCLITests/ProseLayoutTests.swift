import Testing

@testable import TriageCLI

/// Sentences laid out for a terminal: prose filled at word boundaries, commands on lines of their own.
@Suite struct ProseLayoutTests {
    static func texts(_ lines: [ProseLayout.Line]) -> [String] { lines.map(\.text) }

    @Test func proseIsFilledAtWordBoundariesAndNoLineIsWiderThanAsked() {
        let text = "The module proxy answered that it does not have the module, so go cannot download it from there."
        let lines = ProseLayout.lines(text, width: 30)
        #expect(
            Self.texts(lines) == [
                "The module proxy answered that", "it does not have the module,", "so go cannot download it from",
                "there."
            ])
        #expect(lines.allSatisfy { $0.text.count <= 30 && !$0.isCommand })
        #expect(Self.texts(lines).joined(separator: " ") == text, "no word is lost or split")
    }

    @Test func aCommandGoesOnItsOwnIndentedLineWhateverItsLength() {
        let lines = ProseLayout.lines(
            "Then run: `go mod edit -replace=example.com/a=example.com/b@v1.0.0`. After that, tidy: `go mod tidy`.",
            width: 24)
        #expect(
            lines == [
                .init(text: "Then run:", isCommand: false),
                .init(text: "    go mod edit -replace=example.com/a=example.com/b@v1.0.0", isCommand: true),
                .init(text: "After that, tidy:", isCommand: false),
                .init(text: "    go mod tidy", isCommand: true)
            ])
    }

    @Test func bracketsAroundACommandAreDroppedWithIt() {
        let lines = ProseLayout.lines("Ask whoever added the line (`git log -p go.sum`) and compare.", width: 80)
        #expect(Self.texts(lines) == ["Ask whoever added the line", "    git log -p go.sum", "and compare."])
    }

    @Test func aWordLongerThanTheWidthIsKeptWhole() {
        let url = "https://sum.golang.org/lookup/git.corp.example/team/lib@v1.0.0"
        #expect(Self.texts(ProseLayout.lines("See \(url) for it.", width: 20)) == ["See", url, "for it."])
    }

    @Test func aLeadStartsTheFirstLineAndAHangingIndentTheOthers() {
        let lines = ProseLayout.lines(
            "GOPROXY=off forbids every download; this lets Go fetch modules again.", width: 36, lead: "Proposed fix: ",
            indent: "  ")
        #expect(
            Self.texts(lines) == [
                "Proposed fix: GOPROXY=off forbids", "  every download; this lets Go fetch", "  modules again."
            ])
    }

    @Test func aBacktickWithoutItsPairIsText() {
        #expect(Self.texts(ProseLayout.lines("it's `quoted", width: 80)) == ["it's `quoted"])
    }

    @Test func lineBreaksOfTheTextAreKept() {
        #expect(Self.texts(ProseLayout.lines("one\ntwo\n\nthree", width: 80)) == ["one", "two", "", "three"])
        #expect(Self.texts(ProseLayout.lines("", width: 80)) == [""])
    }

    @Test func outputIsCutAtSpacesKeepingItsIndent() {
        #expect(
            ProseLayout.outputLines("  example.com/hello@v1.0.0: is explicitly required in go.mod", width: 30) == [
                "  example.com/hello@v1.0.0: is", "  explicitly required in", "  go.mod"
            ])
        #expect(ProseLayout.outputLines("abcdefghijklmnopqrstuvwxyz", width: 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"])
    }
}
