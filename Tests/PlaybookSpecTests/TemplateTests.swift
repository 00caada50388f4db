import PlaybookSpec
import Testing

@Suite struct TemplateTests {
    @Test func parsesLiteralsAndPlaceholders() throws {
        let template = try Template.parse("go get {{ module }}@{{version}}!")
        #expect(template.segments == [.literal("go get "), .variable("module"), .literal("@"), .variable("version"), .literal("!")])
        #expect(template.variables == ["module", "version"])
        #expect(template.render { ["module": "example.com/m", "version": "v1.2.0"][$0] } == "go get example.com/m@v1.2.0!")
    }

    @Test func goEnvNamesAreVariables() throws {
        #expect(try Template.parse("{{goenv.GOPROXY}}").variables == ["goenv.GOPROXY"])
    }

    @Test func textWithoutPlaceholdersIsOneLiteral() throws {
        #expect(try Template.parse("plain } { text").segments == [.literal("plain } { text")])
        #expect(try Template.parse("").segments.isEmpty)
    }

    @Test func unclosedPlaceholderReportsItsOffset() {
        #expect(throws: Template.ParseError.unclosed(offset: 3)) { try Template.parse("ab {{name") }
    }

    @Test func badNameReportsTheName() {
        #expect(throws: Template.ParseError.badName("1x", offset: 0)) { try Template.parse("{{ 1x }} rest") }
        #expect(throws: Template.ParseError.badName("", offset: 2)) { try Template.parse("a {{}}") }
    }

    @Test func renderedPlaceholderStaysOneArgument() throws {
        let argument = try Template.parse("{{module}}").render { _ in "a b; rm -rf /" }
        #expect(argument == "a b; rm -rf /")
    }
}
